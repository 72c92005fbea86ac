from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy import case
from sqlmodel import select

from app.db import SessionDep
from app.models import Participant
from app.models.participant import ParticipantPublic

router = APIRouter(tags=["participants"])


@router.get("/participants", response_model=list[ParticipantPublic])
def list_participants(session: SessionDep):
    """Members (RCM, then SACM) and then observers, as the plenary seats them."""
    order = case((Participant.kind == "member", 0), else_=1)
    bloc_order = case((Participant.bloc == "RCM", 0), (Participant.bloc == "SACM", 1), else_=2)
    return session.exec(select(Participant).order_by(order, bloc_order, Participant.code)).all()
