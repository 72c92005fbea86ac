"""Database engine and the per-request session (one unit of work per request).

A request's session begins as a reader's. Its write lock is taken at its first write and held
only until its commit: SQLite's one write lock (below), PostgreSQL's row lock on the document
(`app/services/text/locking.py`). The hot routes commit before they build their answer.

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
import re
import sqlite3
import threading
import time
import weakref
from collections import deque
from collections.abc import AsyncIterator, Callable
from contextvars import ContextVar
from functools import lru_cache, partial
from pathlib import Path
from typing import Annotated, Any, TypeVar

import anyio
import sqlalchemy as sa
from fastapi import Depends, Request, Response
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlmodel import Session

from app.errors import Unavailable
from app.services.text import locking
from app.settings import Settings

log = logging.getLogger("consenso.db")
T = TypeVar("T")

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


# Connections per process. A worker admits at most `app.admission.ACTIVE` requests at once
# (each uses one connection at a time); the overflow is for the CLI and long-lived streams.
POOL_SIZE = 16
POOL_OVERFLOW = 16
_WRITES = re.compile(r"\s*(INSERT|UPDATE|DELETE|REPLACE|CREATE|ALTER|DROP)\b", re.IGNORECASE)
# The response of the request being served (set by `get_session`), for `Server-Timing`.
_RESPONSE: ContextVar[Response | None] = ContextVar("consenso_response", default=None)


@lru_cache(maxsize=16)
def get_engine(
    url: str, sqlite_synchronous: str = "NORMAL", write_queue_seconds: float = WRITE_QUEUE_SECONDS
) -> sa.Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return sa.create_engine(
            url, pool_pre_ping=True, pool_size=POOL_SIZE, max_overflow=POOL_OVERFLOW
        )

    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    busy_ms = max(1000, int(write_queue_seconds * 1000))
    on_file = bool(parsed.database) and parsed.database != ":memory:"
    pool = {"pool_size": POOL_SIZE, "max_overflow": POOL_OVERFLOW} if on_file else {}
    engine = sa.create_engine(
        url, connect_args={"check_same_thread": False, "timeout": busy_ms / 1000}, **pool
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

    queue = WriteQueue(write_queue_seconds)
    _QUEUES[engine] = queue
    _install_turns(engine, queue)
    return engine


def _install_turns(engine: sa.Engine, queue: WriteQueue) -> None:
    """SQLite's write lock, taken in turn at the first write and given up at commit/rollback.

    A transaction begins as a reader (deferred: it never blocks anyone, WAL). It becomes a
    writer's either when the service says so (`locking.begin_write`, before it re-reads what it
    decides on) or, as a safety net, at its first write statement. Either way the writer waits
    its turn in the queue, then begins IMMEDIATE afresh: upgrading the reader's snapshot in
    place could fail with "database is locked" if another writer committed since. The turn
    ends when the transaction does, just after the COMMIT or ROLLBACK reached the database.
    """

    # BEGIN and COMMIT go to the driver directly, as PostgreSQL's do (psycopg sends them
    # itself): they are no statements to compile, log or count.
    @sa.event.listens_for(engine, "begin")
    def _begin(connection: sa.Connection) -> None:
        driver = connection.connection.driver_connection
        assert driver is not None
        if connection.get_execution_options().get(locking.WRITER, False):
            _take_turn(queue, connection.info, lambda: driver.execute("BEGIN IMMEDIATE"))
        else:
            driver.execute("BEGIN")

    sa.event.listen(engine, "connect", partial(_writer_turn, queue))

    @sa.event.listens_for(engine, "before_cursor_execute")
    def _first_write(connection: sa.Connection, cursor: Any, statement: str, *_: object) -> None:
        if connection.info.get(locking.WRITING) or not _WRITES.match(statement):
            return
        if not connection.in_transaction():
            return  # autocommit (a PRAGMA, a migration's own handling): SQLite locks it itself
        connection.info[locking.TO_WRITER]()  # the reads so far end; a writer's turn begins

    dialect = engine.dialect
    commit, rollback = dialect.do_commit, dialect.do_rollback

    def do_commit(dbapi_connection: Any) -> None:
        try:
            commit(dbapi_connection)
        finally:
            _end_turn(queue, _info_of(dbapi_connection))

    def do_rollback(dbapi_connection: Any) -> None:
        try:
            rollback(dbapi_connection)
        finally:
            _end_turn(queue, _info_of(dbapi_connection))

    dialect.do_commit = do_commit  # type: ignore[method-assign]
    dialect.do_rollback = do_rollback  # type: ignore[method-assign]

    @sa.event.listens_for(engine, "invalidate")
    def _invalidated(_dbapi: object, record: Any, _exc: object) -> None:
        _end_turn(queue, record.info)

    @sa.event.listens_for(engine, "checkin")
    def _checkin(_dbapi: object, record: Any) -> None:
        _end_turn(queue, record.info)


def _writer_turn(queue: WriteQueue, dbapi_connection: sqlite3.Connection, record: Any) -> None:
    """On a new connection, what `locking.begin_write` calls to make its reader's transaction a
    writer's: the reads so far end and, in its turn, a writer's transaction begins on the same
    connection (no commit of the session, no second connection: it runs on every write)."""

    def restart() -> None:
        dbapi_connection.execute("COMMIT")
        dbapi_connection.execute("BEGIN IMMEDIATE")

    record.info[locking.TO_WRITER] = lambda: _take_turn(queue, record.info, restart)


def _take_turn(queue: WriteQueue, info: dict[Any, Any], begin: Callable[[], object]) -> None:
    """Wait for this writer's turn (503 past the queue's timeout), then begin its transaction."""
    started = time.monotonic()
    if not queue.acquire():
        waited = time.monotonic() - started
        queue.note(waited)
        raise WriteQueueTimeout(waited, retry_after=_retry_after(queue))
    waited = time.monotonic() - started
    queue.note(waited)
    try:
        begin()
    except (OperationalError, sqlite3.OperationalError) as exc:
        queue.release()
        if "locked" not in str(exc):  # another process (the CLI) held the lock past the timeout
            raise
        raise WriteQueueTimeout(queue.timeout, retry_after=_retry_after(queue)) from exc
    info[locking.WRITING] = True
    response = _RESPONSE.get()
    if response is not None:
        response.headers["Server-Timing"] = (
            f"write-queue;dur={waited * 1000:.1f}, write-queue-max;dur={queue.max_wait * 1000:.1f}"
        )


def response_headers() -> dict[str, str]:
    """The headers the serving request's dependencies set on its response so far (for a route
    that answers with a response of its own, `app/api/answers.py`)."""
    response = _RESPONSE.get()
    if response is None:
        return {}
    # a placeholder's own Content-Length (of no body) is not a header to pass on
    return {k: v for k, v in response.headers.items() if k != "content-length"}


def _info_of(connection: Any) -> dict[Any, Any]:
    """The pool's `info` of a connection; none for the ad-hoc one of the dialect's first look."""
    try:
        info: dict[Any, Any] = connection.info
    except (AttributeError, NotImplementedError):
        return {}
    return info


def _end_turn(queue: WriteQueue, info: dict[Any, Any]) -> None:
    if info.pop(locking.WRITING, False):
        queue.release()


def _retry_after(queue: WriteQueue) -> int:
    return max(1, math.ceil(queue.timeout / 4))


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
    session.connection(execution_options={locking.WRITER: True})
    return session


def commit(session: Session) -> None:
    """Commit the request's writes now, so that its answer is built from what was committed,
    after the write lock is given up; the reads that follow run in a reader's transaction."""
    session.commit()


# `app.state` attribute holding what every request's session carries in `session.info`
# (the deployment's text limits, set by create_app).
SESSION_INFO = "session_info"


async def get_session(request: Request, response: Response) -> AsyncIterator[Session]:
    """Commit when the request handler succeeds, roll back when it raises.

    The session begins as a reader's; a write takes SQLite's lock (in its turn, see the top) or
    PostgreSQL's row locks at its first write. Creating the session does no I/O, so it runs on
    the event loop; the commit or rollback runs in a thread that waits for no thread token
    (like FastAPI's own exits), so finishing a request never waits behind those starting."""
    session = Session(request.app.state.engine, expire_on_commit=False)
    session.info.update(getattr(request.app.state, SESSION_INFO, {}))
    token = _RESPONSE.set(response)
    try:
        yield session
        await anyio.to_thread.run_sync(_commit, session, limiter=anyio.CapacityLimiter(1))
    except BaseException:
        await anyio.to_thread.run_sync(_rollback, session, limiter=anyio.CapacityLimiter(1))
        raise
    finally:
        _RESPONSE.reset(token)


async def in_one_thread(request: Request, work: Callable[[Session], T]) -> T:
    """Run a whole request's database work, its commit included, in one call on one thread.

    For the hot writes: every sync dependency, the endpoint and the session's commit are each a
    trip to the thread pool and back, and under load each trip waits for the interpreter lock
    again; done as one call, a proposal or a position costs one trip. `work` gets a session as
    `get_session` gives one (a reader's until its first write); it is committed when `work`
    returns and rolled back when it raises."""
    session = Session(request.app.state.engine, expire_on_commit=False)
    session.info.update(getattr(request.app.state, SESSION_INFO, {}))
    return await anyio.to_thread.run_sync(_work_and_commit, session, work)


def _work_and_commit(session: Session, work: Callable[[Session], T]) -> T:
    token = _RESPONSE.set(Response())  # collects Server-Timing (answers.written sends it)
    try:
        result = work(session)
        session.commit()
        return result
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
        _RESPONSE.reset(token)


def _commit(session: Session) -> None:
    session.commit()
    session.close()


def _rollback(session: Session) -> None:
    session.rollback()
    session.close()


# "function" scope: commit before the response is sent, so a failed commit is the response.
SessionDep = Annotated[Session, Depends(get_session, scope="function")]
