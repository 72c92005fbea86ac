"""The member delegation an actor speaks for, checked against the participants table."""

from __future__ import annotations

from sqlmodel import Session

from app.errors import Forbidden
from app.i18n.errors_core import core_code
from app.models import Participant, ParticipantKind
from app.services.accounts.actors import Actor, action_params, require_member


def member_code(session: Session, actor: Actor, action: str, *, refusal: str | None = None) -> str:
    """The member delegation the actor speaks for, or 403 naming what it cannot do.

    `refusal` is a sentence of the core's (app/drafting/consensus.py) said instead."""
    code = require_member(actor, action)
    if actor.member is None:
        participant = session.get(Participant, code)
        member = participant is not None and participant.kind == ParticipantKind.MEMBER
    else:
        member = actor.member
    # A delegate account tied to an observer organisation would be a misconfiguration: refuse.
    if not member:
        if refusal:
            raise Forbidden(refusal, code=core_code(refusal))
        raise Forbidden(
            f"Only member delegations can {action}.",
            code="access.members_only",
            params=action_params(action),
        )
    return code
