"""What changed on the board since the state it kept: the events in between, read back.

The board and its history are kept per write (`cache.WriteCache`). After a write, rather than
reading and evaluating the whole document again, they are updated from the events since the
kept state: each event names its target and the rows it wrote (`event.content`), so the
paragraphs it touched are known, and only those are read and evaluated again. A change that
renumbers or restructures the document (a paragraph added, deleted or moved, a revision issued)
or too many events at once make the board read everything, as before.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Mapped
from sqlmodel import Session, col

from app.drafting.consensus import Member
from app.models import Amendment, AmendmentSponsor, Event, ParagraphVersion, Position
from app.services.consensus.queries import naive_utc, plain_connection

# What the board and its history are a function of, besides the clock: the document's event
# counter and hash-chain head, its consensus mode, the member delegations (`cache.write_key`).
WriteKey = tuple[tuple[int, str], str, tuple[Member, ...]]

# Events after which paragraphs are numbered or placed differently, or the history's frame moves.
STRUCTURE = frozenset(
    {
        "paragraph.created",
        "paragraph.deleted",
        "decision.undone",  # may take a new paragraph out of the text or bring a deleted one back
        "paragraph.moved",
        "revision.issued",
        "document.created",
        "document.settings_set",  # the numbering scheme may have changed
        "section.updated",  # a section's kind (the pp_op numbering)
    }
)
MOST = 500  # more events than this since the kept state: read everything


@dataclass(frozen=True)
class Delta:
    """The paragraphs to read again, whether proposed new paragraphs may have changed, and when
    the first of the events happened (counts remembered at earlier moments still hold)."""

    paragraphs: frozenset[int]
    insertions: bool
    since: datetime


class Since:
    """The change from a kept state to `key`, read once for the board and its history."""

    def __init__(self, session: Session, document_id: int, key: WriteKey) -> None:
        self.session = session
        self.document_id = document_id
        self.key = key
        self._read: dict[WriteKey, Delta | None] = {}

    def __call__(self, kept: WriteKey) -> Delta | None:
        """None: the kept state cannot be brought up to `key` (read everything again)."""
        if kept[1:] != self.key[1:]:
            return None  # another mode or other members: every verdict may change
        if kept not in self._read:
            db = plain_connection(self.session)
            self._read[kept] = between(db, self.document_id, kept[0][0], self.key[0][0])
        return self._read[kept]


def between(db: Connection, document_id: int, after: int, upto: int) -> Delta | None:
    """The change from event `after` to event `upto`; None when the board must be read whole."""
    if not 0 <= after < upto or upto - after > MOST:
        return None
    events = db.execute(
        sa.select(
            col(Event.action),
            col(Event.target_type),
            col(Event.target_id),
            col(Event.content),
            naive_utc(col(Event.created_at)),
        ).where(
            col(Event.document_id) == document_id, col(Event.seq) > after, col(Event.seq) <= upto
        )
    ).all()
    if len(events) != upto - after or any(e[0] in STRUCTURE for e in events):
        return None
    paragraphs: set[int] = set()
    rows: dict[str, set[int]] = {}
    for _action, target_type, target_id, content, _at in events:
        if target_id is not None:
            rows.setdefault(target_type, set()).add(target_id)
        for ref in content or {}:
            table, _, row_id = ref.partition("/")
            if row_id.isdigit():
                rows.setdefault(table, set()).add(int(row_id))
    paragraphs |= rows.get("paragraph", set())
    versions = _pairs(
        db, ParagraphVersion, col(ParagraphVersion.number), rows.get("paragraph_version")
    )
    if any(number == 1 for _pid, number in versions):
        return None  # a paragraph was born (an accepted proposal for a new one)
    paragraphs |= {pid for pid, _n in versions if pid is not None}
    positions = _pairs(db, Position, col(Position.id), rows.get("position"))
    paragraphs |= {pid for pid, _x in positions if pid is not None}
    amendments = set(rows.get("amendment", ()))
    sponsors = rows.get("amendment_sponsor")
    if sponsors:
        amendments |= set(
            db.execute(
                sa.select(col(AmendmentSponsor.amendment_id)).where(
                    col(AmendmentSponsor.id).in_(sorted(sponsors))
                )
            ).scalars()
        )
    on = [pid for pid, _x in _pairs(db, Amendment, col(Amendment.id), amendments)]
    paragraphs |= {pid for pid in on if pid is not None}
    return Delta(frozenset(paragraphs), None in on, min(e[4] for e in events))


def _pairs(
    db: Connection,
    table: type[ParagraphVersion] | type[Position] | type[Amendment],
    other: Mapped[int] | Mapped[int | None],
    ids: Iterable[int] | None,
) -> list[tuple[int | None, int | None]]:
    """(paragraph id, `other`) of the rows `ids` of `table`."""
    wanted = sorted(ids or ())
    if not wanted:
        return []
    return [
        (pid, value)
        for pid, value in db.execute(
            sa.select(col(table.paragraph_id), other).where(col(table.id).in_(wanted))
        ).all()
    ]
