// "For my delegation": what waits for the signed-in delegation (GET /api/me/inbox), its count in
// the header and its screen (#/inbox). Refreshed whenever a live event arrives (live.js), so an
// item disappears once it is done — here, by another member of the delegation, or elsewhere.
import * as api from "./api.js";
import { act, isMember, paragraphById, showError } from "./data.js";
import { t } from "./i18n.js";
import * as live from "./live.js";
import { state, update } from "./store.js";
import { html } from "./ui.js";

let unsubscribe = null;
let timer = null;

/** Load the inbox into the store (members only: it is their delegation's). */
export async function loadInbox() {
  if (!isMember()) return update({ inbox: null });
  try {
    update({ inbox: await api.inbox() });
  } catch (error) {
    showError(error);
  }
}

/** Load now, and again (once, 300 ms after a burst) whenever live events arrive. */
export function followInbox() {
  stopInbox();
  loadInbox();
  unsubscribe = live.subscribe("*", () => {
    clearTimeout(timer);
    timer = setTimeout(loadInbox, 300);
  });
}

export function stopInbox() {
  if (unsubscribe) unsubscribe();
  unsubscribe = null;
  clearTimeout(timer);
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

function when(deadline) {
  return new Date(deadline).toLocaleString(state.lang, { dateStyle: "medium", timeStyle: "short" });
}

/** What the item says and where it leads, in the interface language. */
function describe(item) {
  const paragraphId = item.paragraph_id ?? (item.amendment_id ? amendmentParagraph(item.amendment_id) : null);
  const label = paragraphId ? paragraphById(paragraphId)?.label || "" : "";
  const href = paragraphId ? `#/text/${paragraphId}` : "#/text";
  const values = { id: item.amendment_id ?? "", label, version: item.version ?? "", when: item.deadline ? when(item.deadline) : "" };
  const key = `inbox.item.${item.kind}`;
  const text = t(key, values);
  return { href, text: text === key ? item.text : text };
}

function InvitationActions({ item }) {
  const answer = (accept) =>
    act(() => (accept ? api.invitations.accept(item.invitation_id) : api.invitations.decline(item.invitation_id)), {
      success: t(accept ? "inbox.accepted" : "inbox.declined", { id: item.amendment_id }),
    })
      .then(loadInbox)
      .catch(() => {});
  return html`<span class="actions">
    <button type="button" onClick=${() => answer(true)}>${t("inbox.accept")}</button>
    <button type="button" class="quiet" onClick=${() => answer(false)}>${t("inbox.decline")}</button>
  </span>`;
}

function InboxItem({ item }) {
  const { href, text } = describe(item);
  return html`<li class=${`inbox-item inbox-${item.kind}`} data-testid="inbox-item" data-kind=${item.kind}
      data-key=${item.key}>
    <span class="badge">${t(`inbox.kind.${item.kind}`)}</span>
    <a href=${href}>${text}</a>
    ${item.kind === "invitation" && item.invitation_id ? html` <${InvitationActions} item=${item} />` : ""}
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
