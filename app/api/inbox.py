"""The "For my delegation" inbox."""

from __future__ import annotations

from fastapi import APIRouter

from app.api.deps import ClockDep, CurrentActor
from app.db import SessionDep
from app.models.calendar import InboxPublic
from app.services.inbox import inbox as inbox_service

router = APIRouter(tags=["inbox"])


@router.get("/me/inbox", response_model=InboxPublic)
def my_inbox(session: SessionDep, actor: CurrentActor, clock: ClockDep) -> InboxPublic:
    """What waits for your delegation: invitations, silence, positions to take, deadlines."""
    return inbox_service.inbox(session, actor=actor, now=clock())
