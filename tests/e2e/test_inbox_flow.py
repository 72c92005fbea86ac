"""For my delegation, from end to end: Brazil's inbox fills when Mexico invites it (from the
amendment's card) and a co-chair starts a silence procedure, and empties as Brazil acts — it
accepts the invitation, and breaks silence with its reason after confirming. The silence shows its
deadline in both zones with a countdown, and a co-chair can cancel a procedure (a reason,
confirmed)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

LIVE_MS = 10_000  # the event stream, on a machine the whole suite shares
DEADLINE = "2036-01-15T21:00:00Z"  # far ahead: the servers of these tests run on the real clock
ZONE = "America/Montevideo"


def card(page, label):
    return page.locator(f'article[data-label="{label}"]')


def _paragraph(client, label):
    document_id = client.get("/documents").json()[0]["id"]
    sections = client.get(f"/documents/{document_id}").json()["sections"]
    return next(p for s in sections for p in s["paragraphs"] if p["label"] == label)


def _count(client) -> int:
    return int(client.get("/me/inbox").json()["count"])


def _start_silence(chair, paragraph) -> dict:
    body = {"version": paragraph["head_version"], "deadline": DEADLINE, "timezone": ZONE}
    started = chair.post(f"/paragraphs/{paragraph['id']}/silence", json=body)
    assert started.status_code == 201, started.text
    return started.json()


def test_the_inbox_fills_as_others_act_and_empties_as_brazil_acts(open_page, server, shoot):
    bra = open_page("bra")
    mex = open_page("mex")
    for page in (bra, mex):
        page.locator("html[data-connection=live]").wait_for(state="attached")
    with (
        server.api("mex") as mex_api,
        server.api("bra") as bra_api,
        server.api("chair.rcm") as chair,
    ):
        target = _paragraph(mex_api, "2.1")
        made = mex_api.post(
            f"/paragraphs/{target['id']}/amendments",
            json={"base_version": target["head_version"], "text": "A text Brazil is invited to."},
        )
        assert made.status_code == 201, made.text
        amendment_id = made.json()["id"]
        before = _count(bra_api)
        count = bra.get_by_test_id("inbox-count")
        expect(count).to_have_text(str(before), timeout=LIVE_MS)

        # Mexico invites Brazil from the amendment's card and sees the answer pending.
        amendment = mex.locator(f'[data-testid="amendment"][data-amendment-id="{amendment_id}"]')
        amendment.get_by_test_id("invite").locator("summary").click()
        amendment.get_by_test_id("invite-BRA").check()
        amendment.get_by_test_id("invite-send").click()
        answer = amendment.locator('[data-testid="invitation"][data-code="BRA"]')
        expect(answer).to_have_attribute("data-status", "pending")
        expect(answer).to_contain_text("no answer yet")
        expect(count).to_have_text(str(before + 1), timeout=LIVE_MS)

        # A co-chair starts a silence procedure: the count follows the stream again.
        silenced = _paragraph(chair, "2.2")
        _start_silence(chair, silenced)
        expect(count).to_have_text(str(before + 2), timeout=LIVE_MS)

        # In the text, the paragraph under silence shows its deadline and a live countdown.
        notice = card(bra, "2.2").get_by_test_id("silence-notice")
        expect(notice.get_by_test_id("silence-countdown")).to_contain_text(re.compile(r"\d+ d"))
        expect(notice.get_by_test_id("silence-zone")).to_contain_text(ZONE)
        bra.get_by_role("link", name="Consensus board").click()  # the board, the compilation
        bra.locator('[data-testid="board-row"][data-label="2.2"] button').first.click()
        expect(
            bra.get_by_test_id("board-selected").get_by_test_id("silence-countdown")
        ).to_be_visible()
        bra.get_by_role("link", name="Compilation").click()
        expect(bra.get_by_test_id("silence-notice")).to_have_count(1)
        bra.get_by_role("link", name="Text", exact=True).click()

        bra.get_by_test_id("inbox-link").click()
        invitation = bra.locator('[data-testid="inbox-item"][data-kind="invitation"]')
        expect(invitation).to_contain_text(f"co-sponsor amendment {amendment_id} (2.1)")
        silence = bra.locator('[data-testid="inbox-item"][data-kind="silence"]')
        expect(silence.get_by_role("link")).to_have_attribute("href", f"#/text/{silenced['id']}")
        expect(silence.get_by_test_id("silence-zone")).to_contain_text(ZONE)
        countdown = silence.get_by_test_id("silence-countdown")
        first = countdown.text_content()
        expect(countdown).not_to_have_text(first or "", timeout=3000)  # it ticks
        shoot(bra, "01-inbox-full")

        # Brazil accepts; Mexico's card shows the answer without a reload.
        invitation.get_by_role("button", name="Accept").click()
        expect(invitation).to_have_count(0)
        # The invitation is done, and so is the position Mexico's proposal waited for: a
        # co-sponsor's position is its sponsorship. The silence is left.
        expect(count).to_have_text(str(before), timeout=LIVE_MS)
        expect(answer).to_have_attribute("data-status", "accepted", timeout=LIVE_MS)
        assert "BRA" in bra_api.get(f"/amendments/{amendment_id}").json()["sponsors"]

        # Brazil breaks silence: a reason, then a dialog, then the objection.
        silence.get_by_test_id("break-silence-open").click()
        form = silence.get_by_test_id("break-silence")
        form.get_by_role("button", name="Break silence").click()
        expect(form.get_by_test_id("action-error")).to_have_text(
            "Give the reason for your objection."
        )
        form.get_by_test_id("break-silence-reason").fill("Awaiting instructions from the capital.")
        form.get_by_role("button", name="Break silence").click()
        dialog = bra.get_by_test_id("break-silence-dialog")
        expect(dialog).to_contain_text("Awaiting instructions from the capital.")
        dialog.get_by_test_id("cancel").click()  # not sent
        expect(silence).to_have_count(1)
        form.get_by_role("button", name="Break silence").click()
        bra.get_by_test_id("break-silence-dialog").get_by_test_id("confirm").click()
        expect(silence).to_have_count(0, timeout=LIVE_MS)
        expect(count).to_have_text(str(_count(bra_api)), timeout=LIVE_MS)
        assert _count(bra_api) < before
        procedure = chair.get(f"/paragraphs/{silenced['id']}/silence").json()[-1]
        assert (procedure["phase"], procedure["broken_by"]) == ("broken", "BRA")
        assert procedure["broken_reason"] == "Awaiting instructions from the capital."
        shoot(bra, "02-inbox-after")


def test_a_co_chair_cancels_a_silence_procedure_with_a_reason(open_page, server):
    chair_page = open_page("chair.sacm")
    chair_page.locator("html[data-connection=live]").wait_for(state="attached")
    with server.api("chair.rcm") as chair:
        paragraph = _paragraph(chair, "2.3")
        procedure = _start_silence(chair, paragraph)
    notice = card(chair_page, "2.3").get_by_test_id("silence-notice")
    expect(notice).to_be_visible(timeout=LIVE_MS)
    expect(notice.get_by_test_id("break-silence-open")).to_have_count(0)  # chairs do not object
    notice.get_by_test_id("cancel-silence-open").click()
    notice.get_by_test_id("cancel-silence-reason").fill("Consultations continue.")
    notice.get_by_role("button", name="Cancel silence procedure").last.click()
    chair_page.get_by_test_id("cancel-silence-dialog").get_by_test_id("confirm").click()
    expect(notice).to_have_count(0, timeout=LIVE_MS)
    with server.api("chair.rcm") as chair:
        listed = chair.get(f"/paragraphs/{paragraph['id']}/silence").json()
    cancelled = next(p for p in listed if p["id"] == procedure["id"])
    assert (cancelled["phase"], cancelled["cancel_reason"]) == (
        "cancelled",
        "Consultations continue.",
    )


def test_a_decision_on_my_amendment_is_marked_seen_and_leaves_the_inbox(open_page, server):
    mex = open_page("mex")
    mex.locator("html[data-connection=live]").wait_for(state="attached")
    with server.api("mex") as mex_api, server.api("chair.rcm") as chair:
        target = _paragraph(mex_api, "3.1")
        made = mex_api.post(
            f"/paragraphs/{target['id']}/amendments",
            json={"base_version": target["head_version"], "text": "A text the chairs reject."},
        )
        assert made.status_code == 201, made.text
        amendment_id = made.json()["id"]
        rejected = chair.post(f"/amendments/{amendment_id}/reject", json={"reason": "No."})
        assert rejected.status_code == 200, rejected.text
        waiting = _count(mex_api)
    count = mex.get_by_test_id("inbox-count")
    expect(count).to_have_text(str(waiting), timeout=LIVE_MS)
    mex.get_by_test_id("inbox-link").click()
    decided = mex.locator('[data-testid="inbox-item"][data-kind="decided"]')
    expect(decided).to_contain_text(f"Your amendment {amendment_id} (3.1): Rejected")
    expect(decided.get_by_role("link")).to_have_attribute("href", f"#/text/{target['id']}")
    decided.get_by_test_id("inbox-seen").click()
    expect(decided).to_have_count(0)
    expect(count).to_have_text(str(waiting - 1))
