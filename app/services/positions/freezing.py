"""Freezing a paragraph: the chairs close it to new amendments (positions still count)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from app.errors import Conflict
from app.models import Paragraph
from app.services.accounts.actors import Actor, require_chair_side
from app.services.record import events as events_service
from app.services.text import locking


def set_frozen(
    session: Session, *, paragraph: Paragraph, frozen: bool, actor: Actor, now: datetime
) -> Paragraph:
    """Freeze (no new amendments) or unfreeze a paragraph."""
    verb = "freeze" if frozen else "unfreeze"
    require_chair_side(actor, f"{verb} paragraphs")
    locking.paragraph(session, paragraph)
    locking.require_live(paragraph)
    if paragraph.frozen == frozen:
        params = {"paragraph": paragraph.id or 0}
        if frozen:
            raise Conflict(
                f"Paragraph {paragraph.id} is already frozen.",
                code="paragraph.already_frozen",
                params=params,
                frozen=frozen,
            )
        raise Conflict(
            f"Paragraph {paragraph.id} is already not frozen.",
            code="paragraph.already_unfrozen",
            params=params,
            frozen=frozen,
        )
    paragraph.frozen = frozen
    session.add(paragraph)
    session.flush()
    events_service.record(
        session,
        document_id=paragraph.document_id,
        actor=actor,
        action="paragraph.frozen" if frozen else "paragraph.unfrozen",
        target_type="paragraph",
        target_id=paragraph.id,
        payload={},
        now=now,
    )
    return paragraph
