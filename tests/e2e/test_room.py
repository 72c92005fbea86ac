"""The rest of the room: new and deleted paragraphs, freezing, silence, and the text filters."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

LIVE_MS = 10_000  # pushed, not polled; latency is bench_live.py's figure, not a CI box's


def card(page, label):
    return page.locator(f'article[data-label="{label}"]')


def test_a_new_paragraph_is_proposed_compiled_and_accepted(open_page, shoot):
    mex = open_page("mex")
    chair = open_page("chair.rcm")
    last = card(mex, "4.2")
    last.get_by_role("button", name="Propose new paragraph after").click()
    editor = last.get_by_test_id("editor")
    new_text = "Both conferences will report on this strategy at their next plenary."
    editor.get_by_label("Proposed text").fill(new_text)
    expect(editor.get_by_test_id("editor-preview").locator("ins")).to_have_text(
        f"inserted: {new_text}"
    )
    editor.get_by_label("Rationale").fill("Follow-up.")
    editor.get_by_role("button", name="Submit amendment").click()
    insertion = mex.get_by_test_id("insertion")
    expect(insertion).to_contain_text("Proposed new paragraph")
    expect(insertion.get_by_test_id("provisional-label")).to_have_text("4.2bis")
    expect(insertion.locator(".redline ins")).to_have_text(f"inserted: {new_text}")

    chair_insertion = chair.get_by_test_id("insertion")
    expect(chair_insertion).to_have_count(1, timeout=LIVE_MS)
    chair.get_by_role("link", name="Compilation").click()
    compiled = chair.get_by_test_id("compiled-insertion")
    # Under its provisional number, bracketed, with who proposed it (the exports' layout).
    expect(compiled.locator(".label")).to_have_text("4.2bis")
    expect(compiled.locator(".compiled-text")).to_have_text(f"[{new_text}]")
    expect(compiled).to_contain_text("Proposed by: MEX")
    chair.get_by_role("link", name="Text", exact=True).click()
    chair_insertion.get_by_role("button", name="Accept").click()
    chair.get_by_test_id("accept-dialog").get_by_test_id("confirm").click()
    added = card(mex, "4.3").get_by_test_id("paragraph-text")
    expect(added).to_have_text(new_text, timeout=LIVE_MS)
    expect(mex.get_by_test_id("insertion")).to_have_count(0)
    shoot(mex, "01-new-paragraph")


def test_a_deletion_is_proposed_and_shown_struck_through(open_page):
    bra = open_page("bra")
    target = card(bra, "3.1")
    target.get_by_role("button", name="Propose deletion").click()
    target.get_by_label("Rationale").fill("Already covered by 2.1.")
    target.get_by_role("button", name="Submit amendment").click()
    amendment = target.get_by_test_id("amendment")
    expect(amendment).to_contain_text("Proposes deleting this paragraph")
    expect(amendment.locator(".redline del")).to_contain_text("Regular migration is best achieved")
    expect(amendment.get_by_role("button", name="Revise")).to_have_count(0)
    expect(target.get_by_test_id("status")).to_have_text(re.compile("Bracketed"))


def test_freezing_and_silence_reach_the_delegates_live(open_page, shoot):
    mex = open_page("mex")
    chair = open_page("chair.rcm")
    target = card(mex, "2.2")
    expect(target.get_by_role("button", name="Propose amendment")).to_be_visible()
    chair_card = card(chair, "2.2")
    chair_card.get_by_role("button", name="Freeze").click()
    chair.get_by_test_id("confirm-dialog").get_by_test_id("confirm").click()
    expect(target.locator(".badge.frozen")).to_have_text("Frozen", timeout=LIVE_MS)
    expect(target.get_by_role("button", name="Propose amendment")).to_have_count(0)
    expect(mex.get_by_test_id("notices")).to_contain_text("Paragraph 2.2 was frozen.")

    chair_card.get_by_role("button", name="Silence procedure…").click()
    chair_card.get_by_label("Deadline").fill("2031-01-15T12:00")
    chair_card.get_by_label("Time zone").fill("America/Montevideo")  # typed in the meeting's
    chair_card.get_by_role("button", name="Start silence procedure").click()
    expect(target.locator(".badge.silence")).to_have_text("Under silence", timeout=LIVE_MS)
    shown = target.get_by_test_id("silence-zone")
    expect(shown).to_contain_text("America/Montevideo", timeout=LIVE_MS)
    expect(shown).to_contain_text("12:00")
    expect(mex.get_by_test_id("notices")).to_contain_text("A silence procedure started on 2.2.")
    shoot(mex, "01-frozen-and-silence")

    chair_card.get_by_role("button", name="Unfreeze").click()
    chair.get_by_test_id("confirm-dialog").get_by_test_id("confirm").click()
    expect(target.get_by_role("button", name="Propose amendment")).to_be_visible(timeout=LIVE_MS)


def test_filters_narrow_the_text(open_page):
    mex = open_page("mex")
    labels = mex.get_by_test_id("paragraph")
    everything = labels.count()
    mex.get_by_label("bracketed paragraphs").check()
    bracketed = [label for label in labels.evaluate_all("els => els.map(e => e.dataset.label)")]
    assert 0 < len(bracketed) < everything
    for label in bracketed:
        expect(card(mex, label).get_by_test_id("status")).to_have_text(re.compile("Bracketed"))
    mex.get_by_label("bracketed paragraphs").uncheck()

    mex.get_by_label("with my amendments").check()
    expect(labels).to_have_count(1)  # Mexico's demo amendment on human rights
    expect(labels.first.locator(".sponsor-line").first).to_contain_text("MEX")
    mex.get_by_label("with my amendments").uncheck()

    mex.get_by_label("where my delegation has no position").check()
    for label in labels.evaluate_all("els => els.map(e => e.dataset.label)"):
        expect(card(mex, label).get_by_test_id("my-position")).to_have_text("No position")
    assert labels.count() < everything


def test_positions_on_an_amendment_and_the_record(open_page):
    arg = open_page("arg")
    usa = open_page("usa")
    amendment = card(usa, "2.1").get_by_test_id("amendment")
    amendment.get_by_text("Positions on this amendment").click()
    form = amendment.get_by_test_id("position-form")
    form.get_by_label("Objection", exact=True).check()
    form.get_by_role("button", name="Record position").click()
    expect(form.get_by_role("alert")).to_have_text("An objection needs a reason.")
    form.get_by_label("Reason for the objection (required)").fill("Visas are a national matter.")
    form.get_by_role("button", name="Record position").click()
    expect(amendment.locator(".position-list")).to_contain_text(
        "USA Objection — Visas are a national matter."
    )

    # Argentina, the proposer, is told at once and sees the objection with its reason.
    expect(arg.get_by_test_id("notices")).to_contain_text(
        "United States: Objection on amendment", timeout=LIVE_MS
    )
    theirs = card(arg, "2.1").get_by_test_id("amendment")
    theirs.get_by_text("Positions on this amendment").click()
    expect(theirs.locator(".position-list")).to_contain_text("Visas are a national matter.")
