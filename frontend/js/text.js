// The text: sections and numbered paragraphs, each with its status, pending amendments as
// redlines, my delegation's position and the actions open to me; filters; the compilation view.
import { useState } from "../vendor/htm-preact-standalone.module.js";
import * as api from "./api.js";
import { AmendmentCard, MergePanel } from "./amendment.js";
import { act, boardRow, documentId, isChairSide, isMember, myCode, pendingAmendments } from "./data.js";
import { Editor } from "./editor.js";
import { t } from "./i18n.js";
import { ParagraphPosition } from "./positions.js";
import { state, update } from "./store.js";
import { html, Redline, Sponsors, StatusBadge } from "./ui.js";

function statusOf(paragraph) {
  return boardRow(paragraph.id)?.status || (pendingAmendments(paragraph.id).length ? "bracketed" : "open");
}

function passes(paragraph) {
  const f = state.filters;
  if (f.bracketed && statusOf(paragraph) !== "bracketed") return false;
  if (f.noPosition && boardRow(paragraph.id)?.positions?.[myCode()]) return false;
  if (f.mine && !pendingAmendments(paragraph.id).some((a) => a.sponsors.includes(myCode()))) {
    return false;
  }
  return true;
}

function Filters() {
  const f = state.filters;
  const toggle = (key) => update({ filters: { ...f, [key]: !f[key] } });
  const options = [["bracketed", "filter.bracketed"]];
  if (isMember()) options.push(["noPosition", "filter.no_position"], ["mine", "filter.mine"]);
  return html`<fieldset class="filters">
    <legend>${t("filter.legend")}</legend>
    ${options.map(
      ([key, label]) => html`<label class="check">
        <input type="checkbox" checked=${f[key]} onChange=${() => toggle(key)} data-testid=${`filter-${key}`} />
        ${t(label)}</label>`,
    )}
  </fieldset>`;
}

function Totals() {
  const totals = state.board?.totals;
  if (!totals) return null;
  return html`<p class="totals" data-testid="totals">
    ${["agreed", "agreed_ad_ref", "bracketed", "open"].map(
      (s) => html`<span class="total"><${StatusBadge} status=${s} /> <strong>${totals[s]}</strong></span>`,
    )}
  </p>`;
}

export function ParagraphCard({ paragraph }) {
  const [panel, setPanel] = useState(null); // null | "propose" | "merge"
  const row = boardRow(paragraph.id);
  const status = statusOf(paragraph);
  const amendments = pendingAmendments(paragraph.id);
  const canPropose = isMember() && !paragraph.frozen;
  const chair = isChairSide();
  const canStructure = isMember();
  return html`<article class=${`paragraph status-${status}`} id=${`p-${paragraph.id}`}
      data-testid="paragraph" data-paragraph-id=${paragraph.id} data-label=${paragraph.label}
      aria-labelledby=${`p-${paragraph.id}-label`}>
    <header class="paragraph-head">
      <h3 id=${`p-${paragraph.id}-label`} class="label">${paragraph.label}</h3>
      <span data-testid="status"><${StatusBadge} status=${status} /></span>
      ${paragraph.frozen && html`<span class="badge frozen">${t("paragraph.frozen")}</span>`}
      ${row?.silence &&
      html`<span class="badge silence">${t(`silence.phase.${row.silence.phase || "none"}`)}</span>`}
      <span class="version">${t("paragraph.version", { n: paragraph.head_version })}</span>
    </header>
    <p class="paragraph-text user-text" data-testid="paragraph-text">${paragraph.text}</p>
    ${row && row.holdouts.length > 0 && status !== "open" &&
    html`<details class="holdouts"><summary>${t("paragraph.holdouts_count", { n: row.holdouts.length })}</summary>
      <${Sponsors} codes=${row.holdouts} /></details>`}
    ${row && (row.objections.length > 0 || row.reservations.length > 0) &&
    html`<p class="meta" data-testid="blocking">
      ${row.objections.length > 0 && html`${t("compilation.objections")} <${Sponsors} codes=${row.objections} />. `}
      ${row.reservations.length > 0 && html`${t("compilation.reservations")} <${Sponsors} codes=${row.reservations} />.`}
    </p>`}
    ${isMember() && row && html`<${ParagraphPosition} paragraph=${paragraph} row=${row} />`}
    ${amendments.length > 0 &&
    html`<section class="amendments" aria-label=${t("paragraph.amendments", { label: paragraph.label })}>
      ${amendments.map(
        (a, i) => html`<${AmendmentCard} key=${a.id} amendment=${a} paragraph=${paragraph} index=${i} />`,
      )}
    </section>`}
    <div class="buttons paragraph-actions">
      ${canPropose &&
      html`<button type="button" data-testid="propose" aria-expanded=${panel === "propose"}
        onClick=${() => setPanel(panel === "propose" ? null : "propose")}>${t("paragraph.propose")}</button>`}
      ${canStructure &&
      html`<button type="button" class="quiet" data-testid="propose-insert" aria-expanded=${panel === "insert"}
          onClick=${() => setPanel(panel === "insert" ? null : "insert")}>${t("paragraph.propose_insert")}</button>
        ${!paragraph.frozen &&
        html`<button type="button" class="quiet" data-testid="propose-delete" aria-expanded=${panel === "delete"}
          onClick=${() => setPanel(panel === "delete" ? null : "delete")}>${t("paragraph.propose_delete")}</button>`}`}
      ${chair && amendments.length > 0 &&
      html`<button type="button" data-testid="merge" aria-expanded=${panel === "merge"}
        onClick=${() => setPanel(panel === "merge" ? null : "merge")}>${t("paragraph.merge")}</button>`}
      ${chair && html`<${ChairParagraphActions} paragraph=${paragraph} />`}
      <a class="button-link quiet" href=${`#/paragraph/${paragraph.id}`}>${t("paragraph.history")}</a>
    </div>
    ${panel === "propose" &&
    html`<${Editor} mode="propose" paragraph=${paragraph} baseText=${paragraph.text}
      baseVersion=${paragraph.head_version} onDone=${() => setPanel(null)} />`}
    ${panel === "insert" &&
    html`<${Editor} mode="insert" paragraph=${paragraph} baseText="" baseVersion=${0}
      onDone=${() => setPanel(null)} />`}
    ${panel === "delete" && html`<${DeletionForm} paragraph=${paragraph} onDone=${() => setPanel(null)} />`}
    ${panel === "merge" &&
    html`<${MergePanel} paragraph=${paragraph} amendments=${amendments} onDone=${() => setPanel(null)} />`}
  </article>`;
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

export function defaultDeadline() {
  const d = new Date(Date.now() + 24 * 3600 * 1000);
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
  return d.toISOString().slice(0, 16);
}

function DeletionForm({ paragraph, onDone }) {
  const [rationale, setRationale] = useState("");
  const submit = async (event) => {
    event.preventDefault();
    await act(
      () =>
        api.documents.proposeStructural(documentId(), {
          kind: "delete_paragraph",
          paragraph_id: paragraph.id,
          base_version: paragraph.head_version,
          rationale: rationale.trim(),
        }),
      { success: t("editor.proposed_delete", { label: paragraph.label }) },
    ).then(onDone, () => {});
  };
  const id = `del-${paragraph.id}`;
  return html`<form class="editor" onSubmit=${submit} aria-labelledby=${`${id}-title`}>
    <h4 id=${`${id}-title`}>${t("editor.title_delete", { label: paragraph.label })}</h4>
    <${Redline} segments=${[["delete", paragraph.text]]} />
    <label for=${id}>${t("editor.rationale")}</label>
    <textarea id=${id} rows="2" value=${rationale} onInput=${(e) => setRationale(e.target.value)}></textarea>
    <div class="buttons">
      <button type="submit">${t("editor.submit")}</button>
      <button type="button" class="quiet" onClick=${onDone}>${t("editor.cancel")}</button>
    </div>
  </form>`;
}

/** Proposed new paragraphs: shown where they would go, with the same actions as amendments. */
function Insertions({ section, afterId }) {
  const rows = state.insertions.filter(
    (a) => a.status === "pending" && a.section_id === section.id && (a.after_paragraph_id ?? null) === afterId,
  );
  return rows.map((a, i) => {
    const after = section.paragraphs.find((p) => p.id === afterId);
    // A stand-in paragraph: an insertion has no text or version of its own to compare with yet.
    const standIn = { id: null, section_id: section.id, label: after ? `${after.label}+` : `${section.title}`, text: "", head_version: 0, frozen: false };
    return html`<div class="insertion" data-testid="insertion" key=${a.id}>
      <${AmendmentCard} amendment=${a} paragraph=${standIn} index=${i} />
    </div>`;
  });
}

export function TextView() {
  const doc = state.document;
  if (!doc) return html`<p>${t("text.empty")}</p>`;
  return html`<div class="text-view">
    <h1 class="doc-heading">${doc.title}</h1>
    <${Totals} />
    <${Filters} />
    ${doc.sections.map((section) => {
      const shown = section.paragraphs.filter(passes);
      return html`<section class="doc-section" aria-labelledby=${`s-${section.id}`} key=${section.id}>
        <h2 id=${`s-${section.id}`}>${section.title}</h2>
        ${shown.length === 0 && html`<p class="hint">${t("text.none_match")}</p>`}
        <${Insertions} section=${section} afterId=${null} />
        ${shown.map(
          (p) => html`<${ParagraphCard} key=${p.id} paragraph=${p} />
            <${Insertions} section=${section} afterId=${p.id} />`,
        )}
      </section>`;
    })}
  </div>`;
}

/** Compilation text: every paragraph with every pending proposal in brackets by its sponsors. */
export function CompilationView() {
  const doc = state.document;
  if (!doc) return null;
  return html`<div class="compilation" data-testid="compilation">
    <h1 class="doc-heading">${t("compilation.title")}</h1>
    <p class="hint">${t("compilation.lede")}</p>
    ${doc.sections.map(
      (section) => html`<section class="doc-section" aria-labelledby=${`cs-${section.id}`} key=${section.id}>
        <h2 id=${`cs-${section.id}`}>${section.title}</h2>
        ${section.paragraphs.map((p) => {
          const proposals = pendingAmendments(p.id);
          const row = boardRow(p.id);
          return html`<div class="compiled" key=${p.id}>
            <p><strong class="label">${p.label}</strong> <${StatusBadge} status=${statusOf(p)} /></p>
            <p class="user-text">${proposals.length ? `[${p.text}]` : p.text}</p>
            ${proposals.map(
              (a, i) => html`<div class="alt">
                <span class="alt-label">[${t("amendment.alt", { n: i + 1 })} (${a.sponsors.join(", ")}):</span>
                <${Redline} segments=${a.redline} />
                <span class="alt-label">]</span>
              </div>`,
            )}
            ${state.insertions
              .filter((a) => a.status === "pending" && a.after_paragraph_id === p.id)
              .map(
                (a) => html`<div class="alt" data-testid="compiled-insertion">
                  <span class="alt-label">[${t("compilation.new_paragraph")} (${a.sponsors.join(", ")}):</span>
                  <${Redline} segments=${[["insert", a.text]]} />
                  <span class="alt-label">]</span>
                </div>`,
              )}
            ${row && (row.objections.length > 0 || row.reservations.length > 0) &&
            html`<p class="meta">
              ${row.objections.length > 0 && html`${t("compilation.objections")} ${row.objections.join(", ")}. `}
              ${row.reservations.length > 0 && html`${t("compilation.reservations")} ${row.reservations.join(", ")}.`}
            </p>`}
          </div>`;
        })}
      </section>`,
    )}
  </div>`;
}
