"""The labels every amendment answer shows are kept between writes that cannot move a
paragraph (`app/services/text/kept_labels.py`): after every kind of write they must be the
labels read afresh, and only the writes that can move one read them again."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from app.services.text import kept_labels, numbering
from tests.conftest import calls_to
from tests.services.test_board_incremental import _ok, _writes


@pytest.fixture
def fresh_reads(monkeypatch) -> list[int]:
    """How many times the labels were read and numbered afresh."""
    return calls_to(monkeypatch, numbering, "live_labels")


def _labels(app, document_id: int) -> tuple[dict[int, str], dict[int, str]]:
    with Session(app.state.engine) as session:
        kept = kept_labels.live_labels(session, document_id=document_id)
        fresh = numbering.live_labels(session, document_id=document_id)
    return kept, fresh


def test_kept_labels_are_the_labels_read_afresh_after_every_kind_of_write(
    api, app, doc, fresh_reads
):
    _labels(app, doc["id"])
    for name, structural, write in _writes(api, doc):
        write()
        fresh_reads.clear()
        kept, fresh = _labels(app, doc["id"])
        assert kept == fresh, f"after {name}, the kept labels differ from the labels read afresh"
        if not structural and name != "accept":  # a decision may move paragraphs: read again
            assert len(fresh_reads) == 1, f"after {name}, the labels were read again"


def test_a_position_or_a_proposal_keeps_the_labels_and_a_deletion_reads_them_again(
    api, app, doc, fresh_reads
):
    paragraphs = [p for s in doc["sections"] for p in s["paragraphs"]]
    first, last = paragraphs[0], paragraphs[-1]
    mex = api.as_("mex")
    _labels(app, doc["id"])
    body = {"version": first["head_version"], "stance": "support"}
    _ok(mex.put(f"/api/paragraphs/{first['id']}/positions/mine", json=body))
    proposal = {"base_version": first["head_version"], "text": first["text"] + " Indeed."}
    _ok(mex.post(f"/api/paragraphs/{first['id']}/amendments", json=proposal))
    fresh_reads.clear()
    with Session(app.state.engine) as session:
        before = kept_labels.live_labels(session, document_id=doc["id"])
    assert fresh_reads == [], "a position and a proposal cannot move a paragraph"
    assert last["id"] in before
    deletion = _ok(
        api.as_("bra").post(
            f"/api/documents/{doc['id']}/amendments",
            json={
                "kind": "delete_paragraph",
                "paragraph_id": last["id"],
                "base_version": last["head_version"],
            },
        )
    )
    decision = {"expected_version": last["head_version"]}
    _ok(api.as_("chair.rcm").post(f"/api/amendments/{deletion['id']}/accept", json=decision))
    fresh_reads.clear()
    kept, fresh = _labels(app, doc["id"])
    assert fresh_reads and kept == fresh
    assert last["id"] not in kept
