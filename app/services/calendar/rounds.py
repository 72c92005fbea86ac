"""Rounds (meetings) of a negotiation, with the deadlines the co-chairs set for each.

The round in force at a moment is the first one, by date, that has not ended yet (in its own
time zone): the meeting under way, or the next one. Its amendment deadline closes filing
until the round is over; after it, the next round's deadline applies.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from app.errors import Invalid, NotFound
from app.models import Document, Round
from app.models.calendar import CalendarPublic, DeadlinePublic, RoundCreate, RoundPublic
from app.services.accounts.actors import Actor, require_chair
from app.services.calendar import zones
from app.services.record import content as content_service
from app.services.record import events as events_service
from app.services.record.rows import id_of
from app.services.text import locking
from app.services.text.cleaning import line_text

NAME_LIMIT = 200


# Built once: every proposal checks the round in force (its deadline).
_ROUNDS = (
    select(Round)
    .where(col(Round.document_id) == sa.bindparam("document_id"))
    .order_by(col(Round.starts_on), col(Round.id))
)


def list_rounds(session: Session, *, document_id: int) -> list[Round]:
    """The document's rounds by date."""
    return list(session.execute(_ROUNDS, {"document_id": document_id}).scalars().all())


def get_or_raise(session: Session, *, round_id: int) -> Round:
    row = session.get(Round, round_id)
    if row is None:
        raise NotFound(
            f"There is no round {round_id}.", code="round.not_found", params={"id": round_id}
        )
    return row


def ends_at(row: Round) -> datetime:
    return zones.day_end(row.ends_on, row.timezone)


def in_force(rounds: list[Round], now: datetime) -> Round | None:
    """The round meeting now, or the next one; None once the last has ended."""
    return next((r for r in rounds if ends_at(r) > now), None)


def phase(row: Round, now: datetime) -> str:
    if ends_at(row) <= now:
        return "past"
    if zones.day_start(row.starts_on, row.timezone) <= now:
        return "current"
    return "upcoming"


def _fields(data: dict[str, Any], row: Round) -> None:
    """Check and apply sent fields to the row (`data` holds only what was sent)."""
    for key in ("name", "place", "room"):
        if key in data:
            text = line_text(data[key] or "", limit=NAME_LIMIT, what=f"The round's {key}")
            if key == "name" and not text:
                raise Invalid(
                    "Name the round (e.g. New York, 12–15 March).", code="round.name_missing"
                )
            setattr(row, key, text)
    if "timezone" in data:
        row.timezone = str(zones.zone(data["timezone"] or "UTC").key)
    for key in ("starts_on", "ends_on", "late_allowed"):
        if key in data and data[key] is not None:
            setattr(row, key, data[key])
    if "days" in data and data["days"] is not None:
        row.days = sorted({d.isoformat() for d in data["days"]})
    for key in ("amendment_deadline", "revision_due"):
        if key in data:
            value = data[key]
            setattr(row, key, None if value is None else zones.in_zone(value, row.timezone))
    _check(row)


def _check(row: Round) -> None:
    if row.ends_on < row.starts_on:
        raise Invalid(
            f"The round ends ({row.ends_on}) before it starts ({row.starts_on}).",
            code="round.ends_before_start",
            params={"ends": str(row.ends_on), "starts": str(row.starts_on)},
        )
    outside = [d for d in row.days if not row.starts_on <= date.fromisoformat(d) <= row.ends_on]
    if outside:
        days = ", ".join(outside)
        raise Invalid(
            f"Meeting days {days} fall outside the round's dates.",
            code="round.days_outside",
            params={"days": days},
        )


def create(
    session: Session, *, document: Document, data: RoundCreate, actor: Actor, now: datetime
) -> Round:
    """A co-chair adds a round to the calendar."""
    require_chair(actor, "set the negotiation calendar")
    locking.document(session, document_id=id_of(document))
    row = Round(
        document_id=id_of(document),
        name="",
        starts_on=data.starts_on,
        ends_on=data.ends_on,
        created_at=now,
        created_by_account_id=actor.account_id,
    )
    sent = data.model_dump()
    # The zone first: naive deadlines are read in it.
    row.timezone = str(zones.zone(data.timezone or "UTC").key)
    _fields(sent, row)
    session.add(row)
    session.flush()
    _record(session, row, actor, now, "round.created")
    return row


def update(
    session: Session, *, row: Round, data: dict[str, Any], actor: Actor, now: datetime
) -> Round:
    """A co-chair changes a round: only the fields sent."""
    require_chair(actor, "set the negotiation calendar")
    locking.document(session, document_id=row.document_id)
    session.refresh(row)
    if "timezone" in data:
        row.timezone = str(zones.zone(data["timezone"] or "UTC").key)
    _fields(data, row)
    session.add(row)
    session.flush()
    _record(session, row, actor, now, "round.updated", changed=sorted(data))
    return row


def _record(
    session: Session, row: Round, actor: Actor, now: datetime, action: str, **extra: Any
) -> None:
    events_service.record(
        session,
        document_id=row.document_id,
        actor=actor,
        action=action,
        target_type="round",
        target_id=row.id,
        payload={
            "name": row.name,
            "starts_on": row.starts_on.isoformat(),
            "ends_on": row.ends_on.isoformat(),
            "timezone": row.timezone,
            "amendment_deadline": _iso(row.amendment_deadline),
            "revision_due": _iso(row.revision_due),
            "late_allowed": row.late_allowed,
            **extra,
        },
        content=[content_service.of_round(row)],
        now=now,
    )


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def public(row: Round, *, now: datetime) -> RoundPublic:
    deadline, due = row.amendment_deadline, row.revision_due
    return RoundPublic(
        id=id_of(row),
        document_id=row.document_id,
        name=row.name,
        place=row.place,
        room=row.room,
        timezone=row.timezone,
        starts_on=row.starts_on,
        ends_on=row.ends_on,
        days=[date.fromisoformat(d) for d in row.days],
        amendment_deadline=deadline,
        amendment_deadline_local=zones.local(deadline, row.timezone) if deadline else None,
        revision_due=due,
        revision_due_local=zones.local(due, row.timezone) if due else None,
        late_allowed=row.late_allowed,
        phase=phase(row, now),
    )


def next_deadline(rounds: list[Round], now: datetime) -> DeadlinePublic | None:
    """The earliest amendment deadline or revision due date still ahead."""
    ahead = [
        (moment, kind, r)
        for r in rounds
        for kind, moment in (("amendments", r.amendment_deadline), ("revision_due", r.revision_due))
        if moment is not None and moment > now
    ]
    if not ahead:
        return None
    moment, kind, row = min(ahead, key=lambda t: (t[0], t[1]))
    return DeadlinePublic(
        round_id=id_of(row),
        kind=kind,
        at=moment,
        timezone=row.timezone,
        local=zones.local(moment, row.timezone),
    )


def calendar(session: Session, *, document: Document, now: datetime) -> CalendarPublic:
    rounds = list_rounds(session, document_id=id_of(document))
    current = in_force(rounds, now)
    return CalendarPublic(
        document_id=id_of(document),
        now=now,
        rounds=[public(r, now=now) for r in rounds],
        current_round_id=current.id if current else None,
        next_deadline=next_deadline(rounds, now),
    )
