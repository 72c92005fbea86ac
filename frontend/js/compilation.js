// The compilation text: every paragraph with every pending proposal in brackets by its sponsors,
// and proposed new paragraphs where they would go.
import { boardRow, paragraphStatus, pendingAmendments } from "./data.js";
import { t } from "./i18n.js";
import { state } from "./store.js";
import { html, Redline, StatusBadge } from "./ui.js";

/** One bracketed alternative: "[Alt. n (sponsors): redline ]". */
function Alternative({ label, sponsors, segments, testid }) {
  return html`<div class="alt" data-testid=${testid}>
                  <span class="alt-label">[${label} (${sponsors.join(", ")}):</span>
                  <${Redline} segments=${segments} />
                  <span class="alt-label">]</span>
                </div>`;
}

function CompiledParagraph({ paragraph: p }) {
  const proposals = pendingAmendments(p.id);
  const row = boardRow(p.id);
  const insertions = state.insertions.filter((a) => a.status === "pending" && a.after_paragraph_id === p.id);
  return html`<div class="compiled">
            <p><strong class="label">${p.label}</strong> <${StatusBadge} status=${paragraphStatus(p)} /></p>
            <p class="user-text">${proposals.length ? `[${p.text}]` : p.text}</p>
            ${proposals.map(
              (a, i) => html`<${Alternative} label=${t("amendment.alt", { n: i + 1 })} sponsors=${a.sponsors}
                segments=${a.redline} />`,
            )}
            ${insertions.map(
              (a) => html`<${Alternative} label=${t("compilation.new_paragraph")} sponsors=${a.sponsors}
                segments=${[["insert", a.text]]} testid="compiled-insertion" />`,
            )}
            ${row && (row.objections.length > 0 || row.reservations.length > 0) &&
            html`<p class="meta">
              ${row.objections.length > 0 && html`${t("compilation.objections")} ${row.objections.join(", ")}. `}
              ${row.reservations.length > 0 && html`${t("compilation.reservations")} ${row.reservations.join(", ")}.`}
            </p>`}
          </div>`;
}

export function CompilationView() {
  const doc = state.document;
  if (!doc) return null;
  return html`<div class="compilation" data-testid="compilation">
    <h1 class="doc-heading">${t("compilation.title")}</h1>
    <p class="hint">${t("compilation.lede")}</p>
    ${doc.sections.map(
      (section) => html`<section class="doc-section" aria-labelledby=${`cs-${section.id}`} key=${section.id}>
        <h2 id=${`cs-${section.id}`}>${section.title}</h2>
        ${section.paragraphs.map((p) => html`<${CompiledParagraph} key=${p.id} paragraph=${p} />`)}
      </section>`,
    )}
  </div>`;
}
