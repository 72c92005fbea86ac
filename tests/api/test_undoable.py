"""What the chairs' Undo button is shown for: exactly the paragraphs whose last decision the
server would undo now, and each listed one undoes."""

from datetime import UTC, datetime

from tests.api.test_undo import two_rounds
from tests.conftest import first_paragraph


def ok(response, status=200):
    assert response.status_code == status, response.text
    return response.json()


def undoable(api, doc) -> dict[int, dict]:
    rows = ok(api.as_("chair.rcm").get(f"/api/documents/{doc['id']}/undoable"))
    return {row["paragraph_id"]: row for row in rows}


def propose(api, pid: int, text: str, who: str = "mex", base: int = 1) -> int:
    body = {"base_version": base, "text": text}
    return ok(api.as_(who).post(f"/api/paragraphs/{pid}/amendments", json=body), 201)["id"]


def test_an_accept_is_listed_until_it_is_undone(api, doc):
    assert undoable(api, doc) == {}
    paragraph = first_paragraph(doc)
    pid = paragraph["id"]
    aid = propose(api, pid, paragraph["text"] + " Together.")
    ok(api.as_("chair.rcm").post(f"/api/amendments/{aid}/accept", json={"expected_version": 1}))
    listed = undoable(api, doc)[pid]
    assert (listed["amendment_id"], listed["status"], listed["expected_version"]) == (
        aid,
        "accepted",
        2,
    )
    assert listed["paragraph_deleted"] is False
    undo = {"expected_version": listed["expected_version"]}
    ok(api.as_("chair.rcm").post(f"/api/paragraphs/{pid}/undo", json=undo))
    assert pid not in undoable(api, doc)
    # Members never see the list: it is the chairs' control.
    assert api.as_("mex").get(f"/api/documents/{doc['id']}/undoable").status_code == 403


def test_a_paragraph_that_moved_on_is_not_listed_and_its_undo_is_refused(api, doc):
    paragraph = first_paragraph(doc)
    pid = paragraph["id"]
    first = propose(api, pid, paragraph["text"] + " One.")
    ok(api.as_("chair.rcm").post(f"/api/amendments/{first}/accept", json={"expected_version": 1}))
    edit = {"text": paragraph["text"] + " One. Edited.", "expected_version": 2}
    ok(api.as_("chair.rcm").patch(f"/api/paragraphs/{pid}", json=edit))
    assert pid not in undoable(api, doc)
    refused = api.as_("chair.rcm").post(f"/api/paragraphs/{pid}/undo", json={"expected_version": 3})
    assert refused.status_code == 409


def test_an_accepted_deletion_is_listed_and_its_undo_brings_the_paragraph_back(api, doc):
    target = first_paragraph(doc)
    pid = target["id"]
    body = {"kind": "delete_paragraph", "paragraph_id": pid, "base_version": 1}
    aid = ok(api.as_("mex").post(f"/api/documents/{doc['id']}/amendments", json=body), 201)["id"]
    ok(api.as_("chair.rcm").post(f"/api/amendments/{aid}/accept", json={"expected_version": 1}))
    listed = undoable(api, doc)[pid]
    assert (listed["paragraph_deleted"], listed["kind"]) == (True, "delete_paragraph")
    undo = {"expected_version": listed["expected_version"]}
    ok(api.as_("chair.rcm").post(f"/api/paragraphs/{pid}/undo", json=undo))
    document = ok(api.as_("mex").get(f"/api/documents/{doc['id']}"))
    assert pid in [p["id"] for s in document["sections"] for p in s["paragraphs"]]
    assert pid not in undoable(api, doc)


def test_a_decision_of_an_earlier_round_is_not_listed(api, app, doc):
    two_rounds(api, doc)
    paragraph = first_paragraph(doc)
    pid = paragraph["id"]
    aid = propose(api, pid, paragraph["text"] + " Later.", who="usa")
    ok(api.as_("chair.rcm").post(f"/api/amendments/{aid}/reject", json={"reason": "No."}))
    assert undoable(api, doc)[pid]["status"] == "rejected"
    app.state.clock = lambda: datetime(2026, 12, 5, tzinfo=UTC)
    assert pid not in undoable(api, doc)


def test_every_listed_decision_undoes(api, doc):
    paragraphs = [p for s in doc["sections"] for p in s["paragraphs"]][:3]
    accepted = propose(api, paragraphs[0]["id"], paragraphs[0]["text"] + " A.")
    ok(
        api.as_("chair.rcm").post(
            f"/api/amendments/{accepted}/accept", json={"expected_version": 1}
        )
    )
    rejected = propose(api, paragraphs[1]["id"], paragraphs[1]["text"] + " B.", who="usa")
    ok(api.as_("chair.rcm").post(f"/api/amendments/{rejected}/reject", json={"reason": "No."}))
    listed = undoable(api, doc)
    assert {paragraphs[0]["id"], paragraphs[1]["id"]} <= set(listed)
    for pid, row in listed.items():
        undo = {"expected_version": row["expected_version"]}
        ok(api.as_("secretariat").post(f"/api/paragraphs/{pid}/undo", json=undo))
    assert undoable(api, doc) == {}
