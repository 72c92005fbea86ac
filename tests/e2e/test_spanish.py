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
