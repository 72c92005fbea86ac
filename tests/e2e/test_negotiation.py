"""A negotiation played in the browser by a Mexican and a Brazilian delegate and a co-chair.

Mexico proposes, Brazil co-sponsors and objects to the current wording, Mexico revises, the chair
accepts from the board, every member supports (21 of them through the API), the badge turns to
agreed on Brazil's screen without a reload, the chair issues Rev.1 and the history shows the
redline. Each step is photographed into test-artifacts/e2e/.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import README_SHOTS, readme_screenshots

pytestmark = pytest.mark.e2e

LABEL = "2.3"  # open in the demo room: no amendment, no position yet
BASE = (
    "We commit to prevent, combat and eradicate trafficking in persons and the smuggling of "
    "migrants, with particular attention to women, children and adolescents."
)
PROPOSED = BASE.replace("migrants, with", "migrants, including through digital platforms, with")
INSERTED = "inserted: including through digital platforms, "
REVISED = PROPOSED.replace("digital platforms,", "digital platforms and social media,")
LIVE_MS = 10_000  # pushed, not polled; latency is bench_live.py's figure, not a CI box's


def paragraph(page, label):
    return page.locator(f'article[data-label="{label}"]')


def my_position(page, label):
    return paragraph(page, label).locator(".my-position")


def take_position(page, label, stance):
    box = my_position(page, label)
    if box.locator("details[open]").count() == 0:
        box.get_by_text("Take or change position").click()
    box.get_by_label(stance, exact=True).check()
    box.get_by_role("button", name="Record position").click()
    expect(box.get_by_test_id("my-position")).to_have_text(stance)


def test_negotiation(open_page, server, shoot):
    chair = open_page("chair.rcm")
    mex = open_page("mex")
    bra = open_page("bra")
    bra.evaluate("window.__sameDocument = true")  # gone if the page ever reloads
    expect(my_position(bra, LABEL).get_by_test_id("my-position")).to_have_text("No position")

    # The header says who is speaking, for which delegation and in which role.
    account = mex.get_by_test_id("account")
    expect(account.get_by_test_id("delegation")).to_have_text("MEX Mexico")
    expect(account.get_by_test_id("role")).to_have_text("Delegate")
    expect(chair.get_by_test_id("role")).to_have_text("Co-chair")

    # The co-chairs circulated the Zero draft (in the demo data); the board says so.
    chair.get_by_role("link", name="Consensus board").click()
    expect(chair.get_by_text("Latest revision: Zero draft")).to_be_visible()

    # Mexico proposes to cover digital platforms; the redline follows the typing.
    card = paragraph(mex, LABEL)
    card.get_by_role("button", name="Propose amendment").click()
    editor = card.get_by_test_id("editor")
    expect(editor.get_by_test_id("editor-preview")).to_contain_text("No change yet.")
    text = editor.get_by_label("Proposed text")
    text.fill(BASE.replace("migrants, with", "migrants, including with"))
    expect(editor.locator(".preview ins")).to_have_text("inserted: including ")
    text.fill(PROPOSED)
    expect(editor.locator(".preview ins")).to_have_text(INSERTED)
    editor.get_by_label("Rationale").fill("Traffickers recruit through apps and social networks.")
    shoot(mex, "01-mex-editor")
    if readme_screenshots():
        card.screenshot(path=str(README_SHOTS / "editor.png"))
    editor.get_by_role("button", name="Submit amendment").click()
    amendment = card.get_by_test_id("amendment")
    expect(amendment).to_have_count(1)
    expect(amendment.locator(".redline ins")).to_have_text(INSERTED)
    expect(card.get_by_test_id("status")).to_have_text(re.compile("Bracketed"))
    shoot(mex, "02-mex-proposed")

    # Brazil sees it appear without reloading, is told what changed, and co-sponsors.
    bra_card = paragraph(bra, LABEL)
    expect(bra_card.get_by_test_id("amendment")).to_have_count(1, timeout=LIVE_MS)
    expect(bra.get_by_test_id("notices")).to_contain_text("Mexico proposed amendment")
    bra_card.get_by_role("button", name="Co-sponsor").click()
    expect(amendment.locator(".sponsor-line")).to_have_text("Sponsors: MEX, BRA", timeout=LIVE_MS)
    expect(mex.get_by_test_id("notices")).to_contain_text("Brazil co-sponsored amendment")
    shoot(bra, "03-bra-cosponsored")

    # Brazil objects to the current wording: a reason is required.
    bra_position = my_position(bra, LABEL)
    bra_position.get_by_text("Take or change position").click()
    bra_position.get_by_label("Objection", exact=True).check()
    bra_position.get_by_role("button", name="Record position").click()
    expect(bra_position.get_by_role("alert")).to_have_text("An objection needs a reason.")
    bra_position.get_by_label("Reason for the objection (required)").fill(
        "The commitment must cover recruitment online."
    )
    bra_position.get_by_role("button", name="Record position").click()
    expect(bra_position.get_by_test_id("my-position")).to_have_text("Objection")
    expect(mex.get_by_test_id("notices")).to_contain_text(f"Brazil: Objection on {LABEL}.")
    shoot(bra, "04-bra-objects")

    # Mexico revises its amendment.
    amendment.get_by_role("button", name="Revise").click()
    revise = amendment.get_by_test_id("editor")
    revise.get_by_label("Proposed text").fill(REVISED)
    expect(revise.locator(".preview ins")).to_have_text(
        "inserted: including through digital platforms and social media, "
    )
    revise.get_by_role("button", name="Submit revision").click()
    expect(amendment.locator(".redline").first).to_contain_text("social media")
    expect(bra_card.get_by_test_id("amendment").locator(".redline").first).to_contain_text(
        "social media", timeout=LIVE_MS
    )
    shoot(mex, "05-mex-revised")

    # The chair accepts it from the board; everyone's page shows the new version.
    chair_row = chair.locator(f'tr[data-label="{LABEL}"]')
    expect(chair_row.locator("td").nth(0)).to_have_text(re.compile("Bracketed"), timeout=LIVE_MS)
    chair_row.get_by_role("button", name=LABEL).click()
    selected = chair.get_by_test_id("board-selected")
    expect(selected.get_by_test_id("amendment")).to_have_count(1)
    shoot(chair, "06-chair-board")
    selected.get_by_role("button", name="Accept").click()
    chair.get_by_test_id("accept-dialog").get_by_test_id("confirm").click()
    expect(bra_card.get_by_test_id("paragraph-text")).to_have_text(REVISED, timeout=LIVE_MS)
    expect(bra_card.get_by_test_id("amendment")).to_have_count(0)
    expect(bra.get_by_test_id("notices")).to_contain_text("The chair accepted amendment")
    expect(bra_card.get_by_test_id("my-position")).to_have_text("No position")
    shoot(bra, "07-bra-after-accept")

    # Every member supports version 2: two on screen, 21 through the API.
    take_position(mex, LABEL, "Support")
    take_position(bra, LABEL, "Support")
    paragraph_id = int(bra_card.get_attribute("data-paragraph-id"))
    participants = server.api("mex").get("/participants").json()
    codes = [p["code"] for p in participants if p["kind"] == "member"]
    assert len(codes) == 23
    for code in codes:
        if code in ("MEX", "BRA"):
            continue
        answer = server.api(code.lower()).put(
            f"/paragraphs/{paragraph_id}/positions/mine", json={"version": 2, "stance": "support"}
        )
        assert answer.status_code == 200, answer.text

    # The badge turns to agreed on Brazil's screen, without a reload.
    expect(bra_card.get_by_test_id("status")).to_have_text(re.compile("Agreed"), timeout=LIVE_MS)
    assert bra.evaluate("window.__sameDocument") is True
    shoot(bra, "08-bra-agreed")
    expect(chair_row.locator("td").nth(0)).to_have_text(re.compile("Agreed"), timeout=LIVE_MS)
    expect(chair_row.locator("td.cell.stance-support")).to_have_count(23)

    # The chair issues Rev.1.
    chair.get_by_role("button", name="Issue Rev.1").click()
    chair.get_by_test_id("confirm-dialog").get_by_test_id("confirm").click()
    expect(chair.get_by_text("Latest revision: Rev.1")).to_be_visible()
    chart = chair.get_by_test_id("chart-revisions")
    expect(chart.locator("text", has_text="Rev.1")).to_have_count(1)
    shoot(chair, "09-chair-rev1")
    if readme_screenshots():
        README_SHOTS.mkdir(parents=True, exist_ok=True)
        chair_row.get_by_role("button", name=LABEL).click()  # close the detail panel
        chair.get_by_role("button", name="Clear").click()  # and the notices
        chair.screenshot(path=str(README_SHOTS / "board.png"), full_page=True)

    # The history shows the redline between version 1 and version 2.
    bra_card.get_by_role("link", name="History").click()
    history = bra.get_by_test_id("history")
    expect(history.get_by_role("heading", name=f"History of paragraph {LABEL}")).to_be_visible()
    expect(history.get_by_test_id("history-redline").locator("ins")).to_have_text(
        "inserted: including through digital platforms and social media, "
    )
    expect(history.get_by_test_id("version-text")).to_have_text(REVISED)
    expect(history.get_by_test_id("blame")).to_contain_text("Mexico")
    history.get_by_test_id("version-slider").fill("1")
    expect(history.get_by_test_id("version-text")).to_have_text(BASE)
    expect(history.locator(".position-history")).to_contain_text("Objection")
    assert bra.evaluate("window.__sameDocument") is True
    shoot(bra, "10-bra-history")

    # The comparison of the Zero draft with Rev.1 tells what became of the amendment.
    chair.get_by_role("link", name="Compare revisions").click()
    chair.get_by_test_id("compare-to").select_option(label="Rev.1")
    compare = chair.get_by_test_id("compare")
    expect(compare).to_contain_text("Zero draft → Rev.1;")
    expect(compare.get_by_test_id("change-changed").locator("ins")).to_have_text(
        "inserted: including through digital platforms and social media, "
    )
    expect(compare.get_by_test_id("dispositions")).to_contain_text("Accepted")
    with chair.expect_download() as download:  # the same comparison as Word, changes tracked
        compare.get_by_test_id("compare-docx").click()
    assert download.value.suggested_filename.endswith("-compare-0-1.docx")
    shoot(chair, "11-chair-compare")


def test_readme_screenshots_are_committed():
    """The README links these; regenerate with CONSENSO_README_SCREENSHOTS=1."""
    for name in ("board.png", "editor.png"):
        path = README_SHOTS / name
        assert path.exists() and path.stat().st_size > 10_000, path
