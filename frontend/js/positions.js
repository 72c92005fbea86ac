// Taking a position on the head version of a paragraph or on an amendment: support, ad
// referendum, reservation, objection (a reason is required), with an optional note.
import { useEffect, useState } from "../vendor/htm-preact-standalone.module.js";
import * as api from "./api.js";
import { myCode, nameOf, STANCES } from "./data.js";
import { formatDate, t } from "./i18n.js";
import { state } from "./store.js";
import { ActionButton, ActionError, html, StanceMark, useAction } from "./ui.js";

/** The four stances as radio buttons. */
function StanceChoices({ name, stance, onChoose }) {
  return html`<div class="stances">
        ${STANCES.map(
          (s) => html`<label class=${`stance-option stance-${s}`}>
            <input type="radio" name=${name} value=${s} checked=${stance === s}
              onChange=${() => onChoose(s)} />
            ${t(`stance.${s}`)}
          </label>`,
        )}
      </div>`;
}

/**
 * The delegation's position form. `current` is {stance, note} or null; `save(stance, note)` and
 * `withdraw()` call the server.
 */
export function PositionForm({ idBase, current, save, withdraw, legend }) {
  const [stance, setStance] = useState(current?.stance || "");
  const [note, setNote] = useState(current?.note || "");
  const [problem, setProblem] = useState("");
  const action = useAction();
  useEffect(() => {
    setStance(current?.stance || "");
    setNote(current?.note || "");
  }, [current?.stance, current?.note]);
  const submit = async (event) => {
    event.preventDefault();
    if (!stance) return setProblem(t("position.choose"));
    if (stance === "objection" && !note.trim()) return setProblem(t("position.reason_required"));
    setProblem("");
    await action.run(() => save(stance, note.trim()), {
      success: t("position.saved", { stance: t(`stance.${stance}`) }),
      control: event.submitter,
    }).catch(() => {});
  };
  const noteId = `${idBase}-note`;
  return html`<form class="position-form" onSubmit=${submit} data-testid="position-form" novalidate>
    <fieldset>
      <legend>${legend}</legend>
      <${StanceChoices} name=${`${idBase}-stance`} stance=${stance} onChoose=${setStance} />
      <label for=${noteId}>${stance === "objection" ? t("position.reason") : t("position.note")}</label>
      <textarea id=${noteId} rows="2" value=${note} onInput=${(e) => setNote(e.target.value)}
        required=${stance === "objection"} aria-invalid=${problem ? "true" : undefined}></textarea>
      ${problem && html`<p class="field-error" role="alert">${problem}</p>`}
      <div class="buttons">
        <button type="submit" aria-describedby=${action.describedBy}>${t("position.save")}</button>
        <${ActionError} action=${action} />
        ${current &&
        withdraw &&
        html`<${ActionButton} class="quiet" onAct=${withdraw} success=${t("position.withdrawn")}>
          ${t("position.withdraw")}<//>`}
      </div>
    </fieldset>
  </form>`;
}

/** My delegation's position on a paragraph's head version, with the form to change it. */
export function ParagraphPosition({ paragraph, row }) {
  const code = myCode();
  const mine = row?.positions?.[code] || null;
  return html`<div class="my-position">
    <p>
      ${t("position.mine", { code })}:${" "}<strong data-testid="my-position">${mine ? t(`stance.${mine.stance}`) : t("stance.none")}</strong>
      ${mine?.note ? html` — <q class="user-text">${mine.note}</q>` : ""}
    </p>
    <details>
      <summary>${t("position.change")}</summary>
      <${PositionForm}
        idBase=${`pos-${paragraph.id}`}
        current=${mine}
        legend=${t("position.legend_paragraph", { label: paragraph.label, version: paragraph.head_version })}
        save=${(stance, note) =>
          api.paragraphs.takePosition(paragraph.id, { version: paragraph.head_version, stance, note })}
        withdraw=${() => api.paragraphs.withdrawPosition(paragraph.id)}
      />
    </details>
  </div>`;
}

/** Positions on an amendment: my form and everyone's current stance, loaded when opened. */
export function AmendmentPositions({ amendment, canTake }) {
  const [open, setOpen] = useState(false);
  const [data, setData] = useState(null);
  useEffect(() => {
    if (!open) return;
    api.amendments.positions(amendment.id).then(setData, () => setData(null));
  }, [open, state.loadedAt, amendment.id]);
  const mine = data?.current.find((p) => p.code === myCode()) || null;
  return html`<details class="amendment-positions" onToggle=${(e) => setOpen(e.target.open)}>
    <summary>${t("position.on_amendment")}</summary>
    ${data &&
    html`<ul class="position-list">
      ${data.current.map(
        (p) => html`<li><${StanceMark} stance=${p.stance} code=${p.code} />
          <span class="code">${p.code}</span> ${t(`stance.${p.stance}`)}
          ${p.note ? html` — <q class="user-text">${p.note}</q>` : ""}</li>`,
      )}
      ${!data.current.length && html`<li>${t("position.none_yet")}</li>`}
    </ul>`}
    ${canTake &&
    html`<${PositionForm}
      idBase=${`apos-${amendment.id}`}
      current=${mine}
      legend=${t("position.legend_amendment", { id: amendment.id })}
      save=${(stance, note) => api.amendments.takePosition(amendment.id, { stance, note })}
    />`}
  </details>`;
}

/** One entry in the record: when, who, which stance taken or withdrawn, on which version, note. */
function PositionHistoryRow({ h }) {
  return html`<tr>
            <td>${formatDate(h.at)}</td>
            <td><span class="code">${h.code}</span> ${nameOf(h.code)}</td>
            <td><${StanceMark} stance=${h.stance} /> ${
              h.action === "withdrawn"
                ? t("position.history_withdrawn", { stance: t(`stance.${h.stance}`) })
                : t(`stance.${h.stance}`)
            }</td>
            <td>${h.version ?? ""}</td>
            <td class="user-text">${h.note}</td>
          </tr>`;
}

/** The record of positions on a paragraph: current ones per bloc and the full history. */
export function PositionHistory({ data }) {
  if (!data) return null;
  return html`<section class="position-history" aria-labelledby="ph-title">
    <h3 id="ph-title">${t("history.positions")}</h3>
    <div class="table-wrap"><table>
      <caption class="visually-hidden">${t("history.positions")}</caption>
      <thead><tr>
        <th scope="col">${t("history.when")}</th><th scope="col">${t("history.delegation")}</th>
        <th scope="col">${t("history.action")}</th><th scope="col">${t("history.version")}</th>
        <th scope="col">${t("history.note")}</th>
      </tr></thead>
      <tbody>
        ${data.history.map((h) => html`<${PositionHistoryRow} h=${h} />`)}
      </tbody>
    </table></div>
  </section>`;
}
