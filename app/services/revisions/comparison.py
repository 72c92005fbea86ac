"""Comparing two revisions (or a revision and now): what changed, and what became of each
amendment filed in between (the disposition table)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from app.drafting.compare import ParagraphChange, ParagraphState, compare_documents
from app.drafting.worddiff import redline_html
from app.errors import Invalid
from app.models import Document
from app.models.revision import ComparisonPublic, ParagraphChangePublic, ParagraphSide
from app.services.record.rows import id_of
from app.services.revisions import disposition as disposition_service
from app.services.revisions import revisions as revisions_service
from app.services.revisions import sides


def _change(change: ParagraphChange) -> ParagraphChangePublic:
    def side(state: ParagraphState | None) -> ParagraphSide | None:
        if state is None:
            return None
        return ParagraphSide(
            section_id=state.section_id, label=state.label, version=state.version, text=state.text
        )

    segments = list(change.redline)
    return ParagraphChangePublic(
        paragraph_id=change.paragraph_id,
        old=side(change.old),
        new=side(change.new),
        segments=segments,
        html=redline_html(segments),
    )


def check_order(from_number: int, to_number: int | None) -> None:
    if to_number is not None and from_number > to_number:
        raise Invalid(
            f"Compare an earlier revision with a later one: from={from_number} comes after "
            f"to={to_number}.",
            code="revision.compare_order",
            params={"from": from_number, "to": to_number},
        )


def compare(
    session: Session,
    *,
    document: Document,
    from_number: int,
    to_number: int | None,
    now: datetime,
) -> ComparisonPublic:
    """What changed between two revisions (or a revision and now), and what became of each
    amendment filed in between."""
    check_order(from_number, to_number)
    document_id = id_of(document)
    earlier = revisions_service.get_or_raise(session, document_id=document_id, number=from_number)
    later = (
        None
        if to_number is None
        else revisions_service.get_or_raise(session, document_id=document_id, number=to_number)
    )
    old = sides.of_revision(session, revision=earlier)
    new = (
        sides.of_now(session, document=document, now=now)
        if later is None
        else sides.of_revision(session, revision=later)
    )
    result = compare_documents(old.states, new.states)
    return ComparisonPublic(
        document_id=document_id,
        from_revision=old.ref,
        to_revision=new.ref,
        added=[_change(c) for c in result.added],
        deleted=[_change(c) for c in result.deleted],
        moved=[_change(c) for c in result.moved],
        changed=[_change(c) for c in result.changed],
        unchanged_count=len(result.unchanged),
        dispositions=disposition_service.table(session, document_id=document_id, old=old, new=new),
    )
