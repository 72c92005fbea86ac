// One shared state object and a hook that re-renders a component when it changes.
import { useEffect, useReducer } from "../vendor/htm-preact-standalone.module.js";

const listeners = new Set();

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
  notices: [], // what changed, newest last (read out by the aria-live region)
  error: null, // the last problem the server reported, shown in an alert
  route: { name: "text", params: {} },
  filters: { bracketed: false, noPosition: false, mine: false },
  loadedAt: 0,
};

export function update(patch) {
  Object.assign(state, typeof patch === "function" ? patch(state) : patch);
  for (const listener of listeners) listener();
}

export function useStore() {
  const [, force] = useReducer((n) => n + 1, 0);
  useEffect(() => {
    listeners.add(force);
    return () => listeners.delete(force);
  }, []);
  return state;
}
