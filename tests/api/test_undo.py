"""Undoing the last decision on a paragraph: a new version restoring text and state."""

from datetime import UTC, datetime, timedelta

from tests.conftest import STARTED, first_paragraph, problem_of


def ok(response, status=200):
    assert response.status_code == status, response.text
    return response.json()


def test_undo_restores_the_text_and_the_amendment_as_a_new_version(api, doc):
    paragraph = first_paragraph(doc)
    pid, head = paragraph["id"], paragraph["text"]
    body = {"base_version": 1, "text": head + " Together."}
    aid = ok(api.as_("mex").post(f"/api/paragraphs/{pid}/amendments", json=body), 201)["id"]
    ok(api.as_("chair.rcm").post(f"/api/amendments/{aid}/accept", json={"expected_version": 1}))
    assert (
        api.as_("mex").post(f"/api/paragraphs/{pid}/undo", json={"expected_version": 2}).status_code
        == 403
    )
    stale = api.as_("chair.rcm").post(f"/api/paragraphs/{pid}/undo", json={"expected_version": 1})
    assert stale.status_code == 409

    undone = ok(
        api.as_("chair.rcm").post(f"/api/paragraphs/{pid}/undo", json={"expected_version": 2})
    )
    assert (undone["version"], undone["text"], undone["amendment_ids"]) == (3, head, [aid])
    assert undone["undone"] == "amendment.accepted"
    amendment = ok(api.as_("mex").get(f"/api/amendments/{aid}"))
    assert (amendment["status"], amendment["result_version"], amendment["decided_at"]) == (
        "pending",
        None,
        None,
    )
    versions = ok(api.as_("mex").get(f"/api/paragraphs/{pid}/versions/2"))
    assert versions["text"] == head + " Together."  # history kept, nothing deleted
    events = ok(api.as_("chair.rcm").get(f"/api/documents/{doc['id']}/events"))
    assert events[-1]["action"] == "decision.undone"
    audit = ok(api.as_("chair.rcm").get(f"/api/documents/{doc['id']}/audit"))
    assert audit["verification"]["intact"] is True, audit["verification"]
    # Accepting again works on the restored head.
    ok(api.as_("chair.rcm").post(f"/api/amendments/{aid}/accept", json={"expected_version": 3}))


def test_a_rejection_is_undone_and_nothing_left_is_a_409(api, doc):
    paragraph = first_paragraph(doc)
    pid = paragraph["id"]
    body = {"base_version": 1, "text": paragraph["text"] + " Again."}
    aid = ok(api.as_("usa").post(f"/api/paragraphs/{pid}/amendments", json=body), 201)["id"]
    ok(api.as_("chair.rcm").post(f"/api/amendments/{aid}/reject", json={"reason": "No."}))
    undone = ok(
        api.as_("secretariat").post(f"/api/paragraphs/{pid}/undo", json={"expected_version": 1})
    )
    assert (undone["version"], undone["undone"]) == (1, "amendment.rejected")
    assert ok(api.as_("usa").get(f"/api/amendments/{aid}"))["status"] == "pending"
    none = api.as_("chair.rcm").post(f"/api/paragraphs/{pid}/undo", json={"expected_version": 1})
    assert none.status_code == 409
    assert problem_of(none)["detail"] == f"Paragraph {pid} has no decision to undo."


def two_rounds(api, doc) -> None:
    """A round meeting on the suite's first day (tests.conftest.STARTED), another on 10-11 Dec."""
    rounds = f"/api/documents/{doc['id']}/rounds"
    first = {"name": "First", "starts_on": "2026-11-30", "ends_on": "2026-11-30"}
    ok(api.as_("chair.rcm").post(rounds, json=first), 201)
    second = {"name": "Second", "starts_on": "2026-12-10", "ends_on": "2026-12-11"}
    ok(api.as_("chair.rcm").post(rounds, json=second), 201)


def test_a_decision_of_an_earlier_round_cannot_be_undone(api, app, doc):
    two_rounds(api, doc)
    paragraph = first_paragraph(doc)
    pid = paragraph["id"]
    body = {"base_version": 1, "text": paragraph["text"] + " Later."}
    aid = ok(api.as_("usa").post(f"/api/paragraphs/{pid}/amendments", json=body), 201)["id"]
    ok(api.as_("chair.rcm").post(f"/api/amendments/{aid}/reject", json={"reason": "No."}))
    later = datetime(2026, 12, 5, tzinfo=UTC)
    assert later > STARTED + timedelta(days=1)
    app.state.clock = lambda: later
    refused = api.as_("chair.rcm").post(f"/api/paragraphs/{pid}/undo", json={"expected_version": 1})
    assert refused.status_code == 409
    assert "earlier round" in problem_of(refused)["detail"]
