// The amendment editor: edit the paragraph in place, watch the word redline against the base
// update as you type, give a rationale, submit. Used to propose, to revise one's own amendment
// and (for the chairs) to merge several into a compromise. A 409 from the server (the head moved)
// is shown with the clashing words and an offer to rebase onto the current text.
import { useEffect, useMemo, useRef, useState } from "../vendor/htm-preact-standalone.module.js";
import { diff_match_patch } from "../vendor/diff-match-patch.module.js";
import * as api from "./api.js";
import { act, documentId } from "./data.js";
import { t } from "./i18n.js";
import { ConflictList, html, Redline } from "./ui.js";
import { wordDiff } from "./words.js";

/**
 * Carry the edits base -> mine over onto `head`, hunk by hunk. Only a suggestion for the delegate
 * to review (the live redline shows it against the new head); the server re-checks everything.
 */
export function rebaseText(base, mine, head) {
  const dmp = new diff_match_patch();
  dmp.Match_Threshold = 0.1; // near-exact context only: better to report a clash than guess
  const patches = dmp.patch_make(base, mine);
  const [text, applied] = dmp.patch_apply(patches, head);
  const failed = patches
    .filter((_, i) => !applied[i])
    .map((patch) => patch.diffs.filter(([op]) => op !== 0).map(([, s]) => s.trim()).join(" → "));
  return { text: failed.length === patches.length ? head : text, failed };
}

/** A first compromise for the chairs: every amendment's edits applied in turn to the head. */
export function combineTexts(head, amendments, baseTexts) {
  let text = head;
  for (const a of amendments) {
    const base = baseTexts[a.id] ?? head;
    text = rebaseText(base, a.text, text).text;
  }
  return text;
}

export function Editor({ mode, paragraph, baseText, baseVersion, initialText, initialRationale, amendment, amendmentIds, onDone }) {
  const [text, setText] = useState(initialText ?? baseText);
  const [rationale, setRationale] = useState(initialRationale ?? "");
  const [base, setBase] = useState({ text: baseText, version: baseVersion });
  const [conflict, setConflict] = useState(null);
  const [rebaseNote, setRebaseNote] = useState(null);
  const [busy, setBusy] = useState(false);
  const area = useRef(null);
  useEffect(() => area.current?.focus(), []);
  const segments = useMemo(() => wordDiff(base.text, text), [base.text, text]);
  const unchanged = text === base.text;
  const id = `ed-${mode}-${paragraph.id}`;

  const submit = async (event) => {
    event.preventDefault();
    setBusy(true);
    setConflict(null);
    try {
      if (mode === "insert") {
        await act(
          () =>
            api.documents.proposeStructural(documentId(), {
              kind: "insert_paragraph",
              section: paragraph.section_id,
              after: paragraph.id,
              text,
              rationale,
            }),
          { success: t("editor.proposed_insert", { label: paragraph.label }) },
        );
      } else if (mode === "propose") {
        await act(
          () => api.paragraphs.propose(paragraph.id, { base_version: base.version, text, rationale }),
          { success: t("editor.proposed", { label: paragraph.label }) },
        );
      } else if (mode === "revise") {
        await act(
          () => api.amendments.revise(amendment.id, { base_version: base.version, text, rationale }),
          { success: t("editor.revised", { id: amendment.id }) },
        );
      } else {
        await act(
          () =>
            api.paragraphs.merge(paragraph.id, {
              amendment_ids: amendmentIds,
              text,
              expected_version: base.version,
              note: rationale,
            }),
          { success: t("editor.merged", { label: paragraph.label }) },
        );
      }
      onDone();
    } catch (error) {
      if (error instanceof api.ApiError && error.status === 409) {
        setConflict({ detail: error.message, conflicts: error.problem.conflicts || [] });
      }
    } finally {
      setBusy(false);
    }
  };

  const rebase = async () => {
    const head = await api.paragraphs.get(paragraph.id);
    const result = rebaseText(base.text, text, head.text);
    setBase({ text: head.text, version: head.head_version });
    setText(result.text);
    setRebaseNote({ version: head.head_version, failed: result.failed });
    setConflict(null);
    area.current?.focus();
  };

  const title =
    mode === "insert"
      ? t("editor.title_insert", { label: paragraph.label })
      : mode === "merge"
      ? t("editor.title_merge", { label: paragraph.label })
      : mode === "revise"
        ? t("editor.title_revise", { id: amendment.id })
        : t("editor.title_propose", { label: paragraph.label });
  return html`<form class="editor" onSubmit=${submit} aria-labelledby=${`${id}-title`} data-testid="editor">
    <h4 id=${`${id}-title`}>${title}</h4>
    <p class="hint">${t("editor.base", { version: base.version })}</p>
    ${paragraph.head_version > base.version &&
    !conflict &&
    html`<div class="conflict" role="status" data-testid="head-moved">
      <p>${t("editor.head_moved", { version: paragraph.head_version, base: base.version })}</p>
      <button type="button" onClick=${rebase}>${t("editor.rebase")}</button>
    </div>`}
    <label for=${`${id}-text`}>${t("editor.text")}</label>
    <textarea id=${`${id}-text`} ref=${area} rows="5" value=${text} data-testid="editor-text"
      onInput=${(e) => setText(e.target.value)}></textarea>
    <div class="preview" data-testid="editor-preview">
      <h5>${t("editor.preview")}</h5>
      ${unchanged
        ? html`<p class="hint">${t("editor.no_change")}</p>`
        : html`<${Redline} segments=${segments} label=${t("editor.preview")} />`}
    </div>
    <label for=${`${id}-why`}>${mode === "merge" ? t("editor.note") : t("editor.rationale")}</label>
    <textarea id=${`${id}-why`} rows="2" value=${rationale} data-testid="editor-rationale"
      onInput=${(e) => setRationale(e.target.value)}></textarea>
    ${conflict &&
    html`<div class="conflict" role="alert" data-testid="conflict">
      <p><strong>${t("editor.conflict")}</strong> ${conflict.detail}</p>
      ${conflict.conflicts.length > 0 && html`<p>${t("editor.clash")}</p><${ConflictList} conflicts=${conflict.conflicts} />`}
      <button type="button" onClick=${rebase}>${t("editor.rebase")}</button>
    </div>`}
    ${rebaseNote &&
    html`<p class="hint" role="status">
      ${t("editor.rebased", { version: rebaseNote.version })}
      ${rebaseNote.failed.length > 0 &&
      html` ${t("editor.rebase_failed")} ${rebaseNote.failed.map((w, i) => html`${i ? "; " : ""}<mark>${w}</mark>`)}`}
    </p>`}
    <div class="buttons">
      <button type="submit" disabled=${busy || (unchanged && mode !== "merge")}>
        ${mode === "merge" ? t("editor.submit_merge") : mode === "revise" ? t("editor.submit_revise") : t("editor.submit")}
      </button>
      <button type="button" class="quiet" onClick=${onDone}>${t("editor.cancel")}</button>
    </div>
  </form>`;
}
