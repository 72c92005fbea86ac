"""Marking inbox items seen: the items that need no action (a decision, a reply, an amendment
that no longer applies) stay until the delegation says it has seen them. One row per delegation
and item key (`inbox_dismissal`); any member of the delegation clears it for all of it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from app.errors import Conflict, Invalid
from app.models import InboxDismissal
from app.services.accounts.actors import Actor
from app.services.accounts.members import member_code

DISMISSIBLE = ("decided/", "conflict/", "reply/")
MAX_KEYS = 200


def dismissed(session: Session, *, code: str) -> set[str]:
    return set(
        session.exec(
            select(InboxDismissal.key).where(InboxDismissal.participant_code == code)
        ).all()
    )


def dismiss(session: Session, *, keys: list[str], actor: Actor, now: datetime) -> list[str]:
    """Record the keys as seen by the actor's delegation; returns the keys newly recorded."""
    code = member_code(session, actor, "mark inbox items seen")
    wanted = sorted({k.strip() for k in keys if k.strip()})
    if not wanted or len(wanted) > MAX_KEYS:
        raise Invalid(
            f"Name between 1 and {MAX_KEYS} inbox items (keys).",
            code="inbox.keys",
            params={"max": MAX_KEYS},
        )
    wrong = [k for k in wanted if not k.startswith(DISMISSIBLE) or len(k) > 64]
    if wrong:
        raise Invalid(
            f"Only decisions, replies and conflicts are marked seen; not {', '.join(wrong)}.",
            code="inbox.not_dismissible",
            params={"keys": ", ".join(wrong)},
        )
    already = set(
        session.exec(
            select(InboxDismissal.key).where(
                InboxDismissal.participant_code == code, col(InboxDismissal.key).in_(wanted)
            )
        ).all()
    )
    new = [k for k in wanted if k not in already]
    session.add_all(
        InboxDismissal(participant_code=code, key=k, dismissed_at=now, account_id=actor.account_id)
        for k in new
    )
    try:
        session.flush()
    except IntegrityError as exc:  # another member of the delegation marked them at once
        raise Conflict(
            "These items were just marked seen; reload the inbox.",
            code="inbox.seen_race",
            params={},
        ) from exc
    return new
