"""What every chair's decision on an amendment does: check it is taken on the head, stamp the
amendment with it, and log it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from app.drafting.messages import Message, english
from app.errors import Invalid
from app.models import Amendment, AmendmentStatus, Paragraph, ParagraphVersion
from app.services.accounts.actors import Actor
from app.services.record import content as content_service
from app.services.record import events as events_service
from app.services.record.rows import id_of
from app.services.text.errors import stale


def expect_head(paragraph: Paragraph, expected_version: int | None) -> None:
    if expected_version is None:
        raise Invalid(
            "Name the expected_version: the paragraph version you are deciding on.",
            code="decision.expected_version",
        )
    if paragraph.head_version != expected_version:
        raise stale(paragraph, expected_version)


def stamp(
    amendment: Amendment, status: str, actor: Actor, now: datetime, reason: str | Message = ""
) -> None:
    """Decide the amendment; a reason the server gives is a message (kept in English too)."""
    amendment.status = status
    amendment.decided_at = amendment.updated_at = now
    amendment.decided_by_account_id = actor.account_id
    given(amendment, reason)


def given(amendment: Amendment, reason: str | Message) -> None:
    """The decision's reason: typed by the chairs (text) or given by the server (a message)."""
    if isinstance(reason, Message):
        amendment.decision_reason = english(reason)
        amendment.decision_code = {"code": reason.code, "params": dict(reason.params)}
    else:
        amendment.decision_reason, amendment.decision_code = reason, None


def record(
    session: Session,
    amendment: Amendment,
    actor: Actor,
    now: datetime,
    action: str,
    *,
    wrote: ParagraphVersion | None = None,
    **payload: Any,
) -> None:
    """Log the decision, vouching for the amendment as decided (and the version it wrote)."""
    vouched = [content_service.of_amendment(amendment)]
    if wrote is not None:
        vouched.append(content_service.of_version(wrote))
    events_service.record(
        session,
        document_id=amendment.document_id,
        actor=actor,
        action=action,
        target_type="amendment",
        target_id=amendment.id,
        payload=payload,
        content=vouched,
        now=now,
    )


def supersede_pending(
    session: Session,
    *,
    paragraph: Paragraph,
    reason: str | Message,
    actor: Actor,
    now: datetime,
    keep: int | None = None,
    **payload: Any,
) -> list[int]:
    """Mark every pending amendment on a deleted paragraph superseded (but `keep`), logged."""
    query = select(Amendment).where(
        Amendment.paragraph_id == paragraph.id, Amendment.status == AmendmentStatus.PENDING
    )
    if keep is not None:
        query = query.where(Amendment.id != keep)
    others = session.exec(
        query.order_by(col(Amendment.id))
        .with_for_update(key_share=True)
        .execution_options(populate_existing=True)
    ).all()
    for other in others:
        stamp(other, AmendmentStatus.SUPERSEDED, actor, now, reason)
        session.add(other)
        session.flush()
        record(
            session,
            other,
            actor,
            now,
            "amendment.superseded",
            paragraph_id=paragraph.id,
            **payload,
        )
    return [id_of(o) for o in others]
