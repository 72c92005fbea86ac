"""Every row the consensus board and its timeline need for one document, read with one query
per table (never one per paragraph), as plain tuples rather than ORM objects to keep it cheap."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Session

from app.drafting.consensus import Member
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
from app.services import positions as positions_service


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
    sections = run(
        sa.select(Section.id, Section.key, Section.title, Section.position)
        .where(Section.document_id == doc)
        .order_by(Section.position)
    ).all()
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
    participants = run(
        sa.select(Participant.code, Participant.bloc, Participant.name_en).where(
            Participant.kind == ParticipantKind.MEMBER
        )
    ).all()
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
    revisions = run(
        sa.select(Revision.id, Revision.number, Revision.label, Revision.created_at)
        .where(Revision.document_id == doc)
        .order_by(Revision.number)
    ).all()
    entries: dict[int, dict[int, int]] = defaultdict(dict)
    for revision_id, paragraph_id, version in run(
        sa.select(
            RevisionEntry.revision_id, RevisionEntry.paragraph_id, RevisionEntry.version_number
        )
        .join(Revision, Revision.id == RevisionEntry.revision_id)
        .where(Revision.document_id == doc)
    ):
        entries[revision_id][paragraph_id] = version
    version_times: dict[int, list[datetime]] = defaultdict(list)
    for paragraph_id, created_at in run(
        sa.select(ParagraphVersion.paragraph_id, ParagraphVersion.created_at)
        .join(Paragraph, Paragraph.id == ParagraphVersion.paragraph_id)
        .where(Paragraph.document_id == doc)
        .order_by(ParagraphVersion.paragraph_id, ParagraphVersion.number)
    ):
        version_times[paragraph_id].append(created_at)
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
