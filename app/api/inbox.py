"""The "For my delegation" inbox."""

from __future__ import annotations

from fastapi import APIRouter

from app.api.deps import ClockDep, CurrentActor
from app.db import SessionDep
from app.models.calendar import InboxPublic, InboxSeen
from app.services.inbox import inbox as inbox_service
from app.services.inbox import seen as seen_service

router = APIRouter(tags=["inbox"])


@router.get("/me/inbox", response_model=InboxPublic)
def my_inbox(session: SessionDep, actor: CurrentActor, clock: ClockDep) -> InboxPublic:
    """What waits for your delegation: invitations, silence, positions to take, deadlines,
    decisions on your amendments, amendments that no longer apply, replies to your comments."""
    return inbox_service.inbox(session, actor=actor, now=clock())


@router.post("/me/inbox/seen", response_model=InboxPublic)
def mark_seen(
    data: InboxSeen, session: SessionDep, actor: CurrentActor, clock: ClockDep
) -> InboxPublic:
    """Your delegation has seen these items (decisions, replies, conflicts): they leave its
    inbox. Returns the inbox as it now stands."""
    now = clock()
    seen_service.dismiss(session, keys=data.keys, actor=actor, now=now)
    return inbox_service.inbox(session, actor=actor, now=now)
