"""Whether an amendment may be filed now: the deadline of the round in force."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from app.errors import Conflict
from app.services.calendar import rounds as rounds_service
from app.services.calendar import zones


def late(session: Session, *, document_id: int, now: datetime) -> bool:
    """False on time; True when late but the chairs take late amendments; else a 409 that
    names the deadline."""
    current = rounds_service.in_force(
        rounds_service.list_rounds(session, document_id=document_id), now
    )
    if current is None or current.amendment_deadline is None:
        return False
    if now <= current.amendment_deadline:
        return False
    if current.late_allowed:
        return True
    deadline = zones.local(current.amendment_deadline, current.timezone)
    raise Conflict(
        f"The deadline for amendments for {current.name} was {deadline}; "
        "the co-chairs take no late amendments for this round.",
        code="calendar.deadline_passed",
        params={"round": current.name, "due": deadline},
        deadline=current.amendment_deadline.isoformat(),
        round_id=current.id,
    )
