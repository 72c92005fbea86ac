// The co-chairs' board: paragraphs x 23 delegations grouped RCM / SACM, each cell a stance (symbol
// and text, colour only as a third cue), counts per bloc, holdouts, the progress chart, and the
// chairs' actions on the selected paragraph and on the whole text.
import { useState } from "../vendor/htm-preact-standalone.module.js";
import { AmendmentCard, MergePanel } from "./amendment.js";
import { ChairParagraphActions, RevisionActions } from "./chair.js";
import { ProgressChart } from "./chart.js";
import { isChairSide, nameOf, paragraphById, pendingAmendments, STATUSES } from "./data.js";
import { message, revisionLabel, t } from "./i18n.js";
import { SilenceNotice } from "./silence.js";
import { state } from "./store.js";
import { ConcordanceSummary, ParagraphConcordance } from "./translations.js";
import { html, Sponsors, StanceMark, StatusBadge } from "./ui.js";
import { UndoDeletions } from "./undo.js";

const BLOCS = ["RCM", "SACM"];

/** Two header rows: the blocs with their members, then each member's code. */
function HeatmapHead({ byBloc }) {
  return html`<thead>
        <tr>
          <th scope="col" rowspan="2">${t("board.paragraph")}</th>
          <th scope="col" rowspan="2">${t("board.status")}</th>
          ${byBloc.map(
            (ms, i) => html`<th scope="colgroup" colspan=${ms.length} class=${`bloc bloc-${BLOCS[i]}`}>
              ${BLOCS[i]} (${ms.length})</th>`,
          )}
          ${BLOCS.map((b) => html`<th scope="col" rowspan="2" class="tally-head">${b}</th>`)}
          <th scope="col" rowspan="2">${t("board.holdouts")}</th>
        </tr>
        <tr>
          ${byBloc.flat().map(
            (m, i) => html`<th scope="col" class=${`member ${i === byBloc[0].length ? "bloc-start" : ""}`}>
              <abbr title=${nameOf(m.code)}>${m.code}</abbr></th>`,
          )}
        </tr>
      </thead>`;
}

/** One paragraph: its label (selects it), status, every member's stance, bloc tallies, holdouts. */
function HeatmapRow({ p, byBloc, selected, onSelect }) {
  const tallies = Object.fromEntries(p.tallies.map((x) => [x.bloc, x]));
  return html`<tr class=${selected === p.id ? "selected" : ""} data-testid="board-row"
              data-label=${p.label}>
            <th scope="row">
              <button type="button" class="linkish" aria-pressed=${selected === p.id}
                onClick=${() => onSelect(selected === p.id ? null : p.id)}>${p.label}</button>
            </th>
            <td><${StatusBadge} status=${p.status} /></td>
            ${byBloc.flat().map(
              (m, i) => html`<td class=${`cell stance-${p.positions[m.code]?.stance || "none"} ${i === byBloc[0].length ? "bloc-start" : ""}`}>
                <${StanceMark} stance=${p.positions[m.code]?.stance} code=${m.code} /></td>`,
            )}
            ${BLOCS.map((b) => {
              const x = tallies[b];
              return html`<td class="tally" title=${t("board.tally_title", { bloc: b })}>
                ${x ? `${x.support + x.ad_referendum}/${x.members}` : ""}</td>`;
            })}
            <td class="holdout-count">${p.holdouts.length}</td>
          </tr>`;
}

function Heatmap({ board, selected, onSelect }) {
  const byBloc = BLOCS.map((bloc) => board.members.filter((m) => m.bloc === bloc));
  return html`<div class="heatmap-wrap">
    <table class="heatmap" data-testid="heatmap">
      <caption>${t("board.heatmap_caption")}</caption>
      <${HeatmapHead} byBloc=${byBloc} />
      <tbody>
        ${board.paragraphs.map(
          (p) => html`<${HeatmapRow} key=${p.id} p=${p} byBloc=${byBloc} selected=${selected} onSelect=${onSelect} />`,
        )}
      </tbody>
    </table>
  </div>`;
}

function Legend() {
  return html`<ul class="legend" aria-label=${t("board.legend")}>
    ${["support", "ad_referendum", "reservation", "objection", "none"].map(
      (s) => html`<li><span class=${`cell stance-${s}`}><${StanceMark} stance=${s === "none" ? null : s} /></span> ${t(`stance.${s}`)}</li>`,
    )}
  </ul>`;
}

function BlocCounts({ board }) {
  return html`<div class="table-wrap"><table class="bloc-counts" data-testid="bloc-counts">
    <caption>${t("board.blocs_caption")}</caption>
    <thead><tr>
      <th scope="col">${t("board.bloc")}</th>
      ${["support", "ad_referendum", "reservation", "objection", "none"].map((s) => html`<th scope="col">${t(`stance.${s}`)}</th>`)}
      <th scope="col">${t("board.all_agree")}</th><th scope="col">${t("board.objected")}</th>
    </tr></thead>
    <tbody>
      ${board.blocs.map(
        (b) => html`<tr>
          <th scope="row">${b.bloc === "ALL" ? t("board.all") : b.bloc} (${b.members})</th>
          <td>${b.support}</td><td>${b.ad_referendum}</td><td>${b.reservation}</td><td>${b.objection}</td><td>${b.none}</td>
          <td>${b.paragraphs_all_agree}</td><td>${b.paragraphs_objected}</td>
        </tr>`,
      )}
    </tbody>
  </table></div>`;
}

function SelectedParagraph({ row }) {
  const [merge, setMerge] = useState(false);
  const paragraph = paragraphById(row.id);
  if (!paragraph) return null;
  const amendments = pendingAmendments(row.id);
  const notes = (codes) =>
    codes.map(
      (code) => html`<li><span class="code">${code}</span> ${nameOf(code)}${
        row.positions[code]?.note ? html` — <q class="user-text">${row.positions[code].note}</q>` : ""
      }</li>`,
    );
  return html`<section class="selected-paragraph" aria-labelledby="sel-title" data-testid="board-selected">
    <h2 id="sel-title">${t("board.selected", { label: row.label })} <${StatusBadge} status=${row.status} /></h2>
    <p class="paragraph-text user-text">${paragraph.text}</p>
    <${SilenceNotice} silence=${row.silence} paragraphId=${row.id} label=${row.label} />
    <ul class="reasons">${row.reason_codes.map((m) => html`<li>${message(m)}</li>`)}</ul>
    <${ParagraphConcordance} paragraphId=${row.id} />
    ${row.objections.length > 0 && html`<h3>${t("stance.objection")}</h3><ul>${notes(row.objections)}</ul>`}
    ${row.reservations.length > 0 && html`<h3>${t("stance.reservation")}</h3><ul>${notes(row.reservations)}</ul>`}
    ${row.holdouts.length > 0 &&
    html`<p class="holdouts">${t("paragraph.holdouts")} <${Sponsors} codes=${row.holdouts} /></p>`}
    ${row.previous_version_support.length > 0 &&
    html`<p class="meta">${t("board.previous_support")} <${Sponsors} codes=${row.previous_version_support} /></p>`}
    ${isChairSide() && html`<div class="buttons"><${ChairParagraphActions} paragraph=${paragraph} />
      ${amendments.length > 0 &&
      html`<button type="button" aria-expanded=${merge} onClick=${() => setMerge(!merge)}>${t("paragraph.merge")}</button>`}
    </div>`}
    ${merge && html`<${MergePanel} paragraph=${paragraph} amendments=${amendments} onDone=${() => setMerge(false)} />`}
    ${amendments.map(
      (a, i) => html`<${AmendmentCard} key=${a.id} amendment=${a} paragraph=${paragraph} index=${i} />`,
    )}
  </section>`;
}

export function BoardView() {
  const [selected, setSelected] = useState(null);
  const board = state.board;
  if (!board) return html`<p>${t("board.unavailable")}</p>`;
  const row = selected && board.paragraphs.find((p) => p.id === selected);
  return html`<div class="board-view">
    <h1>${t("board.title")}</h1>
    <p class="totals" data-testid="board-totals">
      ${STATUSES.map(
        (s) => html`<span class="total"><${StatusBadge} status=${s} /> <strong>${board.totals[s]}</strong></span>`,
      )}
      ${state.revisions.length > 0 && html`<span class="hint">${t("board.latest_revision", { label: revisionLabel(state.revisions[state.revisions.length - 1]) })}</span>`}
    </p>
    ${isChairSide() && html`<${RevisionActions} /><${UndoDeletions} />`}
    <${Legend} />
    <${Heatmap} board=${board} selected=${selected} onSelect=${setSelected} />
    ${row && html`<${SelectedParagraph} row=${row} key=${row.id} />`}
    <div class="board-lower">
      <${BlocCounts} board=${board} />
      <${ProgressChart} timeline=${board.timeline} />
    </div>
    <${ConcordanceSummary} />
  </div>`;
}
