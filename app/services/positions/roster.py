"""The roster: the member delegations whose positions count, in the order every tally shows them."""

from __future__ import annotations

from collections.abc import Iterable

from sqlmodel import Session, select

from app.drafting import consensus
from app.drafting.consensus import Member
from app.models import Participant
from app.models.participant import ParticipantKind

# (code, bloc) as positions read them, or (code, bloc, name) as the consensus board does.
ParticipantRow = tuple[str, str | None] | tuple[str, str | None, str]


def members(session: Session) -> list[Member]:
    """Every member delegation of the joint text, RCM first, each once."""
    rows = session.exec(
        select(Participant.code, Participant.bloc).where(Participant.kind == ParticipantKind.MEMBER)
    ).all()
    return members_from(rows)


def members_from(rows: Iterable[ParticipantRow]) -> list[Member]:
    """Members from (code, bloc, ...) rows, in bloc order then by code."""
    return sorted((Member(row[0], row[1] or "") for row in rows), key=_member_order)


def _member_order(member: Member) -> tuple[int, str]:
    blocs = consensus.BLOC_ORDER
    return (blocs.index(member.bloc) if member.bloc in blocs else len(blocs), member.code)
