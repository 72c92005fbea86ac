"""For my delegation: an invitation to co-sponsor reaches the invited delegate's inbox live, is
accepted from there and leaves it; and the sign-in page asks nothing that fails."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import VIEWPORT, sign_in

pytestmark = pytest.mark.e2e

LIVE_MS = 10000  # the event stream, on a machine the whole suite shares


def _paragraph(client, label):
    document_id = client.get("/documents").json()[0]["id"]
    sections = client.get(f"/documents/{document_id}").json()["sections"]
    return next(p for s in sections for p in s["paragraphs"] if p["label"] == label)


def test_an_invitation_fills_the_inbox_and_leaves_it_once_accepted(open_page, server, shoot):
    bra = open_page("bra")
    bra.locator("html[data-connection=live]").wait_for(state="attached")
    with server.api("mex") as mex, server.api("bra") as bra_api:
        paragraph = _paragraph(mex, "2.1")
        amendment = mex.post(
            f"/paragraphs/{paragraph['id']}/amendments",
            json={"base_version": paragraph["head_version"], "text": "A text Brazil co-sponsors."},
        )
        assert amendment.status_code == 201, amendment.text
        amendment_id = amendment.json()["id"]
        invited = mex.post(f"/amendments/{amendment_id}/invitations", json={"codes": ["BRA"]})
        assert invited.status_code == 201, invited.text
        waiting = bra_api.get("/me/inbox").json()

        # The header's count follows the event stream, no reload.
        count = bra.get_by_test_id("inbox-count")
        expect(count).to_have_text(str(waiting["count"]), timeout=LIVE_MS)
        bra.get_by_test_id("inbox-link").click()
        item = bra.locator('[data-testid="inbox-item"][data-kind="invitation"]')
        expect(item).to_have_count(1)
        expect(item).to_contain_text(f"co-sponsor amendment {amendment_id} (2.1)")
        expect(item.get_by_role("link")).to_have_attribute("href", f"#/text/{paragraph['id']}")
        shoot(bra, "01-inbox")

        item.get_by_role("button", name="Accept").click()
        expect(item).to_have_count(0)
        # Done with it: the invitation, and the position Mexico's proposal waited for (a
        # co-sponsor's position is its sponsorship).
        expect(count).to_have_text(str(waiting["count"] - 2), timeout=LIVE_MS)
        sponsors = bra_api.get(f"/amendments/{amendment_id}").json()["sponsors"]
        assert "BRA" in sponsors
        assert bra_api.get("/me/inbox").json()["count"] == waiting["count"] - 2


def test_the_sign_in_page_logs_no_console_error(browser, server):
    context = browser.new_context(viewport=VIEWPORT, locale="en-GB")
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(server.url + "/")
        expect(page.get_by_role("button", name="Sign in")).to_be_visible()
        # Signed in, a reload keeps the session; signed out, the sign-in page is quiet again.
        sign_in(page, "bra")
        page.reload()
        page.locator("main[data-ready=true]").wait_for()
        page.get_by_role("button", name="Sign out").click()
        expect(page.get_by_role("button", name="Sign in")).to_be_visible()
        page.reload()
        expect(page.get_by_role("button", name="Sign in")).to_be_visible()
        assert errors == []
    finally:
        context.close()
