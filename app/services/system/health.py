"""Whether the database answers, for the health check."""

from __future__ import annotations

from sqlalchemy import text
from sqlmodel import Session


def database(session: Session) -> str:
    """The database's dialect name, once it has answered a trivial query (which raises, and
    so fails the check, when the database is unreachable)."""
    session.connection().execute(text("SELECT 1"))
    return session.get_bind().dialect.name
