// Co-sponsor invitations on an amendment's card: its proposer invites named member delegations
// (POST /api/amendments/{id}/invitations {codes}) and sees each answer (pending, accepted,
// declined); an invited delegation accepts or declines right here, as it can from the inbox.
// Refreshed on the invitation events of the stream and after every reload.
import { useEffect, useState } from "../vendor/htm-preact-standalone.module.js";
import * as api from "./api.js";
import { members, myCode, nameOf } from "./data.js";
import { t } from "./i18n.js";
import * as live from "./live.js";
import { state } from "./store.js";
import { ActionButton, ActionError, html, useAction } from "./ui.js";

/** The amendment's invitations, fetched again on its invitation events. */
function useInvitations(amendmentId) {
  const [rows, setRows] = useState(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const stop = live.subscribe(["amendment.invited", "invitation."], (event) => {
      if (Number(event.target_id) === amendmentId) setTick((n) => n + 1);
    });
    return stop;
  }, [amendmentId]);
  useEffect(() => {
    let current = true;
    api.invitations.list(amendmentId).then(
      (list) => current && setRows(list),
      () => current && setRows([]),
    );
    return () => {
      current = false;
    };
  }, [amendmentId, tick, state.loadedAt]);
  return [rows, () => setTick((n) => n + 1)];
}

function InviteForm({ amendment, rows, onDone }) {
  const [chosen, setChosen] = useState([]);
  const action = useAction();
  const waiting = new Set(rows.filter((r) => r.status === "pending").map((r) => r.code));
  const open = members().filter((m) => !amendment.sponsors.includes(m.code) && !waiting.has(m.code));
  const toggle = (code) => setChosen(chosen.includes(code) ? chosen.filter((c) => c !== code) : [...chosen, code]);
  const submit = async (event) => {
    event.preventDefault();
    const control = event.submitter;
    if (!chosen.length) return action.setError(t("invitations.choose"));
    await action
      .run(() => api.invitations.invite(amendment.id, chosen), {
        success: t("invitations.sent", { codes: chosen.join(", "), id: amendment.id }),
        control,
      })
      .then(() => {
        setChosen([]);
        onDone();
      })
      .catch(() => {});
  };
  if (!open.length) return null;
  return html`<details class="invite" data-testid="invite">
    <summary>${t("invitations.invite")}</summary>
    <form class="inline-form" onSubmit=${submit}>
      <fieldset><legend>${t("invitations.who")}</legend>
        ${open.map(
          (m) => html`<label class="check"><input type="checkbox" value=${m.code} data-testid=${`invite-${m.code}`}
            checked=${chosen.includes(m.code)} onChange=${() => toggle(m.code)} /> ${nameOf(m.code)}</label>`,
        )}
      </fieldset>
      <button type="submit" data-testid="invite-send" aria-describedby=${action.describedBy}>${t("invitations.send")}</button>
      <${ActionError} action=${action} />
    </form>
  </details>`;
}

function Answer({ row, onDone }) {
  const answer = (accept) => () =>
    (accept ? api.invitations.accept(row.id) : api.invitations.decline(row.id)).then(onDone);
  return html`<span class="actions">
    <${ActionButton} testid="invitation-accept" onAct=${answer(true)}
      success=${t("inbox.accepted", { id: row.amendment_id })}>${t("inbox.accept")}<//>
    <${ActionButton} class="quiet" testid="invitation-decline" onAct=${answer(false)}
      success=${t("inbox.declined", { id: row.amendment_id })}>${t("inbox.decline")}<//>
  </span>`;
}

function InvitationsPanel({ amendment }) {
  const code = myCode();
  const [rows, refresh] = useInvitations(amendment.id);
  if (rows === null) return null;
  const proposer = amendment.proposer === code;
  const mine = rows.filter((r) => r.code === code && r.status === "pending");
  if (!proposer && !mine.length) return null;
  return html`<section class="invitations" data-testid="invitations" aria-label=${t("invitations.title", { id: amendment.id })}>
    ${proposer && rows.length > 0 &&
    html`<ul class="invitation-list">${rows.map(
      (r) => html`<li data-testid="invitation" data-code=${r.code} data-status=${r.status}>
        <span class="code">${r.code}</span> ${nameOf(r.code)}:
        <span class=${`badge invitation-${r.status}`}>${t(`invitations.status.${r.status}`)}</span></li>`,
    )}</ul>`}
    ${proposer && html`<${InviteForm} amendment=${amendment} rows=${rows} onDone=${refresh} />`}
    ${mine.map(
      (r) => html`<p class="invited" data-testid="invited">
        ${t("invitations.you_are_invited", { by: r.invited_by })} <${Answer} row=${r} onDone=${refresh} /></p>`,
    )}
  </section>`;
}

/** On a pending amendment, for member delegations: the proposer's invitations, or mine (as the
 * inbox lists them, so a card asks the server only when there is something to show). */
export function Invitations({ amendment }) {
  const code = myCode();
  if (amendment.status !== "pending" || state.me?.role !== "delegate" || !code) return null;
  const invited = (state.inbox?.items || []).some((i) => i.kind === "invitation" && i.amendment_id === amendment.id);
  if (amendment.proposer !== code && !invited) return null;
  return html`<${InvitationsPanel} amendment=${amendment} key=${amendment.id} />`;
}
