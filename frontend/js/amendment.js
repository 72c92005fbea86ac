// One amendment as delegates read it: the redline with its sponsors and rationale, whether it
// still applies to the head, and what the reader may do with it (co-sponsor, revise, withdraw,
// take a position; for the chairs: accept, reject, merge).
import { useEffect, useState } from "../vendor/htm-preact-standalone.module.js";
import * as api from "./api.js";
import { isChairSide, isMember, myCode, nameOf } from "./data.js";
import { confirmDialog } from "./dialog.js";
import { combineTexts, Editor, rebaseText } from "./editor.js";
import { formatDate, message, t } from "./i18n.js";
import { Invitations } from "./invitations.js";
import { AmendmentPositions } from "./positions.js";
import { state } from "./store.js";
import { ActionButton, ActionError, ConflictList, html, Redline, Sponsors, useAction } from "./ui.js";

function RebaseStatus({ amendment, paragraph, onRebase }) {
  const r = amendment.rebase;
  if (amendment.status !== "pending" || amendment.base_version === paragraph.head_version) {
    return null;
  }
  if (r.status === "not_applicable") return null;
  const clean = r.status === "applies_cleanly" || r.status === "already_applied";
  return html`<div class=${clean ? "rebase ok" : "rebase conflict"} data-testid="rebase-status">
    <p>${clean
      ? t("amendment.applies", { version: r.head_version })
      : t("amendment.conflicts", { version: r.head_version })}</p>
    ${!clean && html`<${ConflictList} conflicts=${r.conflicts} />`}
    ${onRebase &&
    html`<button type="button" onClick=${onRebase} data-testid="rebase">
      ${t("amendment.rebase", { version: r.head_version })}</button>`}
  </div>`;
}

/** The text the amendment was drafted against (a proposed new paragraph has none). */
async function baseTextOf(a, paragraph) {
  if (a.kind === "insert_paragraph") return "";
  if (a.base_version === paragraph.head_version) return paragraph.text;
  return (await api.paragraphs.version(paragraph.id, a.base_version)).text;
}

/** Where the revise editor starts: the amendment as filed, against its own base. */
async function revisionDraft(a, paragraph) {
  return { baseText: await baseTextOf(a, paragraph), text: a.text, version: a.base_version };
}

/**
 * The amendment carried over to the head: the server's rebased text when it applies cleanly,
 * otherwise our best effort for the sponsor to finish by hand.
 */
async function rebaseDraft(a, paragraph) {
  const text = a.rebase.text ?? rebaseText(await baseTextOf(a, paragraph), a.text, paragraph.text).text;
  return { baseText: paragraph.text, text, version: paragraph.head_version };
}

/** The text accepting `a` would write now, as a redline on the head; confirmed, or the clashes. */
function PreviewBody({ preview }) {
  const clean = preview.text !== null && preview.status !== "conflict";
  return html`<div data-testid="accept-preview">
    <p>${clean ? t("preview.result", { version: preview.head_version }) : t("preview.conflict", { version: preview.head_version })}</p>
    ${clean && html`<${Redline} segments=${preview.redline} label=${t("preview.redline")} />`}
    ${!clean && html`<${ConflictList} conflicts=${preview.conflicts} />`}
    ${preview.reason && html`<p class="hint">${preview.reason_code ? message(preview.reason_code) : preview.reason}</p>`}
  </div>`;
}

/** Accept `a` (chairs) after seeing the resulting text; a 409 hands the clashes to `onConflicts`. */
async function acceptAmendment(a, action, control, onConflicts) {
  onConflicts(null);
  action.setError(null);
  let preview;
  try {
    preview = await api.amendments.preview(a.id);
  } catch (error) {
    await action.run(() => Promise.reject(error), { control }).catch(() => {});
    return;
  }
  const yes = await confirmDialog({
    title: t("preview.title", { id: a.id }),
    body: html`<${PreviewBody} preview=${preview} />`,
    confirmLabel: t("amendment.accept"),
    canConfirm: preview.text !== null && preview.status !== "conflict",
    testid: "accept-dialog",
  });
  if (!yes) return;
  const insertion = a.kind === "insert_paragraph"; // no paragraph yet: no version to name
  try {
    await action.run(() => api.amendments.accept(a.id, insertion ? null : preview.head_version), {
      success: t("amendment.accepted_notice", { id: a.id }),
      control,
    });
  } catch (error) {
    if (error instanceof api.ApiError && error.status === 409) {
      onConflicts(error.problem.conflicts || []);
    }
  }
}

function AmendmentTitle({ amendment: a, index }) {
  return html`<h4 id=${`am-${a.id}-title`} class="amendment-title">
      <span>${t("amendment.alt", { n: index + 1 })}</span>
      <span class="amendment-id">${t("amendment.number", { id: a.id })}</span>
      <span class="sponsor-line">${t("amendment.sponsors")} <${Sponsors} codes=${a.sponsors} /></span>
      ${a.chairs_text && html`<span class="badge chairs-text" data-testid="chairs-proposal">${t("chairs.badge")}</span>`}
      ${a.late && html`<span class="badge late" data-testid="late">${t("amendment.late")}</span>`}
      ${a.status !== "pending" && html`<span class="badge">${t(`amendment.status.${a.status}`)}</span>`}
      ${a.revision > 1 && html`<span class="hint">${t("amendment.revision", { n: a.revision })}</span>`}
    </h4>`;
}

/** What the amendment proposes: its kind, the redline, the rationale, who filed it and when. */
function AmendmentProposal({ amendment: a }) {
  return html`${a.kind !== "modify" && html`<p class="hint kind">${t(`amendment.kind.${a.kind}`)}</p>`}
    <${Redline} segments=${a.redline} label=${t("amendment.redline", { id: a.id })} />
    ${a.rationale &&
    html`<p class="rationale"><span class="label">${t("amendment.rationale")}</span>
      <span class="user-text" data-testid="rationale">${a.rationale}</span></p>`}
    <p class="meta">${t("amendment.filed", {
      who: nameOf(a.proposer),
      when: formatDate(a.created_at),
      version: a.base_version,
    })}</p>`;
}

/** Co-sponsor (other members), leave / revise / withdraw (sponsors). */
function SponsorButtons({ amendment: a, isSponsor, onRevise }) {
  const code = myCode();
  return html`${isMember() &&
      !isSponsor &&
      html`<${ActionButton} testid="cosponsor" onAct=${() => api.amendments.sponsor(a.id)}
        success=${t("amendment.cosponsored", { id: a.id })}>${t("amendment.cosponsor")}<//>`}
      ${isSponsor &&
      a.proposer !== code &&
      html`<${ActionButton} class="quiet" onAct=${() => api.amendments.unsponsor(a.id, code)}>
        ${t("amendment.leave")}<//>`}
      ${a.proposer === code &&
      html`${a.kind !== "delete_paragraph" &&
        html`<button type="button" data-testid="revise" onClick=${onRevise}>${t("amendment.revise")}</button>`}
        <${ActionButton} class="quiet" testid="withdraw" onAct=${() => api.amendments.withdraw(a.id)}
          success=${t("amendment.withdrawn_notice", { id: a.id })}>${t("amendment.withdraw")}<//>`}`;
}

/** Accept (after the preview), and open or close the reject form (chairs and the secretariat). */
function ChairButtons({ amendment, onConflicts, rejecting, onToggleReject }) {
  const action = useAction();
  return html`<span class="action"><button type="button" data-testid="accept" aria-describedby=${action.describedBy}
          onClick=${(e) => acceptAmendment(amendment, action, e.currentTarget, onConflicts)}>
          ${t("amendment.accept")}</button><${ActionError} action=${action} /></span>
        <button type="button" class="quiet" data-testid="reject" onClick=${onToggleReject}
          aria-expanded=${rejecting}>${t("amendment.reject")}</button>`;
}

function RejectForm({ amendment, reason, setReason }) {
  const action = useAction();
  const reject = async (event) => {
    event.preventDefault();
    const control = event.submitter;
    const yes = await confirmDialog({
      title: t("confirm.reject_title", { id: amendment.id }),
      body: html`<p>${t("confirm.reject_body")}</p><p class="user-text">${reason.trim()}</p>`,
      confirmLabel: t("amendment.reject_confirm"),
      danger: true,
    });
    if (!yes) return;
    await action.run(() => api.amendments.reject(amendment.id, reason.trim()), {
      success: t("amendment.rejected_notice", { id: amendment.id }),
      control,
    }).catch(() => {});
  };
  return html`<form class="inline-form" onSubmit=${reject}>
      <label>${t("amendment.reject_reason")}
        <input value=${reason} required onInput=${(e) => setReason(e.target.value)} />
      </label>
      <button type="submit" aria-describedby=${action.describedBy}>${t("amendment.reject_confirm")}</button>
      <${ActionError} action=${action} />
    </form>`;
}

export function AmendmentCard({ amendment: a, paragraph, index }) {
  const [mode, setMode] = useState(null); // null | "revise" | "reject"
  const [reason, setReason] = useState("");
  const [draft, setDraft] = useState(null); // {baseText, text, version} the revise editor starts from
  const [decisionConflicts, setDecisionConflicts] = useState(null);
  const code = myCode();
  const isSponsor = code && a.sponsors.includes(code);
  const pending = a.status === "pending";
  const openEditor = async (makeDraft) => {
    setDraft(await makeDraft(a, paragraph));
    setMode("revise");
  };
  return html`<article class=${`amendment amendment-${a.status}`} data-testid="amendment"
      data-amendment-id=${a.id} aria-labelledby=${`am-${a.id}-title`}>
    <${AmendmentTitle} amendment=${a} index=${index} />
    <${AmendmentProposal} amendment=${a} />
    <${RebaseStatus} amendment=${a} paragraph=${paragraph}
      onRebase=${a.proposer === code ? () => openEditor(rebaseDraft) : null} />
    ${decisionConflicts && html`<div class="conflict" data-testid="accept-conflict"><${ConflictList} conflicts=${decisionConflicts} /></div>`}
    ${pending &&
    html`<div class="buttons">
      <${SponsorButtons} amendment=${a} isSponsor=${isSponsor} onRevise=${() => openEditor(revisionDraft)} />
      ${isChairSide() &&
      html`<${ChairButtons} amendment=${a} onConflicts=${setDecisionConflicts}
        rejecting=${mode === "reject"} onToggleReject=${() => setMode(mode === "reject" ? null : "reject")} />`}
    </div>`}
    <${Invitations} amendment=${a} />
    ${mode === "reject" && html`<${RejectForm} amendment=${a} reason=${reason} setReason=${setReason} />`}
    ${mode === "revise" &&
    draft !== null &&
    html`<${Editor} mode="revise" paragraph=${paragraph} amendment=${a} baseText=${draft.baseText}
      baseVersion=${draft.version} initialText=${draft.text} initialRationale=${a.rationale}
      onDone=${() => setMode(null)} />`}
    ${pending && (isMember() || isChairSide()) && html`<${AmendmentPositions} amendment=${a} canTake=${isMember()} />`}
    <${Comments} amendment=${a} />
  </article>`;
}

/** The discussion on an amendment: members, chairs and observers alike; loaded when opened. */
function Comments({ amendment }) {
  const [open, setOpen] = useState(false);
  const [rows, setRows] = useState(null);
  const [body, setBody] = useState("");
  const action = useAction();
  useEffect(() => {
    if (open) api.amendments.comments(amendment.id).then(setRows, () => setRows([]));
  }, [open, state.loadedAt, amendment.id]);
  const post = async (event) => {
    event.preventDefault();
    if (!body.trim()) return;
    await action.run(() => api.amendments.comment(amendment.id, body.trim()), {
      success: t("comments.posted"),
      control: event.submitter,
    }).then(() => setBody(""), () => {});
  };
  const id = `cm-${amendment.id}`;
  return html`<details class="comments" onToggle=${(e) => setOpen(e.target.open)}>
    <summary>${t("comments.title", { n: rows ? rows.length : "…" })}</summary>
    ${rows && rows.length === 0 && html`<p class="hint">${t("comments.none")}</p>`}
    ${rows &&
    html`<ul class="comment-list">
      ${rows.map(
        (c) => html`<li><span class="meta">${c.participant_code ? nameOf(c.participant_code) : c.author} · ${formatDate(c.created_at)}</span>
          <p class="user-text">${c.body}</p></li>`,
      )}
    </ul>`}
    ${rows &&
    html`<form class="inline-form" onSubmit=${post}>
      <label for=${id}>${t("comments.label")}</label>
      <textarea id=${id} rows="2" value=${body} onInput=${(e) => setBody(e.target.value)}></textarea>
      <button type="submit" aria-describedby=${action.describedBy}>${t("comments.post")}</button>
      <${ActionError} action=${action} />
    </form>`}
  </details>`;
}

/**
 * A first combined text for the `chosen` amendments: the server's combination when it covers
 * exactly these amendments, else combined here from each one's base.
 */
async function combinedText(paragraph, amendments, chosen) {
  const picked = amendments.filter((a) => chosen.includes(a.id));
  const report = await api.paragraphs.overlaps(paragraph.id).catch(() => null);
  const same =
    report?.combined_text != null &&
    report.compared.length === chosen.length &&
    report.compared.every((id) => chosen.includes(id));
  if (same) return report.combined_text;
  const bases = {};
  await Promise.all(
    picked
      .filter((a) => a.base_version !== paragraph.head_version)
      .map((a) =>
        api.paragraphs.version(paragraph.id, a.base_version).then((v) => (bases[a.id] = v.text)),
      ),
  );
  return combineTexts(paragraph.text, picked, bases);
}

/** The chairs' merge: choose amendments, edit the combined text, submit as one new version. */
export function MergePanel({ paragraph, amendments, onDone, preselect }) {
  const [chosen, setChosen] = useState(preselect || amendments.map((a) => a.id));
  const [seed, setSeed] = useState(null);
  useEffect(() => {
    let live = true;
    combinedText(paragraph, amendments, chosen).then((text) => live && setSeed(text));
    return () => (live = false);
  }, [chosen.join(",")]);
  const toggle = (id) =>
    setChosen(chosen.includes(id) ? chosen.filter((x) => x !== id) : [...chosen, id]);
  return html`<div class="merge-panel" data-testid="merge-panel">
    <fieldset>
      <legend>${t("merge.choose")}</legend>
      ${amendments.map(
        (a) => html`<label class="check"><input type="checkbox" checked=${chosen.includes(a.id)}
          onChange=${() => toggle(a.id)} /> ${t("amendment.number", { id: a.id })} (${a.sponsors.join(", ")})</label>`,
      )}
    </fieldset>
    ${seed !== null &&
    html`<${Editor} key=${chosen.join(",") + seed} mode="merge" paragraph=${paragraph} baseText=${paragraph.text}
      baseVersion=${paragraph.head_version} initialText=${seed} amendmentIds=${chosen} onDone=${onDone} />`}
  </div>`;
}
