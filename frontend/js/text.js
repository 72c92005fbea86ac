// The text: sections and numbered paragraphs, each with its status, pending amendments as
// redlines, my delegation's position and the actions open to me; filters.
import { useState } from "../vendor/htm-preact-standalone.module.js";
import * as api from "./api.js";
import { AmendmentCard, MergePanel } from "./amendment.js";
import { CalendarPanel } from "./calendar.js";
import { ChairParagraphActions, ChairsProposalPanel, isChair } from "./chair.js";
import {
  boardRow,
  documentId,
  isChairSide,
  isMember,
  myCode,
  paragraphStatus,
  pendingAmendments,
  STATUSES,
} from "./data.js";
import { Editor } from "./editor.js";
import { t } from "./i18n.js";
import { ParagraphPosition } from "./positions.js";
import { SilenceNotice } from "./silence.js";
import { state, update } from "./store.js";
import { ParagraphTranslations } from "./translations.js";
import { ActionError, html, Redline, Sponsors, StatusBadge, useAction } from "./ui.js";

function passes(paragraph) {
  const f = state.filters;
  if (f.bracketed && paragraphStatus(paragraph) !== "bracketed") return false;
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
    ${STATUSES.map(
      (s) => html`<span class="total"><${StatusBadge} status=${s} /> <strong>${totals[s]}</strong></span>`,
    )}
  </p>`;
}

/** Label, status, frozen and silence badges, version. */
function ParagraphHead({ paragraph, row, status }) {
  return html`<header class="paragraph-head">
      <h3 id=${`p-${paragraph.id}-label`} class="label">${paragraph.label}</h3>
      <span data-testid="status"><${StatusBadge} status=${status} /></span>
      ${paragraph.frozen && html`<span class="badge frozen">${t("paragraph.frozen")}</span>`}
      ${row?.silence && row.silence.phase !== "running" &&
      html`<span class="badge silence">${t(`silence.phase.${row.silence.phase || "none"}`)}</span>`}
      <span class="version">${t("paragraph.version", { n: paragraph.head_version })}</span>
    </header>`;
}

/** Who still holds the paragraph back: holdouts, objections, reservations. */
function ParagraphStanding({ row, status }) {
  if (!row) return null;
  return html`${row.holdouts.length > 0 && status !== "open" &&
    html`<details class="holdouts"><summary>${t("paragraph.holdouts_count", { n: row.holdouts.length })}</summary>
      <${Sponsors} codes=${row.holdouts} /></details>`}
    ${(row.objections.length > 0 || row.reservations.length > 0) &&
    html`<p class="meta" data-testid="blocking">
      ${row.objections.length > 0 && html`${t("compilation.objections")} <${Sponsors} codes=${row.objections} />. `}
      ${row.reservations.length > 0 && html`${t("compilation.reservations")} <${Sponsors} codes=${row.reservations} />.`}
    </p>`}`;
}

/** The buttons that open a panel under the paragraph (`panel` is the open one), and its history. */
function ParagraphActions({ paragraph, panel, toggle, hasAmendments }) {
  const member = isMember();
  const chair = isChairSide();
  return html`<div class="buttons paragraph-actions">
      ${member && !paragraph.frozen &&
      html`<button type="button" data-testid="propose" aria-expanded=${panel === "propose"}
        onClick=${() => toggle("propose")}>${t("paragraph.propose")}</button>`}
      ${member &&
      html`<button type="button" class="quiet" data-testid="propose-insert" aria-expanded=${panel === "insert"}
          onClick=${() => toggle("insert")}>${t("paragraph.propose_insert")}</button>
        ${!paragraph.frozen &&
        html`<button type="button" class="quiet" data-testid="propose-delete" aria-expanded=${panel === "delete"}
          onClick=${() => toggle("delete")}>${t("paragraph.propose_delete")}</button>`}`}
      ${chair && hasAmendments &&
      html`<button type="button" data-testid="merge" aria-expanded=${panel === "merge"}
        onClick=${() => toggle("merge")}>${t("paragraph.merge")}</button>`}
      ${isChair() && !paragraph.frozen &&
      html`<button type="button" class="quiet" data-testid="chairs-propose" aria-expanded=${panel === "chairs"}
        onClick=${() => toggle("chairs")}>${t("chairs.propose")}</button>`}
      ${chair && html`<${ChairParagraphActions} paragraph=${paragraph} />`}
      <a class="button-link quiet" href=${`#/paragraph/${paragraph.id}`}>${t("paragraph.history")}</a>
    </div>`;
}

/**
 * The open panel: propose an amendment, a new paragraph after this one, a deletion, or a merge.
 * Keyed by `panel`, so switching panels starts a fresh editor rather than reusing the last one.
 */
function ParagraphPanel({ paragraph, panel, amendments, onDone }) {
  if (panel === "propose") {
    return html`<${Editor} mode="propose" paragraph=${paragraph} baseText=${paragraph.text}
      baseVersion=${paragraph.head_version} onDone=${onDone} />`;
  }
  if (panel === "insert") {
    return html`<${Editor} mode="insert" paragraph=${paragraph} baseText="" baseVersion=${0} onDone=${onDone} />`;
  }
  if (panel === "chairs") return html`<${ChairsProposalPanel} paragraph=${paragraph} onDone=${onDone} />`;
  if (panel === "delete") return html`<${DeletionForm} paragraph=${paragraph} onDone=${onDone} />`;
  if (panel === "merge") {
    return html`<${MergePanel} paragraph=${paragraph} amendments=${amendments} onDone=${onDone} />`;
  }
  return null;
}

export function ParagraphCard({ paragraph }) {
  const [panel, setPanel] = useState(null); // null | "propose" | "insert" | "delete" | "merge"
  const row = boardRow(paragraph.id);
  const status = paragraphStatus(paragraph);
  const amendments = pendingAmendments(paragraph.id);
  return html`<article class=${`paragraph status-${status}`} id=${`p-${paragraph.id}`}
      data-testid="paragraph" data-paragraph-id=${paragraph.id} data-label=${paragraph.label}
      aria-labelledby=${`p-${paragraph.id}-label`}>
    <${ParagraphHead} paragraph=${paragraph} row=${row} status=${status} />
    <p class="paragraph-text user-text" data-testid="paragraph-text">${paragraph.text}</p>
    <${ParagraphTranslations} paragraph=${paragraph} />
    <${SilenceNotice} silence=${row?.silence} paragraphId=${paragraph.id} label=${paragraph.label} />
    <${ParagraphStanding} row=${row} status=${status} />
    ${isMember() && row && html`<${ParagraphPosition} paragraph=${paragraph} row=${row} />`}
    ${amendments.length > 0 &&
    html`<section class="amendments" aria-label=${t("paragraph.amendments", { label: paragraph.label })}>
      ${amendments.map(
        (a, i) => html`<${AmendmentCard} key=${a.id} amendment=${a} paragraph=${paragraph} index=${i} />`,
      )}
    </section>`}
    <${ParagraphActions} paragraph=${paragraph} panel=${panel} hasAmendments=${amendments.length > 0}
      toggle=${(name) => setPanel(panel === name ? null : name)} />
    <${ParagraphPanel} key=${panel} paragraph=${paragraph} panel=${panel} amendments=${amendments}
      onDone=${() => setPanel(null)} />
  </article>`;
}

function DeletionForm({ paragraph, onDone }) {
  const [rationale, setRationale] = useState("");
  const action = useAction();
  const submit = async (event) => {
    event.preventDefault();
    await action.run(
      () =>
        api.documents.proposeStructural(documentId(), {
          kind: "delete_paragraph",
          paragraph_id: paragraph.id,
          base_version: paragraph.head_version,
          rationale: rationale.trim(),
        }),
      { success: t("editor.proposed_delete", { label: paragraph.label }), control: event.submitter },
    ).then(onDone, () => {});
  };
  const id = `del-${paragraph.id}`;
  return html`<form class="editor" onSubmit=${submit} aria-labelledby=${`${id}-title`}>
    <h4 id=${`${id}-title`}>${t("editor.title_delete", { label: paragraph.label })}</h4>
    <${Redline} segments=${[["delete", paragraph.text]]} />
    <label for=${id}>${t("editor.rationale")}</label>
    <textarea id=${id} rows="2" value=${rationale} onInput=${(e) => setRationale(e.target.value)}></textarea>
    <div class="buttons">
      <button type="submit" aria-describedby=${action.describedBy}>${t("editor.submit")}</button>
      <${ActionError} action=${action} />
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
    // Its provisional number as the compilation prints it ("3bis"), from the server's one label function.
    const label = a.paragraph_label || (after ? after.label : section.title);
    const standIn = { id: null, section_id: section.id, label, text: "", head_version: 0, frozen: false };
    return html`<div class="insertion" data-testid="insertion" key=${a.id}>
      ${a.paragraph_label && html`<p class="label provisional-label" data-testid="provisional-label">${a.paragraph_label}</p>`}
      <${AmendmentCard} amendment=${a} paragraph=${standIn} index=${i} />
    </div>`;
  });
}

export function TextView() {
  const doc = state.document;
  if (!doc) return html`<p>${t("text.empty")}</p>`;
  return html`<div class="text-view">
    <h1 class="doc-heading">${doc.title}</h1>
    <${CalendarPanel} />
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
