"""Two screens in the room: one acts, the other shows it from the event stream, no reload."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

LIVE_MS = 10_000  # pushed, not polled; latency is bench_live.py's figure, not a CI box's


def card(page, label):
    return page.locator(f'article[data-label="{label}"]')


def test_an_amendment_and_a_position_reach_the_other_screen_from_the_stream(open_page, server):
    mex = open_page("mex")
    chair = open_page("chair.rcm")
    requests: list[str] = []
    chair.on("request", lambda r: requests.append(r.url.split("127.0.0.1", 1)[-1]))
    chair.locator("html[data-connection=live]").wait_for(state="attached")
    requests.clear()

    target = card(mex, "1.1")
    target.get_by_role("button", name="Propose amendment").click()
    editor = target.get_by_test_id("editor")
    editor.get_by_label("Proposed text").fill("A text the plenary can accept.")
    editor.get_by_role("button", name="Submit amendment").click()
    expect(target.get_by_test_id("amendment")).to_have_count(1)

    on_chair = card(chair, "1.1")
    expect(on_chair.get_by_test_id("amendment")).to_have_count(1, timeout=LIVE_MS)
    expect(on_chair.get_by_test_id("amendment").locator(".redline ins")).to_contain_text(
        "plenary can accept"
    )
    expect(on_chair.get_by_test_id("status")).to_have_text(re.compile("Bracketed"))

    chair.get_by_role("link", name="Consensus board").click()
    row = chair.locator('[data-testid="board-row"][data-label="1.2"]')
    reserved = row.locator("td.stance-reservation")
    before = reserved.count()
    with server.api("bra") as bra:  # another delegation, not on screen, takes a position
        document_id = bra.get("/documents").json()[0]["id"]
        sections = bra.get(f"/documents/{document_id}").json()["sections"]
        paragraph = next(p for s in sections for p in s["paragraphs"] if p["label"] == "1.2")
        response = bra.put(
            f"/paragraphs/{paragraph['id']}/positions/mine",
            json={"version": paragraph["head_version"], "stance": "reservation", "note": "Later."},
        )
        assert response.status_code == 200, response.text
    expect(reserved).to_have_count(before + 1, timeout=LIVE_MS)
    expect(chair.get_by_test_id("notices")).to_contain_text("Brazil")

    reloads = [
        u for u in requests if re.search(r"/api/documents/\d+(/consensus|/amendments)?(\?|$)", u)
    ]
    assert reloads == [], f"the screen fetched again what the stream carried: {reloads}"
    assert chair.get_by_test_id("connection").count() == 0  # live, not reconnecting
