"""Silence seen by all and cancelled by the co-chairs; the preview of an accept."""

from datetime import timedelta

from tests.conftest import STARTED, first_paragraph, problem_of


def ok(response, status=200):
    assert response.status_code == status, response.text
    return response.json()


def test_a_co_chair_cancels_a_running_silence_with_a_reason(api, doc):
    pid = first_paragraph(doc)["id"]
    deadline = (STARTED + timedelta(days=2)).isoformat()
    started = ok(
        api.as_("chair.rcm").post(
            f"/api/paragraphs/{pid}/silence", json={"version": 1, "deadline": deadline}
        ),
        201,
    )
    assert started["deadline_local"] == "2026-12-02 09:00 UTC (UTC)"
    path = f"/api/silence/{started['id']}/cancel"
    assert api.as_("mex").post(path, json={"reason": "No."}).status_code == 403
    assert api.as_("secretariat").post(path, json={"reason": "No."}).status_code == 403
    assert api.as_("chair.sacm").post(path, json={"reason": " "}).status_code == 422
    cancelled = ok(api.as_("chair.sacm").post(path, json={"reason": "Consultations continue."}))
    assert (cancelled["phase"], cancelled["cancelled_by"], cancelled["cancel_reason"]) == (
        "cancelled",
        "PPT-SACM",
        "Consultations continue.",
    )
    listed = ok(api.as_("iom").get(f"/api/paragraphs/{pid}/silence"))
    assert listed[0]["cancel_reason"] == "Consultations continue."
    again = api.as_("chair.rcm").post(path, json={"reason": "Again."})
    assert again.status_code == 409
    assert "only a running one can be cancelled" in problem_of(again)["detail"]
    events = ok(api.as_("chair.rcm").get(f"/api/documents/{doc['id']}/events"))
    assert events[-1]["action"] == "silence.cancelled"
    assert events[-1]["payload"]["reason"] == "Consultations continue."


def test_the_preview_shows_the_text_an_accept_would_write_after_the_paragraph_moved(api, doc):
    paragraph = first_paragraph(doc)
    pid, head = paragraph["id"], paragraph["text"]
    body = {"base_version": 1, "text": head + " With attention to children."}
    aid = ok(api.as_("mex").post(f"/api/paragraphs/{pid}/amendments", json=body), 201)["id"]
    other = {"base_version": 1, "text": "Firmly, " + head[0].lower() + head[1:]}
    bra = ok(api.as_("bra").post(f"/api/paragraphs/{pid}/amendments", json=other), 201)["id"]
    ok(api.as_("chair.rcm").post(f"/api/amendments/{bra}/accept", json={"expected_version": 1}))

    shown = ok(api.as_("chair.rcm").get(f"/api/amendments/{aid}/preview"))
    expected = "Firmly, " + head[0].lower() + head[1:] + " With attention to children."
    assert (shown["status"], shown["head_version"], shown["text"]) == (
        "applies_cleanly",
        2,
        expected,
    )
    inserted = [t for op, t in shown["redline"] if op == "insert"]
    assert len(inserted) == 1 and "With attention to children" in inserted[0]
    accepted = ok(
        api.as_("chair.rcm").post(f"/api/amendments/{aid}/accept", json={"expected_version": 2})
    )
    assert accepted["result_version"] == 3
    assert ok(api.as_("mex").get(f"/api/paragraphs/{pid}"))["text"] == shown["text"]


def test_a_silence_deadline_is_set_and_shown_in_the_chairs_time_zone(api, doc):
    """The co-chairs meet in Montevideo: 18:00 there is 21:00 UTC, and every reader sees both."""
    pid = first_paragraph(doc)["id"]
    path = f"/api/paragraphs/{pid}/silence"
    chair = api.as_("chair.rcm")
    bad = chair.post(path, json={"version": 1, "deadline": "2026-12-03T18:00", "timezone": "Mars"})
    assert bad.status_code == 422 and "Mars" in problem_of(bad)["detail"]
    body = {"version": 1, "deadline": "2026-12-03T18:00", "timezone": "America/Montevideo"}
    started = ok(chair.post(path, json=body), 201)
    assert started["timezone"] == "America/Montevideo"
    assert started["deadline_local"] == "2026-12-03 18:00 -03 (America/Montevideo)"
    assert started["deadline"].startswith("2026-12-03T21:00")
    assert ok(api.as_("iom").get(path))[0]["deadline_local"] == started["deadline_local"]
