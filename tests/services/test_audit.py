"""The record proves itself: each hand edit to the database is detected and named."""

import pytest
import sqlalchemy as sa
from sqlmodel import Session

from app.models import Document
from app.services.record import audit as audit_service
from tests.conftest import first_paragraph, problem_of


def _edit_text(api, paragraph, text, version):
    response = api.as_("chair.rcm").patch(
        f"/api/paragraphs/{paragraph['id']}",
        json={"text": text, "expected_version": version, "note": ""},
    )
    assert response.status_code == 200, response.text


def _verify(app, document_id):
    with Session(app.state.engine) as session:
        return audit_service.verify(session, document=session.get(Document, document_id))


def _sql(app, statement, **params):
    with app.state.engine.begin() as conn:
        conn.execute(sa.text(statement), params)


def _negotiated(api, doc):
    paragraph = first_paragraph(doc)
    _edit_text(api, paragraph, paragraph["text"] + " Second.", 1)
    _edit_text(api, paragraph, paragraph["text"] + " Third.", 2)
    return paragraph["id"]


def test_an_untouched_record_verifies(api, app, doc):
    _negotiated(api, doc)
    result = _verify(app, doc["id"])
    assert result.intact and result.problem is None
    assert result.events > 3 and result.versions >= 3
    assert result.summary.startswith(f"Document {doc['id']}: the record verifies")


def test_a_version_text_edited_by_hand_is_named(api, app, doc):
    pid = _negotiated(api, doc)
    _sql(
        app,
        "UPDATE paragraph_version SET snapshot = 'Forged.' WHERE paragraph_id = :p AND number = 1",
        p=pid,
    )
    assert _verify(app, doc["id"]).summary == (
        f"Document {doc['id']}: paragraph {pid} version 1: "
        "its snapshot differs from the text its patches give."
    )


def test_a_patch_edited_by_hand_is_named(api, app, doc):
    pid = _negotiated(api, doc)
    _sql(
        app, "UPDATE paragraph_version SET patch = '' WHERE paragraph_id = :p AND number = 2", p=pid
    )
    problem = _verify(app, doc["id"]).problem
    assert problem.where == f"paragraph {pid} version 2"


def test_a_hash_edited_by_hand_is_named(api, app, doc):
    pid = _negotiated(api, doc)
    _sql(
        app,
        "UPDATE paragraph_version SET sha256 = :h WHERE paragraph_id = :p AND number = 3",
        p=pid,
        h="0" * 64,
    )
    problem = _verify(app, doc["id"]).problem
    assert (problem.where, problem.what) == (
        f"paragraph {pid} version 3",
        "its text does not match its stored hash",
    )


def test_a_forged_cached_head_is_named(api, app, doc):
    pid = _negotiated(api, doc)
    _sql(app, "UPDATE paragraph SET head_text = 'Forged.' WHERE id = :p", p=pid)
    problem = _verify(app, doc["id"]).problem
    assert (problem.where, problem.what) == (
        f"paragraph {pid}",
        "its cached head text differs from its latest version's text",
    )


def test_an_event_payload_edited_by_hand_is_named(api, app, doc):
    _negotiated(api, doc)
    _sql(
        app,
        'UPDATE event SET payload = \'{"note": "forged"}\' WHERE document_id = :d AND seq = 2',
        d=doc["id"],
    )
    problem = _verify(app, doc["id"]).problem
    assert (problem.where, problem.what) == ("event 2", "its content does not match its hash")


def test_a_deleted_last_event_is_a_break(api, app, doc):
    _negotiated(api, doc)
    _sql(
        app,
        "DELETE FROM event WHERE document_id = :d"
        " AND seq = (SELECT MAX(seq) FROM event WHERE document_id = :d)",
        d=doc["id"],
    )
    problem = _verify(app, doc["id"]).problem
    assert problem.where == "document event log"
    assert "events were removed or added" in problem.what


def _position_and_amendment(api, app, doc):
    paragraph = first_paragraph(doc)
    taken = api.as_("mex").put(
        f"/api/paragraphs/{paragraph['id']}/positions/mine",
        json={"version": 1, "stance": "support", "note": ""},
    )
    assert taken.status_code == 200, taken.text
    proposed = api.as_("bra").post(
        f"/api/paragraphs/{paragraph['id']}/amendments",
        json={"base_version": 1, "text": paragraph["text"] + " Amended.", "rationale": "Why."},
    )
    assert proposed.status_code == 201, proposed.text
    with app.state.engine.connect() as conn:
        position_id = conn.execute(
            sa.text("SELECT MAX(id) FROM position WHERE participant_code = 'MEX'")
        ).scalar_one()
    return position_id, proposed.json()["id"]


def test_a_position_stance_edited_by_hand_is_named(api, app, doc):
    position_id, _ = _position_and_amendment(api, app, doc)
    _sql(app, "UPDATE position SET stance = 'objection' WHERE id = :p", p=position_id)
    problem = _verify(app, doc["id"]).problem
    assert (problem.where, problem.what) == (
        f"position {position_id}",
        "it differs from what its event recorded",
    )


def test_an_amendment_text_edited_by_hand_is_named(api, app, doc):
    _, amendment_id = _position_and_amendment(api, app, doc)
    _sql(app, "UPDATE amendment SET text = 'Forged wording.' WHERE id = :a", a=amendment_id)
    problem = _verify(app, doc["id"]).problem
    assert (problem.where, problem.what) == (
        f"amendment {amendment_id}",
        "it differs from what its event recorded",
    )


def test_a_version_text_and_hash_forged_together_are_named(api, app, doc):
    from app.drafting.patches import make_patch, text_hash

    pid = _negotiated(api, doc)
    forged = "A forged paragraph."
    _sql(
        app,
        "UPDATE paragraph_version SET patch = :patch, sha256 = :sha, snapshot = :text"
        " WHERE paragraph_id = :p AND number = 1",
        p=pid,
        patch=make_patch("", forged),
        sha=text_hash(forged),
        text=forged,
    )
    problem = _verify(app, doc["id"]).problem
    assert problem is not None  # the next version's patch no longer applies, or the chain differs


def test_a_position_added_by_hand_is_named(api, app, doc):
    position_id, _ = _position_and_amendment(api, app, doc)
    _sql(
        app,
        "INSERT INTO position (document_id, paragraph_id, version_number, participant_code,"
        " stance, note, account_id, created_at, current)"
        " SELECT document_id, paragraph_id, version_number, 'ARG', 'objection', '', account_id,"
        " created_at, true FROM position WHERE id = :p",
        p=position_id,
    )
    problem = _verify(app, doc["id"]).problem
    assert problem.what == "no event vouches for it: added by hand"


def test_every_document_is_verified_and_the_log_is_for_the_chair_side(api, app, doc):
    from app.errors import Forbidden
    from app.services.accounts import accounts as accounts_service
    from app.services.accounts.actors import Actor

    _negotiated(api, doc)
    with Session(app.state.engine) as session:
        results = audit_service.verify_all(session)
        assert [r.document_id for r in results] == [doc["id"]] and results[0].intact
        document = session.get(Document, doc["id"])
        chair = Actor.of(accounts_service.get_by_username(session, username="secretariat"))
        page = audit_service.log(session, actor=chair, document=document, after=1, limit=2)
        assert [e["seq"] for e in page.events] == [2, 3]
        assert page.events[1]["prev_hash"] == page.events[0]["hash"]
        assert page.verification.intact
        mex = Actor.of(accounts_service.get_by_username(session, username="mex"))
        with pytest.raises(Forbidden):
            audit_service.log(session, actor=mex, document=document)


# --- a damaged version is a 503 problem naming it, on every read that rebuilds it -------------


def _damaged(api, app, doc, *, revision=False):
    """The first paragraph with three versions, version 1's snapshot forged by SQL."""
    pid = _negotiated(api, doc)
    if revision:  # the Zero draft pins version 3, then rebuilt from version 1's snapshot
        issued = api.as_("chair.rcm").post(f"/api/documents/{doc['id']}/revisions")
        assert issued.status_code == 201, issued.text
        _edit_text(api, first_paragraph(doc), "The text after the Zero draft.", 3)
    _sql(
        app,
        "UPDATE paragraph_version SET snapshot = 'Forged.' WHERE paragraph_id = :p AND number = 1",
        p=pid,
    )
    return pid


def _assert_names_the_damage(response, pid):
    body = problem_of(response)
    assert response.status_code == 503, response.text
    assert body["title"] == "Stored history is damaged"
    assert f"of paragraph {pid} does not rebuild" in body["detail"]
    assert "version 1 does not match its hash" in body["detail"]
    assert body["paragraph_id"] == pid


@pytest.mark.parametrize(
    "path",
    [
        "/api/paragraphs/{pid}/versions/1",
        "/api/paragraphs/{pid}/diff?from=1&to=3",
        "/api/paragraphs/{pid}/blame",
        "/api/documents/{doc}?at=2026-11-30T09:00:00.0005Z",
    ],
)
def test_a_damaged_version_is_a_503_problem_naming_it(api, app, doc, path):
    pid = _damaged(api, app, doc)
    response = api.as_("mex").get(path.format(pid=pid, doc=doc["id"]))
    _assert_names_the_damage(response, pid)


def test_a_damaged_version_in_an_export_at_a_revision_is_a_503_problem(api, app, doc):
    pid = _damaged(api, app, doc, revision=True)
    response = api.as_("mex").get(f"/api/documents/{doc['id']}/export?format=md&revision=0")
    _assert_names_the_damage(response, pid)


def test_each_event_moves_its_documents_head_as_it_is_stored(api, app, doc):
    """Recording an event is one INSERT: the database moves the head (migration 0011)."""
    _negotiated(api, doc)
    with app.state.engine.begin() as conn:
        seq, head = conn.execute(
            sa.text("SELECT event_seq, event_head FROM document WHERE id = :d"), {"d": doc["id"]}
        ).one()
        last = conn.execute(
            sa.text("SELECT seq, hash FROM event WHERE document_id = :d ORDER BY seq DESC"),
            {"d": doc["id"]},
        ).first()
        assert (seq, head) == tuple(last)
        conn.execute(
            sa.text(
                "INSERT INTO event (document_id, seq, created_at, action, target_type, payload, "
                "content, prev_hash, hash) VALUES (:d, :s, :t, 'comment.added', 'amendment', "
                "'{}', '{}', :p, 'next')"
            ),
            {"d": doc["id"], "s": seq + 1, "t": "2026-03-12 09:30:00", "p": head},
        )
        assert conn.execute(
            sa.text("SELECT event_seq, event_head FROM document WHERE id = :d"), {"d": doc["id"]}
        ).one() == (seq + 1, "next")
