"""Whether an amendment may be filed now: the deadline of the round in force."""

from __future__ import annotations

import threading
import weakref
from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Session

from app.errors import Conflict
from app.models import Round
from app.services.calendar import rounds as rounds_service
from app.services.calendar import zones
from app.services.record import events as events_service
from app.services.record import rows
from app.services.record.marks import UNKNOWN, Mark


def late(session: Session, *, document_id: int, now: datetime) -> bool:
    """False on time; True when late but the chairs take late amendments; else a 409 that
    names the deadline."""
    current = rounds_service.in_force(_rounds(session, document_id), now)
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


# The rounds of each document, kept with the rounds mark they were read at (`record/marks.py`):
# a proposal checks them under its document's lock, which read the mark, so while no round was
# created or changed it reads none. Copies in no session, only ever read.
_KEPT: weakref.WeakKeyDictionary[sa.Engine, dict[int, tuple[Mark, tuple[Round, ...]]]] = (
    weakref.WeakKeyDictionary()
)
_LOCK = threading.Lock()
_COLUMNS = tuple(c.name for c in Round.__table__.columns)  # type: ignore[attr-defined]


def _rounds(session: Session, document_id: int) -> list[Round]:
    known = events_service.head(session, document_id)
    mark = known.rounds if known is not None else UNKNOWN
    engine = session.get_bind().engine
    if mark.known:
        with _LOCK:
            kept = _KEPT.get(engine, {}).get(document_id)
        if kept is not None and kept[0] == mark:
            return list(kept[1])
    found = rounds_service.list_rounds(session, document_id=document_id)
    if mark.known:
        copies = tuple(rows.read(Round, {c: getattr(r, c) for c in _COLUMNS}) for r in found)
        with _LOCK:
            _KEPT.setdefault(engine, {})[document_id] = (mark, copies)
    return found
