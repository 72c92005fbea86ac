// The projector (`/#/plenary`): the paragraph under reading in large type and high contrast, its
// pending proposals as redlines with their sponsors, who has the floor and who has asked for it.
// No controls: it is for the wall of the room. It follows the plenary like every screen.
import { useEffect } from "../vendor/htm-preact-standalone.module.js";
import { nameOf, paragraphById, pendingAmendments } from "./data.js";
import { t } from "./i18n.js";
import { followPlenary, reading, SpeakersList, Tally } from "./plenary.js";
import { useStore } from "./store.js";
import { html, Redline, Sponsors } from "./ui.js";

function Proposals({ paragraphId }) {
  const proposals = pendingAmendments(paragraphId);
  if (!proposals.length) return html`<p class="projector-none">${t("projector.no_proposals")}</p>`;
  return html`<ol class="projector-proposals" data-testid="projector-proposals">
    ${proposals.map(
      (a) => html`<li key=${a.id}>
        <p class="projector-sponsors">${t("projector.proposal", { id: a.id })} — <${Sponsors} codes=${a.sponsors} /></p>
        <${Redline} segments=${a.redline} label=${t("amendment.redline", { id: a.id })} />
      </li>`,
    )}
  </ol>`;
}

export function ProjectorView() {
  const s = useStore();
  const id = s.document?.id;
  useEffect(() => {
    if (id) followPlenary(id);
  }, [id]);
  const r = reading();
  if (!r) {
    return html`<main class="projector" data-testid="projector" id="main">
      <p class="projector-idle">${t("projector.idle")}</p></main>`;
  }
  const paragraph = paragraphById(r.paragraph_id);
  return html`<main class="projector" data-testid="projector" id="main" data-paragraph-id=${r.paragraph_id}>
    <h1 class="projector-label">${t("plenary.under_reading", { label: r.label })}</h1>
    <p class="projector-text user-text" data-testid="projector-text">${paragraph?.text || ""}</p>
    <${Proposals} paragraphId=${r.paragraph_id} />
    <p class="projector-tally"><${Tally} paragraphId=${r.paragraph_id} /></p>
    <section class="projector-floor" aria-label=${t("projector.floor")}>
      <h2 data-testid="projector-speaking">${r.speaking ? t("plenary.speaking", { who: nameOf(r.speaking.participant_code) }) : t("plenary.nobody_speaking")}</h2>
      <h2>${r.list_open ? t("plenary.list_open", { n: r.waiting.length }) : t("plenary.list_closed", { n: r.waiting.length })}</h2>
      <${SpeakersList} r=${r} />
    </section>
  </main>`;
}
