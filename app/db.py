"""Database engine and the per-request session (one transaction per request)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Annotated

import sqlalchemy as sa
from fastapi import Depends, Request
from sqlalchemy.engine import make_url
from sqlmodel import Session

from app.settings import Settings


@lru_cache(maxsize=16)
def get_engine(url: str, sqlite_synchronous: str = "NORMAL") -> sa.Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return sa.create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=10)

    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

    @sa.event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        # Let SQLAlchemy, not the sqlite3 module, decide when transactions begin (below).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA synchronous={sqlite_synchronous}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @sa.event.listens_for(engine, "begin")
    def _begin(connection: sa.Connection) -> None:
        # Writers take the write lock up front (IMMEDIATE): two writers queue instead of one
        # failing with "database is locked" when it upgrades a read transaction midway.
        # Readers begin deferred and never block anyone (WAL).
        write = connection.get_execution_options().get("sqlite_write", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


def engine_for(settings: Settings) -> sa.Engine:
    return get_engine(settings.database_url, settings.sqlite_synchronous)


def write_session(engine: sa.Engine) -> Session:
    """A session whose transaction is a writer's from the start (for CLI and scripts)."""
    session = Session(engine, expire_on_commit=False)
    session.connection(execution_options={"sqlite_write": True})
    return session


# `app.state` attribute holding what every request's session carries in `session.info`
# (the deployment's text limits, set by create_app).
SESSION_INFO = "session_info"


def get_session(request: Request) -> Iterator[Session]:
    """Commit when the request handler succeeds, roll back when it raises."""
    engine = request.app.state.engine
    with Session(engine, expire_on_commit=False) as session:
        session.info.update(getattr(request.app.state, SESSION_INFO, {}))
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            session.connection(execution_options={"sqlite_write": True})
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


# "function" scope: commit before the response is sent, so a failed commit is the response.
SessionDep = Annotated[Session, Depends(get_session, scope="function")]
