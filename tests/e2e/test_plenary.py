"""Plenary mode in the browser: a chair takes a paragraph up and the projector, open in another
browser, follows it from the stream (no reload) — the paragraph, then a delegation's request for
the floor, then the floor given."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

LIVE_MS = 10_000  # pushed, not polled; latency is bench_live.py's figure, not a CI box's


def test_the_projector_follows_the_chairs_and_the_speakers_list(open_page, server, shoot):
    mex_api = server.api("mex")
    document_id = mex_api.get("/documents").json()[0]["id"]
    doc = mex_api.get(f"/documents/{document_id}").json()
    paragraph = next(p for s in doc["sections"] for p in s["paragraphs"] if p["label"] == "2.1")
    projector = open_page("iom")
    projector.evaluate("location.hash = '#/plenary'")
    expect(projector.get_by_test_id("projector")).to_contain_text("No paragraph is under reading.")
    projector.evaluate("window.__same_page = true")

    chair = open_page("chair.rcm")
    chair.locator('article[data-label="2.1"]').get_by_role(
        "button", name="Take up for reading"
    ).click()
    expect(chair.get_by_test_id("plenary-bar")).to_contain_text("Under reading: 2.1")

    expect(projector.locator(".projector-label")).to_have_text(
        "Under reading: 2.1", timeout=LIVE_MS
    )
    expect(projector.get_by_test_id("projector-text")).to_have_text(paragraph["text"])
    expect(projector.get_by_role("button")).to_have_count(0)  # a projector has no controls

    asked = mex_api.post(
        f"/documents/{document_id}/plenary/floor", json={"paragraph_id": paragraph["id"]}
    )
    assert asked.status_code == 201, asked.text
    speakers = projector.get_by_test_id("speakers")
    expect(speakers).to_contain_text("Mexico", timeout=LIVE_MS)
    expect(chair.get_by_test_id("speakers")).to_contain_text("Mexico", timeout=LIVE_MS)

    chair.get_by_test_id("plenary-next").click()
    expect(projector.get_by_test_id("projector-speaking")).to_have_text(
        "The floor: Mexico", timeout=LIVE_MS
    )
    assert projector.evaluate("window.__same_page") is True  # followed without a reload
    shoot(projector, "01-projector")
    shoot(chair, "02-chair")
