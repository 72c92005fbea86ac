// Progress chart: agreed / agreed ad ref / bracketed / open paragraphs at each revision and each
// day, as stacked bars in inline SVG, with the same figures in a table for screen readers.
import { formatDay, revisionLabel, t } from "./i18n.js";
import { html } from "./ui.js";

const SERIES = ["agreed", "agreed_ad_ref", "bracketed", "open"];
const HEIGHT = 140;
const BAR = 34;
const GAP = 30;
const LEFT = 30;
const BOTTOM = 34;

function Bars({ points, title, id }) {
  if (!points.length) return html`<p class="hint">${t("chart.no_points")}</p>`;
  const max = Math.max(1, ...points.map((p) => SERIES.reduce((n, s) => n + p.counts[s], 0)));
  const width = LEFT + points.length * (BAR + GAP) + GAP;
  const y = (v) => HEIGHT - (v / max) * HEIGHT;
  return html`<figure class="chart">
    <svg viewBox=${`0 0 ${Math.max(width, 200)} ${HEIGHT + BOTTOM}`} width=${Math.max(width, 200)}
      height=${HEIGHT + BOTTOM} role="img" aria-labelledby=${`${id}-t`}
      class="chart-svg" data-testid=${id}>
      <title id=${`${id}-t`}>${title}</title>
      <line x1=${LEFT - 4} y1=${HEIGHT} x2=${width} y2=${HEIGHT} class="axis" />
      <text x=${LEFT - 8} y=${y(max) + 10} class="tick" text-anchor="end">${max}</text>
      <text x=${LEFT - 8} y=${HEIGHT} class="tick" text-anchor="end">0</text>
      ${points.map((p, i) => {
        const x = LEFT + GAP + i * (BAR + GAP);
        let acc = 0;
        return html`<g>
          ${SERIES.map((s) => {
            const v = p.counts[s];
            const top = y(acc + v);
            const h = y(acc) - top;
            acc += v;
            return v
              ? html`<rect x=${x} y=${top} width=${BAR} height=${h} class=${`bar bar-${s}`}>
                  <title>${p.label}: ${t(`status.${s}`)} ${v}</title></rect>`
              : null;
          })}
          <text x=${x + BAR / 2} y=${HEIGHT + 14} class="tick" text-anchor="middle">${p.label}</text>
        </g>`;
      })}
    </svg>
    <figcaption>${title}</figcaption>
  </figure>`;
}

function DataTable({ points, caption }) {
  return html`<details class="chart-data">
    <summary>${t("chart.as_table", { title: caption })}</summary>
    <div class="table-wrap"><table>
      <caption class="visually-hidden">${caption}</caption>
      <thead><tr><th scope="col">${t("chart.point")}</th>
        ${SERIES.map((s) => html`<th scope="col">${t(`status.${s}`)}</th>`)}</tr></thead>
      <tbody>
        ${points.map(
          (p) => html`<tr><th scope="row">${p.label}</th>${SERIES.map((s) => html`<td>${p.counts[s]}</td>`)}</tr>`,
        )}
      </tbody>
    </table></div>
  </details>`;
}

export function ProgressChart({ timeline }) {
  if (!timeline) return null;
  const revisions = timeline.revisions.map((r) => ({ label: revisionLabel(r), counts: r.counts }));
  const days = timeline.days.map((d) => ({ label: formatDay(d.date), counts: d.counts }));
  return html`<section class="progress" aria-labelledby="progress-title">
    <h2 id="progress-title">${t("chart.title")}</h2>
    <ul class="legend chart-legend">
      ${SERIES.map((s) => html`<li><span class=${`swatch bar-${s}`} aria-hidden="true"></span>${t(`status.${s}`)}</li>`)}
    </ul>
    <div class="charts">
      <div>
        <${Bars} points=${revisions} title=${t("chart.by_revision")} id="chart-revisions" />
        <${DataTable} points=${revisions} caption=${t("chart.by_revision")} />
      </div>
      <div>
        <${Bars} points=${days} title=${t("chart.by_day")} id="chart-days" />
        <${DataTable} points=${days} caption=${t("chart.by_day")} />
      </div>
    </div>
  </section>`;
}
