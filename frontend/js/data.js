// Loading the document, the board and the amendments into the store; who the user is and what
// they may do; running an action with its errors shown to the user.
import * as api from "./api.js";
import { language, t } from "./i18n.js";
import { keepChanges, reapplyKeptChanges, state, update } from "./store.js";

export const STANCES = ["support", "ad_referendum", "reservation", "objection"];
export const STATUSES = ["agreed", "agreed_ad_ref", "bracketed", "open"];

export function isMember() {
  return state.me?.role === "delegate";
}

export function isChairSide() {
  return state.me?.role === "chair" || state.me?.role === "secretariat";
}

export function myCode() {
  return state.me?.participant_code || null;
}

export function participant(code) {
  return state.participants.find((p) => p.code === code);
}

/** A delegation's name in the interface language (the code when unknown). */
export function nameOf(code) {
  // Co-chairs act as the Presidency Pro Tempore of their conference ("PPT-RCM").
  if (code?.startsWith("PPT-")) return t("header.cochair_of", { bloc: code.slice(4) });
  const p = participant(code);
  return p ? p[`name_${language()}`] || p.name_en : code;
}

export function members() {
  return state.participants.filter((p) => p.kind === "member");
}

export function documentId() {
  return state.document?.id;
}

export function allParagraphs() {
  return (state.document?.sections || []).flatMap((s) => s.paragraphs);
}

export function paragraphById(id) {
  return allParagraphs().find((p) => p.id === Number(id));
}

export function boardRow(paragraphId) {
  return state.board?.paragraphs.find((p) => p.id === paragraphId) || null;
}

export function pendingAmendments(paragraphId) {
  return (state.amendments[paragraphId] || []).filter((a) => a.status === "pending");
}

/** The board's status for a paragraph; without a board, bracketed while amendments are pending. */
export function paragraphStatus(paragraph) {
  return boardRow(paragraph.id)?.status || (pendingAmendments(paragraph.id).length ? "bracketed" : "open");
}

let loading = null;
let again = false;

/** Reload everything the current views show; concurrent calls collapse into one extra reload. */
export function reload() {
  if (loading) {
    again = true;
    return loading;
  }
  loading = (async () => {
    try {
      do {
        again = false;
        await loadOnce();
      } while (again);
    } finally {
      loading = null;
    }
  })();
  return loading;
}

async function loadOnce() {
  keepChanges();
  try {
    await loadSnapshots();
  } finally {
    reapplyKeptChanges();
  }
}

async function loadSnapshots() {
  const list = state.document ? [{ id: state.document.id }] : await api.documents.list();
  if (!list.length) {
    update({ document: null, ready: true });
    return;
  }
  const id = list[0].id;
  const [doc, board, revisions] = await Promise.all([
    api.documents.get(id),
    api.documents.consensus(id).catch(() => null),
    api.documents.revisions(id).catch(() => []),
  ]);
  const amendments = await loadAmendments(doc.id);
  const insertions = amendments.null || [];
  delete amendments.null;
  update({
    document: doc,
    board,
    revisions,
    amendments,
    insertions,
    ready: true,
    loadedAt: Date.now(),
  });
}

/** The document's pending amendments by paragraph id (proposed new paragraphs under `null`). */
async function loadAmendments(id) {
  const rows = await api.documents.amendments(id, { status: "pending" }).catch(() => []);
  const byParagraph = {};
  for (const row of rows) (byParagraph[row.paragraph_id] ||= []).push(row);
  return byParagraph;
}

/** Run a server action; on failure show the server's detail in the alert region and rethrow. */
export async function act(fn, { success } = {}) {
  update({ error: null });
  try {
    const result = await fn();
    if (success) notify(success, { own: true });
    await reload();
    return result;
  } catch (error) {
    showError(error);
    throw error;
  }
}

export function showError(error) {
  if (error instanceof api.ApiError && error.status === 401 && state.me) {
    // The session ended (expired, or signed out elsewhere): back to the sign-in form.
    api.forgetSession();
    update({ me: null, document: null, error: { message: error.message, status: 401 } });
    return;
  }
  if (error instanceof api.ApiError) {
    const message = error.problem.network
      ? t("error.network")
      : error.message || t("error.http", { status: error.status });
    update({ error: { message, status: error.status } });
  } else {
    update({ error: { message: String(error.message || error) } });
  }
}

let noticeId = 0;
export function notify(text, { own = false } = {}) {
  noticeId += 1;
  const notices = [...state.notices, { id: noticeId, text, own, at: new Date() }].slice(-4);
  update({ notices });
}
