from __future__ import annotations

from fastapi import APIRouter, Request
from sqlalchemy import text

from app.db import SessionDep

router = APIRouter(tags=["health"])


@router.get("/health")
def health(request: Request, session: SessionDep):
    session.exec(text("SELECT 1"))
    return {"status": "ok", "database": request.app.state.engine.dialect.name}
