"""The calendar in the browser: the round in force and the next deadline with its countdown, a
chair adding a round from the form, the subscription link, and a late amendment shown as late.

Dates are relative to the real clock of the server under test (the browser tests run the app as
an operator does), so nothing here depends on today's date."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def _document_id(server) -> int:
    return server.api("chair.rcm").get("/documents").json()[0]["id"]


def test_a_chair_adds_a_round_and_everyone_sees_its_deadline(open_page, server, shoot):
    today = datetime.now(UTC).date()
    chair = open_page("chair.rcm")
    calendar = chair.get_by_test_id("calendar")
    expect(calendar.get_by_test_id("ics")).to_have_attribute(
        "href", f"/api/documents/{_document_id(server)}/calendar.ics"
    )
    calendar.get_by_role("button", name="Add round…").click()
    form = calendar.get_by_test_id("round-form")
    form.get_by_label("Round").fill("Geneva, sixth round")
    form.get_by_label("From").fill(str(today + timedelta(days=30)))
    form.get_by_label("To").fill(str(today + timedelta(days=33)))
    form.get_by_label("Place").fill("Geneva")
    form.get_by_label("Room").fill("Room XVII")
    form.get_by_label("Meeting time zone (IANA)").fill("Europe/Zurich")
    deadline = today + timedelta(days=20)
    form.get_by_label("Amendment deadline (meeting time)").fill(f"{deadline}T18:00")
    due_on = today + timedelta(days=40)
    form.get_by_label("Next revision due (meeting time)").fill(f"{due_on}T12:00")
    form.get_by_label("Accept amendments after the deadline, marked late").check()
    form.get_by_role("button", name="Save round").click()
    expect(form).to_have_count(0)
    rounds = server.api("chair.rcm").get(f"/documents/{_document_id(server)}/rounds").json()
    made = next(r for r in rounds["rounds"] if r["name"] == "Geneva, sixth round")
    assert made["late_allowed"] is True
    assert made["revision_due_local"].startswith(f"{due_on} 12:00 ")
    assert made["amendment_deadline_local"].startswith(f"{deadline} 18:00 ")

    mex = open_page("mex")
    panel = mex.get_by_test_id("calendar")
    expect(panel.get_by_test_id("current-round")).to_contain_text("Geneva, sixth round")
    expect(panel.get_by_test_id("current-round")).to_contain_text("Room XVII")
    expect(panel.get_by_test_id("current-round")).to_contain_text("(Europe/Zurich)")
    expect(panel.get_by_test_id("current-round")).to_contain_text("late amendments accepted")
    due = panel.get_by_test_id("next-deadline")
    expect(due).to_contain_text("Amendments due:")
    expect(due).to_contain_text("meeting time")
    expect(due).to_contain_text("18:00")
    expect(due.get_by_test_id("countdown")).to_have_text(re.compile(r"^\d+ d \d\d:\d\d:\d\d left$"))
    first = due.get_by_test_id("countdown").text_content()
    expect(due.get_by_test_id("countdown")).not_to_have_text(first or "", timeout=3000)
    # Delegates cannot change the calendar, so they are not offered to.
    expect(panel.get_by_role("button", name="Add round…")).to_have_count(0)
    shoot(mex, "01-calendar")


def test_a_late_amendment_is_shown_as_late(open_page, server):
    chair = server.api("chair.rcm")
    today = datetime.now(UTC).date()
    meeting = {
        "name": "Meeting now",
        "starts_on": str(today - timedelta(days=1)),
        "ends_on": str(today + timedelta(days=2)),
        "amendment_deadline": (datetime.now(UTC) - timedelta(hours=1)).isoformat(),
        "late_allowed": True,
    }
    created = chair.post(f"/documents/{_document_id(server)}/rounds", json=meeting)
    assert created.status_code == 201, created.text
    document = chair.get(f"/documents/{_document_id(server)}").json()
    target = document["sections"][0]["paragraphs"][0]
    late = server.api("mex").post(
        f"/paragraphs/{target['id']}/amendments",
        json={"base_version": target["head_version"], "text": target["text"] + " Late words."},
    )
    assert late.status_code == 201, late.text
    assert late.json()["late"] is True
    page = open_page("chair.rcm")
    card = page.locator(f'article[data-amendment-id="{late.json()["id"]}"]')
    expect(card.get_by_test_id("late")).to_have_text("Late")
    expect(page.get_by_test_id("current-round")).to_contain_text("Meeting now:")
