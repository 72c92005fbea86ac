// Plenary mode on every screen: the paragraph the co-chairs have taken up for reading, who has the
// floor and the speakers' list, with what each role may do (chairs: give the floor, next speaker,
// close / reopen the list, end the reading; members: ask for the floor, withdraw). Screens that
// follow the plenary scroll the text to the paragraph and highlight it. Every change arrives as a
// `plenary.*` event carrying the whole state (live.js `subscribe`); nothing here polls.
import { useEffect } from "../vendor/htm-preact-standalone.module.js";
import * as api from "./api.js";
import { boardRow, documentId, isChairSide, isMember, myCode, nameOf, paragraphById, pendingAmendments, showError, STANCES } from "./data.js";
import { t } from "./i18n.js";
import * as live from "./live.js";
import { state, update, useStore } from "./store.js";
import { ActionButton, html } from "./ui.js";

const FOLLOW_KEY = "consenso.follow_plenary";
let following = null; // the document id whose plenary events this page follows
let subscribed = false;

/** Load the plenary of the document (again on every new screen or sign-in) and follow its
 * events; one subscription serves the page. */
export async function followPlenary(id) {
  following = id;
  if (!subscribed) {
    subscribed = true;
    live.subscribe(["plenary."], (event) => {
      const next = event.payload?.plenary;
      if (next && next.document_id === following) update({ plenary: next });
    });
  }
  try {
    update({ plenary: await api.plenary.get(id) });
  } catch (error) {
    showError(error);
  }
}

export function followsPlenary() {
  return localStorage.getItem(FOLLOW_KEY) !== "off";
}

function setFollowing(on) {
  localStorage.setItem(FOLLOW_KEY, on ? "on" : "off");
  update({});
}

export function reading() {
  const p = state.plenary;
  return p && p.document_id === documentId() ? p.reading : null;
}

/** The current positions on the paragraph, counted by stance (the live tally). */
export function tally(paragraphId) {
  const positions = boardRow(paragraphId)?.positions || {};
  const counts = Object.fromEntries(STANCES.map((s) => [s, 0]));
  for (const p of Object.values(positions)) if (p?.stance in counts) counts[p.stance] += 1;
  return counts;
}

export function Tally({ paragraphId }) {
  const counts = tally(paragraphId);
  return html`<span class="plenary-tally" data-testid="plenary-tally">
    ${STANCES.map((s) => html`<span class=${`tally stance-${s}`}>${t(`stance.${s}`)}: <strong>${counts[s]}</strong></span> `)}
  </span>`;
}

/** A chair's button on a paragraph card: take it up for reading. */
export function TakeUpButton({ paragraph }) {
  const r = reading();
  if (r?.paragraph_id === paragraph.id) return null;
  return html`<${ActionButton} class="quiet" testid="take-up"
    onAct=${() => api.plenary.takeUp(documentId(), paragraph.id)}>${t("plenary.take_up")}<//>`;
}

function ChairControls({ r }) {
  const id = documentId();
  return html`<div class="buttons plenary-controls">
    <${ActionButton} testid="plenary-next" disabled=${!r.speaking && !r.waiting.length}
      onAct=${() => api.plenary.next(id, r.speaking?.id || 0)}>${t("plenary.next")}<//>
    ${r.list_open
      ? html`<${ActionButton} class="quiet" testid="plenary-close" onAct=${() => api.plenary.close(id)}>${t("plenary.close")}<//>`
      : html`<${ActionButton} class="quiet" testid="plenary-reopen" onAct=${() => api.plenary.reopen(id)}>${t("plenary.reopen")}<//>`}
    <${ActionButton} class="quiet" testid="plenary-end" onAct=${() => api.plenary.end(id)}>${t("plenary.end")}<//>
  </div>`;
}

function MemberControls({ r }) {
  const code = myCode();
  const mine = r.waiting.find((w) => w.participant_code === code);
  if (r.speaking?.participant_code === code) return html`<p class="meta">${t("plenary.you_speak")}</p>`;
  if (mine) {
    return html`<${ActionButton} class="quiet" testid="plenary-withdraw"
      onAct=${() => api.plenary.withdraw(documentId(), mine.id)}>${t("plenary.withdraw")}<//>`;
  }
  if (!r.list_open) return null;
  return html`<${ActionButton} testid="plenary-ask"
    onAct=${() => api.plenary.ask(documentId(), r.paragraph_id)}>${t("plenary.ask")}<//>`;
}

/** The speakers' list in order; the chairs may give the floor to any delegation on it. */
export function SpeakersList({ r, controls = false }) {
  return html`<ol class="speakers" data-testid="speakers">
    ${r.waiting.map(
      (w) => html`<li key=${w.id} data-code=${w.participant_code}>
        <span class="code">${w.participant_code}</span> ${nameOf(w.participant_code)}
        ${controls && html` <${ActionButton} class="quiet small" testid="plenary-give"
          onAct=${() => api.plenary.give(documentId(), w.id)}>${t("plenary.give")}<//>`}
      </li>`,
    )}
  </ol>`;
}

function useScrollToReading(r, on) {
  const target = r?.paragraph_id;
  useEffect(() => {
    if (!on || !target || state.route.name !== "text") return;
    document.getElementById(`p-${target}`)?.scrollIntoView({ block: "center" });
  }, [target, on, state.route.name]);
}

function ReadingBody({ r, on }) {
  const paragraph = paragraphById(r.paragraph_id);
  return html`<p class="plenary-line">
      <strong>${t("plenary.under_reading", { label: r.label })}</strong>
      ${" "}<a href=${`#/text`} onClick=${() => setTimeout(() => document.getElementById(`p-${r.paragraph_id}`)?.scrollIntoView({ block: "center" }))}>${t("plenary.go")}</a>
      ${" · "}${t("plenary.proposals", { n: paragraph ? pendingAmendments(paragraph.id).length : 0 })}
      ${" · "}<${Tally} paragraphId=${r.paragraph_id} />
    </p>
    <p class="plenary-line" data-testid="plenary-speaking">
      ${r.speaking ? t("plenary.speaking", { who: nameOf(r.speaking.participant_code) }) : t("plenary.nobody_speaking")}
      ${" · "}${r.list_open ? t("plenary.list_open", { n: r.waiting.length }) : t("plenary.list_closed", { n: r.waiting.length })}
    </p>
    <${SpeakersList} r=${r} controls=${isChairSide()} />
    ${isChairSide() && html`<${ChairControls} r=${r} />`}
    ${isMember() && html`<${MemberControls} r=${r} />`}
    <label class="check"><input type="checkbox" checked=${on} data-testid="plenary-follow"
      onChange=${() => setFollowing(!on)} /> ${t("plenary.follow")}</label>
    ${on && html`<style>${`article[data-paragraph-id="${r.paragraph_id}"] { outline: 4px solid #b35c00; outline-offset: 4px; }`}</style>`}`;
}

/** The plenary as every screen shows it, under the header. */
export function PlenaryBar() {
  const s = useStore();
  const id = s.document?.id;
  useEffect(() => {
    if (id) followPlenary(id);
  }, [id]);
  const r = reading();
  const on = followsPlenary();
  useScrollToReading(r, on);
  if (!r) return null;
  return html`<aside class="plenary-bar" aria-label=${t("plenary.label")} data-testid="plenary-bar">
    <${ReadingBody} r=${r} on=${on} />
    <a class="button-link quiet" href="#/plenary">${t("plenary.projector")}</a>
  </aside>`;
}
