// Live updates: poll the document's event log (`?after=N`) every 700 ms; when something happened,
// reload what the page shows and say what changed in the polite live region.
import * as api from "./api.js";
import { nameOf, notify, paragraphById, reload } from "./data.js";
import { t } from "./i18n.js";
import { state } from "./store.js";

const INTERVAL_MS = 700;
let lastSeq = 0;
let timer = null;
let documentId = null;

/** Start following a document from its current end (earlier events are history, not news). */
export async function follow(id) {
  stop();
  documentId = id;
  lastSeq = 0;
  // Page through to the end of the log once; later polls only fetch what is new.
  for (;;) {
    const events = await api.documents.events(id, lastSeq);
    if (!events.length) break;
    lastSeq = events[events.length - 1].seq;
    if (events.length < 500) break;
  }
  schedule();
}

export function stop() {
  if (timer) clearTimeout(timer);
  timer = null;
  documentId = null;
}

function schedule() {
  timer = setTimeout(poll, INTERVAL_MS);
}

async function poll() {
  const id = documentId;
  if (id === null) return;
  if (!state.me) return stop(); // signed out, or the session ended
  try {
    const events = await api.documents.events(id, lastSeq);
    if (id !== documentId) return;
    if (events.length) {
      lastSeq = events[events.length - 1].seq;
      await reload();
      const mine = state.me?.username;
      for (const text of summarise(events.filter((e) => e.actor !== mine))) notify(text);
    }
  } catch {
    // A dropped poll (server restarting, laptop asleep) is retried on the next tick.
  }
  if (id === documentId) schedule();
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
