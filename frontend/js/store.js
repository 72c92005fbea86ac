// One shared state object and a hook that re-renders a component when it changes; and
// `applyChange`, which puts what a streamed event carries (live.js) into the state in place.
import { useEffect, useReducer } from "../vendor/htm-preact-standalone.module.js";

const listeners = new Set();
let version = 0; // how many updates the state has had

export const state = {
  ready: false,
  lang: "en",
  me: null, // the signed-in account
  participants: [], // members and observers, with names in EN / ES / PT
  document: null, // DocumentPublic: sections and paragraphs with their head text
  board: null, // the consensus board (null when it could not be loaded)
  amendments: {}, // paragraph id -> its pending amendments
  insertions: [], // pending insert_paragraph amendments (no paragraph yet)
  revisions: [],
  inbox: null, // the delegation's inbox ({count, items}), members only
  undoable: [], // paragraphs whose last decision the chairs can undo now (undo.js)
  notices: [], // what changed, newest last (read out by the aria-live region)
  error: null, // the last problem the server reported, shown in an alert
  route: { name: "text", params: {} },
  filters: { bracketed: false, noPosition: false, mine: false },
  loadedAt: 0,
  connection: "off", // the event stream: "live", "reconnecting", "polling" or "off"
};

export function update(patch) {
  Object.assign(state, typeof patch === "function" ? patch(state) : patch);
  version += 1;
  for (const listener of listeners) listener();
}

export function useStore() {
  const [, force] = useReducer((n) => n + 1, 0);
  const rendered = version;
  useEffect(() => {
    listeners.add(force);
    // Effects run after the browser paints: an update in between (the boot's first answers,
    // when they come from the cache) found no listener, so this component renders again.
    if (version !== rendered) force();
    return () => listeners.delete(force);
  }, []);
  return state;
}

/** The document with these paragraphs (as the API shows them) put in place; deleted ones out. */
function withParagraphs(doc, paragraphs) {
  if (!doc || !paragraphs?.length) return doc;
  const byId = new Map(paragraphs.map((p) => [p.id, p]));
  const sections = doc.sections.map((section) => ({
    ...section,
    paragraphs: section.paragraphs
      .filter((p) => !byId.get(p.id)?.deleted)
      .map((p) => (byId.has(p.id) ? { ...p, ...without(byId.get(p.id), "deleted") } : p)),
  }));
  return { ...doc, sections };
}

function without(object, key) {
  const copy = { ...object };
  delete copy[key];
  return copy;
}

/** Pending amendments by paragraph, and proposed new paragraphs, with these amendments in place
 * (one no longer pending leaves the lists). */
function withAmendments(byParagraph, insertions, amendments) {
  if (!amendments?.length) return { amendments: byParagraph, insertions };
  const next = { ...byParagraph };
  let inserted = insertions;
  for (const a of amendments) {
    const key = a.paragraph_id;
    const list = (key === null ? inserted : next[key] || []).filter((x) => x.id !== a.id);
    if (a.status === "pending") {
      const at = (key === null ? inserted : next[key] || []).findIndex((x) => x.id === a.id);
      list.splice(at < 0 ? list.length : at, 0, a);
    }
    if (key === null) inserted = list;
    else next[key] = list;
  }
  return { amendments: next, insertions: inserted };
}

/** The board with these rows in place, rows of removed paragraphs out, and its new counts. */
function withBoard(board, change) {
  if (!board || !change) return board;
  const rows = new Map(change.rows.map((row) => [row.id, row]));
  const removed = new Set(change.removed);
  const paragraphs = board.paragraphs.filter((p) => !removed.has(p.id)).map((p) => rows.get(p.id) || p);
  const { totals, sections, blocs, timeline } = change;
  return { ...board, paragraphs, totals, sections, blocs, timeline };
}

// A reload (data.js) fetches several snapshots and puts them in place at the end; a change that
// streams in meanwhile would be overwritten by a snapshot read before it, and lost for good (its
// event is already behind the stream's position). So the changes applied during a reload are
// kept and applied again on top of its snapshots: each carries whole rows, so applying one twice,
// or one older than the snapshot, is undone by the newer events the stream delivers in order.
let duringReload = null;

/** Start keeping the changes applied from now on (a reload is fetching its snapshots). */
export function keepChanges() {
  duringReload = [];
}

/** Apply the kept changes again, on top of the snapshots a reload has just put in place. */
export function reapplyKeptChanges() {
  const kept = duringReload || [];
  duringReload = null;
  for (const change of kept) applyChange(change);
}

/** Apply what one streamed event carries (`change`): the screens re-render from the state. */
export function applyChange(change) {
  if (duringReload) duringReload.push(change);
  const { amendments, insertions } = withAmendments(state.amendments, state.insertions, change.amendments);
  update({
    document: withParagraphs(state.document, change.paragraphs),
    board: withBoard(state.board, change.board),
    amendments,
    insertions,
  });
}
