from __future__ import annotations

from fastapi import APIRouter

from app.db import SessionDep
from app.models import Participant
from app.models.participant import ParticipantPublic
from app.services.system import participants as participants_service

router = APIRouter(tags=["participants"])


@router.get("/participants", response_model=list[ParticipantPublic])
def list_participants(session: SessionDep) -> list[Participant]:
    """Members (RCM, then SACM) and then observers, as the plenary seats them."""
    return participants_service.seated(session)
