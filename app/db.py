"""Database engine and the per-request session (one transaction per request).

On SQLite one writer at a time holds the database's write lock. The writers of this process
take turns in a first-come queue (`WriteQueue`) before they begin `IMMEDIATE`, so a delegate's
write waits its turn instead of failing; only past `CONSENSO_WRITE_QUEUE_SECONDS` is the answer
a 503 with `Retry-After`. SQLite's busy timeout is the second line, against another process
(the CLI) holding the lock. Every write says how long it waited: `Server-Timing: write-queue`.
The queue is per process: one uvicorn worker on SQLite.
"""

from __future__ import annotations

import logging
import math
import sqlite3
import threading
import time
import weakref
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Annotated

import sqlalchemy as sa
from fastapi import Depends, Request, Response
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlmodel import Session

from app.errors import Unavailable
from app.settings import Settings

log = logging.getLogger("consenso.db")

# How long a write may wait for its turn on SQLite before the answer is a 503.
WRITE_QUEUE_SECONDS = 10.0
# Waits longer than this are logged as warnings (every wait is logged at debug level).
SLOW_WAIT_SECONDS = 1.0
READS = ("GET", "HEAD", "OPTIONS")


class WriteQueueTimeout(Unavailable):
    """The write waited its whole turn on SQLite's write lock: try again after `retry_after`."""

    title = "The text is busy"

    def __init__(self, waited: float, retry_after: int) -> None:
        super().__init__(
            f"Too many changes are being saved at this moment: yours waited {waited:.1f} s "
            f"and was not saved. Try again in {retry_after} s.",
            retry_after=retry_after,
        )
        self.retry_after = retry_after

    @property
    def headers(self) -> dict[str, str]:
        return {"Retry-After": str(self.retry_after)}


class WriteQueue:
    """First come, first served turns on SQLite's one write lock, for the writers of a process.

    `last_wait` and `max_wait` (seconds) say how long the latest and the slowest writer waited.
    """

    def __init__(self, timeout: float) -> None:
        self.timeout = timeout
        self.last_wait = 0.0
        self.max_wait = 0.0
        self._mutex = threading.Lock()
        self._waiting: deque[threading.Lock] = deque()
        self._held = False

    def acquire(self) -> bool:
        """Wait for this writer's turn; False if it did not come within `timeout`."""
        with self._mutex:
            if not self._held and not self._waiting:
                self._held = True
                return True
            turn = threading.Lock()
            turn.acquire()
            self._waiting.append(turn)
        if turn.acquire(timeout=self.timeout):
            return True  # `release` handed the lock over
        with self._mutex:
            try:
                self._waiting.remove(turn)
            except ValueError:  # handed over just as the wait ran out: the turn is ours
                return True
            return False

    def release(self) -> None:
        """End this writer's turn: the next in line (if any) gets it."""
        with self._mutex:
            if self._waiting:
                self._waiting.popleft().release()
            else:
                self._held = False

    def note(self, waited: float) -> None:
        self.last_wait = waited
        self.max_wait = max(self.max_wait, waited)
        level = logging.WARNING if waited >= SLOW_WAIT_SECONDS else logging.DEBUG
        log.log(level, "a write waited %.1f ms for its turn on SQLite", waited * 1000)


_QUEUES: weakref.WeakKeyDictionary[sa.Engine, WriteQueue] = weakref.WeakKeyDictionary()


def write_queue(engine: sa.Engine) -> WriteQueue | None:
    """The engine's write queue (SQLite only)."""
    return _QUEUES.get(engine)


@lru_cache(maxsize=16)
def get_engine(
    url: str, sqlite_synchronous: str = "NORMAL", write_queue_seconds: float = WRITE_QUEUE_SECONDS
) -> sa.Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return sa.create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=10)

    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    busy_ms = max(1000, int(write_queue_seconds * 1000))
    engine = sa.create_engine(
        url, connect_args={"check_same_thread": False, "timeout": busy_ms / 1000}
    )

    @sa.event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        # Let SQLAlchemy, not the sqlite3 module, decide when transactions begin (below).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA synchronous={sqlite_synchronous}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={busy_ms}")
        cursor.close()

    @sa.event.listens_for(engine, "begin")
    def _begin(connection: sa.Connection) -> None:
        # Writers take the write lock up front (IMMEDIATE): two writers queue instead of one
        # failing with "database is locked" when it upgrades a read transaction midway.
        # Readers begin deferred and never block anyone (WAL).
        write = connection.get_execution_options().get("sqlite_write", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    _QUEUES[engine] = WriteQueue(write_queue_seconds)
    return engine


def write_queue_seconds(settings: Settings) -> float:
    """CONSENSO_WRITE_QUEUE_SECONDS, from the settings."""
    return float(settings.write_queue_seconds)


def engine_for(settings: Settings) -> sa.Engine:
    return get_engine(
        settings.database_url, settings.sqlite_synchronous, write_queue_seconds(settings)
    )


def write_session(engine: sa.Engine) -> Session:
    """A session whose transaction is a writer's from the start (for CLI and scripts)."""
    session = Session(engine, expire_on_commit=False)
    session.connection(execution_options={"sqlite_write": True})
    return session


@contextmanager
def _turn(engine: sa.Engine, response: Response | None) -> Iterator[None]:
    """A writer's turn on SQLite's write lock, its wait measured; nothing on PostgreSQL."""
    queue = write_queue(engine)
    if queue is None:
        yield
        return
    started = time.monotonic()
    if not queue.acquire():
        waited = time.monotonic() - started
        queue.note(waited)
        raise WriteQueueTimeout(waited, retry_after=max(1, math.ceil(queue.timeout / 4)))
    try:
        waited = time.monotonic() - started
        queue.note(waited)
        if response is not None:
            response.headers["Server-Timing"] = (
                f"write-queue;dur={waited * 1000:.1f}, "
                f"write-queue-max;dur={queue.max_wait * 1000:.1f}"
            )
        yield
    finally:
        queue.release()


def _begin_write(session: Session, queue: WriteQueue | None) -> None:
    """BEGIN IMMEDIATE (SQLite); past the busy timeout (another process) it is a 503 too."""
    try:
        session.connection(execution_options={"sqlite_write": True})
    except OperationalError as exc:
        if queue is None or "locked" not in str(exc.orig):
            raise
        retry_after = max(1, math.ceil(queue.timeout / 4))
        raise WriteQueueTimeout(queue.timeout, retry_after=retry_after) from exc


# `app.state` attribute holding what every request's session carries in `session.info`
# (the deployment's text limits, set by create_app).
SESSION_INFO = "session_info"


def get_session(request: Request, response: Response) -> Iterator[Session]:
    """Commit when the request handler succeeds, roll back when it raises.

    A write on SQLite first waits its turn in the process's write queue (see the top)."""
    engine = request.app.state.engine
    write = request.method not in READS
    with (
        _turn(engine, response) if write else _no_turn(),
        Session(engine, expire_on_commit=False) as session,
    ):
        session.info.update(getattr(request.app.state, SESSION_INFO, {}))
        if write:
            _begin_write(session, write_queue(engine))
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


@contextmanager
def _no_turn() -> Iterator[None]:
    yield


# "function" scope: commit before the response is sent, so a failed commit is the response.
SessionDep = Annotated[Session, Depends(get_session, scope="function")]
