// The compilation text exactly as the exports lay it out (GET /api/documents/{id}/compilation):
// every pending proposal as the text it would produce now, or at the revision chosen, conflicts
// marked, "[USA: delete]", new paragraphs under their provisional number ("3bis"), the
// positions on each option; above it, the panel that builds a file of it
// (any format, now or at a revision) in the background, shows its progress and offers it.
import { useEffect, useState } from "../vendor/htm-preact-standalone.module.js";
import * as api from "./api.js";
import { boardRow, showError } from "./data.js";
import { t } from "./i18n.js";
import * as live from "./live.js";
import { DocumentSettings } from "./settings.js";
import { SilenceNotice } from "./silence.js";
import { state } from "./store.js";
import { ActionError, failBeside, html, Redline, StatusBadge, useAction } from "./ui.js";
import { WordImport } from "./wordimport.js";

/** One option beside its paragraph: "[Alt 1 (MEX, BRA): redline]" or "[USA: delete]", then
 * its notes (conflict, rationale, positions), all as the compilation export lays them out. */
function Option({ option }) {
  return html`<div class=${`alt${option.conflict ? " alt-conflict" : ""}`} data-testid="compiled-option"
      data-amendment-id=${option.amendment_id}>
    ${option.deletion
      ? html`<span class="alt-label">[${option.label}]</span>`
      : html`<span class="alt-label">[${option.label}:</span>
          <${Redline} segments=${option.segments} />
          <span class="alt-label">]</span>`}
    ${option.notes.length > 0 && html`<ul class="alt-notes">${option.notes.map((n) => html`<li class="user-text">${n}</li>`)}</ul>`}
  </div>`;
}

function CompiledParagraph({ paragraph: p }) {
  const proposal = p.proposal_amendment_id !== null;
  const row = proposal ? null : boardRow(p.paragraph_id);
  return html`<div class=${`compiled${proposal ? " compiled-proposal" : ""}`} data-key=${p.key}
      data-testid=${proposal ? "compiled-insertion" : "compiled-paragraph"}>
    <p><strong class="label">${p.number}</strong>${" "}
      ${proposal ? html`<span class="badge">${p.status_label}</span>` : html`<${StatusBadge} status=${p.status} />`}</p>
    <p class="user-text compiled-text">${p.text}</p>
    ${row && html`<${SilenceNotice} silence=${row.silence} paragraphId=${p.paragraph_id} label=${p.number} />`}
    ${p.options.map((o) => html`<${Option} key=${o.amendment_id} option=${o} />`)}
    ${p.notes.length > 0 && html`<ul class="meta compiled-notes">${p.notes.map((n) => html`<li class="user-text">${n}</li>`)}</ul>`}
  </div>`;
}

/** The compilation as the server lays it out (GET …/compilation), loaded again when the
 * revision shown or the language changes, and 300 ms after a burst of live events. */
function useCompilation(revision) {
  const [compiled, setCompiled] = useState(null);
  const id = state.document?.id;
  useEffect(() => {
    if (!id) return undefined;
    let stale = false;
    const load = () =>
      api.documents.compilation(id, { revision, lang: state.lang }).then((c) => !stale && setCompiled(c), showError);
    load();
    const stop = revision === "" ? live.reloadAfterEvents(load) : () => {};
    return () => {
      stale = true;
      stop();
    };
  }, [id, revision, state.lang]);
  return compiled;
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
  const [revision, setRevision] = useState("");
  const compiled = useCompilation(revision);
  if (!state.document) return null;
  return html`<div class="compilation" data-testid="compilation">
    <h1 class="doc-heading">${t("compilation.title")}</h1>
    <p class="hint">${t("compilation.lede")}</p>
    <${ExportPanel} />
    <${DocumentSettings} />
    <${WordImport} />
    <label class="compilation-at">${t("export.at")}
      <select value=${revision} onChange=${(e) => setRevision(e.target.value)} data-testid="compilation-revision">
        <option value="">${t("export.now")}</option>
        ${(state.revisions || []).map((r) => html`<option value=${r.number}>${r.label}</option>`)}
      </select>
    </label>
    ${compiled &&
    html`<dl class="compilation-header" data-testid="compilation-header">
      ${compiled.header.map(([label, value]) => html`<div><dt>${label}</dt><dd class="user-text">${value}</dd></div>`)}
    </dl>`}
    ${compiled?.sections.map(
      (section, k) => html`<section class="doc-section" aria-labelledby=${`cs-${k}`} key=${k}>
        <h2 id=${`cs-${k}`}>${section.title}</h2>
        ${section.paragraphs.map((p) => html`<${CompiledParagraph} key=${p.key} paragraph=${p} />`)}
      </section>`,
    )}
    ${compiled?.closing.map((line) => html`<p class="meta">${line}</p>`)}
  </div>`;
}
