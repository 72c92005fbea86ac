// What the co-chairs and the secretariat do besides deciding amendments: freeze / unfreeze a
// paragraph (confirmed), undo the last decision on it, put a paragraph or a whole revision under
// silence, issue the next revision (confirmed). Errors show beside the control (ui.js).
import { useState } from "../vendor/htm-preact-standalone.module.js";
import * as api from "./api.js";
import { documentId, pendingAmendments } from "./data.js";
import { confirmDialog } from "./dialog.js";
import { Editor } from "./editor.js";
import { revisionLabel, t } from "./i18n.js";
import { TakeUpButton } from "./plenary.js";
import { state } from "./store.js";
import { ActionButton, ActionError, html, useAction } from "./ui.js";
import { UndoButton } from "./undo.js";

// Only the co-chairs start silence, table proposals and keep the calendar (the secretariat may not:
// tests/security/authorization.csv); both decide, freeze, undo and issue revisions.
export const isChair = () => state.me?.role === "chair";

/** Tomorrow at this time, as a datetime-local input wants it (local time, to the minute). */
export function defaultDeadline() {
  const d = new Date(Date.now() + 24 * 3600 * 1000);
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
  return d.toISOString().slice(0, 16);
}

// The zone a silence deadline is typed in: the reader's by default; any IANA zone (the meeting's,
// a capital's), which the server keeps and shows the deadline in.
const READER_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
const ZONES = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [READER_ZONE, "UTC"];

/** Freeze / unfreeze and silence for one paragraph (chairs and the secretariat). */
export function ChairParagraphActions({ paragraph }) {
  const [silence, setSilence] = useState(false);
  const [deadline, setDeadline] = useState(defaultDeadline());
  const [zone, setZone] = useState(READER_ZONE);
  const action = useAction();
  const start = async (event) => {
    event.preventDefault();
    await action.run(
      // The deadline as typed, without a zone: the server reads it in `zone`.
      () => api.paragraphs.silence(paragraph.id, paragraph.head_version, `${deadline}:00`, zone),
      { success: t("silence.started", { label: paragraph.label }), control: event.submitter },
    ).then(() => setSilence(false), () => {});
  };
  const freezing = !paragraph.frozen;
  return html`
    <${TakeUpButton} paragraph=${paragraph} />
    <${ActionButton} class="quiet" testid="freeze"
      confirm=${() =>
        confirmDialog({
          title: t(freezing ? "confirm.freeze_title" : "confirm.unfreeze_title", { label: paragraph.label }),
          body: html`<p>${t(freezing ? "confirm.freeze_body" : "confirm.unfreeze_body")}</p>`,
          confirmLabel: freezing ? t("paragraph.freeze") : t("paragraph.unfreeze"),
        })}
      onAct=${() => (paragraph.frozen ? api.paragraphs.unfreeze(paragraph.id) : api.paragraphs.freeze(paragraph.id))}
      success=${t(paragraph.frozen ? "paragraph.unfrozen_notice" : "paragraph.frozen_notice", { label: paragraph.label })}>
      ${paragraph.frozen ? t("paragraph.unfreeze") : t("paragraph.freeze")}<//>
    <${UndoButton} paragraph=${paragraph} />
    ${isChair() &&
    html`<button type="button" class="quiet" aria-expanded=${silence} data-testid="silence"
      onClick=${() => setSilence(!silence)}>${t("silence.start")}</button>`}
    ${silence &&
    html`<form class="inline-form" onSubmit=${start}>
      <label>${t("silence.deadline")}
        <input type="datetime-local" value=${deadline} required onInput=${(e) => setDeadline(e.target.value)} />
      </label>
      <label>${t("silence.timezone")}
        <input list="silence-zones" value=${zone} required data-testid="silence-zone-input"
          onInput=${(e) => setZone(e.target.value.trim())} />
        <datalist id="silence-zones">${ZONES.map((z) => html`<option value=${z} />`)}</datalist>
      </label>
      <button type="submit" aria-describedby=${action.describedBy}>${t("silence.confirm")}</button>
      <${ActionError} action=${action} />
    </form>`}`;
}

/** Issue the next revision of the whole text, and put the latest one under silence. */
export function RevisionActions() {
  const [note, setNote] = useState("");
  const [deadline, setDeadline] = useState(defaultDeadline());
  const issuing = useAction();
  const silencing = useAction();
  const latest = state.revisions[state.revisions.length - 1];
  const next = revisionLabel({ number: (latest?.number ?? -1) + 1 });
  const issue = async (event) => {
    event.preventDefault();
    const control = event.submitter;
    const yes = await confirmDialog({
      title: t("confirm.revision_title", { label: next }),
      body: html`<p>${t("confirm.revision_body", { label: next })}</p>`,
      confirmLabel: t("board.issue_revision", { label: next }),
    });
    if (!yes) return;
    await issuing.run(() => api.documents.issueRevision(documentId(), note.trim()), {
      success: t("board.revision_issued"),
      control,
    }).then(() => setNote(""), () => {});
  };
  const silence = async (event) => {
    event.preventDefault();
    await silencing.run(
      () => api.documents.revisionSilence(documentId(), latest.number, new Date(deadline).toISOString()),
      { success: t("silence.started_revision", { label: revisionLabel(latest) }), control: event.submitter },
    ).catch(() => {});
  };
  return html`<div class="chair-actions">
    <form class="inline-form" onSubmit=${issue} data-testid="issue-revision">
      <label>${t("board.revision_note")}
        <input value=${note} onInput=${(e) => setNote(e.target.value)} />
      </label>
      <button type="submit" aria-describedby=${issuing.describedBy}>${t("board.issue_revision", { label: next })}</button>
      <${ActionError} action=${issuing} />
    </form>
    ${latest &&
    isChair() &&
    html`<form class="inline-form" onSubmit=${silence}>
      <label>${t("silence.deadline")}
        <input type="datetime-local" value=${deadline} required onInput=${(e) => setDeadline(e.target.value)} />
      </label>
      <button type="submit" aria-describedby=${silencing.describedBy}>${t("silence.start_revision", { label: revisionLabel(latest) })}</button>
      <${ActionError} action=${silencing} />
    </form>`}
  </div>`;
}

/**
 * The co-chairs table their own compromise on a paragraph, optionally replacing named pending
 * amendments; it is then an amendment like any other, shown as "Chairs' proposal".
 */
export function ChairsProposalPanel({ paragraph, onDone }) {
  const candidates = pendingAmendments(paragraph.id).filter((a) => a.kind === "modify" && !a.chairs_text);
  const [replaces, setReplaces] = useState([]);
  const toggle = (id) => setReplaces(replaces.includes(id) ? replaces.filter((x) => x !== id) : [...replaces, id]);
  return html`<div class="merge-panel" data-testid="chairs-proposal-panel">
    ${candidates.length > 0 &&
    html`<fieldset>
      <legend>${t("chairs.replaces")}</legend>
      ${candidates.map(
        (a) => html`<label class="check"><input type="checkbox" checked=${replaces.includes(a.id)}
          onChange=${() => toggle(a.id)} /> ${t("amendment.number", { id: a.id })} (${a.sponsors.join(", ")})</label>`,
      )}
    </fieldset>`}
    <${Editor} mode="chairs" paragraph=${paragraph} baseText=${paragraph.text}
      baseVersion=${paragraph.head_version} amendmentIds=${replaces} onDone=${onDone} />
  </div>`;
}
