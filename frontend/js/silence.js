// Silence, seen by all: wherever a paragraph under a running silence procedure is shown (the text,
// the board, the inbox), its deadline in the reader's time zone beside the procedure's, a live
// countdown, and the actions open to the reader — a member breaks silence (an objection with its
// reason, confirmed in a dialog before it is sent); a co-chair cancels the procedure (a reason,
// confirmed; POST /api/silence/{id}/cancel).
import { useEffect, useState } from "../vendor/htm-preact-standalone.module.js";
import * as api from "./api.js";
import { isMember } from "./data.js";
import { confirmDialog } from "./dialog.js";
import { t } from "./i18n.js";
import { state } from "./store.js";
import { ActionError, html, useAction } from "./ui.js";

const zones = new Map(); // procedure id -> the IANA zone its deadline was set in

/** The zone of a procedure (from the inbox item, or read once from the paragraph's procedures). */
function useZone(silence, paragraphId) {
  const [zone, setZone] = useState(silence.timezone || zones.get(silence.id) || null);
  useEffect(() => {
    if (zone || !paragraphId) return undefined;
    let live = true;
    api.silence
      .onParagraph(paragraphId)
      .then((list) => {
        for (const p of list) zones.set(p.id, p.timezone || "UTC");
        if (live) setZone(zones.get(silence.id) || "UTC");
      })
      .catch(() => live && setZone("UTC"));
    return () => {
      live = false;
    };
  }, [silence.id, paragraphId]);
  return zone;
}

export function readerZone() {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

/** A moment in one time zone, in the interface language, its zone abbreviated ("18:00 GMT-3"). */
export function inZone(value, timeZone) {
  const options = { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" };
  return new Intl.DateTimeFormat(state.lang, { ...options, timeZone, timeZoneName: "short" }).format(new Date(value));
}

function left(ms) {
  const s = Math.max(0, Math.floor(ms / 1000));
  const pad = (n) => String(n).padStart(2, "0");
  const clock = `${pad(Math.floor((s % 86400) / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
  const days = Math.floor(s / 86400);
  return days ? t("silence.days_left", { n: days, clock }) : t("silence.left", { clock });
}

/** A live countdown to `deadline`, every second (an accessible timer, not read out each tick). */
export function Countdown({ deadline }) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const ms = new Date(deadline).getTime() - now;
  return html`<span class="countdown" role="timer" aria-live="off" data-testid="silence-countdown">
    ${ms > 0 ? left(ms) : t("silence.passed")}</span>`;
}

/** The deadline in the reader's zone and the procedure's, with the countdown. */
function Deadline({ silence, paragraphId }) {
  const zone = useZone(silence, paragraphId);
  const mine = readerZone();
  return html`<span class="silence-deadline" data-testid="silence-deadline">
    ${t("silence.until")}
    <time datetime=${silence.deadline} data-testid="silence-local">${inZone(silence.deadline, mine)}</time>
    <span class="meta"> (${t("silence.your_time", { zone: mine })})</span>
    ${zone && zone !== mine &&
    html` · <span data-testid="silence-zone">${inZone(silence.deadline, zone)}
      <span class="meta"> (${t("silence.procedure_time", { zone })})</span></span>`}
    ${" · "}<${Countdown} deadline=${silence.deadline} />
  </span>`;
}

/** A reason, then a dialog that repeats it, then the request. */
function ReasonForm({ testid, label, submitLabel, confirm, send, success, onDone }) {
  const [reason, setReason] = useState("");
  const action = useAction();
  const submit = async (event) => {
    event.preventDefault();
    const control = event.submitter;
    const text = reason.trim();
    if (!text) {
      action.setError(t("silence.reason_required"));
      control?.focus();
      return;
    }
    const yes = await confirmDialog({
      ...confirm,
      body: html`<p>${confirm.body}</p><blockquote class="user-text">${text}</blockquote>`,
      danger: true,
      testid: `${testid}-dialog`,
    });
    if (!yes) return;
    await action.run(() => send(text), { success, control }).then(onDone).catch(() => {});
  };
  return html`<form class="inline-form reason-form" data-testid=${testid} onSubmit=${submit}>
    <label>${label}
      <textarea aria-required="true" rows="2" value=${reason} data-testid=${`${testid}-reason`}
        onInput=${(e) => setReason(e.target.value)}></textarea></label>
    <button type="submit" class="danger" aria-describedby=${action.describedBy}>${submitLabel}</button>
    <${ActionError} action=${action} />
  </form>`;
}

/** A member breaks silence: an objection on the version under silence, with its reason. */
function BreakSilence({ silence, paragraphId, label, onDone }) {
  return html`<${ReasonForm} testid="break-silence" label=${t("silence.break_reason")}
    submitLabel=${t("silence.break")}
    confirm=${{ title: t("silence.break_title", { label }), body: t("silence.break_body", { label }), confirmLabel: t("silence.break") }}
    success=${t("silence.broken", { label })}
    send=${(note) => api.paragraphs.takePosition(paragraphId, { version: silence.version, stance: "objection", note })}
    onDone=${onDone} />`;
}

/** A co-chair cancels the procedure, with a reason (recorded). */
function CancelSilence({ silence, label, onDone }) {
  return html`<${ReasonForm} testid="cancel-silence" label=${t("silence.cancel_reason")}
    submitLabel=${t("silence.cancel")}
    confirm=${{ title: t("silence.cancel_title", { label }), body: t("silence.cancel_body", { label }), confirmLabel: t("silence.cancel") }}
    success=${t("silence.cancelled", { label })}
    send=${(reason) => api.silence.cancel(silence.id, reason)}
    onDone=${onDone} />`;
}

/**
 * A running silence procedure where its paragraph is shown: `silence` is the board's (or the
 * inbox item's) {id, version, deadline, phase?, timezone?}; nothing once it is no longer running.
 */
export function SilenceNotice({ silence, paragraphId, label = "", onDone }) {
  const [open, setOpen] = useState(null); // "break" | "cancel" | null
  if (!silence || (silence.phase && silence.phase !== "running")) return null;
  const done = () => {
    setOpen(null);
    onDone?.();
  };
  const toggle = (which) => setOpen(open === which ? null : which);
  const member = isMember();
  const coChair = state.me?.role === "chair";
  return html`<div class="silence-notice" data-testid="silence-notice">
    <span class="badge silence">${t("silence.phase.running")}</span>
    <${Deadline} silence=${silence} paragraphId=${paragraphId} />
    ${member &&
    html`<button type="button" class="quiet" data-testid="break-silence-open" aria-expanded=${open === "break"}
      onClick=${() => toggle("break")}>${t("silence.break")}</button>`}
    ${coChair &&
    html`<button type="button" class="quiet" data-testid="cancel-silence-open" aria-expanded=${open === "cancel"}
      onClick=${() => toggle("cancel")}>${t("silence.cancel")}</button>`}
    ${open === "break" && html`<${BreakSilence} silence=${silence} paragraphId=${paragraphId} label=${label} onDone=${done} />`}
    ${open === "cancel" && html`<${CancelSilence} silence=${silence} label=${label} onDone=${done} />`}
  </div>`;
}
