// Interface language: EN / ES / PT catalogues (frontend/i18n/*.json). Only the interface is
// translated; the negotiated text is shown as written. Participant names come from the server in
// all three languages.
import { messages } from "./api.js";

export const LANGUAGES = [
  ["en", "English"],
  ["es", "Español"],
  ["pt", "Português"],
];

let catalogue = {};
let fallback = {};
let current = "en";

export function language() {
  return current;
}

export function initialLanguage() {
  const saved = localStorage.getItem("consenso.lang");
  if (saved && LANGUAGES.some(([code]) => code === saved)) return saved;
  const browser = (navigator.language || "en").slice(0, 2);
  return LANGUAGES.some(([code]) => code === browser) ? browser : "en";
}

export async function setLanguage(lang) {
  const [chosen, english] = await Promise.all([messages(lang), messages("en")]);
  catalogue = chosen;
  fallback = english;
  current = lang;
  localStorage.setItem("consenso.lang", lang);
  document.documentElement.lang = lang;
}

/** The message `key` in the current language, with `{name}` placeholders filled from `vars`. */
export function t(key, vars = {}) {
  const template = catalogue[key] ?? fallback[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (_, name) => (name in vars ? String(vars[name]) : `{${name}}`));
}

// A moment in the reader's locale, with its time zone named ("2 dic 2026, 10:00 UTC").
export function formatDate(value) {
  if (!value) return "";
  return new Intl.DateTimeFormat(current, {
    dateStyle: "medium",
    timeStyle: "long",
  }).format(new Date(value));
}

// Parameters of a server message that hold a moment (app/drafting/messages.py TIME_PARAMS).
const TIME_PARAMS = new Set(["deadline", "at"]);

/** A server message given as data ({code, params}) in the reader's language. */
export function message({ code, params = {} }) {
  const shown = {};
  for (const [name, value] of Object.entries(params)) {
    if (value && typeof value === "object") shown[name] = message(value); // a part with its own code
    else if (name === "revision" && value === "Zero draft") shown[name] = t("revision.zero");
    else shown[name] = TIME_PARAMS.has(name) ? formatDate(value) : value;
  }
  return t(`msg.${code}`, shown);
}

export function formatDay(value) {
  return new Intl.DateTimeFormat(current, { day: "numeric", month: "short" }).format(
    new Date(`${value}T12:00:00Z`),
  );
}

/** A revision's name in the reader's language ("Borrador cero", "Rev.2"), from its number. */
export function revisionLabel(revision) {
  if (revision?.number === undefined || revision?.number === null) return revision?.label || "";
  return revision.number === 0 ? t("revision.zero") : t("revision.n", { n: revision.number });
}
