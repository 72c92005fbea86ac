"""Every row the consensus board and its timeline need for one document, read with one query
per table (never one per paragraph), as plain tuples rather than ORM objects to keep it cheap."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import NamedTuple

import sqlalchemy as sa
from sqlmodel import Session

from app.drafting.consensus import AGREEING, Member
from app.models import (
    Amendment,
    AmendmentSponsor,
    AmendmentStatus,
    Document,
    Event,
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
from app.services.positions import positions as positions_service


def _sections(run, doc: int) -> list:
    return run(
        sa.select(Section.id, Section.key, Section.title, Section.position)
        .where(Section.document_id == doc)
        .order_by(Section.position)
    ).all()


def _participants(run) -> list:
    """Members as (code, bloc, name)."""
    kind = Participant.kind == ParticipantKind.MEMBER
    return run(sa.select(Participant.code, Participant.bloc, Participant.name_en).where(kind)).all()


@dataclass
class Loaded:
    """Every row the board needs for one document, read in one query per table."""

    document: Document
    sections: list
    paragraphs: list  # all, deleted included (the timeline needs them), in document order
    members: list[Member]
    names: dict[str, str]
    positions: list  # every position on a paragraph version, oldest first
    withdrawals: list  # (paragraph_id, version, code, at)
    amendments: list
    sponsors: dict[int, list[str]]
    silences: list
    revisions: list
    entries: dict[int, dict[int, int]]  # revision id -> paragraph id -> version
    version_times: dict[int, list[datetime]]


def load(session: Session, document: Document) -> Loaded:
    """Read everything the board needs, deleted paragraphs and settled amendments included."""
    doc = document.id
    run = session.execute
    sections = _sections(run, doc)
    paragraphs = run(
        sa.select(
            Paragraph.id,
            Paragraph.section_id,
            Paragraph.head_version,
            Paragraph.head_text,
            Paragraph.frozen,
            Paragraph.created_at,
            Paragraph.deleted_at,
        )
        .join(Section, Section.id == Paragraph.section_id)
        .where(Paragraph.document_id == doc)
        .order_by(Section.position, Paragraph.position)
    ).all()
    participants = _participants(run)
    members = positions_service.members_from(participants)
    positions = run(
        sa.select(
            Position.paragraph_id,
            Position.version_number,
            Position.participant_code,
            Position.stance,
            Position.note,
            Position.created_at,
            Position.current,
        )
        .where(Position.document_id == doc, Position.amendment_id.is_(None))
        .order_by(Position.id)
    ).all()
    withdrawals = [
        (target, payload.get("version"), payload.get("code"), at)
        for target, payload, at in run(
            sa.select(Event.target_id, Event.payload, Event.created_at).where(
                Event.document_id == doc,
                Event.action == positions_service.WITHDRAWN,
                Event.target_type == "paragraph",
            )
        )
    ]
    amendments = run(
        sa.select(
            Amendment.id,
            Amendment.kind,
            Amendment.status,
            Amendment.paragraph_id,
            Amendment.section_id,
            Amendment.after_paragraph_id,
            Amendment.proposer_code,
            Amendment.created_at,
            Amendment.decided_at,
            Amendment.updated_at,
        )
        .where(Amendment.document_id == doc)
        .order_by(Amendment.id)
    ).all()
    sponsors: dict[int, list[str]] = defaultdict(list)
    for amendment_id, code in run(
        sa.select(AmendmentSponsor.amendment_id, AmendmentSponsor.participant_code)
        .join(Amendment, Amendment.id == AmendmentSponsor.amendment_id)
        .where(
            Amendment.document_id == doc,
            Amendment.status == AmendmentStatus.PENDING,
            AmendmentSponsor.left_at.is_(None),
        )
        .order_by(AmendmentSponsor.joined_at, AmendmentSponsor.id)
    ):
        sponsors[amendment_id].append(code)
    silences = (
        run(
            sa.select(SilenceProcedure)
            .where(SilenceProcedure.document_id == doc)
            .order_by(SilenceProcedure.started_at, SilenceProcedure.id)
        )
        .scalars()
        .all()
    )
    revisions, entries = read_revisions(run, doc, lambda column: column)
    version_times = read_version_times(run, doc, lambda column: column)
    return Loaded(
        document=document,
        sections=sections,
        paragraphs=paragraphs,
        members=members,
        names={code: name for code, _bloc, name in participants},
        positions=positions,
        withdrawals=withdrawals,
        amendments=amendments,
        sponsors=sponsors,
        silences=silences,
        revisions=revisions,
        entries=entries,
        version_times=version_times,
    )


# --- the board: what it shows now, and the history its timeline is counted from ---------------
#
# Timestamps of the history are read as naive UTC through the plain DateTime type: the UTC
# column type hands back aware datetimes at the cost of a Python call per value, which is most
# of the cost of reading tens of thousands of rows. The timeline only compares them.

_NAIVE = sa.DateTime()


def naive(column):
    return sa.type_coerce(column, _NAIVE)


def core(session: Session):
    """Execute on the session's connection: plain rows without the ORM's bookkeeping per row
    (it doubles the cost of reading 20,000 positions). Flushes first, as the session would."""
    session.flush()
    return session.connection().execute


def stamp(session: Session, *, document_id: int) -> tuple[int, str]:
    """The document's event counter and hash-chain head, as committed (not a stale object)."""
    seq, head = core(session)(
        sa.select(Document.event_seq, Document.event_head).where(Document.id == document_id)
    ).one()
    return seq, head


@dataclass
class Now:
    """What the board shows now: a few thousand rows, never the whole history."""

    sections: list  # (id, key, title, position)
    paragraphs: list  # every paragraph, deleted included, in document order (naive UTC)
    members: list[Member]
    silences: list  # every procedure of the document, by start (naive UTC)
    # (paragraph_id, on head?, code, stance, note, taken at): current on head, agreeing on head-1
    on_head: list = field(default_factory=list)
    # pending: (id, kind, paragraph_id, section_id, after_paragraph_id, proposer, a sponsor)
    amendments: list = field(default_factory=list)


def members_and_names(session: Session) -> tuple[list[Member], dict[str, str]]:
    """Member delegations in bloc order, and their names by code."""
    participants = _participants(core(session))
    return positions_service.members_from(participants), {c: n for c, _b, n in participants}


def load_now(
    session: Session, document: Document, *, members: list[Member] | None = None, current=True
) -> Now:
    """Current positions on head versions (and agreement on head - 1), pending amendments with
    their sponsors, silence procedures: one query per table, joined where a table is small.
    With `current=False`, only what the timeline needs (no positions, no amendments)."""
    doc = document.id
    run = core(session)
    sections = _sections(run, doc)
    paragraphs = run(
        sa.select(
            Paragraph.id,
            Paragraph.section_id,
            Paragraph.head_version,
            Paragraph.head_text,
            Paragraph.frozen,
            naive(Paragraph.created_at).label("created_at"),
            naive(Paragraph.deleted_at).label("deleted_at"),
        )
        .join(Section, Section.id == Paragraph.section_id)
        .where(Paragraph.document_id == doc)
        .order_by(Section.position, Paragraph.position)
    ).all()
    if members is None:
        members = positions_service.members_from(_participants(run))
    silences = run(
        sa.select(
            SilenceProcedure.id,
            SilenceProcedure.paragraph_id,
            SilenceProcedure.version_number,
            SilenceProcedure.revision_number,
            naive(SilenceProcedure.started_at).label("started_at"),
            naive(SilenceProcedure.deadline).label("deadline"),
            naive(SilenceProcedure.cancelled_at).label("cancelled_at"),
            SilenceProcedure.broken_by_code,
            naive(SilenceProcedure.broken_at).label("broken_at"),
        )
        .where(SilenceProcedure.document_id == doc)
        .order_by(SilenceProcedure.started_at, SilenceProcedure.id)
    ).all()
    now = Now(
        sections=sections,
        paragraphs=paragraphs,
        members=members,
        silences=silences,
    )
    if not current:
        return now
    now.on_head = run(
        sa.select(
            Position.paragraph_id,
            Position.version_number == Paragraph.head_version,
            Position.participant_code,
            Position.stance,
            Position.note,
            naive(Position.created_at),
        )
        # From the live paragraphs through the (paragraph, version, current) index; positions
        # on amendments have no paragraph.
        .select_from(Paragraph)
        .join(
            Position,
            sa.and_(
                Position.paragraph_id == Paragraph.id,
                Position.version_number.in_([Paragraph.head_version, Paragraph.head_version - 1]),
                Position.current,
            ),
        )
        .where(
            Paragraph.document_id == doc,
            Paragraph.deleted_at.is_(None),
            sa.or_(
                Position.version_number == Paragraph.head_version,
                Position.stance.in_([s.value for s in AGREEING]),
            ),
        )
        .order_by(Position.id)
    ).all()
    now.amendments = run(
        sa.select(
            Amendment.id,
            Amendment.kind,
            Amendment.paragraph_id,
            Amendment.section_id,
            Amendment.after_paragraph_id,
            Amendment.proposer_code,
            AmendmentSponsor.participant_code,
        )
        .outerjoin(
            AmendmentSponsor,
            sa.and_(
                AmendmentSponsor.amendment_id == Amendment.id, AmendmentSponsor.left_at.is_(None)
            ),
        )
        .where(Amendment.document_id == doc, Amendment.status == AmendmentStatus.PENDING)
        .order_by(Amendment.id, AmendmentSponsor.joined_at, AmendmentSponsor.id)
    ).all()
    return now


class RevisionRow(NamedTuple):
    id: int
    number: int
    label: str
    created_at: datetime


def read_revisions(run, doc: int, at) -> tuple[list[RevisionRow], dict[int, dict[int, int]]]:
    """Revisions by number, and revision id -> paragraph id -> version, in one query."""
    revisions: dict[int, RevisionRow] = {}
    entries: dict[int, dict[int, int]] = defaultdict(dict)
    for rid, number, label, created_at, paragraph_id, version in run(
        sa.select(
            Revision.id,
            Revision.number,
            Revision.label,
            at(Revision.created_at),
            RevisionEntry.paragraph_id,
            RevisionEntry.version_number,
        )
        .outerjoin(RevisionEntry, RevisionEntry.revision_id == Revision.id)
        .where(Revision.document_id == doc)
        .order_by(Revision.number)
    ):
        revisions.setdefault(rid, RevisionRow(rid, number, label, created_at))
        if paragraph_id is not None:
            entries[rid][paragraph_id] = version
    return list(revisions.values()), entries


def read_version_times(run, doc: int, at) -> dict[int, list[datetime]]:
    """Paragraph id -> when each of its versions was written, version 1 first."""
    times: dict[int, list[datetime]] = defaultdict(list)
    for paragraph_id, created_at in run(
        sa.select(ParagraphVersion.paragraph_id, at(ParagraphVersion.created_at))
        .join(Paragraph, Paragraph.id == ParagraphVersion.paragraph_id)
        .where(Paragraph.document_id == doc)
        .order_by(ParagraphVersion.paragraph_id, ParagraphVersion.number)
    ):
        times[paragraph_id].append(created_at)
    return times
