// Entry point: boot (language, the signed-in account), hash routing, and the frame.
import { render, useEffect } from "../vendor/htm-preact-standalone.module.js";
import * as api from "./api.js";
import { BoardView } from "./board.js";
import { CompilationView } from "./compilation.js";
import { reload, showError } from "./data.js";
import { CompareView, ParagraphHistory } from "./history.js";
import { initialLanguage, setLanguage, t } from "./i18n.js";
import * as live from "./live.js";
import { PlenaryBar } from "./plenary.js";
import { InboxView, followInbox, stopInbox } from "./inbox.js";
import { ProjectorView } from "./projector.js";
import { Alert, Header, Login, Notices } from "./shell.js";
import { state, update, useStore } from "./store.js";
import { TextView } from "./text.js";
import { followUndoable, stopUndoable } from "./undo.js";
import { html } from "./ui.js";

function parseRoute() {
  const parts = location.hash.replace(/^#\/?/, "").split("/").filter(Boolean);
  const [name = "text", arg] = parts;
  if (name === "paragraph" && arg) return { name: "paragraph", params: { id: Number(arg) } };
  if (name === "text" && arg) return { name: "text", params: { focus: Number(arg) } };
  if (["text", "compilation", "board", "compare", "plenary", "inbox"].includes(name)) return { name, params: {} };
  return { name: "text", params: {} };
}

async function changeLanguage(lang) {
  await setLanguage(lang);
  update({ lang });
}

// Which sign-in the page is on: a sign-out while `signedIn` still awaits its loads ends that
// sign-in, so it starts no stream or inbox afterwards (their requests would meet a 401).
let signIns = 0;

async function signedIn(account) {
  const current = ++signIns;
  const still = () => current === signIns;
  update({ me: account, error: null, ready: false });
  const participants = await api.participants();
  if (!still()) return;
  update({ participants });
  await reload();
  if (!still()) return;
  if (state.document) live.follow(state.document.id); // opens the stream at once: nothing to await
  followInbox();
  followUndoable();
}

async function signOut() {
  signIns += 1;
  live.stop();
  stopInbox();
  stopUndoable();
  await api.auth.logout().catch(() => {});
  update({ me: null, document: null, board: null, amendments: {}, notices: [], error: null });
}

function View() {
  const route = state.route;
  if (route.name === "board") return html`<${BoardView} />`;
  if (route.name === "compilation") return html`<${CompilationView} />`;
  if (route.name === "compare") return html`<${CompareView} />`;
  if (route.name === "inbox") return html`<${InboxView} />`;
  if (route.name === "paragraph") return html`<${ParagraphHistory} id=${route.params.id} key=${route.params.id} />`;
  return html`<${TextView} />`;
}

function App() {
  const s = useStore();
  useEffect(() => {
    const onHash = () => {
      const route = parseRoute();
      update({ route });
      window.scrollTo(0, 0);
      document.getElementById("main")?.focus({ preventScroll: true });
      // "#/text/12" (an inbox item's place): the text, scrolled to paragraph 12.
      if (route.params.focus) requestAnimationFrame(() => document.getElementById(`p-${route.params.focus}`)?.scrollIntoView());
    };
    window.addEventListener("hashchange", onHash);
    return () => window.removeEventListener("hashchange", onHash);
  }, []);
  useEffect(() => {
    document.title = s.me ? `${t(`nav.${s.route.name === "paragraph" ? "history" : s.route.name}`)} · Consenso` : "Consenso";
  }, [s.route, s.lang, s.me]);
  if (!s.booted) return html`<p class="loading">…</p>`;
  if (!s.me) return html`<${Login} onSignedIn=${signedIn} onLanguage=${changeLanguage} />`;
  // The projector: no header, no controls, only the paragraph under reading and the floor.
  if (s.route.name === "plenary") return s.ready ? html`<${ProjectorView} />` : html`<p class="loading">${t("app.loading")}</p>`;
  return html`<${Header} onSignOut=${signOut} onLanguage=${changeLanguage} />
    <${Alert} />
    <${Notices} />
    <${PlenaryBar} />
    <main id="main" tabindex="-1" data-ready=${s.ready ? "true" : "false"}>
      ${s.ready ? html`<${View} />` : html`<p class="loading">${t("app.loading")}</p>`}
    </main>`;
}

async function boot() {
  const lang = initialLanguage();
  await setLanguage(lang);
  update({ lang, route: parseRoute() });
  let me = null;
  try {
    if (api.hasSessionHint()) me = await api.auth.me();
  } catch (error) {
    if (error instanceof api.ApiError && error.status === 401) api.forgetSession();
    else showError(error);
  }
  update({ booted: true });
  if (me) await signedIn(me);
}

render(html`<${App} />`, document.getElementById("app"));
boot();
