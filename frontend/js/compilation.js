// The compilation text: every paragraph with every pending proposal in brackets by its sponsors,
// and proposed new paragraphs where they would go; above it, the panel that builds a file of it
// (any format, now or at a revision) in the background, shows its progress and offers it.
import { useEffect, useState } from "../vendor/htm-preact-standalone.module.js";
import * as api from "./api.js";
import { boardRow, paragraphStatus, pendingAmendments, showError } from "./data.js";
import { t } from "./i18n.js";
import { SilenceNotice } from "./silence.js";
import { state } from "./store.js";
import { ActionError, failBeside, html, Redline, StatusBadge, useAction } from "./ui.js";
import { WordImport } from "./wordimport.js";

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
            <${SilenceNotice} silence=${row?.silence} paragraphId=${p.id} label=${p.label} />
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

const FORMATS = ["pdf", "docx", "md", "html", "akn", "csv"];
const POLL_MS = 1000;

/** Follow a job until it is done or failed: one request a second, stopped when unmounted. */
export function useJob(job, setJob) {
  useEffect(() => {
    if (!job || job.status === "done" || job.status === "failed" || job.status === "expired") return undefined;
    const timer = setTimeout(() => {
      api.exportJobs.get(job.id).then(setJob, showError);
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [job]);
}

export function JobState({ job }) {
  if (!job) return null;
  if (job.status === "done") {
    return html`<p data-testid="export-ready">
      <a href=${job.file} download=${job.filename} data-testid="export-download">${t("export_panel.download", { name: job.filename })}</a>
      ${job.cached ? html` <span class="meta">${t("export_panel.cached")}</span>` : ""}
    </p>`;
  }
  if (job.status === "failed" || job.status === "expired") {
    return html`<p class="alert" data-testid="export-failed">${t(`export_panel.${job.status}`)}</p>`;
  }
  return html`<p data-testid="export-progress">
    <progress max="100" value=${job.progress} aria-label=${t("export_panel.progress")}></progress>
    <span> ${t(`export_panel.stage.${job.stage}`)} (${job.progress}%)</span>
  </p>`;
}

function ExportPanel() {
  const [format, setFormat] = useState("pdf");
  const [variant, setVariant] = useState("compilation");
  const [revision, setRevision] = useState("");
  const [job, setJob] = useState(null);
  useJob(job, setJob);
  const action = useAction();
  const build = (event) => {
    const control = event.currentTarget;
    const body = { format, variant, revision: revision === "" ? null : Number(revision) };
    action.setError(null);
    api.documents.requestExport(state.document.id, body).then(setJob, (e) => failBeside(action, e, control));
  };
  const busy = job && (job.status === "queued" || job.status === "running");
  return html`<section class="export-panel" aria-labelledby="export-panel-title" data-testid="export-panel">
    <h2 id="export-panel-title">${t("export_panel.title")}</h2>
    <div class="export-options">
      <label>${t("export_panel.format")}
        <select value=${format} onChange=${(e) => setFormat(e.target.value)} data-testid="export-format">
          ${FORMATS.map((f) => html`<option value=${f}>${t(`export.format.${f}`)}</option>`)}
        </select>
      </label>
      <label>${t("export_panel.variant")}
        <select value=${variant} onChange=${(e) => setVariant(e.target.value)} data-testid="export-variant">
          ${["compilation", "agreed"].map((v) => html`<option value=${v}>${t(`export.variant.${v}`)}</option>`)}
        </select>
      </label>
      <label>${t("export.at")}
        <select value=${revision} onChange=${(e) => setRevision(e.target.value)} data-testid="export-revision">
          <option value="">${t("export.now")}</option>
          ${(state.revisions || []).map((r) => html`<option value=${r.number}>${r.label}</option>`)}
        </select>
      </label>
      <button type="button" onClick=${build} disabled=${busy} data-testid="export-build"
        aria-describedby=${action.describedBy}>${t("export_panel.build")}</button>
      <${ActionError} action=${action} />
    </div>
    <${JobState} job=${job} />
  </section>`;
}

export function CompilationView() {
  const doc = state.document;
  if (!doc) return null;
  return html`<div class="compilation" data-testid="compilation">
    <h1 class="doc-heading">${t("compilation.title")}</h1>
    <p class="hint">${t("compilation.lede")}</p>
    <${ExportPanel} />
    <${WordImport} />
    ${doc.sections.map(
      (section) => html`<section class="doc-section" aria-labelledby=${`cs-${section.id}`} key=${section.id}>
        <h2 id=${`cs-${section.id}`}>${section.title}</h2>
        ${section.paragraphs.map((p) => html`<${CompiledParagraph} key=${p.id} paragraph=${p} />`)}
      </section>`,
    )}
  </div>`;
}
