"""Rows as the database holds them: once flushed, a row has its primary key."""

from __future__ import annotations

from typing import Protocol

import sqlalchemy as sa
from sqlalchemy.orm import make_transient_to_detached
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import Session, SQLModel


class _Keyed(Protocol):
    @property
    def id(self) -> int | None: ...


def id_of(row: _Keyed) -> int:
    """The id of a stored row. The models type ids optional (unset until the first flush), so a
    row that reaches a service without one is a bug, and it fails here rather than as a NULL."""
    if row.id is None:
        raise RuntimeError(f"{type(row).__name__} has no id: it was never flushed.")
    return row.id


# --- Core inserts for the hot writes ------------------------------------------------------------


_INSERTS: dict[str, tuple[sa.Insert, tuple[str, ...]]] = {}


def insert(session: Session, row: SQLModel) -> int:
    """Store a new row with one Core INSERT … RETURNING id, and give the object its id.

    For the hot writes (a proposal, a position): a unit-of-work flush costs several times the
    statement here. Every column is written as the object holds it, as a flush would (a column
    left None is stored NULL). The object then joins the session as a
    loaded row, not a new one: a later flush never inserts it again."""
    table: sa.Table = row.__table__  # type: ignore[attr-defined]  # a table model's
    prepared = _INSERTS.get(table.name)
    if prepared is None:
        columns = tuple(c.name for c in table.columns if c.name != "id")
        prepared = sa.insert(table).returning(table.c.id), columns
        _INSERTS[table.name] = prepared
    statement, columns = prepared
    values = {name: getattr(row, name) for name in columns}
    new_id: int = session.connection().execute(statement, values).scalar_one()
    set_committed_value(row, "id", new_id)
    make_transient_to_detached(row)
    session.add(row)
    return new_id
