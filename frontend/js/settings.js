// The document's settings, for the co-chairs and the secretariat: how paragraphs are numbered
// everywhere (section.paragraph, UN consecutive, or preambular/operative with each section
// marked), and the UN header of every export (symbol, distribution, original language). Only
// what changed is sent (PATCH /api/documents/{id}, PATCH /api/sections/{id}); the labels then
// change on every screen and in every file.
import { useState } from "../vendor/htm-preact-standalone.module.js";
import * as api from "./api.js";
import { isChairSide } from "./data.js";
import { LANGUAGES, t } from "./i18n.js";
import { state } from "./store.js";
import { ActionError, html, useAction } from "./ui.js";

const NUMBERING = ["section", "consecutive", "pp_op"];
const DISTRIBUTION = ["general", "restricted"];
const SECTION_KINDS = ["", "preambular", "operative"];
const FIELDS = ["numbering", "symbol", "distribution", "original_language"];

function initial(doc) {
  return {
    ...Object.fromEntries(FIELDS.map((key) => [key, doc[key] ?? ""])),
    kinds: Object.fromEntries(doc.sections.map((s) => [s.id, s.kind || ""])),
  };
}

async function save(doc, start, form) {
  const body = {};
  for (const key of FIELDS) if (form[key] !== start[key]) body[key] = form[key];
  if (Object.keys(body).length) await api.documents.update(doc.id, body);
  for (const section of doc.sections) {
    const kind = form.kinds[section.id];
    if (kind !== start.kinds[section.id]) await api.sections.update(section.id, { kind: kind || null });
  }
}

function Select({ label, value, options, onChange, testid }) {
  return html`<label>${label}
    <select value=${value} data-testid=${testid} onChange=${(e) => onChange(e.target.value)}>
      ${options.map(([v, text]) => html`<option value=${v}>${text}</option>`)}
    </select></label>`;
}

function SettingsForm({ doc }) {
  const start = initial(doc);
  const [form, setForm] = useState(start);
  const action = useAction();
  const set = (key) => (value) => setForm({ ...form, [key]: value });
  const submit = async (event) => {
    event.preventDefault();
    await action.run(() => save(doc, start, form), { success: t("settings.saved"), control: event.submitter }).catch(() => {});
  };
  const languages = [["", t("settings.original_negotiating")], ...LANGUAGES];
  return html`<form class="inline-form settings-form" onSubmit=${submit} data-testid="document-settings">
    <${Select} label=${t("settings.numbering")} value=${form.numbering} testid="settings-numbering"
      options=${NUMBERING.map((n) => [n, t(`settings.numbering.${n}`)])} onChange=${set("numbering")} />
    <label>${t("settings.symbol")}
      <input value=${form.symbol} maxlength="64" data-testid="settings-symbol" onInput=${(e) => set("symbol")(e.target.value)} /></label>
    <${Select} label=${t("settings.distribution")} value=${form.distribution} testid="settings-distribution"
      options=${DISTRIBUTION.map((d) => [d, t(`settings.distribution.${d}`)])} onChange=${set("distribution")} />
    <${Select} label=${t("settings.original")} value=${form.original_language} testid="settings-original"
      options=${languages} onChange=${set("original_language")} />
    ${form.numbering === "pp_op" &&
    html`<fieldset class="section-kinds"><legend>${t("settings.section_kinds")}</legend>
      ${doc.sections.map(
        (s) => html`<${Select} label=${s.title} value=${form.kinds[s.id]} testid=${`settings-kind-${s.id}`}
          options=${SECTION_KINDS.map((k) => [k, t(`settings.kind.${k || "none"}`)])}
          onChange=${(kind) => setForm({ ...form, kinds: { ...form.kinds, [s.id]: kind } })} />`,
      )}
    </fieldset>`}
    <button type="submit" aria-describedby=${action.describedBy}>${t("settings.save")}</button>
    <${ActionError} action=${action} />
  </form>`;
}

/** The settings, folded away under their heading (chair side only). */
export function DocumentSettings() {
  const doc = state.document;
  if (!doc || !isChairSide()) return null;
  return html`<details class="document-settings">
    <summary>${t("settings.title")}</summary>
    <${SettingsForm} doc=${doc} key=${`${doc.id}-${state.loadedAt}`} />
  </details>`;
}
