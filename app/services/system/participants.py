"""The delegations and observers in the room."""

from __future__ import annotations

from sqlalchemy import case
from sqlmodel import Session, col, select

from app.models import Participant, ParticipantKind


def seated(session: Session) -> list[Participant]:
    """Members (RCM, then SACM) and then observers, as the plenary seats them."""
    members_first = case((col(Participant.kind) == "member", 0), else_=1)
    bloc_order = case(
        (col(Participant.bloc) == "RCM", 0), (col(Participant.bloc) == "SACM", 1), else_=2
    )
    # The co-chairs are participants only so that their proposals have a proposer.
    query = select(Participant).where(col(Participant.kind) != ParticipantKind.CHAIR)
    query = query.order_by(members_first, bloc_order, col(Participant.code))
    return list(session.exec(query).all())
