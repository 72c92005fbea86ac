// Undo, shown only where the server would carry it out: the co-chairs' and the secretariat's
// list of paragraphs whose last decision can be undone now (GET /api/documents/{id}/undoable),
// kept in the store and loaded again after live events (a decision, an edit, an undo changes it).
// The Undo button beside a paragraph appears only for a listed paragraph; a paragraph removed by
// an accepted deletion is no longer in the text, so the list on the board offers its undo.
import * as api from "./api.js";
import { documentId, isChairSide, showError } from "./data.js";
import { confirmDialog } from "./dialog.js";
import { t } from "./i18n.js";
import * as live from "./live.js";
import { state, update } from "./store.js";
import { ActionButton, html } from "./ui.js";

let unsubscribe = null;

/** Load the undoable decisions into the store (chair side only). */
export async function loadUndoable() {
  if (!isChairSide() || !state.document) return update({ undoable: [] });
  try {
    update({ undoable: await api.documents.undoable(documentId()) });
  } catch (error) {
    showError(error);
  }
}

/** Load now, and again (once, 300 ms after a burst) whenever live events arrive; members and
 * observers have no Undo, so their screens neither load nor follow anything here. */
export function followUndoable() {
  stopUndoable();
  if (!isChairSide()) return;
  loadUndoable();
  unsubscribe = live.reloadAfterEvents(loadUndoable);
}

export function stopUndoable() {
  if (unsubscribe) unsubscribe();
  unsubscribe = null;
  update({ undoable: [] });
}

const undoableFor = (paragraphId) => (state.undoable || []).find((u) => u.paragraph_id === paragraphId);

async function undo(item) {
  const result = await api.paragraphs.undo(item.paragraph_id, item.expected_version);
  await loadUndoable();
  return result;
}

/** Undo the last decision on the paragraph, shown only when the server would do it now. */
export function UndoButton({ paragraph }) {
  const item = undoableFor(paragraph.id);
  if (!item) return null;
  return html`<${ActionButton} class="quiet" testid="undo"
    confirm=${() =>
      confirmDialog({
        title: t("undo.title", { label: paragraph.label }),
        body: html`<p>${t("undo.body", { version: item.expected_version })}</p>`,
        confirmLabel: t("undo.confirm"),
        testid: "undo-dialog",
      })}
    onAct=${() => undo(item)}
    success=${t("undo.done", { label: paragraph.label })}>${t("undo.button")}<//>`;
}

/** Decisions that removed a paragraph from the text (accepted deletions), each with its undo. */
export function UndoDeletions() {
  const deleted = (state.undoable || []).filter((u) => u.paragraph_deleted);
  if (deleted.length === 0) return null;
  return html`<section class="undo-deletions" data-testid="undo-deletions" aria-labelledby="undo-deletions-title">
    <h2 id="undo-deletions-title">${t("undo.deletions_title")}</h2>
    <ul>${deleted.map(
      (item) => html`<li key=${item.paragraph_id}>
        ${t("undo.deletion_item", { id: item.amendment_id })}
        <${ActionButton} class="quiet" testid="undo-deletion"
          confirm=${() =>
            confirmDialog({
              title: t("undo.deletion_title", { id: item.amendment_id }),
              body: html`<p>${t("undo.deletion_body")}</p>`,
              confirmLabel: t("undo.confirm"),
              testid: "undo-dialog",
            })}
          onAct=${() => undo(item)}
          success=${t("undo.deletion_done", { id: item.amendment_id })}>${t("undo.confirm")}<//>
      </li>`,
    )}</ul>
  </section>`;
}
