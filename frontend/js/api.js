// The ONE module that talks to the server. Every call goes through `request`, which sends the
// session cookie (set HttpOnly by /api/auth/login), parses JSON, and turns problem+json answers
// into an ApiError carrying the server's `detail` (and any extra fields, e.g. a conflict's words).

export class ApiError extends Error {
  constructor(status, problem) {
    // `message` is the detail in the reader's language (sent as Accept-Language below).
    super(problem.message || problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

// After a sign-out, what the ended sign-in still had under way (a load awaiting the one before
// it) sends nothing: its API calls never settle, so none meets a 401 from the ended session and
// no screen reports an error on the sign-in page.
let signedOut = false;

async function request(method, path, body, { raw = false } = {}) {
  if (signedOut && path.startsWith("/api/")) return new Promise(() => {});
  const headers = { Accept: "application/json", "Accept-Language": document.documentElement.lang || "en" };
  const init = { method, credentials: "same-origin", headers };
  if (body instanceof Blob) {
    // A file (a Word import): sent as the raw body.
    init.headers["Content-Type"] = "application/octet-stream";
    init.body = body;
  } else if (body !== undefined) {
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch {
    throw new ApiError(0, { detail: "", title: "network", network: true });
  }
  if (!response.ok) {
    let problem = { detail: "", title: response.statusText };
    const type = response.headers.get("content-type") || "";
    if (type.includes("json")) problem = await response.json().catch(() => problem);
    throw new ApiError(response.status, problem);
  }
  if (raw) return response;
  if (response.status === 204) return null;
  const type = response.headers.get("content-type") || "";
  return type.includes("json") ? response.json() : response.text();
}

const get = (path) => request("GET", path);
const post = (path, body = {}) => request("POST", path, body);
const put = (path, body) => request("PUT", path, body);
const del = (path) => request("DELETE", path);
const patch = (path, body) => request("PATCH", path, body);
const q = (params) => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "") search.set(key, value);
  }
  const s = search.toString();
  return s ? `?${s}` : "";
};

// Interface catalogues are static files; they come through here too, so this stays the only
// module that fetches.
export const messages = (lang) => get(`/static/i18n/${lang}.json`);

// The session cookie is HttpOnly, so the page cannot see it: a hint in localStorage says a sign-in
// happened here, and the page asks `/api/me` only then (the sign-in page makes no failing request).
const SESSION_HINT = "consenso.session";
export const hasSessionHint = () => localStorage.getItem(SESSION_HINT) === "1";
export const forgetSession = () => localStorage.removeItem(SESSION_HINT);

export const auth = {
  login: async (username, password) => {
    signedOut = false;
    const answer = await post("/api/auth/login", { username, password });
    localStorage.setItem(SESSION_HINT, "1");
    return answer;
  },
  logout: () => {
    forgetSession();
    const answer = post("/api/auth/logout");
    signedOut = true;
    return answer;
  },
  me: () => get("/api/me"),
};

export const inbox = () => get("/api/me/inbox");
export const inboxSeen = (keys) => post("/api/me/inbox/seen", { keys });

export const invitations = {
  list: (amendmentId) => get(`/api/amendments/${amendmentId}/invitations`),
  invite: (amendmentId, codes) => post(`/api/amendments/${amendmentId}/invitations`, { codes }),
  accept: (id) => post(`/api/invitations/${id}/accept`),
  decline: (id) => post(`/api/invitations/${id}/decline`),
};

export const silence = {
  onParagraph: (paragraphId) => get(`/api/paragraphs/${paragraphId}/silence`),
  cancel: (id, reason) => post(`/api/silence/${id}/cancel`, { reason }),
};

export const participants = () => get("/api/participants");

export const documents = {
  list: () => get("/api/documents"),
  get: (id, at) => get(`/api/documents/${id}${q({ at })}`),
  update: (id, body) => patch(`/api/documents/${id}`, body),
  events: (id, after) => get(`/api/documents/${id}/events${q({ after })}`),
  consensus: (id) => get(`/api/documents/${id}/consensus`),
  compilation: (id, { revision, lang } = {}) => get(`/api/documents/${id}/compilation${q({ revision, lang })}`),
  undoable: (id) => get(`/api/documents/${id}/undoable`),
  amendments: (id, params = {}) => get(`/api/documents/${id}/amendments${q(params)}`),
  proposeStructural: (id, body) => post(`/api/documents/${id}/amendments`, body),
  revisions: (id) => get(`/api/documents/${id}/revisions`),
  issueRevision: (id, note) => post(`/api/documents/${id}/revisions`, { note }),
  compare: (id, from, to) => get(`/api/documents/${id}/compare${q({ from, to })}`),
  compareDocxUrl: (id, from, to) => `/api/documents/${id}/compare${q({ from, to, format: "docx" })}`,
  revisionSilence: (id, n, deadline) =>
    post(`/api/documents/${id}/revisions/${n}/silence`, { deadline }),
  rounds: (id) => get(`/api/documents/${id}/rounds`),
  icsUrl: (id) => `/api/documents/${id}/calendar.ics`,
  exportUrl: (id, format, variant, revision, lang, parallel) =>
    `/api/documents/${id}/export${q({ format, variant, revision, lang, parallel })}`,
  concordance: (id) => get(`/api/documents/${id}/concordance`),
  languages: (id) => get(`/api/documents/${id}/languages`),
  requestExport: (id, body) => post(`/api/documents/${id}/exports`, body),
};

export const translations = {
  of: (paragraphId) => get(`/api/paragraphs/${paragraphId}/translations`),
  put: (paragraphId, version, lang, text) =>
    put(`/api/paragraphs/${paragraphId}/versions/${version}/translations/${lang}`, { text }),
};

export const sections = { update: (id, body) => patch(`/api/sections/${id}`, body) };

export const rounds = {
  create: (documentId, body) => post(`/api/documents/${documentId}/rounds`, body),
  update: (id, body) => patch(`/api/rounds/${id}`, body),
};

export const exportJobs = { get: (id) => get(`/api/exports/${id}`) };

export const wordImports = {
  preview: (documentId, file) => request("POST", `/api/documents/${documentId}/imports/docx`, file),
  file: (documentId, file, ids) => {
    const search = new URLSearchParams();
    for (const id of ids) search.append("paragraph_ids", id);
    return request("POST", `/api/documents/${documentId}/imports/docx/file?${search}`, file);
  },
};

export const paragraphs = {
  get: (id) => get(`/api/paragraphs/${id}`),
  versions: (id) => get(`/api/paragraphs/${id}/versions`),
  version: (id, n) => get(`/api/paragraphs/${id}/versions/${n}`),
  diff: (id, from, to) => get(`/api/paragraphs/${id}/diff${q({ from, to })}`),
  blame: (id, version) => get(`/api/paragraphs/${id}/blame${q({ version })}`),
  amendments: (id) => get(`/api/paragraphs/${id}/amendments`),
  overlaps: (id) => get(`/api/paragraphs/${id}/amendments/overlaps`),
  propose: (id, body) => post(`/api/paragraphs/${id}/amendments`, body),
  merge: (id, body) => post(`/api/paragraphs/${id}/merge`, body),
  positions: (id) => get(`/api/paragraphs/${id}/positions`),
  takePosition: (id, body) => put(`/api/paragraphs/${id}/positions/mine`, body),
  withdrawPosition: (id) => del(`/api/paragraphs/${id}/positions/mine`),
  silence: (id, version, deadline, timezone = "UTC") =>
    post(`/api/paragraphs/${id}/silence`, { version, deadline, timezone }),
  freeze: (id) => post(`/api/paragraphs/${id}/freeze`),
  unfreeze: (id) => post(`/api/paragraphs/${id}/unfreeze`),
  undo: (id, expected_version) => post(`/api/paragraphs/${id}/undo`, { expected_version }),
};

export const amendments = {
  get: (id) => get(`/api/amendments/${id}`),
  preview: (id) => get(`/api/amendments/${id}/preview`),
  revise: (id, body) => put(`/api/amendments/${id}`, body),
  withdraw: (id) => post(`/api/amendments/${id}/withdraw`),
  sponsor: (id) => post(`/api/amendments/${id}/sponsors`),
  unsponsor: (id, code) => del(`/api/amendments/${id}/sponsors/${code}`),
  accept: (id, expected_version) => post(`/api/amendments/${id}/accept`, { expected_version }),
  reject: (id, reason) => post(`/api/amendments/${id}/reject`, { reason }),
  comments: (id) => get(`/api/amendments/${id}/comments`),
  comment: (id, body) => post(`/api/amendments/${id}/comments`, { body }),
  positions: (id) => get(`/api/amendments/${id}/positions`),
  takePosition: (id, body) => put(`/api/amendments/${id}/positions/mine`, body),
};

const plenaryPath = (id) => `/api/documents/${id}/plenary`;
export const plenary = {
  get: (id) => get(plenaryPath(id)),
  takeUp: (id, paragraph_id) => put(plenaryPath(id), { paragraph_id }),
  end: (id) => del(plenaryPath(id)),
  ask: (id, paragraph_id) => post(`${plenaryPath(id)}/floor`, { paragraph_id }),
  withdraw: (id, requestId) => del(`${plenaryPath(id)}/floor/${requestId}`),
  give: (id, requestId) => post(`${plenaryPath(id)}/floor/${requestId}/give`),
  next: (id, expected_speaker) => post(`${plenaryPath(id)}/next`, { expected_speaker }),
  close: (id) => post(`${plenaryPath(id)}/close`),
  reopen: (id) => post(`${plenaryPath(id)}/reopen`),
};
