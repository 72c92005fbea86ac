"""Decisions with a safety net: the chair sees the text an accept will write, confirms, and can
undo it; and an action's error shows beside its control, announced, with focus kept there."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

LABEL = "3.1"


def card(page, label):
    return page.locator(f'article[data-label="{label}"]')


def _paragraph(server, label):
    chair = server.api("chair.rcm")
    document = chair.get(f"/documents/{chair.get('/documents').json()[0]['id']}").json()
    return next(p for s in document["sections"] for p in s["paragraphs"] if p["label"] == label)


def test_a_chair_previews_accepts_and_undoes(open_page, server, shoot):
    target = _paragraph(server, LABEL)
    text = target["text"] + " Reviewed every year."
    proposed = server.api("mex").post(
        f"/paragraphs/{target['id']}/amendments",
        json={"base_version": target["head_version"], "text": text, "rationale": "Review."},
    )
    assert proposed.status_code == 201, proposed.text
    chair = open_page("chair.rcm")
    paragraph = card(chair, LABEL)
    amendment = paragraph.get_by_test_id("amendment")
    expect(amendment).to_have_count(1)
    # Nothing decided yet: no Undo is offered (the server would refuse it).
    expect(paragraph.get_by_test_id("undo")).to_have_count(0)

    accept = amendment.get_by_role("button", name="Accept")
    accept.click()
    dialog = chair.get_by_test_id("accept-dialog")
    expect(dialog).to_be_visible()
    expect(dialog.locator(".redline ins")).to_contain_text("Reviewed every year")
    expect(dialog.get_by_test_id("confirm")).to_be_focused()
    shoot(chair, "01-preview")
    # Escape cancels: nothing is written, focus returns to the button.
    chair.keyboard.press("Escape")
    expect(dialog).to_have_count(0)
    expect(accept).to_be_focused()
    expect(paragraph.get_by_test_id("paragraph-text")).to_have_text(target["text"])

    accept.click()
    chair.get_by_test_id("accept-dialog").get_by_test_id("confirm").click()
    expect(paragraph.get_by_test_id("paragraph-text")).to_have_text(text)
    expect(paragraph.get_by_test_id("amendment")).to_have_count(0)
    version = target["head_version"] + 1
    expect(paragraph.locator(".version")).to_have_text(f"version {version}")

    paragraph.get_by_role("button", name="Undo last decision").click()
    chair.get_by_test_id("undo-dialog").get_by_test_id("confirm").click()
    expect(paragraph.get_by_test_id("paragraph-text")).to_have_text(target["text"])
    expect(paragraph.locator(".version")).to_have_text(f"version {version + 1}")
    again = paragraph.get_by_test_id("amendment")
    expect(again).to_have_count(1)
    expect(again.get_by_role("button", name="Accept")).to_be_visible()
    # The decision undone, nothing is left to undo: the button goes.
    expect(paragraph.get_by_test_id("undo")).to_have_count(0)
    shoot(chair, "02-undone")
    status = server.api("mex").get(f"/amendments/{proposed.json()['id']}").json()["status"]
    assert status == "pending"


def test_an_error_shows_beside_its_control_with_focus_kept(open_page, server):
    chair = open_page("chair.rcm")
    paragraph = card(chair, "1.1")
    paragraph.get_by_test_id("silence").click()
    paragraph.get_by_test_id("silence-zone-input").fill("Atlantis/Capital")
    start = paragraph.get_by_role("button", name="Start silence procedure", exact=True)
    start.click()
    error = paragraph.get_by_test_id("action-error").filter(has_text="not a time zone")
    expect(error).to_have_text(
        "'Atlantis/Capital' is not a time zone name; use an IANA name such as America/New_York."
    )
    expect(error).to_have_attribute("role", "alert")
    expect(start).to_have_attribute("aria-describedby", error.get_attribute("id") or "")
    expect(start).to_be_focused()
    expect(chair.get_by_test_id("alert")).to_have_text("")


def test_the_chairs_table_a_compromise_and_adopt_it(open_page, server):
    target = _paragraph(server, "2.3")
    mex = server.api("mex").post(
        f"/paragraphs/{target['id']}/amendments",
        json={"base_version": target["head_version"], "text": target["text"] + " Now."},
    )
    assert mex.status_code == 201, mex.text
    chair = open_page("chair.rcm")
    paragraph = card(chair, "2.3")
    paragraph.get_by_role("button", name="Table chairs' proposal…").click()
    panel = paragraph.get_by_test_id("chairs-proposal-panel")
    panel.get_by_label(re.compile(f"Amendment {mex.json()['id']} ")).check()
    compromise = target["text"] + " Without delay."
    panel.get_by_test_id("editor-text").fill(compromise)
    panel.get_by_role("button", name="Submit amendment").click()
    proposal = paragraph.locator("article.amendment", has=chair.get_by_test_id("chairs-proposal"))
    expect(proposal.get_by_test_id("chairs-proposal")).to_have_text("Chairs' proposal")
    proposal.get_by_role("button", name="Accept").click()
    chair.get_by_test_id("accept-dialog").get_by_test_id("confirm").click()
    expect(paragraph.get_by_test_id("paragraph-text")).to_have_text(compromise)
    expect(paragraph.get_by_test_id("amendment")).to_have_count(0)
    replaced = server.api("mex").get(f"/amendments/{mex.json()['id']}").json()
    assert replaced["status"] != "pending", replaced


def test_undoing_an_accepted_new_paragraph_reaches_every_screen(open_page, server):
    chair = server.api("chair.rcm")
    document_id = chair.get("/documents").json()[0]["id"]
    after = _paragraph(server, "4.1")
    text = "Both conferences will review this strategy every year."
    body = {"kind": "insert_paragraph", "section": after["section_id"], "after": after["id"]}
    proposed = server.api("mex").post(
        f"/documents/{document_id}/amendments", json={**body, "text": text}
    )
    assert proposed.status_code == 201, proposed.text
    mex = open_page("mex")
    expect(mex.get_by_test_id("insertion")).to_have_count(1)
    accepted = chair.post(f"/amendments/{proposed.json()['id']}/accept", json={})
    assert accepted.status_code == 200, accepted.text
    added = card(mex, "4.2").get_by_test_id("paragraph-text")
    expect(added).to_have_text(text, timeout=10_000)
    undone = chair.post(
        f"/paragraphs/{accepted.json()['paragraph_id']}/undo", json={"expected_version": 1}
    )
    assert undone.status_code == 200, undone.text
    expect(mex.get_by_test_id("insertion")).to_have_count(1, timeout=10_000)
    expect(mex.get_by_test_id("paragraph-text").filter(has_text=text)).to_have_count(0)


def test_an_accepted_deletion_is_undone_from_the_board(open_page, server):
    chair = server.api("chair.rcm")
    document_id = chair.get("/documents").json()[0]["id"]
    target = _paragraph(server, "4.1")
    body = {"kind": "delete_paragraph", "paragraph_id": target["id"]}
    proposed = server.api("mex").post(
        f"/documents/{document_id}/amendments",
        json={**body, "base_version": target["head_version"]},
    )
    assert proposed.status_code == 201, proposed.text
    accepted = chair.post(
        f"/amendments/{proposed.json()['id']}/accept",
        json={"expected_version": target["head_version"]},
    )
    assert accepted.status_code == 200, accepted.text
    page = open_page("chair.rcm")
    expect(page.get_by_test_id("paragraph-text").filter(has_text=target["text"])).to_have_count(0)
    page.goto(server.url + "/#/board")
    deletions = page.get_by_test_id("undo-deletions")
    expect(deletions).to_contain_text(f"Deletion accepted (amendment {proposed.json()['id']})")
    deletions.get_by_test_id("undo-deletion").click()
    page.get_by_test_id("undo-dialog").get_by_test_id("confirm").click()
    expect(deletions).to_have_count(0)
    page.goto(server.url + "/#/text")
    expect(page.get_by_test_id("paragraph-text").filter(has_text=target["text"])).to_have_count(1)
