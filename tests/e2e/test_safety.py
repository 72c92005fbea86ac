"""User text is data: markup typed into paragraphs, amendments, rationales, notes and comments is
shown as the characters typed, never run; and conflicts reach the user with the clashing words."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

SCRIPT = "<script>window.__xss = 1; alert('script')</script>"
IMG = "<img src=x onerror=\"window.__xss = 2; alert('img')\">"


def _document(server):
    chair = server.api("chair.rcm")
    return chair, chair.get("/documents").json()[0]["id"]


def test_markup_in_user_text_is_shown_as_text(open_page, server, shoot):
    chair, document_id = _document(server)
    hostile = f"Migrants {SCRIPT} deserve {IMG} protection."
    created = chair.post(
        f"/documents/{document_id}/paragraphs",
        json={"section": "principles", "text": hostile, "note": IMG},
    )
    assert created.status_code == 201, created.text
    paragraph = created.json()
    mex = server.api("mex")
    amendment = mex.post(
        f"/paragraphs/{paragraph['id']}/amendments",
        json={
            "base_version": 1,
            "text": hostile.replace("protection", f"{IMG} full protection"),
            "rationale": f"Because {SCRIPT} and {IMG}",
        },
    )
    assert amendment.status_code == 201, amendment.text
    amendment_id = amendment.json()["id"]
    note = server.api("usa").put(
        f"/paragraphs/{paragraph['id']}/positions/mine",
        json={"version": 1, "stance": "objection", "note": f"No {IMG}"},
    )
    assert note.status_code == 200, note.text
    comment = server.api("iom").post(f"/amendments/{amendment_id}/comments", json={"body": SCRIPT})
    assert comment.status_code == 201, comment.text

    page = open_page("bra")
    image_requests = []
    page.on("request", lambda r: image_requests.append(r.url) if r.url.endswith("/x") else None)
    card = page.locator(f'article[data-paragraph-id="{paragraph["id"]}"]')
    expect(card.get_by_test_id("paragraph-text")).to_have_text(hostile)
    expect(card.get_by_test_id("rationale")).to_have_text(f"Because {SCRIPT} and {IMG}")
    expect(card.locator(".redline ins")).to_have_text(f"inserted: {IMG} full ")
    card.locator("details.comments summary").click()
    expect(card.locator(".comment-list")).to_contain_text(SCRIPT)
    shoot(page, "01-text")

    # The editor's live preview of typed markup.
    card.get_by_role("button", name="Propose amendment").click()
    card.get_by_label("Proposed text").fill(hostile + " " + IMG)
    expect(card.get_by_test_id("editor-preview").locator("ins")).to_have_text(f"inserted: {IMG}")

    # The compilation, the board's detail and the history show the same characters.
    page.get_by_role("link", name="Compilation").click()
    expect(page.get_by_test_id("compilation")).to_contain_text(hostile)
    page.get_by_role("link", name="Consensus board").click()
    label = paragraph["label"]
    page.locator(f'tr[data-label="{label}"]').get_by_role("button", name=label).click()
    expect(page.get_by_test_id("board-selected")).to_contain_text(f"No {IMG}")
    page.goto(f"{server.url}/#/paragraph/{paragraph['id']}")
    expect(page.get_by_test_id("version-text")).to_have_text(hostile)
    expect(page.get_by_test_id("version-meta")).to_contain_text(IMG)
    shoot(page, "02-history")

    assert page.locator("#app img, #app script").count() == 0
    assert page.evaluate("window.__xss") is None
    assert image_requests == []
    # No dialog opened: the open_page fixture fails the test if one did.


def test_conflict_is_shown_with_the_clashing_words(open_page, server, shoot):
    chair, document_id = _document(server)
    doc = chair.get(f"/documents/{document_id}").json()
    target = next(
        p for s in doc["sections"] for p in s["paragraphs"] if "not legally binding" in p["text"]
    )
    base = target["text"]
    bra = server.api("bra").post(
        f"/paragraphs/{target['id']}/amendments",
        json={
            "base_version": target["head_version"],
            "text": base.replace("not legally binding", "non-binding"),
            "rationale": "Shorter.",
        },
    )
    assert bra.status_code == 201, bra.text
    page = open_page("chair.rcm")
    # Meanwhile the head moves: the chair accepts a competing wording of the same words.
    usa = server.api("usa").post(
        f"/paragraphs/{target['id']}/amendments",
        json={
            "base_version": target["head_version"],
            "text": base.replace("not legally binding", "voluntary and not binding"),
            "rationale": "Clearer.",
        },
    )
    assert usa.status_code == 201, usa.text
    accepted = chair.post(
        f"/amendments/{usa.json()['id']}/accept",
        json={"expected_version": target["head_version"]},
    )
    assert accepted.status_code == 200, accepted.text

    card = page.locator(f'article[data-paragraph-id="{target["id"]}"]')
    amendment = card.get_by_test_id("amendment")
    expect(amendment).to_have_count(1)
    status = amendment.get_by_test_id("rebase-status")
    expect(status).to_contain_text("Conflicts with version")
    clashes = status.get_by_test_id("clashes")
    expect(clashes.locator("mark")).to_have_text("not legally")  # the base words both touched
    expect(clashes).to_contain_text("became voluntary and not")
    expect(clashes).to_contain_text("the proposal has non-")
    amendment.get_by_role("button", name="Accept").click()
    # The preview shows the clash before anything is written; only "Cancel" is offered.
    dialog = page.get_by_test_id("accept-dialog")
    expect(dialog).to_contain_text("no longer applies")
    expect(dialog.get_by_test_id("clashes")).to_contain_text("non-")
    expect(dialog.get_by_test_id("confirm")).to_have_count(0)
    page.keyboard.press("Escape")
    expect(dialog).to_have_count(0)
    shoot(page, "01-chair-conflict")

    # The sponsor is offered a rebase onto the new head, to finish by hand.
    sponsor = open_page("bra")
    card = sponsor.locator(f'article[data-paragraph-id="{target["id"]}"]')
    card.get_by_role("button", name="Rebase onto version 2").click()
    editor = card.get_by_test_id("editor")
    expect(editor).to_contain_text("Based on version 2")
    editor.get_by_label("Proposed text").fill(
        base.replace("not legally binding", "voluntary and non-binding")
    )
    editor.get_by_role("button", name="Submit revision").click()
    expect(editor).to_have_count(0)
    expect(card.get_by_test_id("amendment").get_by_test_id("rebase-status")).to_have_count(0)
    redline = card.get_by_test_id("amendment").locator(".redline")
    expect(redline.locator("del")).to_contain_text("not")
    expect(redline.locator("ins")).to_contain_text("non-")
    shoot(sponsor, "02-bra-rebased")


def test_editor_warns_when_the_head_moves_while_typing(open_page, server):
    chair, document_id = _document(server)
    doc = chair.get(f"/documents/{document_id}").json()
    target = doc["sections"][3]["paragraphs"][1]  # 4.2: no amendments in the demo
    page = open_page("mex")
    card = page.locator(f'article[data-paragraph-id="{target["id"]}"]')
    card.get_by_role("button", name="Propose amendment").click()
    mine = target["text"].replace("will exchange", "will regularly exchange")
    card.get_by_label("Proposed text").fill(mine)
    edited = chair.patch(
        f"/paragraphs/{target['id']}",
        json={
            "text": target["text"].replace("New York.", "New York and Geneva."),
            "expected_version": target["head_version"],
        },
    )
    assert edited.status_code == 200, edited.text
    warning = card.get_by_test_id("head-moved")
    expect(warning).to_contain_text("now at version 2", timeout=2500)
    warning.get_by_role("button", name="Rebase my text onto the current version").click()
    expect(card.get_by_label("Proposed text")).to_have_value(
        mine.replace("New York.", "New York and Geneva.")
    )
    expect(card.get_by_test_id("editor-preview").locator("ins")).to_have_text(
        "inserted: regularly "
    )
    card.get_by_role("button", name="Submit amendment").click()
    expect(card.get_by_test_id("amendment")).to_contain_text("on version 2")
