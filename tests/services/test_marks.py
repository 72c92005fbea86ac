"""A document's marks (`app/services/record/marks.py`) always name the last event that may have
moved its labels and the last on its rounds: what the server keeps between requests is trusted
on them, so after every kind of write they must be exactly what the event log says."""

from __future__ import annotations

import sqlalchemy as sa
from sqlmodel import Session

from app.models import Document, Event
from app.services.record import marks
from tests.api.test_calendar import new_round
from tests.services.test_board_incremental import _writes


def _marks_and_log(app, document_id: int) -> tuple[tuple[int, str, int, str], list[Event]]:
    with Session(app.state.engine) as session:
        document = session.get_one(Document, document_id)
        found = (
            document.labels_seq,
            document.labels_hash,
            document.rounds_seq,
            document.rounds_hash,
        )
        log = list(
            session.execute(
                sa.select(Event).where(Event.document_id == document_id).order_by(Event.seq)
            ).scalars()
        )
    return found, log


def _expected(log: list[Event]) -> tuple[int, str, int, str]:
    labels = [e for e in log if marks.moves_labels(e.action)][-1]
    rounds = [e for e in log if marks.moves_rounds(e.action)][-1]
    return labels.seq, labels.hash or "", rounds.seq, rounds.hash or ""


def test_the_marks_name_the_last_event_that_moved_labels_and_rounds_after_every_write(
    api, app, doc
):
    new_round(api, doc["id"])
    writes = [("a round", False, lambda: new_round(api, doc["id"], name="Santiago"))]
    for name, _structural, write in [*writes, *_writes(api, doc)]:
        write()
        found, log = _marks_and_log(app, doc["id"])
        assert found == _expected(log), f"after {name}, the marks are not the log's"
    kinds = {e.action for e in log}
    assert any(marks.moves_labels(k) for k in kinds - {"document.created"})  # structural writes
    assert any(not marks.moves_labels(k) for k in kinds)  # and neutral ones were among them
