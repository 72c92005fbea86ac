from __future__ import annotations

from fastapi import APIRouter

from app.db import SessionDep
from app.services.system import health as health_service

router = APIRouter(tags=["health"])


# None, or FastAPI would document the return annotation as a response schema it never had.
@router.get("/health", response_model=None)
def health(session: SessionDep) -> dict[str, str]:
    return {"status": "ok", "database": health_service.database(session)}
