"""The room in Spanish (issue 13): no English word on the text view, the board or an error
message, bar the delegation codes and the negotiated text itself; a paragraph shown in Spanish
with its staleness (badge and the redline of what moved), and the secretariat updating the
translation in place.

"English word" is checked against the interface's own English catalogue: a word of
frontend/i18n/en.json that neither the Spanish nor the Portuguese catalogue uses. The visible
text is read with the user's text (paragraphs, translations, redlines, notes, section titles)
and the delegation codes taken out.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import PASSWORD

pytestmark = pytest.mark.e2e

I18N = Path(__file__).resolve().parents[2] / "frontend" / "i18n"
ES_TEXT = "Los Estados reafirman la cooperación birregional en materia de migración y niñez."
WORD = re.compile(r"[^\W\d_]{3,}")
# What is the user's, not the interface's: taken out before the words are read.
USER = (
    ".user-text, .doc-title, .doc-heading, .redline, .code, abbr, .sponsors, h2, "
    ".section-title, textarea, "
    "[data-testid=rationale], [data-testid=blocking], .comment-list, .reasons .code"
)


def catalogue(lang: str) -> dict[str, str]:
    return json.loads((I18N / f"{lang}.json").read_text("utf-8"))


def words(texts) -> set[str]:
    return {w.casefold() for text in texts for w in WORD.findall(re.sub(r"\{\w+\}", " ", text))}


def english_words() -> set[str]:
    """Words only the English catalogue uses (not "de", "Rev", "ad referendum"...)."""
    other = words(catalogue("es").values()) | words(catalogue("pt").values())
    return words(catalogue("en").values()) - other


def english_on(page, selector: str = "#app") -> set[str]:
    shown = page.evaluate(
        """([selector, user]) => {
            const copy = document.querySelector(selector).cloneNode(true);
            copy.querySelectorAll(user).forEach((el) => el.remove());
            return copy.innerText;
        }""",
        [selector, USER],
    )
    found = words([shown]) & english_words()
    if found:
        lines = [line for line in shown.splitlines() if words([line]) & found]
        print("English on the page:", lines)
    return found


def sign_in_in_spanish(page, username: str, password: str = PASSWORD) -> None:
    es = catalogue("es")
    page.get_by_label(es["login.username"]).fill(username)
    page.get_by_label(es["login.password"]).fill(password)
    page.get_by_role("button", name=es["login.submit"]).click()


def test_the_room_speaks_spanish(open_page, server, shoot):
    es = catalogue("es")
    chair = server.api("chair.rcm")
    document_id = chair.get("/documents").json()[0]["id"]
    doc = chair.get(f"/documents/{document_id}").json()
    paragraph = doc["sections"][0]["paragraphs"][0]
    put = f"/paragraphs/{paragraph['id']}/versions/1/translations/es"
    assert chair.put(put, json={"text": ES_TEXT}).status_code == 200
    edit = {"text": paragraph["text"] + " Together.", "expected_version": 1}
    assert chair.patch(f"/paragraphs/{paragraph['id']}", json=edit).status_code == 200
    objection = {"version": 2, "stance": "objection", "note": "No podemos aceptarlo."}
    assert (
        server.api("ven")
        .put(f"/paragraphs/{paragraph['id']}/positions/mine", json=objection)
        .status_code
        == 200
    )

    page = open_page(None, lang="es")
    # An error message, in Spanish through and through.
    sign_in_in_spanish(page, "secretariat", "not-the-password")
    expect(page.get_by_text("Usuario o contraseña incorrectos.").first).to_be_visible()
    assert english_on(page) == set()
    sign_in_in_spanish(page, "secretariat")
    page.locator("main[data-ready=true]").wait_for()

    # The text view: the paragraph in Spanish, stale, with what moved since.
    card = page.locator(f'article[data-paragraph-id="{paragraph["id"]}"]')
    mine = card.get_by_test_id("translation-mine")
    expect(mine).to_contain_text(ES_TEXT)
    expect(mine.get_by_test_id("translation-state")).to_have_text(es["translation.state.stale"])
    expect(mine.locator(".redline ins")).to_contain_text("Together")
    shoot(page, "01-text-es")
    assert english_on(page) == set()

    # The secretariat updates the translation in place.
    card.locator("details.translation-edit summary").click()
    form = card.locator('form[data-lang="es"]')
    form.get_by_test_id("translation-text").fill(ES_TEXT + " Juntos.")
    form.get_by_test_id("translation-save").click()
    expect(mine.get_by_test_id("translation-state")).to_have_text(es["translation.state.current"])
    expect(mine).to_contain_text("Juntos.")
    shoot(page, "02-translated")

    # The board: reasons rendered from their codes.
    page.get_by_role("link", name=es["nav.board"]).click()
    label = paragraph["label"]
    page.locator(f'tr[data-label="{label}"]').get_by_role("button", name=label).click()
    expect(page.get_by_test_id("board-selected")).to_contain_text("VEN objeta")
    # Concordance per paragraph and per language.
    per_language = page.get_by_test_id("paragraph-concordance")
    expect(per_language.locator('[data-lang="es"]')).to_contain_text(
        es["translation.state.current"]
    )
    expect(per_language.locator('[data-lang="pt"]')).to_contain_text(
        es["translation.state.missing"]
    )
    expect(page.get_by_test_id("concordance").locator('li[data-lang="es"]')).to_contain_text(
        "1 al día"
    )
    shoot(page, "03-board-es")
    assert english_on(page) == set()


def test_refusals_read_in_spanish_beside_their_control(open_page, server):
    """A stale version (the paragraph moved while the chair's dialog was open) and a sponsor
    refusal (the delegation joined meanwhile elsewhere) come back in Spanish, beside the
    control that met them, with no English word on the page."""
    chair = server.api("chair.rcm")
    document_id = chair.get("/documents").json()[0]["id"]
    doc = chair.get(f"/documents/{document_id}").json()
    paragraph = doc["sections"][1]["paragraphs"][0]
    pid = paragraph["id"]
    body = {"base_version": paragraph["head_version"], "text": paragraph["text"] + " Cada año."}
    proposed = server.api("usa").post(f"/paragraphs/{pid}/amendments", json=body)
    assert proposed.status_code == 201, proposed.text
    aid = proposed.json()["id"]

    # The chair's accept, confirmed after someone else changed the paragraph.
    page = open_page(None, lang="es")
    sign_in_in_spanish(page, "chair.rcm")
    page.locator("main[data-ready=true]").wait_for()
    card = page.locator(f'article[data-amendment-id="{aid}"]')
    card.get_by_role("button", name="Aceptar", exact=True).click()
    dialog = page.get_by_test_id("accept-dialog")
    expect(dialog.locator(".redline ins")).to_contain_text("Cada año")
    head = paragraph["head_version"]
    edit = {"text": paragraph["text"] + " Revisado.", "expected_version": head}
    assert chair.patch(f"/paragraphs/{pid}", json=edit).status_code == 200
    dialog.get_by_test_id("confirm").click()
    stale = (
        f"El párrafo {pid} está en la versión {head + 1}, no en la {head}: alguien lo "
        "cambió entretanto. Vuelva a cargarlo y aplique su cambio al texto actual."
    )
    expect(page.get_by_test_id("action-error").filter(has_text="alguien lo")).to_have_text(stale)
    assert english_on(page) == set()

    # A delegate whose screen still offers to co-sponsor (no live updates reach it) after its
    # delegation joined from another screen.
    mex = open_page(None, lang="es")
    mex.route("**/api/documents/*/stream*", lambda route: route.abort())
    mex.route("**/api/documents/*/events*", lambda route: route.abort())
    sign_in_in_spanish(mex, "mex")
    mex.locator("main[data-ready=true]").wait_for()
    cosponsor = mex.locator(f'article[data-amendment-id="{aid}"]').get_by_test_id("cosponsor")
    expect(cosponsor).to_be_visible()
    assert server.api("mex").post(f"/amendments/{aid}/sponsors", json={}).status_code < 300
    cosponsor.click()
    refusal = mex.get_by_test_id("action-error").filter(has_text="copatrocina")
    expect(refusal).to_have_text(f"MEX ya copatrocina la enmienda {aid}.")
    expect(cosponsor).to_be_focused()
    assert english_on(mex) == set()
