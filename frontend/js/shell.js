// The frame around every view: sign-in form, header (account, delegation, role, language,
// navigation, exports), the alert for server problems and the polite live region.
import { useEffect, useState } from "../vendor/htm-preact-standalone.module.js";
import * as api from "./api.js";
import { documentId, isChairSide, nameOf } from "./data.js";
import { language, LANGUAGES, revisionLabel, t } from "./i18n.js";
import { JobState, useJob } from "./compilation.js";
import { InboxLink } from "./inbox.js";
import { state, update } from "./store.js";
import { ActionError, errorText, failBeside, html, useAction } from "./ui.js";

export function LanguageSwitch({ onChange }) {
  return html`<label class="lang">
    <span>${t("lang.label")}</span>
    <select value=${state.lang} onChange=${(e) => onChange(e.target.value)} data-testid="lang">
      ${LANGUAGES.map(([code, name]) => html`<option value=${code} lang=${code}>${code.toUpperCase()} · ${name}</option>`)}
    </select>
  </label>`;
}

export function Login({ onSignedIn, onLanguage }) {
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState("");
  const submit = async (event) => {
    event.preventDefault();
    const control = event.submitter;
    setBusy(true);
    setProblem("");
    try {
      const answer = await api.auth.login(username.trim(), password);
      onSignedIn(answer.account);
    } catch (error) {
      // Beside the button, announced, focus kept there (not in the page's alert).
      setProblem(errorText(error));
      setTimeout(() => control?.isConnected && control.focus());
    } finally {
      setBusy(false);
    }
  };
  return html`<main id="main" class="login">
    <h1>Consenso</h1>
    <p class="lede">${t("login.lede")}</p>
    <${LanguageSwitch} onChange=${onLanguage} />
    <${Alert} />
    <form onSubmit=${submit} aria-labelledby="login-title">
      <h2 id="login-title">${t("login.title")}</h2>
      <label>${t("login.username")}
        <input name="username" autocomplete="username" required value=${username}
          onInput=${(e) => setUsername(e.target.value)} />
      </label>
      <label>${t("login.password")}
        <input name="password" type="password" autocomplete="current-password" required
          value=${password} onInput=${(e) => setPassword(e.target.value)} />
      </label>
      <button type="submit" disabled=${busy} aria-describedby=${problem ? "login-error" : undefined}>${t("login.submit")}</button>
      <span id="login-error" class="action-error field-error" role="alert" data-testid="login-error">${problem}</span>
      <p class="hint">${t("login.hint")}</p>
    </form>
  </main>`;
}

const VIEWS = [
  ["text", "#/text", "nav.text"],
  ["compilation", "#/compilation", "nav.compilation"],
  ["board", "#/board", "nav.board"],
  ["compare", "#/compare", "nav.compare"],
];

function MainNav() {
  const route = state.route.name;
  return html`<nav aria-label=${t("nav.label")}>
      <ul>
        ${VIEWS.map(
          ([name, href, key]) =>
            html`<li><a href=${href} aria-current=${route === name ? "page" : undefined}>${t(key)}</a></li>`,
        )}
        <${InboxLink} />
        <li><${ExportsMenu} /></li>
      </ul>
    </nav>`;
}

/** Who is signed in, for which delegation (or as co-chair), in what role; language; sign out. */
function Account({ onSignOut, onLanguage }) {
  const me = state.me;
  const role = t(`role.${me.role}`);
  const speaksFor = me.participant_code
    ? html`<span class="code">${me.participant_code}</span> ${nameOf(me.participant_code)}`
    : me.chair_of
      ? html`${t("header.cochair_of", { bloc: me.chair_of })}`
      : "";
  return html`<div class="account" data-testid="account">
      <span class="who"><strong>${me.username}</strong></span>
      <span class="speaks-for" data-testid="delegation">${speaksFor}</span>
      <span class="role" data-testid="role">${role}</span>
      <${LanguageSwitch} onChange=${onLanguage} />
      <button type="button" class="quiet" onClick=${onSignOut}>${t("header.signout")}</button>
    </div>`;
}

/** Whether the screen follows the room live: shown only when it does not (reconnecting, polling). */
function ConnectionState() {
  if (state.connection !== "reconnecting" && state.connection !== "polling") return null;
  return html`<span class="badge connection" role="status" data-testid="connection">${t(`live.${state.connection}`)}</span>`;
}

export function Header({ onSignOut, onLanguage }) {
  return html`<header class="top" role="banner">
    <a class="skip" href="#main">${t("nav.skip")}</a>
    <div class="brand">
      <span class="logo">Consenso</span>
      <span class="doc-title">${state.document?.title || ""}</span>
      <${ConnectionState} />
    </div>
    <${MainNav} />
    <${Account} onSignOut=${onSignOut} onLanguage=${onLanguage} />
  </header>`;
}

const FORMATS = ["md", "html", "pdf", "docx", "akn", "csv", "json"];
const PARALLEL = ["html", "docx"]; // beside the negotiating text

/** Fetch an export link's file. A large one comes back as a background job (202): follow it
 * here, with its progress and then its download link, instead of saving the job's JSON. */
export async function fetchExport(event, setJob, action) {
  event.preventDefault();
  const link = event.currentTarget;
  action.setError(null);
  try {
    const headers = { "Accept-Language": language() };
    const response = await fetch(link.href, { credentials: "same-origin", headers });
    if (response.status === 202) return setJob(await response.json());
    if (!response.ok) {
      const problem = await response.json().catch(() => ({}));
      throw new api.ApiError(response.status, problem);
    }
    const name = /filename="?([^";]+)"?/.exec(response.headers.get("Content-Disposition") || "")?.[1];
    const url = URL.createObjectURL(await response.blob());
    const save = Object.assign(document.createElement("a"), { href: url, download: name || "" });
    save.click();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
  } catch (error) {
    failBeside(action, error, link);
  }
}

function ExportsMenu() {
  const [job, setJob] = useState(null);
  useJob(job, setJob);
  const action = useAction(); // a download's error, shown in the menu beside the links
  const [revision, setRevision] = useState("");
  // Exports in the reader's language: each paragraph's translation, a stale one marked.
  const [lang, setLang] = useState(language());
  const [negotiating, setNegotiating] = useState(null);
  useEffect(() => {
    if (!documentId()) return;
    api.documents.languages(documentId()).then((l) => setNegotiating(l.negotiating_language), () => {});
  }, [documentId()]);
  if (!documentId()) return null;
  const revisions = state.revisions || [];
  return html`<details class="menu exports">
    <summary>${t("export.menu")}</summary>
    <div class="menu-body">
      <label>${t("export.at")}
        <select value=${revision} onChange=${(e) => setRevision(e.target.value)}>
          <option value="">${t("export.now")}</option>
          ${revisions.map((r) => html`<option value=${r.number}>${revisionLabel(r)}</option>`)}
        </select>
      </label>
      <label>${t("export.language")}
        <select value=${lang} data-testid="export-lang" onChange=${(e) => setLang(e.target.value)}>
          ${LANGUAGES.map(([code, name]) => html`<option value=${code}>${name}</option>`)}
        </select>
      </label>
      ${["agreed", "compilation"].map(
        (variant) => html`<div class="export-variant">
          <h3>${t(`export.variant.${variant}`)}</h3>
          <ul>
            ${FORMATS.filter((f) => f !== "json" || (variant === "agreed" && isChairSide())).map(
              (format) => html`<li><a href=${api.documents.exportUrl(documentId(), format, variant, revision, lang)}
                  download onClick=${(e) => fetchExport(e, setJob, action)}>${t(`export.format.${format}`)}</a>${PARALLEL.includes(format) && negotiating && lang !== negotiating &&
                html` · <a href=${api.documents.exportUrl(documentId(), format, variant, revision, lang, "true")}
                  download onClick=${(e) => fetchExport(e, setJob, action)} data-testid="export-parallel">${t("export.parallel")}</a>`}</li>`,
            )}
          </ul>
        </div>`,
      )}
      <${ActionError} action=${action} />
      <div aria-live="polite" data-testid="export-job"><${JobState} job=${job} /></div>
    </div>
  </details>`;
}

export function Alert() {
  const error = state.error;
  return html`<div class="alert-slot" role="alert" data-testid="alert">
    ${error ? html`<p class="alert"><strong>${t("error.title")}</strong> ${error.message}</p>` : ""}
  </div>`;
}

export function Notices() {
  return html`<section class="notices" aria-label=${t("notices.label")}>
    <div aria-live="polite" aria-atomic="false" data-testid="notices">
      ${state.notices.map(
        (n) => html`<p key=${n.id} class=${n.own ? "notice own" : "notice"}>
          <time>${n.at.toLocaleTimeString(state.lang, { hour: "2-digit", minute: "2-digit" })}</time> ${n.text}</p>`,
      )}
    </div>
    ${state.notices.length > 0 &&
    html`<button type="button" class="quiet small" onClick=${() => update({ notices: [] })}>${t("notices.clear")}</button>`}
  </section>`;
}
