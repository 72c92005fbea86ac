"""What the consensus board reads now, and the history its timeline counts from: one query per
table (never one per paragraph), on the session's connection, as plain tuples rather than ORM
objects to keep it cheap.

Timestamps are read as naive UTC through the plain DateTime type: the UTC column type hands
back aware datetimes at the cost of a Python call per value, which is most of the cost of
reading tens of thousands of rows. The board and its timeline only compare them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple, TypeVar, cast

import sqlalchemy as sa
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Mapped
from sqlmodel import Session, col

from app.drafting.consensus import AGREEING, Member
from app.models import (
    Amendment,
    AmendmentSponsor,
    AmendmentStatus,
    Document,
    Paragraph,
    ParagraphVersion,
    Participant,
    Position,
    Revision,
    RevisionEntry,
    Section,
    SilenceProcedure,
)
from app.models.participant import ParticipantKind
from app.services.positions.roster import members_from

_When = TypeVar("_When", datetime, datetime | None)
# Paragraph ids to read, for a board updated from the events since the one it kept; None: all.
Only = Collection[int] | None
_NAIVE = sa.DateTime()


def naive_utc(column: sa.SQLColumnExpression[_When]) -> sa.ColumnElement[_When]:
    """The column's values, NULLs included, as naive UTC (see the module docstring)."""
    # The plain DateTime passes NULL through, so the value type (optional or not) is the column's.
    return cast("sa.ColumnElement[_When]", sa.type_coerce(column, _NAIVE))


def required_int(column: sa.SQLColumnExpression[int | None]) -> sa.TypeCoerce[int]:
    """An integer column read only where it holds a value (a row's own id, the id a join
    matched, the paragraph and version of a position on a paragraph): SQLModel types them
    optional."""
    return sa.type_coerce(column, sa.Integer())


def saved_id(document: Document) -> int:
    if document.id is None:
        raise ValueError("the document has not been saved")
    return document.id


def only(column: Mapped[int] | Mapped[int | None], ids: Only) -> sa.ColumnElement[bool]:
    """`column IN ids`, or true when every paragraph is read."""
    return sa.true() if ids is None else column.in_(sorted(ids))


def plain_connection(session: Session) -> Connection:
    """The session's connection: plain rows without the ORM's bookkeeping per row (it doubles
    the cost of reading 20,000 positions). Flushes first, as the session would."""
    session.flush()
    return session.connection()


def write_stamp(session: Session, *, document_id: int) -> tuple[int, str]:
    """The document's event counter and hash-chain head, as committed (not a stale object)."""
    seq, head = (
        plain_connection(session)
        .execute(
            sa.select(col(Document.event_seq), col(Document.event_head)).where(
                col(Document.id) == document_id
            )
        )
        .one()
    )
    return seq, head


def read_participants(db: Connection) -> list[tuple[str, str | None, str]]:
    """Member delegations as (code, bloc, name)."""
    return list(
        db.execute(
            sa.select(col(Participant.code), col(Participant.bloc), col(Participant.name_en)).where(
                col(Participant.kind) == ParticipantKind.MEMBER
            )
        ).all()
    )


def members_and_names(session: Session) -> tuple[list[Member], dict[str, str]]:
    """Member delegations in bloc order, and their names by code."""
    participants = read_participants(plain_connection(session))
    return members_from(participants), {c: n for c, _b, n in participants}


# --- what the board shows now ------------------------------------------------------------------


class SectionRecord(NamedTuple):
    id: int
    key: str
    title: str
    position: int
    kind: str | None = None  # preambular | operative (the pp_op numbering)


class ParagraphRecord(NamedTuple):
    id: int
    section_id: int
    head_version: int
    head_text: str
    frozen: bool
    created_at: datetime  # naive UTC
    deleted_at: datetime | None


class SilenceRecord(NamedTuple):
    """A silence procedure (naive UTC)."""

    id: int
    paragraph_id: int
    version_number: int
    revision_number: int | None
    started_at: datetime
    deadline: datetime
    cancelled_at: datetime | None
    broken_by_code: str | None
    broken_at: datetime | None


# A current position on a head version, or an agreeing one on head - 1:
# (paragraph id, on the head version?, code, stance, note, taken at, naive UTC).
HeadPosition = tuple[int, bool, str, str, str, datetime]
# A pending amendment, once per sponsor who has not left (None: it has no sponsor):
# (id, kind, paragraph id, section id, after paragraph id, proposer, sponsor).
PendingAmendmentRow = tuple[int, str, int | None, int | None, int | None, str, str | None]


@dataclass(frozen=True)
class BoardInputs:
    """What the board shows now: a few thousand rows, never the whole history."""

    sections: list[SectionRecord]  # by position
    paragraphs: list[ParagraphRecord]  # every paragraph, deleted included, in document order
    members: list[Member]
    silences: list[SilenceRecord]  # every procedure of the document, by start
    on_head: Sequence[HeadPosition] = ()  # oldest first
    amendments: Sequence[PendingAmendmentRow] = ()  # by id, then as their sponsors joined
    numbering: str = "section"  # the document's numbering scheme (app/drafting/labels.py)


def read_sections(db: Connection, document_id: int) -> list[SectionRecord]:
    return [
        SectionRecord(*row)
        for row in db.execute(
            sa.select(
                required_int(col(Section.id)),
                col(Section.key),
                col(Section.title),
                col(Section.position),
                col(Section.kind),
            )
            .where(col(Section.document_id) == document_id)
            .order_by(col(Section.position))
        ).all()
    ]


def read_paragraphs(db: Connection, document_id: int, ids: Only = None) -> list[ParagraphRecord]:
    """Every paragraph, deleted included (the timeline needs them), in document order."""
    return [
        ParagraphRecord(*row)
        for row in db.execute(
            sa.select(
                required_int(col(Paragraph.id)),
                col(Paragraph.section_id),
                col(Paragraph.head_version),
                col(Paragraph.head_text),
                col(Paragraph.frozen),
                naive_utc(col(Paragraph.created_at)),
                naive_utc(col(Paragraph.deleted_at)),
            )
            .join(Section, col(Section.id) == col(Paragraph.section_id))
            .where(col(Paragraph.document_id) == document_id, only(col(Paragraph.id), ids))
            .order_by(col(Section.position), col(Paragraph.position))
        ).all()
    ]


def read_silences(db: Connection, document_id: int, ids: Only = None) -> list[SilenceRecord]:
    return [
        SilenceRecord(*row)
        for row in db.execute(
            sa.select(
                required_int(col(SilenceProcedure.id)),
                col(SilenceProcedure.paragraph_id),
                col(SilenceProcedure.version_number),
                col(SilenceProcedure.revision_number),
                naive_utc(col(SilenceProcedure.started_at)),
                naive_utc(col(SilenceProcedure.deadline)),
                naive_utc(col(SilenceProcedure.cancelled_at)),
                col(SilenceProcedure.broken_by_code),
                naive_utc(col(SilenceProcedure.broken_at)),
            )
            .where(
                col(SilenceProcedure.document_id) == document_id,
                only(col(SilenceProcedure.paragraph_id), ids),
            )
            .order_by(col(SilenceProcedure.started_at), col(SilenceProcedure.id))
        ).all()
    ]


def read_head_positions(
    db: Connection, document_id: int, ids: Only = None
) -> Sequence[HeadPosition]:
    """Current positions on the live paragraphs' head versions, and agreeing ones on head - 1
    (the board shows who supported the previous version), oldest first."""
    head = col(Paragraph.head_version)
    version = col(Position.version_number)
    # Plain tuples, not result rows: a third of the memory, and untracked by the collector
    # (the board keeps these, ~70,000 at UN scale: app/heap.py).
    rows = db.execute(
        sa.select(
            required_int(col(Paragraph.id)),
            version == head,
            col(Position.participant_code),
            col(Position.stance),
            col(Position.note),
            naive_utc(col(Position.created_at)),
        )
        # From the live paragraphs through the (paragraph, version, current) index; positions
        # on amendments have no paragraph.
        .select_from(Paragraph)
        .join(
            Position,
            sa.and_(
                col(Position.paragraph_id) == col(Paragraph.id),
                version.in_([head, head - 1]),
                col(Position.current),
            ),
        )
        .where(
            col(Paragraph.document_id) == document_id,
            col(Paragraph.deleted_at).is_(None),
            only(col(Paragraph.id), ids),
            sa.or_(version == head, col(Position.stance).in_([s.value for s in AGREEING])),
        )
        .order_by(col(Position.id))
    )
    return [tuple(row) for row in rows]  # type: ignore[misc]


def read_pending_amendments(
    db: Connection, document_id: int, ids: Only = None, *, insertions: bool = True
) -> Sequence[PendingAmendmentRow]:
    """Pending amendments joined with their sponsors, in the order the sponsors joined: on the
    paragraphs `ids` (None: all), and the proposed new paragraphs unless `insertions` is False."""
    on = only(col(Amendment.paragraph_id), ids)
    if ids is not None:
        on = sa.or_(on, col(Amendment.paragraph_id).is_(None)) if insertions else on
    sponsor = sa.and_(
        col(AmendmentSponsor.amendment_id) == col(Amendment.id),
        col(AmendmentSponsor.left_at).is_(None),
    )
    rows = db.execute(
        sa.select(
            required_int(col(Amendment.id)),
            col(Amendment.kind),
            col(Amendment.paragraph_id),
            col(Amendment.section_id),
            col(Amendment.after_paragraph_id),
            col(Amendment.proposer_code),
            col(AmendmentSponsor.participant_code),  # None: the outer join found no sponsor
        )
        .outerjoin(AmendmentSponsor, sponsor)
        .where(
            col(Amendment.document_id) == document_id,
            col(Amendment.status) == AmendmentStatus.PENDING,
            on,
        )
        .order_by(col(Amendment.id), col(AmendmentSponsor.joined_at), col(AmendmentSponsor.id))
    )
    return [tuple(row) for row in rows]  # type: ignore[misc]  # kept by the board, as above


def load_board_inputs(
    session: Session,
    document: Document,
    *,
    members: list[Member] | None = None,
    current: bool = True,
    ids: Only = None,
    insertions: bool = True,
) -> BoardInputs:
    """Current positions on head versions (and agreement on head - 1), pending amendments with
    their sponsors, silence procedures: one query per table, joined where a table is small.
    With `current=False`, only what the timeline needs (no positions, no amendments). With
    `ids`, only those paragraphs (and the proposed new paragraphs, if `insertions`)."""
    document_id = saved_id(document)
    db = plain_connection(session)
    return BoardInputs(
        sections=read_sections(db, document_id),
        paragraphs=read_paragraphs(db, document_id, ids),
        members=members_from(read_participants(db)) if members is None else members,
        silences=read_silences(db, document_id, ids),
        on_head=read_head_positions(db, document_id, ids) if current else (),
        amendments=(
            read_pending_amendments(db, document_id, ids, insertions=insertions) if current else ()
        ),
        numbering=document.numbering,
    )


# --- the history the timeline counts from ------------------------------------------------------


class RevisionRecord(NamedTuple):
    id: int
    number: int
    label: str
    created_at: datetime  # naive UTC


def read_revisions(
    db: Connection, document_id: int
) -> tuple[list[RevisionRecord], dict[int, dict[int, int]]]:
    """Revisions by number, and revision id -> paragraph id -> version, in one query."""
    revisions: dict[int, RevisionRecord] = {}
    entries: dict[int, dict[int, int]] = defaultdict(dict)
    for revision_id, number, label, created_at, paragraph_id, version in db.execute(
        sa.select(
            required_int(col(Revision.id)),
            col(Revision.number),
            col(Revision.label),
            naive_utc(col(Revision.created_at)),
            col(RevisionEntry.paragraph_id),  # None: a revision without entries (outer join)
            col(RevisionEntry.version_number),
        )
        .outerjoin(RevisionEntry, col(RevisionEntry.revision_id) == col(Revision.id))
        .where(col(Revision.document_id) == document_id)
        .order_by(col(Revision.number))
    ).all():
        revisions.setdefault(revision_id, RevisionRecord(revision_id, number, label, created_at))
        if paragraph_id is not None:
            entries[revision_id][paragraph_id] = version
    return list(revisions.values()), entries


def read_version_times(
    db: Connection, document_id: int, ids: Only = None
) -> dict[int, list[datetime]]:
    """Paragraph id -> when each of its versions was written (naive UTC), version 1 first."""
    times: dict[int, list[datetime]] = defaultdict(list)
    for paragraph_id, created_at in db.execute(
        sa.select(col(ParagraphVersion.paragraph_id), naive_utc(col(ParagraphVersion.created_at)))
        .join(Paragraph, col(Paragraph.id) == col(ParagraphVersion.paragraph_id))
        .where(col(Paragraph.document_id) == document_id, only(col(Paragraph.id), ids))
        .order_by(col(ParagraphVersion.paragraph_id), col(ParagraphVersion.number))
    ).all():
        times[paragraph_id].append(created_at)
    return times
