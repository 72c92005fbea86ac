// "For my delegation": what waits for the signed-in delegation (GET /api/me/inbox), its count in
// the header and its screen (#/inbox). Refreshed whenever a live event arrives (live.js), after
// each action taken here, and when the soonest deadline of an item passes (no event says so), so
// an item disappears once it is done — here, by another member of the delegation, or elsewhere.
// Items that need no action (a decision, a reply, a conflict) are marked seen here.
import * as api from "./api.js";
import { isMember, paragraphById, showError } from "./data.js";
import { t } from "./i18n.js";
import * as live from "./live.js";
import { SilenceNotice } from "./silence.js";
import { state, update } from "./store.js";
import { ActionButton, html } from "./ui.js";

let unsubscribe = null;
let deadlineTimer = null;
const MAX_WAIT_MS = 2 ** 31 - 1; // setTimeout's limit

/** Load again when the soonest future deadline of an item passes: a silence ends then. */
function wakeAtDeadline(inbox) {
  clearTimeout(deadlineTimer);
  const now = Date.now();
  const next = (inbox?.items || [])
    .map((i) => (i.deadline ? new Date(i.deadline).getTime() : NaN))
    .filter((at) => at > now)
    .sort((a, b) => a - b)[0];
  if (next) deadlineTimer = setTimeout(loadInbox, Math.min(next - now + 1000, MAX_WAIT_MS));
}

/** Load the inbox into the store (members only: it is their delegation's). */
export async function loadInbox() {
  if (!isMember()) return update({ inbox: null });
  try {
    const inbox = await api.inbox();
    update({ inbox });
    wakeAtDeadline(inbox);
  } catch (error) {
    showError(error);
  }
}

/** Load now, and again (once, 300 ms after a burst) whenever live events arrive. */
export function followInbox() {
  stopInbox();
  loadInbox();
  unsubscribe = live.reloadAfterEvents(loadInbox);
}

export function stopInbox() {
  if (unsubscribe) unsubscribe();
  unsubscribe = null;
  clearTimeout(deadlineTimer);
  update({ inbox: null });
}

/** The header's link to the inbox with its count. */
export function InboxLink() {
  if (!isMember()) return null;
  const count = state.inbox?.count ?? 0;
  const current = state.route.name === "inbox" ? "page" : undefined;
  return html`<li><a href="#/inbox" aria-current=${current} data-testid="inbox-link">
    ${t("nav.inbox")} <span class="badge inbox-count" data-testid="inbox-count"
      aria-label=${t("inbox.count", { n: count })}>${count}</span></a></li>`;
}

/** The paragraph an amendment is pending on (from the loaded amendments), or null. */
function amendmentParagraph(amendmentId) {
  for (const [paragraphId, list] of Object.entries(state.amendments)) {
    if (list.some((a) => a.id === amendmentId)) return Number(paragraphId);
  }
  return null;
}

/** A deadline in the reader's locale and time zone, the zone named ("3 Dec 2026, 18:00 GMT-3"). */
function when(deadline) {
  return new Date(deadline).toLocaleString(state.lang, {
    dateStyle: "medium",
    timeStyle: "long",
  });
}

/** What the item says and where it leads, in the interface language. */
function describe(item) {
  const paragraphId = item.paragraph_id ?? (item.amendment_id ? amendmentParagraph(item.amendment_id) : null);
  const label = paragraphId ? paragraphById(paragraphId)?.label || "" : "";
  const href = paragraphId ? `#/text/${paragraphId}` : "#/text";
  const values = {
    id: item.amendment_id ?? "",
    label,
    version: item.version ?? "",
    when: item.deadline ? when(item.deadline) : "",
    status: item.status ? t(`amendment.status.${item.status}`) : "",
  };
  const key = `inbox.item.${item.kind}`;
  const text = t(key, values);
  return { href, label, text: text === key ? item.text : text };
}

/** Accept or decline; an error shows beside the button pressed (ui.js). */
function InvitationActions({ item }) {
  const answer = (accept) => () =>
    (accept ? api.invitations.accept(item.invitation_id) : api.invitations.decline(item.invitation_id)).then(loadInbox);
  return html`<span class="actions">
    <${ActionButton} testid="inbox-accept" onAct=${answer(true)}
      success=${t("inbox.accepted", { id: item.amendment_id })}>${t("inbox.accept")}<//>
    <${ActionButton} class="quiet" testid="inbox-decline" onAct=${answer(false)}
      success=${t("inbox.declined", { id: item.amendment_id })}>${t("inbox.decline")}<//>
  </span>`;
}

/** A decision, a reply or a conflict: the delegation has seen it, it leaves the inbox. */
function SeenButton({ item }) {
  return html`<${ActionButton} class="quiet" testid="inbox-seen"
    onAct=${() => api.inboxSeen([item.key]).then((inbox) => update({ inbox }))}>${t("inbox.seen")}<//>`;
}

/** A running silence: its deadline (both zones, countdown) and "Break silence" right here. */
function SilenceItem({ item, label }) {
  const silence = { id: item.silence_id, version: item.version, deadline: item.deadline, timezone: item.timezone };
  return html`<${SilenceNotice} silence=${silence} paragraphId=${item.paragraph_id} label=${label} onDone=${loadInbox} />`;
}

function InboxItem({ item }) {
  const { href, text, label } = describe(item);
  return html`<li class=${`inbox-item inbox-${item.kind}`} data-testid="inbox-item" data-kind=${item.kind}
      data-key=${item.key}>
    <span class="badge">${t(`inbox.kind.${item.kind}`)}</span>
    <a href=${href}>${text}</a>
    ${item.kind === "invitation" && item.invitation_id ? html` <${InvitationActions} item=${item} />` : ""}
    ${item.dismissible ? html` <${SeenButton} item=${item} />` : ""}
    ${item.kind === "silence" && item.silence_id ? html`<${SilenceItem} item=${item} label=${label} />` : ""}
  </li>`;
}

/** The inbox screen: every item, the most urgent first, each linking to its place. */
export function InboxView() {
  if (!isMember()) return html`<section class="inbox"><h1>${t("nav.inbox")}</h1><p>${t("inbox.members_only")}</p></section>`;
  const items = state.inbox?.items || [];
  return html`<section class="inbox" aria-labelledby="inbox-title">
    <h1 id="inbox-title">${t("nav.inbox")}</h1>
    ${items.length
      ? html`<ul class="inbox-list" data-testid="inbox-list">${items.map((item) => html`<${InboxItem} key=${item.key} item=${item} />`)}</ul>`
      : html`<p data-testid="inbox-empty">${t("inbox.empty")}</p>`}
  </section>`;
}
