"""GET /api/documents/{id}/audit: the hash-chained log, paged, with the record's verification."""

import hashlib
import json

import pytest
import sqlalchemy as sa

from tests.conftest import first_paragraph, problem_of


def _audit(api, document_id, who="secretariat", **params):
    return api.as_(who).get(f"/api/documents/{document_id}/audit", params=params)


def _relink(entry: dict) -> str:
    """An event's hash recomputed from the entry alone, as an outside auditor would."""
    fields = {
        key: entry[key]
        for key in (
            "document_id", "seq", "created_at", "account_id", "delegation_code", "action",
            "target_type", "target_id", "payload",
        )
    }  # fmt: skip
    if entry["content"]:
        fields["content"] = entry["content"]
    body = json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256((entry["prev_hash"] + body).encode()).hexdigest()


def test_the_log_pages_like_the_events_and_verifies(api, doc):
    paragraph = first_paragraph(doc)
    edited = api.as_("chair.rcm").patch(
        f"/api/paragraphs/{paragraph['id']}",
        json={"text": paragraph["text"] + " Edited.", "expected_version": 1},
    )
    assert edited.status_code == 200, edited.text
    events = api.as_("mex").get(f"/api/documents/{doc['id']}/events").json()
    first = _audit(api, doc["id"], limit=3)
    assert first.status_code == 200, first.text
    body = first.json()
    assert body["verification"]["intact"] is True
    assert body["verification"]["problem"] is None
    assert body["verification"]["events"] == len(events)
    assert body["verification"]["summary"].startswith(f"Document {doc['id']}: the record verifies")
    assert [e["seq"] for e in body["events"]] == [1, 2, 3]
    assert body["next_after"] == 3
    rest = _audit(api, doc["id"], who="chair.sacm", after=3, limit=1000).json()
    assert rest["next_after"] is None
    log = body["events"] + rest["events"]
    assert [e["seq"] for e in log] == [e["seq"] for e in events]
    assert [e["hash"] for e in log] == [e["hash"] for e in events]
    prev = ""
    for entry in log:  # the chain checks from the served fields alone
        assert entry["prev_hash"] == prev
        assert _relink(entry) == entry["hash"]
        prev = entry["hash"]
    assert prev == body["verification"]["head"]


def test_a_hand_edit_shows_in_the_verification(api, app, doc):
    with app.state.engine.begin() as conn:
        conn.execute(
            sa.text("UPDATE event SET action = 'forged' WHERE document_id = :d AND seq = 1"),
            {"d": doc["id"]},
        )
    verification = _audit(api, doc["id"], who="chair.rcm").json()["verification"]
    assert verification["intact"] is False
    assert verification["problem"] == {
        "where": "event 1",
        "what": "its content does not match its hash",
    }
    assert verification["summary"] == (
        f"Document {doc['id']}: event 1: its content does not match its hash."
    )


@pytest.mark.parametrize("who", ["mex", "iom"])
def test_delegations_and_observers_get_a_403_problem(api, doc, who):
    response = _audit(api, doc["id"], who=who)
    assert response.status_code == 403
    assert "co-chairs or the secretariat" in problem_of(response)["detail"]


def test_anonymous_is_a_401_and_an_unknown_document_a_404(api, doc):
    assert api.anonymous.get(f"/api/documents/{doc['id']}/audit").status_code == 401
    assert _audit(api, 999_999).status_code == 404
