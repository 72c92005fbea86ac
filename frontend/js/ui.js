// Small shared pieces: status badges and stance marks (text and symbol, never colour alone),
// redlines built from segments as <ins>/<del> text nodes, and sponsor lists.
import { html } from "../vendor/htm-preact-standalone.module.js";
import { nameOf } from "./data.js";
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
