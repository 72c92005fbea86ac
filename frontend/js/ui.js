// Small shared pieces: status badges and stance marks (text and symbol, never colour alone),
// redlines built from segments as <ins>/<del> text nodes, and sponsor lists; and the ONE way an
// action's error is shown: next to the control that caused it (role=alert, aria-describedby),
// with focus kept on that control (`useAction`, `ActionError`, `ActionButton`).
import { html, useRef, useState } from "../vendor/htm-preact-standalone.module.js";
import * as api from "./api.js";
import { nameOf, notify, reload, showError } from "./data.js";
import { t } from "./i18n.js";

export { html };

const STATUS_SYMBOL = { agreed: "✓", agreed_ad_ref: "✓?", bracketed: "[ ]", open: "○" };
const STANCE_SYMBOL = {
  support: "✓",
  ad_referendum: "≈",
  reservation: "R",
  objection: "✗",
  none: "·",
};

export function StatusBadge({ status }) {
  return html`<span class=${`badge status-${status}`} data-status=${status}>
    <span aria-hidden="true" class="badge-symbol">${STATUS_SYMBOL[status] || ""}</span>
    ${t(`status.${status}`)}
  </span>`;
}

export function stanceSymbol(stance) {
  return STANCE_SYMBOL[stance || "none"];
}

export function StanceMark({ stance, code }) {
  const label = t(`stance.${stance || "none"}`);
  return html`<span class=${`stance stance-${stance || "none"}`} title=${code ? `${nameOf(code)}: ${label}` : label}>
    <span aria-hidden="true">${stanceSymbol(stance)}</span>
    <span class="visually-hidden">${code ? `${nameOf(code)}: ` : ""}${label}</span>
  </span>`;
}

/** A redline from [op, text] segments; text goes in as text nodes (htm escapes it). */
export function Redline({ segments, label }) {
  return html`<p class="redline" aria-label=${label || t("redline.label")}>
    ${(segments || []).map(([op, text]) =>
      op === "insert"
        ? html`<ins><span class="visually-hidden">${t("redline.inserted")} </span>${text}</ins>`
        : op === "delete"
          ? html`<del><span class="visually-hidden">${t("redline.deleted")} </span>${text}</del>`
          : text,
    )}
  </p>`;
}

export function Sponsors({ codes }) {
  return html`<span class="sponsors">
    ${codes.map(
      (code, i) =>
        html`${i ? ", " : ""}<abbr title=${nameOf(code)} class="code">${code}</abbr>`,
    )}
  </span>`;
}

export function Delegation({ code }) {
  if (!code) return "";
  return html`<span class="delegation"><span class="code">${code}</span> ${nameOf(code)}</span>`;
}

/** The passages two edits both touched: the base words, what the head and the proposal made of them. */
export function ConflictList({ conflicts }) {
  if (!conflicts?.length) return null;
  return html`<ul class="clashes" data-testid="clashes">
    ${conflicts.map(
      (c) => html`<li>
        <mark class="user-text">${c.base_text || "∅"}</mark>
        ${" "}${t("conflict.head")} <q class="user-text">${c.head_text}</q>;
        ${" "}${t("conflict.mine")} <q class="user-text">${c.amendment_text}</q>
      </li>`,
    )}
  </ul>`;
}

/** What a failed action says to the reader, in the interface language. */
export function errorText(error) {
  if (error instanceof api.ApiError) {
    return error.problem.network ? t("error.network") : error.message || t("error.http", { status: error.status });
  }
  return String(error?.message || error);
}

let errorIds = 0;

/**
 * An action run from one control. `run(fn, {success, control})` calls the server, announces
 * `success`, reloads; on failure it keeps the message for `ActionError` (next to the control),
 * puts focus back on `control` and rethrows. An ended session still goes back to sign-in.
 */
export function useAction() {
  const [error, setError] = useState(null);
  const id = useRef(null);
  if (!id.current) id.current = `action-error-${(errorIds += 1)}`;
  const run = async (fn, { success, control } = {}) => {
    setError(null);
    try {
      const result = await fn();
      if (success) notify(success, { own: true });
      await reload();
      return result;
    } catch (error) {
      if (error instanceof api.ApiError && error.status === 401) showError(error);
      else setError(errorText(error));
      // After the re-render: a control disabled while busy cannot take focus until then.
      setTimeout(() => control?.isConnected && control.focus());
      throw error;
    }
  };
  return {
    run,
    error,
    setError,
    errorId: id.current,
    describedBy: error ? id.current : undefined,
  };
}

/** Show a failed request's error beside `control` (an action of `useAction()` that runs no
 * reload after it, such as an export), focus kept there; an ended session signs out. */
export function failBeside(action, error, control) {
  if (error instanceof api.ApiError && error.status === 401) showError(error);
  else action.setError(errorText(error));
  setTimeout(() => control?.isConnected && control.focus());
}

/** Where an action's error shows: right after its control, read out as it appears. */
export function ActionError({ action }) {
  return html`<span id=${action.errorId} class="action-error field-error" role="alert" data-testid="action-error"
    >${action.error || ""}</span>`;
}

/**
 * A button that calls the server: `onAct()` returns the request; `confirm()` (optional) resolves
 * true to go ahead (see dialog.js). Its error shows beside it.
 */
export function ActionButton({ onAct, success, confirm, children, class: className, testid, disabled }) {
  const action = useAction();
  const click = async (event) => {
    const control = event.currentTarget;
    if (confirm && !(await confirm())) return;
    await action.run(onAct, { success, control }).catch(() => {});
  };
  return html`<span class="action"><button type="button" class=${className} data-testid=${testid} disabled=${disabled}
      aria-describedby=${action.describedBy} onClick=${click}>${children}</button><${ActionError} action=${action} /></span>`;
}
