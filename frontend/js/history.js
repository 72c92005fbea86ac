// History of one paragraph (versions on a slider, the redline between any two, blame, positions)
// and the comparison of two revisions of the whole document with its disposition table.
import { useEffect, useState } from "../vendor/htm-preact-standalone.module.js";
import * as api from "./api.js";
import { documentId, nameOf, paragraphById, showError } from "./data.js";
import { formatDate, message, revisionLabel, t } from "./i18n.js";
import { PositionHistory } from "./positions.js";
import { state } from "./store.js";
import { fetchExport } from "./shell.js";
import { ActionError, html, Redline, Sponsors, useAction } from "./ui.js";


/** A span's attribution in the reader's language, the proposing delegations by name
 * ("From the amendment of Mexico (MEX, BRA), accepted in Rev.1"). */
function summaryOf(span) {
  const coded = span.summary_code;
  if (!coded) return span.summary;
  const params = { ...coded.params };
  if (params.proposer) params.proposer = nameOf(params.proposer);
  if (params.proposers) params.proposers = params.proposers.split(", ").map(nameOf).join(", ");
  return message({ ...coded, params });
}

/**
 * Deliver `promise`'s value to `set` unless the effect was cleaned up first (the user moved the
 * slider again): a slow answer for an old choice must not overwrite the new one.
 */
function latest(promise, set) {
  let live = true;
  promise.then((value) => live && set(value), showError);
  return () => {
    live = false;
  };
}

function VersionMeta({ v }) {
  return html`<p class="meta" data-testid="version-meta">
    ${t("history.version_meta", {
      n: v.number,
      source: t(`source.${v.source}`),
      who: v.delegation_code ? nameOf(v.delegation_code) : v.author || "",
      when: formatDate(v.created_at),
    })}
    ${v.amendment_ids?.length > 0 && html` · ${t("history.from_amendments", { ids: v.amendment_ids.join(", ") })}`}
    ${v.note && html` · <span class="user-text">${v.note}</span>`}
  </p>`;
}

function Blame({ paragraphId, version }) {
  const [blame, setBlame] = useState(null);
  useEffect(() => {
    return latest(api.paragraphs.blame(paragraphId, version), setBlame);
  }, [paragraphId, version, state.loadedAt]);
  if (!blame) return null;
  // One shade per distinct version, cycling: a visual aid only; each span also says in words who
  // introduced it.
  const versions = [...new Set(blame.spans.map((s) => s.version))];
  return html`<section class="blame" aria-labelledby="blame-title" data-testid="blame">
    <h3 id="blame-title">${t("history.blame", { n: blame.version })}</h3>
    <p class="blame-text">
      ${blame.spans.map(
        (s) => html`<span class=${`blame-span shade-${versions.indexOf(s.version) % 6}`} title=${summaryOf(s)}
          tabindex="0" aria-describedby=${`blame-${s.start}`}>${s.text}</span>`,
      )}
    </p>
    <ol class="blame-legend">
      ${blame.spans.map(
        (s) => html`<li id=${`blame-${s.start}`}><span class=${`swatch shade-${versions.indexOf(s.version) % 6}`} aria-hidden="true"></span>
          <q class="user-text">${s.text.trim()}</q> — ${summaryOf(s)}</li>`,
      )}
    </ol>
  </section>`;
}

/** The version slider (when there is more than one) and the version it points at. */
function VersionsSection({ versions, head, current, onSlide, shown }) {
  return html`<section aria-labelledby="versions-title">
      <h2 id="versions-title">${t("history.versions", { count: versions.length })}</h2>
      ${versions.length > 1 &&
      html`<label class="slider">${t("history.slider")}
        <input type="range" min="1" max=${head} step="1" value=${current || head} data-testid="version-slider"
          aria-valuetext=${t("history.v", { n: current || head })}
          onInput=${(e) => onSlide(Number(e.target.value))} />
        <output>${t("history.v", { n: current || head })}</output>
      </label>`}
      ${shown &&
      html`<div class="version-shown">
        <${VersionMeta} v=${shown} />
        <p class="paragraph-text user-text" data-testid="version-text">${shown.text}</p>
      </div>`}
    </section>`;
}

/** The redline between any two versions, chosen in two selects. */
function RedlineSection({ versions, from, to, onFrom, onTo, diff }) {
  const options = versions.map((v) => html`<option value=${v.number}>${t("history.v", { n: v.number })}</option>`);
  return html`<section aria-labelledby="diff-title">
      <h2 id="diff-title">${t("history.redline")}</h2>
      <div class="inline-form">
        <label>${t("history.from")}
          <select value=${from} onChange=${(e) => onFrom(Number(e.target.value))} data-testid="diff-from">${options}</select>
        </label>
        <label>${t("history.to")}
          <select value=${to} onChange=${(e) => onTo(Number(e.target.value))} data-testid="diff-to">${options}</select>
        </label>
      </div>
      <div data-testid="history-redline">
        ${diff ? html`<${Redline} segments=${diff.segments} />` : html`<p class="hint">${t("history.same_version")}</p>`}
      </div>
    </section>`;
}

export function ParagraphHistory({ id }) {
  const paragraph = paragraphById(id);
  const [versions, setVersions] = useState([]);
  const [current, setCurrent] = useState(null);
  const [shown, setShown] = useState(null);
  const [from, setFrom] = useState(1);
  const [to, setTo] = useState(null);
  const [diff, setDiff] = useState(null);
  const [positions, setPositions] = useState(null);
  useEffect(() => {
    api.paragraphs.versions(id).then((list) => {
      setVersions(list);
      const head = list[list.length - 1]?.number || 1;
      setCurrent((c) => (c && c <= head ? c : head));
      setTo((x) => x || head);
      setFrom((f) => (f < head ? f : Math.max(1, head - 1)));
    }, showError);
    api.paragraphs.positions(id).then(setPositions, () => setPositions(null));
  }, [id, state.loadedAt]);
  useEffect(() => {
    if (current) return latest(api.paragraphs.version(id, current), setShown);
  }, [id, current]);
  useEffect(() => {
    if (from && to && from !== to) return latest(api.paragraphs.diff(id, from, to), setDiff);
    setDiff(null);
  }, [id, from, to, versions.length]);
  const head = versions.length ? versions[versions.length - 1].number : 1;
  return html`<div class="history-view" data-testid="history">
    <p><a href="#/text">${t("history.back")}</a></p>
    <h1>${t("history.title", { label: paragraph?.label || id })}</h1>
    <${VersionsSection} versions=${versions} head=${head} current=${current} onSlide=${setCurrent} shown=${shown} />
    <${RedlineSection} versions=${versions} from=${from} to=${to} onFrom=${setFrom} onTo=${setTo} diff=${diff} />
    ${current && html`<${Blame} paragraphId=${id} version=${current} />`}
    <${PositionHistory} data=${positions} />
  </div>`;
}

function ChangeList({ title, rows, kind }) {
  if (!rows.length) return null;
  return html`<section class="changes" aria-labelledby=${`ch-${kind}`}>
    <h3 id=${`ch-${kind}`}>${title} (${rows.length})</h3>
    ${rows.map(
      (c) => html`<div class="change" data-testid=${`change-${kind}`}>
        <p class="meta"><strong>${c.new?.label || c.old?.label}</strong>
          ${c.old && c.new && c.old.label !== c.new.label ? ` (${t("compare.was", { label: c.old.label })})` : ""}
          ${c.old && c.new ? ` · ${t("history.v", { n: c.old.version })} → ${t("history.v", { n: c.new.version })}` : ""}</p>
        <${Redline} segments=${c.segments} />
      </div>`,
    )}
  </section>`;
}

/** The two revisions to compare (the later one may be the current text). */
function RevisionPicker({ revisions, from, to, onFrom, onTo }) {
  return html`<form class="inline-form" onSubmit=${(e) => e.preventDefault()}>
      <label>${t("history.from")}
        <select value=${from} onChange=${(e) => onFrom(Number(e.target.value))} data-testid="compare-from">
          ${revisions.map((r) => html`<option value=${r.number}>${revisionLabel(r)}</option>`)}
        </select>
      </label>
      <label>${t("history.to")}
        <select value=${to} onChange=${(e) => onTo(e.target.value)} data-testid="compare-to">
          ${revisions.map((r) => html`<option value=${r.number}>${revisionLabel(r)}</option>`)}
          <option value="now">${t("compare.now")}</option>
        </select>
      </label>
    </form>`;
}

/** What became of each amendment decided between the two revisions. */
function DispositionTable({ dispositions }) {
  return html`<div class="table-wrap"><table class="dispositions" data-testid="dispositions">
          <thead><tr>
            <th scope="col">${t("compare.amendment")}</th><th scope="col">${t("board.paragraph")}</th>
            <th scope="col">${t("compare.sponsors")}</th><th scope="col">${t("compare.outcome")}</th>
            <th scope="col">${t("compare.landed")}</th>
          </tr></thead>
          <tbody>
            ${dispositions.map(
              (d) => html`<tr>
                <td>${t("amendment.number", { id: d.amendment_id })}</td>
                <td>${d.paragraph_label || ""}</td>
                <td><${Sponsors} codes=${d.sponsors} /></td>
                <td>${t(`amendment.status.${d.status}`)}${d.decision_message
                  ? ` — ${message(d.decision_message)}`
                  : d.decision_reason
                    ? html` — <span class="user-text">${d.decision_reason}</span>`
                    : ""}</td>
                <td class="user-text">${d.landed.join(" · ")}</td>
              </tr>`,
            )}
          </tbody>
        </table></div>`;
}

/** The comparison: a summary line, the paragraphs changed / added / deleted / moved, dispositions. */
function Comparison({ result }) {
  return html`<p class="meta">${t("compare.summary", {
      from: revisionLabel(result.from_revision),
      to: result.to_revision.number === null ? t("compare.now") : revisionLabel(result.to_revision),
      unchanged: result.unchanged_count,
    })}</p>
    <${ChangeList} title=${t("compare.changed")} rows=${result.changed} kind="changed" />
    <${ChangeList} title=${t("compare.added")} rows=${result.added} kind="added" />
    <${ChangeList} title=${t("compare.deleted")} rows=${result.deleted} kind="deleted" />
    <${ChangeList} title=${t("compare.moved")} rows=${result.moved} kind="moved" />
    <section aria-labelledby="disp-title">
      <h2 id="disp-title">${t("compare.dispositions")}</h2>
      ${result.dispositions.length === 0
        ? html`<p class="hint">${t("compare.no_amendments")}</p>`
        : html`<${DispositionTable} dispositions=${result.dispositions} />`}
    </section>`;
}

export function CompareView() {
  const revisions = state.revisions;
  const [from, setFrom] = useState(0);
  const [to, setTo] = useState("now");
  const [result, setResult] = useState(null);
  const action = useAction(); // the Word download's error, beside its link
  useEffect(() => {
    if (!revisions.length || !documentId()) return;
    return latest(api.documents.compare(documentId(), from, to), setResult);
  }, [from, to, revisions.length, state.loadedAt]);
  if (!revisions.length) return html`<div><h1>${t("compare.title")}</h1><p>${t("compare.no_revisions")}</p></div>`;
  return html`<div class="compare-view" data-testid="compare">
    <h1>${t("compare.title")}</h1>
    <${RevisionPicker} revisions=${revisions} from=${from} to=${to} onFrom=${setFrom} onTo=${setTo} />
    <p><a href=${api.documents.compareDocxUrl(documentId(), from, to)} download data-testid="compare-docx"
      onClick=${(e) => fetchExport(e, () => {}, action)}>${t("compare.docx")}</a></p>
    <${ActionError} action=${action} />
    ${result && html`<${Comparison} result=${result} />`}
  </div>`;
}
