"""Every row a decision or a deadline depends on is vouched for by the event chain: a negotiation
that touches each kind verifies, and a hand edit to any one of them is named by the audit (and by
`POST /api/verify` on the JSON dump taken before the edit is not fooled by a later one)."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa
from sqlmodel import Session

from app.models import Document
from app.services.record import audit as audit_service
from tests.conftest import STARTED


def ok(response, status: int = 200) -> dict:
    assert response.status_code == status, response.text
    return response.json()


def _negotiate(api, doc) -> dict[str, int]:
    """One of each: an amendment revised, invited and discussed, a round, a silence broken, a
    revision issued, a reading in plenary with a request for the floor. Returns their ids."""
    paragraph, second = doc["sections"][0]["paragraphs"][:2]
    pid, did = paragraph["id"], doc["id"]
    body = {"base_version": 1, "text": paragraph["text"] + " Revised once."}
    aid = ok(api.as_("mex").post(f"/api/paragraphs/{pid}/amendments", json=body), 201)["id"]
    ok(api.as_("mex").put(f"/api/amendments/{aid}", json={"rationale": "Clearer."}))
    [invitation] = ok(
        api.as_("mex").post(f"/api/amendments/{aid}/invitations", json={"codes": ["BRA"]}), 201
    )
    ok(api.as_("bra").post(f"/api/invitations/{invitation['id']}/accept"))
    comment = ok(api.as_("arg").post(f"/api/amendments/{aid}/comments", json={"body": "Why?"}), 201)
    round_ = {"name": "Montevideo", "starts_on": "2026-12-08", "ends_on": "2026-12-09"}
    made = ok(api.as_("chair.rcm").post(f"/api/documents/{did}/rounds", json=round_), 201)
    deadline = (STARTED + timedelta(days=2)).isoformat()
    silence = ok(
        api.as_("chair.rcm").post(
            f"/api/paragraphs/{second['id']}/silence", json={"version": 1, "deadline": deadline}
        ),
        201,
    )
    objection = {"version": 1, "stance": "objection", "note": "Not yet."}
    ok(api.as_("ven").put(f"/api/paragraphs/{second['id']}/positions/mine", json=objection))
    revision = ok(api.as_("chair.rcm").post(f"/api/documents/{did}/revisions", json={}), 201)
    plenary = f"/api/documents/{did}/plenary"
    reading = ok(api.as_("chair.rcm").put(plenary, json={"paragraph_id": pid}))["reading"]
    ok(api.as_("chl").post(f"{plenary}/floor", json={}), 201)
    return {
        "amendment": aid,
        "invitation": invitation["id"],
        "comment": comment["id"],
        "round": made["id"],
        "silence": silence["id"],
        "revision": revision["number"],
        "reading": reading["id"],
    }


def _verify(app, document_id: int):
    with Session(app.state.engine) as session:
        return audit_service.verify(session, document=session.get(Document, document_id))


def _sql(app, statement: str, **params) -> None:
    with app.state.engine.begin() as conn:
        wanted = {k: v for k, v in params.items() if f":{k}" in statement}
        assert conn.execute(sa.text(statement), wanted).rowcount >= 1


def test_a_negotiation_touching_every_kind_of_row_verifies(api, app, doc):
    _negotiate(api, doc)
    result = _verify(app, doc["id"])
    assert result.problem is None, result.summary


# (what a forger changes, the UPDATE, the row the audit names, which id it carries)
EDITS = [
    (
        "an amendment's earlier text",
        "UPDATE amendment_version SET text = 'Forged.' WHERE amendment_id = :id AND number = 1",
        "amendment_version",
        "amendment",
    ),
    ("a comment", "UPDATE comment SET body = 'Forged.' WHERE id = :id", "comment", "comment"),
    (
        "who broke a silence",
        "UPDATE silence_procedure SET broken_by_code = 'CHL' WHERE id = :id",
        "silence_procedure",
        "silence",
    ),
    (
        "a round's amendment deadline",
        "UPDATE round SET amendment_deadline = '2030-01-01 00:00:00' WHERE id = :id",
        "round",
        "round",
    ),
    (
        "an answered invitation",
        "UPDATE invitation SET status = 'declined' WHERE id = :id",
        "invitation",
        "invitation",
    ),
    (
        "the version a revision froze",
        "UPDATE revision_entry SET version_number = version_number + 1 WHERE revision_id = "
        "(SELECT id FROM revision WHERE number = :id AND document_id = :doc)",
        "revision",
        "revision",
    ),
    (
        "a revision's label",
        "UPDATE revision SET label = 'Rev.9' WHERE number = :id AND document_id = :doc",
        "revision",
        "revision",
    ),
    (
        "who asked for the floor",
        "UPDATE floor_request SET participant_code = 'ARG' WHERE reading_id = :id",
        "floor_request",
        "reading",
    ),
    (
        "when a reading began",
        "UPDATE plenary_reading SET started_at = '2020-01-01 00:00:00' WHERE id = :id",
        "plenary_reading",
        "reading",
    ),
]


@pytest.mark.parametrize(("what", "statement", "table", "key"), EDITS, ids=[e[0] for e in EDITS])
def test_a_hand_edit_to_any_vouched_row_is_named(api, app, doc, what, statement, table, key):
    ids = _negotiate(api, doc)
    _sql(app, statement, id=ids[key], doc=doc["id"])
    problem = _verify(app, doc["id"]).problem
    assert problem is not None, f"{what} was edited and the record still verifies"
    assert problem.where.startswith(f"{table} ")
    assert problem.what == "it differs from what its event recorded"


def test_a_comment_added_by_hand_is_named(api, app, doc):
    ids = _negotiate(api, doc)
    _sql(
        app,
        "INSERT INTO comment (document_id, amendment_id, author_account_id, participant_code, "
        "body, created_at) SELECT document_id, amendment_id, author_account_id, 'USA', "
        "'Planted.', created_at FROM comment WHERE id = :id",
        id=ids["comment"],
    )
    problem = _verify(app, doc["id"]).problem
    assert problem is not None and problem.where.startswith("comment ")
    assert problem.what == "no event vouches for it: added by hand"
