// The amendment editor: edit the paragraph in place, watch the word redline against the base
// update as you type, give a rationale, submit. Used to propose, to revise one's own amendment
// and (for the chairs) to merge several into a compromise. A 409 from the server (the head moved)
// is shown with the clashing words and an offer to rebase onto the current text.
import { useEffect, useMemo, useRef, useState } from "../vendor/htm-preact-standalone.module.js";
import { diff_match_patch } from "../vendor/diff-match-patch.module.js";
import * as api from "./api.js";
import { documentId } from "./data.js";
import { confirmDialog } from "./dialog.js";
import { t } from "./i18n.js";
import { ActionError, ConflictList, html, Redline, useAction } from "./ui.js";
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

/** The server call each mode makes, and the notice it leaves when it succeeds. */
function editRequest(mode, { paragraph, amendment, amendmentIds, base, text, rationale }) {
  if (mode === "insert") {
    return [
      () =>
        api.documents.proposeStructural(documentId(), {
          kind: "insert_paragraph",
          section: paragraph.section_id,
          after: paragraph.id,
          text,
          rationale,
        }),
      t("editor.proposed_insert", { label: paragraph.label }),
    ];
  }
  if (mode === "chairs") {
    const body = { base_version: base.version, text, rationale, replaces: amendmentIds || [] };
    return [() => api.paragraphs.propose(paragraph.id, body), t("chairs.tabled", { label: paragraph.label })];
  }
  if (mode === "propose") {
    return [
      () => api.paragraphs.propose(paragraph.id, { base_version: base.version, text, rationale }),
      t("editor.proposed", { label: paragraph.label }),
    ];
  }
  if (mode === "revise") {
    return [
      () => api.amendments.revise(amendment.id, { base_version: base.version, text, rationale }),
      t("editor.revised", { id: amendment.id }),
    ];
  }
  return [
    () =>
      api.paragraphs.merge(paragraph.id, {
        amendment_ids: amendmentIds,
        text,
        expected_version: base.version,
        note: rationale,
      }),
    t("editor.merged", { label: paragraph.label }),
  ];
}

function editorTitle(mode, paragraph, amendment) {
  if (mode === "insert") return t("editor.title_insert", { label: paragraph.label });
  if (mode === "merge") return t("editor.title_merge", { label: paragraph.label });
  if (mode === "revise") return t("editor.title_revise", { id: amendment.id });
  if (mode === "chairs") return t("chairs.title", { label: paragraph.label });
  return t("editor.title_propose", { label: paragraph.label });
}

function submitLabel(mode) {
  if (mode === "merge") return t("editor.submit_merge");
  if (mode === "revise") return t("editor.submit_revise");
  return t("editor.submit");
}

function EditorButtons({ mode, disabled, onCancel, action }) {
  return html`<div class="buttons">
      <button type="submit" disabled=${disabled} aria-describedby=${action.describedBy}>
        ${submitLabel(mode)}
      </button>
      <${ActionError} action=${action} />
      <button type="button" class="quiet" onClick=${onCancel}>${t("editor.cancel")}</button>
    </div>`;
}

/** The head moved past the version being edited (before any submit was refused). */
function HeadMoved({ headVersion, baseVersion, onRebase }) {
  return html`<div class="conflict" role="status" data-testid="head-moved">
      <p>${t("editor.head_moved", { version: headVersion, base: baseVersion })}</p>
      <button type="button" onClick=${onRebase}>${t("editor.rebase")}</button>
    </div>`;
}

/** The live redline of the text being edited against its base. */
function Preview({ segments, unchanged }) {
  return html`<div class="preview" data-testid="editor-preview">
      <h5>${t("editor.preview")}</h5>
      ${unchanged
        ? html`<p class="hint">${t("editor.no_change")}</p>`
        : html`<${Redline} segments=${segments} label=${t("editor.preview")} />`}
    </div>`;
}

/** The server refused the edit (409): its detail, the clashing words, the offer to rebase. */
function Conflict({ conflict, onRebase }) {
  return html`<div class="conflict" role="alert" data-testid="conflict">
      <p><strong>${t("editor.conflict")}</strong> ${conflict.detail}</p>
      ${conflict.conflicts.length > 0 && html`<p>${t("editor.clash")}</p><${ConflictList} conflicts=${conflict.conflicts} />`}
      <button type="button" onClick=${onRebase}>${t("editor.rebase")}</button>
    </div>`;
}

/** What a rebase did: the version it moved to and the edits it could not carry over. */
function RebaseNote({ note }) {
  return html`<p class="hint" role="status">
      ${t("editor.rebased", { version: note.version })}
      ${note.failed.length > 0 &&
      html` ${t("editor.rebase_failed")} ${note.failed.map((w, i) => html`${i ? "; " : ""}<mark>${w}</mark>`)}`}
    </p>`;
}

function confirmMerge(paragraph, segments) {
  return confirmDialog({
    title: t("preview.merge_title", { label: paragraph.label }),
    body: html`<p>${t("preview.result", { version: paragraph.head_version })}</p>
      <${Redline} segments=${segments} label=${t("preview.redline")} />`,
    confirmLabel: t("editor.submit_merge"),
    testid: "merge-dialog",
  });
}

export function Editor({ mode, paragraph, baseText, baseVersion, initialText, initialRationale, amendment, amendmentIds, onDone }) {
  const [text, setText] = useState(initialText ?? baseText);
  const [rationale, setRationale] = useState(initialRationale ?? "");
  const [base, setBase] = useState({ text: baseText, version: baseVersion });
  const [conflict, setConflict] = useState(null);
  const [rebaseNote, setRebaseNote] = useState(null);
  const [busy, setBusy] = useState(false);
  const action = useAction();
  const area = useRef(null);
  useEffect(() => area.current?.focus(), []);
  const segments = useMemo(() => wordDiff(base.text, text), [base.text, text]);
  const unchanged = text === base.text;
  const id = `ed-${mode}-${paragraph.id}`;

  const submit = async (event) => {
    event.preventDefault();
    const control = event.submitter;
    // A merge writes the new version at once: the chair sees it against the current one first.
    if (mode === "merge" && !(await confirmMerge(paragraph, segments))) return;
    setBusy(true);
    setConflict(null);
    try {
      const [call, success] = editRequest(mode, { paragraph, amendment, amendmentIds, base, text, rationale });
      await action.run(call, { success, control });
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

  return html`<form class="editor" onSubmit=${submit} aria-labelledby=${`${id}-title`} data-testid="editor">
    <h4 id=${`${id}-title`}>${editorTitle(mode, paragraph, amendment)}</h4>
    <p class="hint">${t("editor.base", { version: base.version })}</p>
    ${paragraph.head_version > base.version &&
    !conflict &&
    html`<${HeadMoved} headVersion=${paragraph.head_version} baseVersion=${base.version} onRebase=${rebase} />`}
    <label for=${`${id}-text`}>${t("editor.text")}</label>
    <textarea id=${`${id}-text`} ref=${area} rows="5" value=${text} data-testid="editor-text"
      onInput=${(e) => setText(e.target.value)}></textarea>
    <${Preview} segments=${segments} unchanged=${unchanged} />
    <label for=${`${id}-why`}>${mode === "merge" ? t("editor.note") : t("editor.rationale")}</label>
    <textarea id=${`${id}-why`} rows="2" value=${rationale} data-testid="editor-rationale"
      onInput=${(e) => setRationale(e.target.value)}></textarea>
    ${conflict && html`<${Conflict} conflict=${conflict} onRebase=${rebase} />`}
    ${rebaseNote && html`<${RebaseNote} note=${rebaseNote} />`}
    <${EditorButtons} mode=${mode} action=${action} disabled=${busy || (unchanged && mode !== "merge")} onCancel=${onDone} />
  </form>`;
}
