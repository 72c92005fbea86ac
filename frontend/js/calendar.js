// The negotiation calendar above the text: the round in force (dates, place, room, the meeting's
// time zone), the next deadline in the reader's time zone beside the meeting's with a live
// countdown, the link to subscribe (calendar.ics); the co-chairs add or change a round.
import { useEffect, useState } from "../vendor/htm-preact-standalone.module.js";
import * as api from "./api.js";
import { documentId } from "./data.js";
import { t } from "./i18n.js";
import { state } from "./store.js";
import { ActionError, html, useAction } from "./ui.js";

const READER_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** A moment in the reader's zone, named, e.g. "15 Mar 2018, 18:00 (Europe/Madrid)". */
function inReaderZone(iso) {
  const text = new Date(iso).toLocaleString(state.lang, { dateStyle: "medium", timeStyle: "short" });
  return `${text} (${READER_ZONE})`;
}

/** "2 d 03:04:05" to go, or null once passed. */
export function countdown(iso, now) {
  let s = Math.floor((new Date(iso).getTime() - now) / 1000);
  if (s <= 0) return null;
  const days = Math.floor(s / 86400);
  s -= days * 86400;
  const pad = (n) => String(n).padStart(2, "0");
  const clock = `${pad(Math.floor(s / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
  return days ? t("calendar.countdown_days", { days, clock }) : clock;
}

function useNow() {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

function Deadline({ deadline }) {
  const now = useNow();
  const left = countdown(deadline.at, now);
  return html`<p class="deadline" data-testid="next-deadline">
    <strong>${t(`calendar.deadline.${deadline.kind}`)}</strong>${" "}
    <time datetime=${deadline.at}>${inReaderZone(deadline.at)}</time>
    ${" · "}<span class="hint">${t("calendar.meeting_time", { local: deadline.local })}</span>
    ${" · "}<span data-testid="countdown" aria-live="off">${left ? t("calendar.left", { left }) : t("calendar.passed")}</span>
  </p>`;
}

function RoundLine({ round }) {
  const where = [round.place, round.room].filter(Boolean).join(", ");
  return html`<p data-testid="current-round">
    <strong>${t(round.phase === "current" ? "calendar.meeting_now" : "calendar.next_round")}</strong>
    ${" "}<span class="user-text">${round.name}</span>: ${round.starts_on}${round.ends_on !== round.starts_on ? ` – ${round.ends_on}` : ""}
    ${where && html`, <span class="user-text">${where}</span>`} (${round.timezone})
    ${round.late_allowed && html` · <span class="hint">${t("calendar.late_allowed")}</span>`}
  </p>`;
}

const EMPTY = {
  name: "",
  starts_on: "",
  ends_on: "",
  place: "",
  room: "",
  timezone: READER_ZONE,
  amendment_deadline: "",
  revision_due: "",
  late_allowed: false,
};
const MOMENTS = ["amendment_deadline", "revision_due"]; // typed in the meeting's time zone

/** Add a round, or change `round` (only the fields changed are sent). */
function RoundForm({ round, onDone }) {
  // A moment is edited as the meeting's wall-clock time ("2018-03-05 18:00 EST (…)" → 2018-03-05T18:00).
  const wall = (local) => (local || "").slice(0, 16).replace(" ", "T");
  const start = round
    ? {
        ...EMPTY,
        ...round,
        amendment_deadline: wall(round.amendment_deadline_local),
        revision_due: wall(round.revision_due_local),
      }
    : EMPTY;
  const [form, setForm] = useState(start);
  const action = useAction();
  const field = (key, label, type = "text") => html`<label>${t(label)}
    <input type=${type} value=${form[key] || ""} required=${["name", "starts_on", "ends_on"].includes(key)}
      onInput=${(e) => setForm({ ...form, [key]: e.target.value })} data-testid=${`round-${key}`} /></label>`;
  const submit = async (event) => {
    event.preventDefault();
    const body = {};
    for (const key of Object.keys(EMPTY)) if (form[key] !== start[key] || !round) body[key] = form[key];
    // A moment typed without a zone is read by the server in the meeting's time zone.
    for (const key of MOMENTS) if (key in body) body[key] = body[key] || null;
    const call = round ? () => api.rounds.update(round.id, body) : () => api.rounds.create(documentId(), body);
    await action.run(call, { success: t("calendar.saved"), control: event.submitter }).then(onDone, () => {});
  };
  return html`<form class="inline-form round-form" onSubmit=${submit} data-testid="round-form">
    ${field("name", "calendar.name")} ${field("starts_on", "calendar.starts", "date")} ${field("ends_on", "calendar.ends", "date")}
    ${field("place", "calendar.place")} ${field("room", "calendar.room")} ${field("timezone", "calendar.timezone")}
    ${field("amendment_deadline", "calendar.amendment_deadline", "datetime-local")}
    ${field("revision_due", "calendar.revision_due", "datetime-local")}
    <label class="check"><input type="checkbox" checked=${form.late_allowed} data-testid="round-late_allowed"
      onChange=${(e) => setForm({ ...form, late_allowed: e.target.checked })} /> ${t("calendar.allow_late")}</label>
    <button type="submit" aria-describedby=${action.describedBy}>${t("calendar.save")}</button>
    <${ActionError} action=${action} />
    <button type="button" class="quiet" onClick=${onDone}>${t("editor.cancel")}</button>
  </form>`;
}

export function CalendarPanel() {
  const [calendar, setCalendar] = useState(null);
  const [editing, setEditing] = useState(null); // null | "new" | "current"
  const id = documentId();
  useEffect(() => {
    if (id) api.documents.rounds(id).then(setCalendar, () => setCalendar(null));
  }, [id, state.loadedAt]);
  if (!calendar) return null;
  const current = calendar.rounds.find((r) => r.id === calendar.current_round_id);
  const chair = state.me?.role === "chair";
  return html`<section class="calendar" aria-label=${t("calendar.label")} data-testid="calendar">
    ${current ? html`<${RoundLine} round=${current} />` : html`<p class="hint">${t("calendar.none")}</p>`}
    ${calendar.next_deadline && html`<${Deadline} deadline=${calendar.next_deadline} />`}
    <p class="buttons">
      <a class="button-link quiet" href=${api.documents.icsUrl(id)} data-testid="ics">${t("calendar.subscribe")}</a>
      ${chair && html`<button type="button" class="quiet" aria-expanded=${editing === "new"}
        onClick=${() => setEditing(editing === "new" ? null : "new")}>${t("calendar.add")}</button>`}
      ${chair && current && html`<button type="button" class="quiet" aria-expanded=${editing === "current"}
        onClick=${() => setEditing(editing === "current" ? null : "current")}>${t("calendar.edit")}</button>`}
    </p>
    ${editing && html`<${RoundForm} key=${editing} round=${editing === "current" ? current : null} onDone=${() => setEditing(null)} />`}
  </section>`;
}
