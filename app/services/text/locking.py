"""Locks a write takes before it reads what it decides on: the document first, then its rows.

A request reads (authenticates, loads, diffs, validates) before its write lock, then takes the
lock at its first write and re-checks under it what it decides on. `begin_write` is that
moment: on SQLite the reader's transaction ends and a writer's begins (IMMEDIATE, in its turn
in the process's write queue, `app/db.py`); on PostgreSQL the lock is the document's row lock
taken next. `document` does both, so a service that locks its document first needs no more.

Every write to a document records an event, which moves the document's counter; taking the
document's row lock first makes the writers of one document queue at the door, so what each
then reads (an amendment's status, a paragraph's head) is what the one before it committed, and
no two writers ever hold rows the other waits for (no deadlock). On SQLite the lock clauses are
dropped (the database's one write lock covers them); the re-reads remain.
NO KEY UPDATE: rows that merely refer to a locked one (their foreign keys take KEY SHARE) are
not blocked.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.util import identity_key
from sqlmodel import Session

from app.errors import Conflict
from app.models import Document, Paragraph
from app.services.record import rows
from app.services.record.marks import UNKNOWN, Mark

# The execution option that makes a SQLite transaction begin IMMEDIATE (app/db.py), and the
# connection's `info` key saying it holds the write lock now.
WRITER = "sqlite_write"
WRITING = "consenso.writing"
# The connection's `info` key of what turns its reader's transaction into a writer's (SQLite,
# app/db.py).
TO_WRITER = "consenso.to_writer"
# `session.info` key: the locked document's event counter and head hash (`record/events.py`).
HEADS = "consenso.heads"


@dataclass(frozen=True)
class Head:
    """Where a document's event chain stood when its row was locked: the next event follows.
    With it, the document's marks (`record/marks.py`): unknown when not read."""

    seq: int
    hash: str
    labels: Mark = UNKNOWN
    rounds: Mark = UNKNOWN


@sa.event.listens_for(Session, "after_transaction_end")
def _forget_heads(session: Session, transaction: Any) -> None:
    """What a transaction read under its lock is not known once the transaction ends.

    A flush runs in a subtransaction of its own whose end changes nothing: only the end of the
    outermost transaction (or of a savepoint, which may roll back) forgets."""
    if transaction.parent is None or transaction.nested:
        session.info.pop(HEADS, None)


# `session.info` key: the heads as the session's last commit left them (`record/events.head`),
# for that commit's answer; a new write forgets them.
COMMITTED_HEADS = "consenso.committed_heads"


def begin_write(session: Session) -> None:
    """From here to the commit this transaction is a writer's (see the top)."""
    session.info.pop(COMMITTED_HEADS, None)
    if session.get_bind().dialect.name != "sqlite":
        return
    if not session.in_transaction():
        session.connection(execution_options={WRITER: True})
        return
    session.flush()  # anything pending is a write: it took the lock itself
    connection = session.connection()
    if not connection.info.get(WRITING):
        # The reads so far end here (what they loaded stays loaded) and a writer's transaction
        # begins on the same connection, in its turn.
        connection.info[TO_WRITER]()


# Built once: every write runs both (see "Statements built once" in docs/performance.md).
_DOCUMENTS: sa.Table = Document.__table__  # type: ignore[attr-defined]
_HEAD_COLUMNS = (
    _DOCUMENTS.c.event_seq,
    _DOCUMENTS.c.event_head,
    _DOCUMENTS.c.labels_seq,
    _DOCUMENTS.c.labels_hash,
    _DOCUMENTS.c.rounds_seq,
    _DOCUMENTS.c.rounds_hash,
)
_LOCK_DOCUMENT = (
    sa.select(*_HEAD_COLUMNS)
    .where(_DOCUMENTS.c.id == sa.bindparam("id"))
    .with_for_update(key_share=True)
)
# The paragraph as Core columns, not an ORM load: the lock runs on every hot write, and an ORM
# load with populate_existing costs more Python than the statement (~30 us a write here);
# `_refreshed` sets what it read on the loaded object instead.
_PARAGRAPHS: sa.Table = Paragraph.__table__  # type: ignore[attr-defined]
_PARAGRAPH_NAMES = tuple(c.name for c in _PARAGRAPHS.columns)
_LOCK_PARAGRAPH = (
    sa.select(*_PARAGRAPHS.columns)
    .where(_PARAGRAPHS.c.id == sa.bindparam("id"))
    .with_for_update(key_share=True)
)
# Both locks in one statement, the document's first (PostgreSQL takes a statement's row locks in
# the order of FOR … OF), so the order is the same as `document` then `_LOCK_PARAGRAPH`.
_LOCK_BOTH = (
    sa.select(*_PARAGRAPHS.columns, *_HEAD_COLUMNS)
    .select_from(_DOCUMENTS.join(_PARAGRAPHS, _PARAGRAPHS.c.document_id == _DOCUMENTS.c.id))
    .where(_PARAGRAPHS.c.id == sa.bindparam("id"))
    .with_for_update(key_share=True, of=[_DOCUMENTS, _PARAGRAPHS])
)


def inserts_need_no_lock(session: Session) -> bool:
    """Whether a write may insert its new rows before it takes its locks.

    On PostgreSQL a new row is seen by no other transaction until the commit, and inserting it
    takes only KEY SHARE locks on the rows it refers to, which no writer here waits for (they
    take NO KEY UPDATE): so the locks can come after, held for less time. On SQLite any write
    takes the database's one write lock, in its turn (`begin_write`): it must come first."""
    return session.get_bind().dialect.name != "sqlite"


def document(session: Session, *, document_id: int) -> Head:
    """Take the write lock and the document's row lock before anything else the write reads.

    Returns (and keeps for `record/events.py`) where the document's event chain stands."""
    begin_write(session)
    found = head_of(session.connection().execute(_LOCK_DOCUMENT, {"id": document_id}).one())
    session.info.setdefault(HEADS, {})[document_id] = found
    return found


def head_of(row: Sequence[Any]) -> Head:
    """The Head of a row of `_HEAD_COLUMNS`."""
    seq, head, labels_seq, labels_hash, rounds_seq, rounds_hash = row
    return Head(seq, head, Mark(labels_seq, labels_hash), Mark(rounds_seq, rounds_hash))


def paragraph(session: Session, row: Paragraph) -> Paragraph:
    """Lock the paragraph (after its document) and re-read it: the state a write decides on.

    One statement takes both locks, unless this transaction holds the document's already."""
    begin_write(session)
    connection = session.connection()
    if row.document_id in session.info.get(HEADS, {}):
        return _refreshed(session, row, connection.execute(_LOCK_PARAGRAPH, {"id": row.id}).one())
    found = connection.execute(_LOCK_BOTH, {"id": row.id}).one()
    width = len(_PARAGRAPH_NAMES)
    locked = _refreshed(session, row, found[:width])
    session.info.setdefault(HEADS, {})[locked.document_id] = head_of(found[width:])
    return locked


def _refreshed(session: Session, row: Paragraph, values: Sequence[Any]) -> Paragraph:
    """The session's object for the paragraph, set to the columns read under the lock (what an
    ORM load with populate_existing did)."""
    found: Paragraph | None = session.identity_map.get(identity_key(Paragraph, row.id))
    if found is None:  # not loaded in this session: a new object, as a load would give
        return rows.loaded(session, Paragraph, dict(zip(_PARAGRAPH_NAMES, values, strict=True)))
    for name, value in zip(_PARAGRAPH_NAMES, values, strict=True):
        set_committed_value(found, name, value)
    return found


def require_live(row: Paragraph) -> None:
    """409 if the paragraph was deleted (by a write that committed while this one waited)."""
    if row.deleted_at is not None:
        raise Conflict(
            f"Paragraph {row.id} has been deleted.",
            code="paragraph.deleted",
            params={"paragraph": row.id or 0},
            deleted=True,
        )
