"""The proposer speaks for the amendment; sponsorships are history; deleted text takes its
amendments with it; a move honours the version it was decided on."""

from __future__ import annotations

from sqlmodel import select

from app.models import AmendmentSponsor, Event
from tests.conftest import first_paragraph, problem_of


def propose(api, who, paragraph, text):
    response = api.as_(who).post(
        f"/api/paragraphs/{paragraph['id']}/amendments",
        json={"base_version": paragraph["head_version"], "text": text},
    )
    assert response.status_code == 201, response.text
    return response.json()["id"]


def test_a_co_sponsor_can_leave_but_not_revise_or_withdraw(api, doc):
    paragraph = first_paragraph(doc)
    aid = propose(api, "mex", paragraph, paragraph["text"] + " Always.")
    assert api.as_("usa").post(f"/api/amendments/{aid}/sponsors").status_code == 201
    refusal = (
        f"USA co-sponsors amendment {aid}; only its proposer, MEX, can {{}} it. "
        "A co-sponsor can leave it instead."
    )
    revise = api.as_("usa").put(f"/api/amendments/{aid}", json={"text": "Other words."})
    assert revise.status_code == 403
    assert problem_of(revise)["detail"] == refusal.format("revise")
    withdraw = api.as_("usa").post(f"/api/amendments/{aid}/withdraw")
    assert withdraw.status_code == 403
    assert problem_of(withdraw)["detail"] == refusal.format("withdraw")

    left = api.as_("usa").delete(f"/api/amendments/{aid}/sponsors/USA")
    assert left.status_code == 200, left.text
    assert left.json()["status"] == "pending"
    assert left.json()["sponsors"] == ["MEX"]


def test_co_sponsors_are_told_when_the_proposer_revises_the_text_they_joined(api, doc, session):
    paragraph = first_paragraph(doc)
    aid = propose(api, "mex", paragraph, paragraph["text"] + " First.")
    url = f"/api/amendments/{aid}"
    for who in ("usa", "bra"):
        assert api.as_(who).post(f"{url}/sponsors").status_code == 201
    fresh = api.as_("usa").get(url).json()
    assert fresh["revised_since_joined"] == []
    assert [(s["code"], s["joined_revision"]) for s in fresh["sponsor_history"]] == [
        ("MEX", 1),
        ("USA", 1),
        ("BRA", 1),
    ]

    revised = api.as_("mex").put(url, json={"text": paragraph["text"] + " Second."})
    assert revised.status_code == 200, revised.text
    assert api.as_("bra").delete(f"{url}/sponsors/BRA").status_code == 200
    assert api.as_("arg").post(f"{url}/sponsors").status_code == 201
    body = api.as_("usa").get(url).json()
    # USA joined revision 1 and has not seen revision 2; ARG joined revision 2; BRA left.
    assert body["revised_since_joined"] == ["USA"]
    assert [
        (s["code"], s["joined_revision"], s["revised_since_joined"])
        for s in body["sponsor_history"]
    ] == [("MEX", 1, False), ("USA", 1, True), ("BRA", 1, False), ("ARG", 2, False)]
    session.rollback()
    payload = session.exec(select(Event.payload).where(Event.action == "amendment.revised")).one()
    assert payload["co_sponsors"] == ["USA", "BRA"]  # who was told, when it happened


def test_leaving_and_joining_again_keeps_the_first_sponsorship(api, doc, session):
    paragraph = first_paragraph(doc)
    aid = propose(api, "mex", paragraph, paragraph["text"] + " Again.")
    url = f"/api/amendments/{aid}/sponsors"
    for _ in range(2):
        assert api.as_("usa").post(url).status_code == 201
        assert api.as_("usa").delete(f"{url}/USA").status_code == 200
    assert api.as_("usa").post(url).status_code == 201
    session.rollback()
    rows = session.exec(
        select(AmendmentSponsor)
        .where(AmendmentSponsor.amendment_id == aid, AmendmentSponsor.participant_code == "USA")
        .order_by(AmendmentSponsor.id)
    ).all()
    assert [r.left_at is None for r in rows] == [False, False, True]
    assert rows[0].joined_at < rows[0].left_at <= rows[1].joined_at < rows[1].left_at
    twice = api.as_("usa").post(url)
    assert twice.status_code == 409
    assert problem_of(twice)["detail"] == f"USA already co-sponsors amendment {aid}."


def test_a_chairs_deletion_supersedes_the_amendments_pending_on_the_paragraph(api, doc, session):
    chair = api.as_("chair.rcm")
    paragraph = doc["sections"][0]["paragraphs"][1]
    wording = propose(api, "mex", paragraph, paragraph["text"] + " Indeed.")
    other = propose(api, "bra", paragraph, paragraph["text"] + " Surely.")
    assert api.as_("bra").post(f"/api/amendments/{other}/withdraw").status_code == 200

    assert chair.delete(f"/api/paragraphs/{paragraph['id']}").status_code == 204
    superseded = chair.get(f"/api/amendments/{wording}").json()
    assert superseded["status"] == "superseded"
    assert superseded["disposition"] == (
        f"Superseded: paragraph {paragraph['id']} was deleted by the chairs."
    )
    assert chair.get(f"/api/amendments/{other}").json()["status"] == "withdrawn"
    late = chair.post(f"/api/amendments/{wording}/accept", json={"expected_version": 1})
    assert late.status_code == 409
    assert problem_of(late)["amendment_status"] == "superseded"
    session.rollback()
    assert session.exec(
        select(Event.target_id, Event.payload).where(Event.action == "amendment.superseded")
    ).all() == [(wording, {"paragraph_id": paragraph["id"], "deleted_by": "chair.rcm"})]


def test_a_move_on_a_stale_version_is_a_409_and_without_one_it_moves(api, doc):
    chair = api.as_("chair.rcm")
    paragraph = doc["sections"][1]["paragraphs"][2]
    url = f"/api/paragraphs/{paragraph['id']}"
    edited = chair.patch(url, json={"text": paragraph["text"] + " Now.", "expected_version": 1})
    assert edited.status_code == 200, edited.text

    stale = chair.post(f"{url}/move", json={"section": "principles", "expected_version": 1})
    assert stale.status_code == 409
    assert problem_of(stale)["current_version"] == 2
    assert chair.get(url).json()["section_id"] == paragraph["section_id"]

    moved = chair.post(f"{url}/move", json={"section": "principles", "expected_version": 2})
    assert moved.status_code == 200, moved.text
    assert moved.json()["section_id"] == doc["sections"][0]["id"]
    back = chair.post(f"{url}/move", json={"section": paragraph["section_id"]})
    assert back.status_code == 200, back.text  # no expected_version: moved as before


def test_a_decided_amendment_takes_no_other_decision_revision_or_position(api, doc):
    chair = api.as_("chair.rcm")
    paragraph = doc["sections"][2]["paragraphs"][0]
    aid = propose(api, "mex", paragraph, paragraph["text"] + " Twice.")
    accept = chair.post(f"/api/amendments/{aid}/accept", json={"expected_version": 1})
    assert accept.status_code == 200, accept.text
    for response in (
        api.as_("chair.sacm").post(f"/api/amendments/{aid}/reject", json={"reason": "No."}),
        api.as_("mex").post(f"/api/amendments/{aid}/withdraw"),
        api.as_("mex").put(f"/api/amendments/{aid}", json={"text": "Other."}),
        api.as_("bra").put(f"/api/amendments/{aid}/positions/mine", json={"stance": "support"}),
    ):
        assert response.status_code == 409, response.text
        assert problem_of(response)["amendment_status"] == "accepted"
