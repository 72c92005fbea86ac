"""Rows against the hashes the event chain vouched for (see `content.py`).

Each covered row must hash to what the last event naming it recorded. A covered row that no
event names is a row added by hand — unless it predates content hashing for its kind (written
before the first event that vouched for a row of that kind: the texts, amendments, positions,
sponsorships and translations since the document's first event with content; the later kinds —
amendment versions, comments, silence procedures, revisions, rounds, invitations, plenary
readings and floor requests — since their first own event), which the chain alone vouches for.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, SQLModel

from app.drafting.integrity import Problem
from app.models import (
    Amendment,
    AmendmentSponsor,
    AmendmentVersion,
    Comment,
    Event,
    FloorRequest,
    Invitation,
    ParagraphTranslation,
    ParagraphVersion,
    PlenaryReading,
    Position,
    RevisionEntry,
    Round,
    SilenceProcedure,
)
from app.services.record import content as content_service
from app.services.record.content import Content

# Kinds hashed from the start of content hashing: their rows are checked from the first event
# that carried any content.
FIRST_KINDS = frozenset(
    {"paragraph_version", "amendment", "position", "amendment_sponsor", "paragraph_translation"}
)


@dataclass(frozen=True)
class Vouched:
    """The last hash each row reference was vouched for, and when each kind's hashing began."""

    latest: dict[str, str] = field(default_factory=dict)
    since: datetime | None = None
    began: dict[str, datetime] = field(default_factory=dict)

    def checked_from(self, kind: str) -> datetime | None:
        return self.since if kind in FIRST_KINDS else self.began.get(kind)


def vouched(events: Iterable[Event]) -> Vouched:
    latest: dict[str, str] = {}
    since: datetime | None = None
    began: dict[str, datetime] = {}
    for event in events:
        if event.content:
            since = since or event.created_at
            for ref in event.content:
                began.setdefault(ref.split("/", 1)[0], event.created_at)
            latest.update(event.content)
    return Vouched(latest, since, began)


@dataclass(frozen=True)
class Kind:
    """A covered table: its model, how a row hashes, and when a row was written."""

    table: str
    model: type[SQLModel]
    of: Callable[[Any], Content]
    stamped: Callable[[Any], datetime]


KINDS = (
    Kind("paragraph_version", ParagraphVersion, content_service.of_version, lambda r: r.created_at),
    Kind("amendment", Amendment, content_service.of_amendment, lambda r: r.created_at),
    Kind("position", Position, content_service.of_position, lambda r: r.created_at),
    Kind("amendment_sponsor", AmendmentSponsor, content_service.of_sponsor, lambda r: r.joined_at),
    Kind(
        "paragraph_translation",
        ParagraphTranslation,
        content_service.of_translation,
        lambda r: r.created_at,
    ),
    Kind(
        "amendment_version",
        AmendmentVersion,
        content_service.of_amendment_version,
        lambda r: r.created_at,
    ),
    Kind("comment", Comment, content_service.of_comment, lambda r: r.created_at),
    Kind("silence_procedure", SilenceProcedure, content_service.of_silence, lambda r: r.started_at),
    Kind("round", Round, content_service.of_round, lambda r: r.created_at),
    Kind("invitation", Invitation, content_service.of_invitation, lambda r: r.invited_at),
    Kind("plenary_reading", PlenaryReading, content_service.of_reading, lambda r: r.started_at),
    Kind("floor_request", FloorRequest, content_service.of_request, lambda r: r.requested_at),
)

Covered = list[tuple[str, Sequence[Any], Callable[[Any], Content], Callable[[Any], datetime]]]


def covered_rows(rows: Mapping[str, Sequence[Any]]) -> Covered:
    """The rows events vouch for (by table name; a table left out has none), each kind with how
    to hash it and when it was written. A revision hashes with its entries."""
    covered: Covered = [(k.table, rows.get(k.table, ()), k.of, k.stamped) for k in KINDS]
    entries: dict[int | None, list[RevisionEntry]] = defaultdict(list)
    for entry in rows.get("revision_entry", ()):
        entries[entry.revision_id].append(entry)
    covered.append(
        (
            "revision",
            rows.get("revision", ()),
            lambda r: content_service.of_revision(r, entries[r.id]),
            lambda r: r.created_at,
        )
    )
    return covered


def first_problem(session: Session, *, document_id: int, vouched: Vouched) -> Problem | None:
    return first_problem_in(covered_rows(_rows(session, document_id)), vouched=vouched)


def first_problem_in(covered: Covered, *, vouched: Vouched) -> Problem | None:
    """The first row whose hash is not what its last event recorded, or that no event names."""
    for kind, rows, of, stamped in covered:
        since = vouched.checked_from(kind)
        for row in rows:
            ref, sha = of(row)
            recorded = vouched.latest.get(ref)
            if recorded is None:
                if since is not None and stamped(row) >= since:
                    return Problem(ref.replace("/", " "), "no event vouches for it: added by hand")
                continue
            if recorded != sha:
                return Problem(ref.replace("/", " "), "it differs from what its event recorded")
    return None


def _rows(session: Session, document_id: int) -> dict[str, Sequence[Any]]:
    """Every covered row of the document, by table, in id order (Core rows: only read)."""
    tables = SQLModel.metadata.tables
    paragraphs = sa.select(tables["paragraph"].c.id).where(
        tables["paragraph"].c.document_id == document_id
    )
    amendments = sa.select(tables["amendment"].c.id).where(
        tables["amendment"].c.document_id == document_id
    )
    revisions = sa.select(tables["revision"].c.id).where(
        tables["revision"].c.document_id == document_id
    )
    within = {
        "paragraph_version": ("paragraph_id", paragraphs),
        "paragraph_translation": ("paragraph_id", paragraphs),
        "amendment_version": ("amendment_id", amendments),
        "amendment_sponsor": ("amendment_id", amendments),
        "revision_entry": ("revision_id", revisions),
    }
    connection = session.connection()
    rows: dict[str, Sequence[Any]] = {}
    for name in [k.table for k in KINDS] + ["revision", "revision_entry"]:
        table = tables[name]
        column, parents = within.get(name, ("document_id", None))
        condition = (
            table.c[column].in_(parents) if parents is not None else table.c[column] == document_id
        )
        rows[name] = connection.execute(
            sa.select(table).where(condition).order_by(table.c.id)
        ).all()
    return rows
