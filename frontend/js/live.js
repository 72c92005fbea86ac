// Live updates: the document's event stream (Server-Sent Events, `EventSource`). Each event
// carries the change it made (the paragraph, the amendment, the position, the board's row), and
// the store applies it in place (store.js `applyChange`) instead of reloading everything. The
// browser reconnects by itself with `Last-Event-ID` and receives exactly what it missed; while it
// does, the header says "reconnecting". Only when the stream cannot be had at all does this fall
// back to polling the event log (`?after=N`), trying the stream again now and then.
//
// Other modules follow events with `subscribe(kinds, handler)`: kinds are action names or
// prefixes ("plenary." follows every plenary event; "*" everything); `handler(event)` receives
// the event as GET .../events lists it plus `change` (absent for events read while polling).
import * as api from "./api.js";
import { nameOf, notify, paragraphById, reload, showError } from "./data.js";
import { t } from "./i18n.js";
import { applyChange, state, update } from "./store.js";

const POLL_MS = 2000;
const STREAM_RETRY_MS = 10000;
const subscribers = new Set();
let lastSeq = 0;
let documentId = null;
let source = null;
let pollTimer = null;
let retryTimer = null;

/** Follow `handler(event)` for events whose action is one of `kinds` (or starts with one ending
 * in "."); returns the function that stops following. */
export function subscribe(kinds, handler) {
  const list = Array.isArray(kinds) ? kinds : [kinds];
  const entry = { list, handler };
  subscribers.add(entry);
  return () => subscribers.delete(entry);
}

/** Call `load()` once, 300 ms after each burst of events (any kind): for a screen that reads
 * something the events do not carry. Returns the function that stops it. */
export function reloadAfterEvents(load, waitMs = 300) {
  let timer = null;
  const stop = subscribe("*", () => {
    clearTimeout(timer);
    timer = setTimeout(load, waitMs);
  });
  return () => {
    clearTimeout(timer);
    stop();
  };
}

function matches(list, action) {
  return list.some((k) => k === "*" || k === action || (k.endsWith(".") && action.startsWith(k)));
}

function deliver(event) {
  for (const { list, handler } of [...subscribers]) {
    if (matches(list, event.action)) {
      try {
        handler(event);
      } catch (error) {
        console.error(error);
      }
    }
  }
}

/** Start following a document from its current end (earlier events are history, not news). */
export async function follow(id) {
  stop();
  documentId = id;
  lastSeq = 0;
  open(id, null);
}

export function stop() {
  if (source) source.close();
  source = null;
  clearTimeout(pollTimer);
  clearTimeout(retryTimer);
  pollTimer = retryTimer = null;
  documentId = null;
  setConnection("off");
}

function setConnection(connection) {
  document.documentElement.dataset.connection = connection; // for styles and tests
  if (state.connection !== connection) update({ connection });
}

/** Open the stream; `after` null starts at the document's end (its `ready` says where). */
function open(id, after) {
  const url = `/api/documents/${id}/stream${after === null ? "" : `?after=${after}`}`;
  const es = new EventSource(url);
  source = es;
  es.addEventListener("ready", (message) => {
    if (es !== source) return;
    const { after: start } = JSON.parse(message.data);
    const fresh = after === null && lastSeq === 0;
    if (fresh) lastSeq = start;
    clearTimeout(pollTimer);
    pollTimer = null;
    if (!fresh) return setConnection("live");
    // The screen was loaded before the stream began at `start`: a change committed in between
    // reaches neither. Load once more now (changes streaming in meanwhile are kept and applied
    // again on top, store.js); "live" then means caught up, with nothing missed from here.
    return reload()
      .catch(showError)
      .finally(() => es === source && setConnection("live"));
  });
  es.onmessage = (message) => es === source && received([JSON.parse(message.data)]);
  es.addEventListener("ended", () => es === source && sessionEnded());
  es.onerror = () => {
    if (es !== source) return;
    if (es.readyState === EventSource.CLOSED) return fallBack(id);
    setConnection("reconnecting"); // the browser retries with Last-Event-ID by itself
  };
}

function sessionEnded() {
  stop();
  showError(new api.ApiError(401, { detail: t("live.session_ended") }));
}

/** The stream failed for good (refused, or no EventSource): poll, and try the stream again. */
function fallBack(id) {
  if (source) source.close();
  source = null;
  setConnection("reconnecting");
  if (!pollTimer) pollTimer = setTimeout(poll, POLL_MS);
  clearTimeout(retryTimer);
  retryTimer = setTimeout(() => id === documentId && !source && open(id, lastSeq), STREAM_RETRY_MS);
}

async function poll() {
  pollTimer = null;
  const id = documentId;
  if (id === null || source) return;
  if (!state.me) return stop();
  try {
    const events = await api.documents.events(id, lastSeq);
    if (id !== documentId) return;
    setConnection("polling");
    if (events.length) {
      lastSeq = events[events.length - 1].seq;
      await reload();
      for (const event of events) deliver(event);
      announce(events);
    }
  } catch (error) {
    if (error instanceof api.ApiError && error.status === 401) return sessionEnded();
  }
  if (id === documentId && !source) pollTimer = setTimeout(poll, POLL_MS);
}

/** Events from the stream, in order: apply each change, tell the subscribers, say what changed. */
function received(events) {
  const fresh = events.filter((e) => e.seq > lastSeq);
  if (!fresh.length) return;
  lastSeq = fresh[fresh.length - 1].seq;
  setConnection("live");
  let structure = false;
  for (const event of fresh) {
    if (event.change?.structure) structure = true;
    else if (event.change) applyChange(event.change);
  }
  if (structure) reload();
  for (const event of fresh) deliver(event);
  announce(fresh);
}

function announce(events) {
  const mine = state.me?.username;
  for (const text of summarise(events.filter((e) => e.actor !== mine))) notify(text);
}

/**
 * One sentence per kind of change: 21 delegations supporting a paragraph in the same second is
 * one notice naming them, not 21 notices that push the text off the screen.
 */
export function summarise(events) {
  const groups = new Map();
  for (const event of events) {
    const key = `${event.action}|${event.target_type}|${event.target_id}|${event.payload?.stance || ""}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(event);
  }
  return [...groups.values()].map((group) => {
    if (group.length === 1) return describe(group[0]);
    const names = [...new Set(group.map((e) => (e.delegation_code ? nameOf(e.delegation_code) : e.actor)))];
    const shown = names.length > 4 ? `${names.slice(0, 3).join(", ")} ${t("notices.and_more", { n: names.length - 3 })}` : names.join(", ");
    return describe(group[0], shown);
  });
}

function amendmentParagraph(id) {
  for (const [paragraphId, list] of Object.entries(state.amendments)) {
    if (list.some((a) => a.id === id)) return Number(paragraphId);
  }
  return null;
}

/** A sentence for one event in the interface language: who did what to which paragraph. */
export function describe(event, whoOverride) {
  const who = whoOverride || (event.delegation_code ? nameOf(event.delegation_code) : event.actor || "");
  const p = event.payload || {};
  const amendmentId = event.target_type === "amendment" ? event.target_id : p.amendment_id;
  const paragraphId =
    event.target_type === "paragraph"
      ? event.target_id
      : p.paragraph_id || (amendmentId ? amendmentParagraph(amendmentId) : null);
  const paragraph = paragraphId ? paragraphById(paragraphId) : null;
  const where = paragraph ? paragraph.label : "";
  const onAmendment = event.target_type === "amendment" && event.action.startsWith("position.");
  const key = `event.${event.action}${onAmendment ? ".amendment" : ""}`;
  const text = t(key, {
    who,
    where,
    stance: p.stance ? t(`stance.${p.stance}`) : "",
    id: amendmentId ?? "",
    label: p.label || "",
    code: p.code || "",
  });
  return text === key ? t("event.other", { who, action: event.action, where }) : text;
}
