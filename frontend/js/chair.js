// What the co-chairs and the secretariat do besides deciding amendments: freeze / unfreeze a
// paragraph, put a paragraph or a whole revision under silence, issue the next revision.
import { useState } from "../vendor/htm-preact-standalone.module.js";
import * as api from "./api.js";
import { act, documentId } from "./data.js";
import { t } from "./i18n.js";
import { TakeUpButton } from "./plenary.js";
import { state } from "./store.js";
import { html } from "./ui.js";

// As app/models/revision.py names them.
const revisionLabel = (n) => (n === 0 ? "Zero draft" : `Rev.${n}`);

/** Tomorrow at this time, as a datetime-local input wants it (local time, to the minute). */
export function defaultDeadline() {
  const d = new Date(Date.now() + 24 * 3600 * 1000);
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
  return d.toISOString().slice(0, 16);
}

/** Freeze / unfreeze and silence for one paragraph (chairs and the secretariat). */
export function ChairParagraphActions({ paragraph }) {
  const [silence, setSilence] = useState(false);
  const [deadline, setDeadline] = useState(defaultDeadline());
  const start = async (event) => {
    event.preventDefault();
    await act(
      () => api.paragraphs.silence(paragraph.id, paragraph.head_version, new Date(deadline).toISOString()),
      { success: t("silence.started", { label: paragraph.label }) },
    ).then(() => setSilence(false), () => {});
  };
  return html`
    <${TakeUpButton} paragraph=${paragraph} />
    <button type="button" class="quiet" data-testid="freeze"
      onClick=${() =>
        act(() => (paragraph.frozen ? api.paragraphs.unfreeze(paragraph.id) : api.paragraphs.freeze(paragraph.id)), {
          success: t(paragraph.frozen ? "paragraph.unfrozen_notice" : "paragraph.frozen_notice", { label: paragraph.label }),
        }).catch(() => {})}>
      ${paragraph.frozen ? t("paragraph.unfreeze") : t("paragraph.freeze")}</button>
    <button type="button" class="quiet" aria-expanded=${silence} data-testid="silence"
      onClick=${() => setSilence(!silence)}>${t("silence.start")}</button>
    ${silence &&
    html`<form class="inline-form" onSubmit=${start}>
      <label>${t("silence.deadline")}
        <input type="datetime-local" value=${deadline} required onInput=${(e) => setDeadline(e.target.value)} />
      </label>
      <button type="submit">${t("silence.confirm")}</button>
    </form>`}`;
}

/** Issue the next revision of the whole text, and put the latest one under silence. */
export function RevisionActions() {
  const [note, setNote] = useState("");
  const [deadline, setDeadline] = useState(defaultDeadline());
  const latest = state.revisions[state.revisions.length - 1];
  const issue = async (event) => {
    event.preventDefault();
    await act(() => api.documents.issueRevision(documentId(), note.trim()), {
      success: t("board.revision_issued"),
    }).then(() => setNote(""), () => {});
  };
  const silence = async (event) => {
    event.preventDefault();
    await act(
      () => api.documents.revisionSilence(documentId(), latest.number, new Date(deadline).toISOString()),
      { success: t("silence.started_revision", { label: latest.label }) },
    ).catch(() => {});
  };
  return html`<div class="chair-actions">
    <form class="inline-form" onSubmit=${issue} data-testid="issue-revision">
      <label>${t("board.revision_note")}
        <input value=${note} onInput=${(e) => setNote(e.target.value)} />
      </label>
      <button type="submit">${t("board.issue_revision", { label: revisionLabel((latest?.number ?? -1) + 1) })}</button>
    </form>
    ${latest &&
    html`<form class="inline-form" onSubmit=${silence}>
      <label>${t("silence.deadline")}
        <input type="datetime-local" value=${deadline} required onInput=${(e) => setDeadline(e.target.value)} />
      </label>
      <button type="submit">${t("silence.start_revision", { label: latest.label })}</button>
    </form>`}
  </div>`;
}
