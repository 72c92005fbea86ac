// The confirmation dialog: a modal <dialog> (the rest of the page inert), focus trapped inside it,
// Escape or "Cancel" answers no, and focus goes back to the control that opened it.
// `confirmDialog({...})` resolves true when the reader confirms.
import { html, render } from "../vendor/htm-preact-standalone.module.js";
import { t } from "./i18n.js";

let dialogs = 0;

const FOCUSABLE = "button:not([disabled]), [href], input:not([disabled]), textarea, select, [tabindex]:not([tabindex='-1'])";

/** Tab and Shift+Tab cycle within the dialog. */
function trapTab(event, dialog) {
  if (event.key !== "Tab") return;
  const items = [...dialog.querySelectorAll(FOCUSABLE)];
  if (!items.length) return;
  const first = items[0];
  const last = items[items.length - 1];
  if (event.shiftKey && document.activeElement === first) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault();
    first.focus();
  }
}

function ConfirmBox({ id, title, body, confirmLabel, cancelLabel, canConfirm, danger, answer, testid }) {
  return html`<dialog class="confirm-dialog" aria-labelledby=${`${id}-title`} aria-describedby=${`${id}-body`}
      data-testid=${testid || "confirm-dialog"}
      onCancel=${(e) => { e.preventDefault(); answer(false); }}
      onKeyDown=${(e) => trapTab(e, e.currentTarget)}>
    <h2 id=${`${id}-title`}>${title}</h2>
    <div id=${`${id}-body`} class="confirm-body">${body}</div>
    <div class="buttons">
      ${canConfirm !== false &&
      html`<button type="button" class=${danger ? "danger" : ""} data-testid="confirm" onClick=${() => answer(true)}>
        ${confirmLabel || t("dialog.confirm")}</button>`}
      <button type="button" class="quiet" data-testid="cancel" onClick=${() => answer(false)}>
        ${cancelLabel || t("dialog.cancel")}</button>
    </div>
  </dialog>`;
}

/**
 * Ask the reader to confirm. `body` is markup (user text as text nodes); `canConfirm: false`
 * shows only "Cancel" (e.g. the preview found the amendment no longer applies).
 */
export function confirmDialog(options) {
  const opener = document.activeElement;
  const host = document.createElement("div");
  document.body.appendChild(host);
  dialogs += 1;
  const id = `dialog-${dialogs}`;
  return new Promise((resolve) => {
    const answer = (yes) => {
      const dialog = host.querySelector("dialog");
      if (dialog?.open) dialog.close();
      render(null, host);
      host.remove();
      if (opener?.isConnected) opener.focus();
      resolve(yes);
    };
    render(html`<${ConfirmBox} id=${id} answer=${answer} ...${options} />`, host);
    const dialog = host.querySelector("dialog");
    dialog.showModal();
    const first = dialog.querySelector("[data-testid=confirm]") || dialog.querySelector("[data-testid=cancel]");
    first?.focus();
  });
}
