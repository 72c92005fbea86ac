// "Import from Word" (delegates): a Consenso DOCX the delegation changed in Word, with tracked
// changes or edited text, previewed as its draft amendments (each paragraph's redline against the
// version the file was exported from); the delegate ticks the ones to file. Nothing is filed
// before the "File" button: the server keeps nothing between the preview and the filing, so the
// same file is sent again.
import { useState } from "../vendor/htm-preact-standalone.module.js";
import * as api from "./api.js";
import { isMember } from "./data.js";
import { t } from "./i18n.js";
import { state } from "./store.js";
import { ActionError, html, Redline, useAction } from "./ui.js";

function PreviewRow({ item, checked, onToggle }) {
  const id = `word-import-${item.paragraph_id}`;
  return html`<li class="word-import-row" data-testid="word-import-row">
    <input type="checkbox" id=${id} checked=${checked} onChange=${onToggle} data-testid="word-import-check" />
    <label for=${id}>
      <strong class="label">${item.label}</strong>
      <span class="meta"> ${t("word_import.base", { version: item.base_version })}</span>
      ${item.applies === "conflict" && html`<span class="meta"> ${t("word_import.conflict")}</span>`}
    </label>
    <${Redline} segments=${item.redline} label=${t("word_import.redline", { label: item.label })} />
  </li>`;
}

function Preview({ preview, file, onDone }) {
  const [chosen, setChosen] = useState(() => new Set(preview.paragraphs.map((p) => p.paragraph_id)));
  const action = useAction();
  const toggle = (id) => {
    const next = new Set(chosen);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setChosen(next);
  };
  const fileChosen = async (event) => {
    const control = event.currentTarget;
    const ids = preview.paragraphs.map((p) => p.paragraph_id).filter((id) => chosen.has(id));
    const filed = await action
      .run(() => api.wordImports.file(state.document.id, file, ids), { control })
      .catch(() => null);
    if (filed) onDone(t("word_import.filed", { count: filed.amendments.length }));
  };
  if (preview.paragraphs.length === 0) {
    return html`<p class="meta" data-testid="word-import-nothing">${t("word_import.nothing")}</p>`;
  }
  return html`<div data-testid="word-import-preview">
    <p class="meta">${t("word_import.summary", {
      count: preview.paragraphs.length,
      revision: preview.revision_label,
      code: preview.delegation,
    })}</p>
    <ul class="word-import-list">
      ${preview.paragraphs.map(
        (item) => html`<${PreviewRow} key=${item.paragraph_id} item=${item}
          checked=${chosen.has(item.paragraph_id)} onToggle=${() => toggle(item.paragraph_id)} />`,
      )}
    </ul>
    <span class="action">
      <button type="button" onClick=${fileChosen} disabled=${chosen.size === 0}
        aria-describedby=${action.describedBy} data-testid="word-import-file">
        ${t("word_import.file", { count: chosen.size })}
      </button>
      <${ActionError} action=${action} />
    </span>
  </div>`;
}

/** The control and its preview; shown to member delegations only. */
export function WordImport() {
  const [upload, setUpload] = useState(null); // { file, preview }
  const [done, setDone] = useState("");
  const action = useAction();
  if (!isMember() || !state.document) return null;
  const choose = async (event) => {
    const control = event.currentTarget;
    const file = control.files?.[0];
    if (!file) return;
    setDone("");
    setUpload(null);
    const preview = await action.run(() => api.wordImports.preview(state.document.id, file), { control }).catch(() => null);
    if (preview) setUpload({ file, preview });
    control.value = "";
  };
  const finish = (message) => {
    setUpload(null);
    setDone(message);
  };
  return html`<section class="word-import" aria-labelledby="word-import-title" data-testid="word-import">
    <h2 id="word-import-title">${t("word_import.title")}</h2>
    <p class="hint">${t("word_import.lede")}</p>
    <label>${t("word_import.choose")}
      <input type="file" accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        onChange=${choose} aria-describedby=${action.describedBy} data-testid="word-import-input" />
    </label>
    <${ActionError} action=${action} />
    ${upload && html`<${Preview} key=${upload.preview.file_sha256} preview=${upload.preview} file=${upload.file} onDone=${finish} />`}
    ${done && html`<p role="status" data-testid="word-import-done">${done}</p>`}
  </section>`;
}
