"""Rows against the hashes the event chain vouched for (see `content.py`).

Each covered row must hash to what the last event naming it recorded. A covered row that no
event names is a row added by hand — unless it predates content hashing (written before the
document's first event that carried content), which the chain alone vouches for.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from app.drafting.integrity import Problem
from app.models import (
    Amendment,
    AmendmentSponsor,
    Event,
    Paragraph,
    ParagraphTranslation,
    ParagraphVersion,
    Position,
)
from app.services.record import content as content_service
from app.services.record.content import Content


def vouched(events: Iterable[Event]) -> tuple[dict[str, str], datetime | None]:
    """The last hash each row reference was vouched for, and when content hashing began."""
    latest: dict[str, str] = {}
    since: datetime | None = None
    for event in events:
        if event.content:
            since = since or event.created_at
            latest.update(event.content)
    return latest, since


Covered = list[tuple[Sequence[Any], Callable[[Any], Content], Callable[[Any], datetime]]]


def first_problem(
    session: Session, *, document_id: int, latest: dict[str, str], since: datetime | None
) -> Problem | None:
    return first_problem_in(_covered(session, document_id), latest=latest, since=since)


def covered_rows(
    versions: Sequence[ParagraphVersion],
    amendments: Sequence[Amendment],
    positions: Sequence[Position],
    sponsors: Sequence[AmendmentSponsor],
    translations: Sequence[ParagraphTranslation] = (),
) -> Covered:
    """The rows events vouch for, each kind with how to hash it and when it was written."""
    return [
        (versions, content_service.of_version, lambda v: v.created_at),
        (amendments, content_service.of_amendment, lambda a: a.created_at),
        (positions, content_service.of_position, lambda p: p.created_at),
        (sponsors, content_service.of_sponsor, lambda s: s.joined_at),
        (translations, content_service.of_translation, lambda t: t.created_at),
    ]


def first_problem_in(
    covered: Covered, *, latest: dict[str, str], since: datetime | None
) -> Problem | None:
    """The first row whose hash is not what its last event recorded, or that no event names."""
    for rows, of, stamped in covered:
        for row in rows:
            ref, sha = of(row)
            recorded = latest.get(ref)
            if recorded is None:
                if since is not None and stamped(row) >= since:
                    return Problem(ref.replace("/", " "), "no event vouches for it: added by hand")
                continue
            if recorded != sha:
                return Problem(ref.replace("/", " "), "it differs from what its event recorded")
    return None


def _covered(session: Session, document_id: int) -> Covered:
    in_document = select(Paragraph.id).where(Paragraph.document_id == document_id)
    amendments = list(
        session.exec(
            select(Amendment)
            .where(Amendment.document_id == document_id)
            .order_by(col(Amendment.id))
        )
    )
    versions = session.exec(
        select(ParagraphVersion)
        .where(col(ParagraphVersion.paragraph_id).in_(in_document))
        .order_by(col(ParagraphVersion.id))
    ).all()
    positions = session.exec(
        select(Position).where(Position.document_id == document_id).order_by(col(Position.id))
    ).all()
    sponsors = session.exec(
        select(AmendmentSponsor)
        .where(col(AmendmentSponsor.amendment_id).in_([a.id for a in amendments]))
        .order_by(col(AmendmentSponsor.id))
    ).all()
    translations = session.exec(
        select(ParagraphTranslation)
        .where(col(ParagraphTranslation.paragraph_id).in_(in_document))
        .order_by(col(ParagraphTranslation.id))
    ).all()
    return covered_rows(versions, amendments, positions, sponsors, translations)
