"""Co-sponsor invitations: the proposer invites, each invited delegation accepts or declines."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path

from app.api.deps import MAX_INT, AmendmentDep, ClockDep, CurrentActor
from app.db import SessionDep
from app.models import Invitation
from app.models.calendar import InvitationCreate, InvitationPublic
from app.services.amendments import invitations as invitations_service

router = APIRouter(tags=["amendments"])

InvitationId = Annotated[
    int, Path(ge=1, le=MAX_INT, description="The invitation's id", examples=[1])
]


def valid_invitation(
    invitation_id: InvitationId, session: SessionDep, _actor: CurrentActor
) -> Invitation:
    return invitations_service.get_or_raise(session, invitation_id=invitation_id)


InvitationDep = Annotated[Invitation, Depends(valid_invitation)]


@router.post(
    "/amendments/{amendment_id}/invitations",
    response_model=list[InvitationPublic],
    status_code=201,
)
def invite(
    data: InvitationCreate,
    amendment: AmendmentDep,
    session: SessionDep,
    actor: CurrentActor,
    clock: ClockDep,
) -> list[InvitationPublic]:
    """The proposer invites member delegations to co-sponsor."""
    rows = invitations_service.invite(
        session, amendment=amendment, codes=data.codes, actor=actor, now=clock()
    )
    return [invitations_service.public(r) for r in rows]


@router.get("/amendments/{amendment_id}/invitations", response_model=list[InvitationPublic])
def list_invitations(amendment: AmendmentDep, session: SessionDep) -> list[InvitationPublic]:
    """Every invitation on the amendment with its answer."""
    rows = invitations_service.list_for_amendment(session, amendment=amendment)
    return [invitations_service.public(r) for r in rows]


@router.post("/invitations/{invitation_id}/accept", response_model=InvitationPublic)
def accept(
    invitation: InvitationDep, session: SessionDep, actor: CurrentActor, clock: ClockDep
) -> InvitationPublic:
    """The invited delegation co-sponsors the amendment."""
    invitations_service.answer(
        session, invitation=invitation, accept=True, actor=actor, now=clock()
    )
    return invitations_service.public(invitation)


@router.post("/invitations/{invitation_id}/decline", response_model=InvitationPublic)
def decline(
    invitation: InvitationDep, session: SessionDep, actor: CurrentActor, clock: ClockDep
) -> InvitationPublic:
    invitations_service.answer(
        session, invitation=invitation, accept=False, actor=actor, now=clock()
    )
    return invitations_service.public(invitation)
