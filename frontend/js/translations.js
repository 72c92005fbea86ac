// Translations of a paragraph (issue 13): the text in the reader's language under its state
// (current, stale or missing), a stale one beside the redline of what moved in the negotiating
// text since the version it translates; and, for the co-chairs and the secretariat, an edit box
// per language that saves a translation of the head version in place (PUT .../translations/{lang}).
import { useEffect, useState } from "../vendor/htm-preact-standalone.module.js";
import * as api from "./api.js";
import { documentId, isChairSide } from "./data.js";
import { formatDate, language, LANGUAGES, t } from "./i18n.js";
import { state } from "./store.js";
import { ActionError, html, Redline, useAction } from "./ui.js";

const NAMES = Object.fromEntries(LANGUAGES);

/** The paragraph's translations, fetched again when its head version moves. */
function useTranslations(paragraph) {
  const [held, setHeld] = useState(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    api.translations
      .of(paragraph.id)
      .then((body) => live && setHeld(body))
      .catch(() => live && setHeld(null));
    return () => {
      live = false;
    };
  }, [paragraph.id, paragraph.head_version, tick]);
  return [held, () => setTick(tick + 1)];
}

function StateBadge({ translation }) {
  return html`<span class=${`badge translation-${translation.state}`} data-testid="translation-state"
    data-state=${translation.state}>${t(`translation.state.${translation.state}`)}</span>`;
}

/** What moved in the negotiating text since the version a stale translation translates. */
function ChangesSince({ translation }) {
  if (translation.state !== "stale") return null;
  return html`<div class="translation-changes" data-testid="translation-changes">
    <p class="meta">${t("translation.changes_since", { version: translation.version, head: translation.head_version })}</p>
    <${Redline} segments=${translation.changes} label=${t("translation.changes_label")} />
  </div>`;
}

/** The paragraph in the reader's language, when that is not the negotiating one. */
function InMyLanguage({ translation }) {
  return html`<div class="translation mine" data-testid="translation-mine" lang=${translation.lang}>
    <p class="meta">${t("translation.in_language", { language: NAMES[translation.lang] || translation.lang })}
      ${" "}<${StateBadge} translation=${translation} /></p>
    ${translation.text === null
      ? html`<p class="hint">${t("translation.none_yet")}</p>`
      : html`<p class="paragraph-text user-text translated-text">${translation.text}</p>`}
    <${ChangesSince} translation=${translation} />
  </div>`;
}

/** One language's edit box: saving translates the head version. */
function TranslationForm({ paragraph, translation, onSaved }) {
  const action = useAction();
  const [text, setText] = useState(translation.text || "");
  const id = `tr-${paragraph.id}-${translation.lang}`;
  const submit = async (event) => {
    event.preventDefault();
    const control = event.submitter;
    await action
      .run(() => api.translations.put(paragraph.id, translation.head_version, translation.lang, text), {
        success: t("translation.saved", { label: paragraph.label, language: NAMES[translation.lang] }),
        control,
      })
      .then(onSaved)
      .catch(() => {});
  };
  return html`<form class="translation-form" data-testid="translation-form" data-lang=${translation.lang}
      onSubmit=${submit}>
    <label for=${id}>${NAMES[translation.lang] || translation.lang} <${StateBadge} translation=${translation} /></label>
    ${translation.entered_at &&
    html`<span class="hint">${t("translation.entered", { who: translation.author || "", at: formatDate(translation.entered_at) })}</span>`}
    <${ChangesSince} translation=${translation} />
    <textarea id=${id} lang=${translation.lang} rows="3" value=${text} data-testid="translation-text"
      aria-describedby=${action.describedBy} onInput=${(e) => setText(e.currentTarget.value)}></textarea>
    <span class="action"><button type="submit" data-testid="translation-save">${t("translation.save")}</button>
      <${ActionError} action=${action} /></span>
  </form>`;
}

/** Under a paragraph: its text in the reader's language, and the chair side's edit boxes. */
export function ParagraphTranslations({ paragraph }) {
  const [held, refresh] = useTranslations(paragraph);
  if (!held) return null;
  const mine = held.translations.find((tr) => tr.lang === language());
  const chair = isChairSide();
  return html`<div class="translations" data-testid="translations">
    ${mine && html`<${InMyLanguage} translation=${mine} />`}
    ${chair && held.translations.length > 0 &&
    html`<details class="translation-edit"><summary>${t("translation.edit", { label: held.label })}</summary>
      ${held.translations.map(
        (tr) => html`<${TranslationForm} key=${`${tr.lang}-${tr.version}-${tr.head_version}`}
          paragraph=${paragraph} translation=${tr} onSaved=${refresh} />`,
      )}
    </details>`}
  </div>`;
}

/** The document's concordance (per paragraph and language), fetched again when the board moves. */
function useConcordance() {
  const [held, setHeld] = useState(null);
  const moment = state.board?.generated_at;
  useEffect(() => {
    let live = true;
    const id = documentId();
    if (id) api.documents.concordance(id).then((c) => live && setHeld(c), () => {});
    return () => {
      live = false;
    };
  }, [moment]);
  return held;
}

/** On the board: per language, how many paragraphs are current, stale or not translated. */
export function ConcordanceSummary() {
  const held = useConcordance();
  if (!held || Object.keys(held.totals).length === 0) return null;
  return html`<section class="concordance" data-testid="concordance" aria-label=${t("concordance.title")}>
    <h2>${t("concordance.title")}</h2>
    <p>${t("concordance.count", { n: held.concordant, total: held.paragraph_count })}
      ${held.agreed_requires_concordance && html` <span class="hint">${t("concordance.required")}</span>`}</p>
    <ul>
      ${Object.entries(held.totals).map(
        ([lang, n]) => html`<li data-lang=${lang}><strong>${NAMES[lang] || lang}</strong>:
          ${t("concordance.totals", { current: n.current, stale: n.stale, missing: n.missing })}</li>`,
      )}
    </ul>
  </section>`;
}

/** On the board's selected paragraph: its state in each language. */
export function ParagraphConcordance({ paragraphId }) {
  const held = useConcordance();
  const row = held?.paragraphs.find((p) => p.paragraph_id === paragraphId);
  if (!row) return null;
  return html`<p class="meta" data-testid="paragraph-concordance">
    ${t(row.concordant ? "concordance.concordant" : "concordance.not_concordant")}
    ${Object.entries(row.languages).map(
      ([lang, s]) => html` <span class=${`badge translation-${s}`} data-lang=${lang}>${NAMES[lang] || lang}:
        ${t(`translation.state.${s}`)}</span>`,
    )}
  </p>`;
}
