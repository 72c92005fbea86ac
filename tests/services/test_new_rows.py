"""`rows.new` builds the hot writes' row objects without the table models' constructor: each
must be the row the constructor builds, and store the same way (by a flush or by Core)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlmodel import Session, select

from app.models import Amendment, AmendmentKind, AmendmentSponsor, Event, Position
from app.services.record import rows
from tests.conftest import first_paragraph

NOW = datetime(2026, 3, 12, 9, 30, tzinfo=UTC)
AMENDMENT = dict(
    kind=AmendmentKind.MODIFY,
    rationale="Clearer.",
    proposer_code="MEX",
    author_account_id=1,
    created_at=NOW,
    updated_at=NOW,
)


def _columns(row: object) -> dict[str, object]:
    table = row.__table__  # type: ignore[attr-defined]
    return {c.name: getattr(row, c.name) for c in table.columns}


@pytest.mark.parametrize(
    ("model", "values"),
    [
        (Amendment, dict(document_id=1, **AMENDMENT)),
        (Position, dict(document_id=1, paragraph_id=2, participant_code="BRA", stance="support")),
        (Event, dict(document_id=1, seq=3, action="comment.added", created_at=NOW)),
    ],
)
def test_a_new_row_is_the_row_its_constructor_builds(model, values):
    built, constructed = rows.new(model, **values), model(**values)
    assert _columns(built) == _columns(constructed)
    assert built.__pydantic_fields_set__ == constructed.__pydantic_fields_set__
    assert built.model_dump() == constructed.model_dump()


def test_factories_make_a_fresh_value_for_each_row():
    values = dict(document_id=1, seq=1, action="comment.added", created_at=NOW)
    first, second = rows.new(Event, **values), rows.new(Event, **values)
    assert first.payload == second.payload == {}
    first.payload["x"] = 1
    assert second.payload == {}


def test_a_new_row_is_stored_by_a_flush_and_by_a_core_insert(app, doc):
    with Session(app.state.engine) as session:
        flushed = rows.new(
            AmendmentSponsor, amendment_id=_an_amendment(session, doc), participant_code="MEX"
        )
        flushed.joined_at, flushed.joined_by_account_id = NOW, 1
        session.add(flushed)
        session.flush()
        inserted = rows.new(
            AmendmentSponsor,
            amendment_id=flushed.amendment_id,
            participant_code="COL",
            joined_at=NOW,
            joined_by_account_id=1,
        )
        rows.insert(session, inserted)
        session.commit()
        ids = [rows.id_of(flushed), rows.id_of(inserted)]
    with Session(app.state.engine) as session:
        stored = session.exec(
            select(AmendmentSponsor).where(AmendmentSponsor.id.in_(ids))  # type: ignore[union-attr]
        ).all()
        assert sorted(s.participant_code for s in stored) == ["COL", "MEX"]
        assert all(s.joined_revision == 1 and s.left_at is None for s in stored)


def _an_amendment(session: Session, doc: dict) -> int:
    amendment = rows.new(
        Amendment,
        document_id=doc["id"],
        **AMENDMENT,
        text="Some words.",
        patch="",
        text_sha256="",
        replaces=[],
    )
    amendment.paragraph_id = first_paragraph(doc)["id"]
    session.add(amendment)
    session.flush()
    return rows.id_of(amendment)
