// Loading the document, the board and the amendments into the store; who the user is and what
// they may do; running an action with its errors shown to the user.
import * as api from "./api.js";
import { language, t } from "./i18n.js";
import { state, update } from "./store.js";

export const STANCES = ["support", "ad_referendum", "reservation", "objection"];
export const STATUSES = ["agreed", "agreed_ad_ref", "bracketed", "open"];

/** Whether this server has `method` on `path` (an OpenAPI path template). */
export const has = (path, method = "get") => Boolean(state.paths.get(path)?.has(method));

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

/** Amendments as the UI reads them, whatever optional fields this server version includes. */
export function normalizeAmendment(a) {
  const sponsors = (a.sponsors || []).map((s) => (typeof s === "string" ? s : s.code || s.participant_code));
  return {
    ...a,
    proposer: a.proposer || sponsors[0],
    sponsors,
    segments: Array.isArray(a.redline) ? a.redline : null,
    rebase: a.rebase || null,
  };
}

export function pendingAmendments(paragraphId) {
  return (state.amendments[paragraphId] || []).filter((a) => a.status === "pending");
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
  const list = state.document ? [{ id: state.document.id }] : await api.documents.list();
  if (!list.length) {
    update({ document: null, ready: true });
    return;
  }
  const id = list[0].id;
  const wantBoard = has("/api/documents/{document_id}/consensus");
  const wantRevisions = has("/api/documents/{document_id}/revisions");
  const [doc, board, revisions] = await Promise.all([
    api.documents.get(id),
    wantBoard ? api.documents.consensus(id).catch(() => null) : null,
    wantRevisions ? api.documents.revisions(id).catch(() => []) : [],
  ]);
  const amendments = await loadAmendments(doc);
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

async function loadAmendments(doc) {
  const byParagraph = {};
  if (has("/api/documents/{document_id}/amendments")) {
    const rows = await api.documents.amendments(doc.id, { status: "pending" }).catch(() => null);
    if (Array.isArray(rows)) {
      for (const row of rows.map(normalizeAmendment)) {
        (byParagraph[row.paragraph_id] ||= []).push(row);
      }
      return byParagraph;
    }
  }
  if (!has("/api/paragraphs/{paragraph_id}/amendments")) return byParagraph;
  const paragraphs = doc.sections.flatMap((s) => s.paragraphs);
  const lists = await Promise.all(
    paragraphs.map((p) => api.paragraphs.amendments(p.id).catch(() => [])),
  );
  paragraphs.forEach((p, i) => {
    byParagraph[p.id] = lists[i].map(normalizeAmendment);
  });
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
