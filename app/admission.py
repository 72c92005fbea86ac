"""Admission: at most `ACTIVE` API requests of a process at work at once, the rest in line.

Why: a request that holds a database connection (or SQLite's write lock) must never wait for a
thread. Each admitted request uses at most one thread and one connection at a time, so with
`ACTIVE` no larger than the thread pool (`THREADS`) and the connection pool (`app/db.py`), every
admitted request always finds both; the ones waiting here hold neither (they wait on the event
loop). Past capacity the answer is fast: more than `QUEUE` waiting, or a wait past
`WAIT_SECONDS`, is a 503 with `Retry-After`, never a long silence. The line is first come,
first served. A request leaves when its response starts (a stream then runs outside the count).

Why so few (`ACTIVE`, `CONSENSO_REQUESTS_AT_WORK`): a process runs one thread's Python at a time.
More requests at work add throughput only while the others wait on the database; past a few
they queue for the interpreter instead, and a writer holding a lock (SQLite's write lock, a
document's row lock) waits after each statement behind every other request in the process,
so the lock is held longer and every writer of that document waits with it. Measured on 2
cores (docs/performance.md, "After part 7"): 4 at work per process gave PostgreSQL's
proposals 1.15 to 1.6 times the rate of 12 (16 and 64 connections) and a p99 at 16
connections of 97 to 157 ms instead of 238 ms; SQLite's proposals 1.35 to 1.4 times, p99 70 ms
instead of 123 ms.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections import deque
from dataclasses import dataclass

import anyio.to_thread
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app import problems

ACTIVE = 4  # requests at work at once, per process (the setting's default: see the top)
THREADS = 64  # the thread pool: above ACTIVE, with room for file responses and streams
QUEUE = 512  # requests waiting their turn; one more is refused at once
WAIT_SECONDS = 10.0  # the longest a request waits its turn
RETRY_AFTER = 1


@dataclass(eq=False)
class _Turn:
    """A request waiting in line; `granted` once a leaving request handed it its place."""

    future: asyncio.Future[None]
    granted: bool = False


def _grant(future: asyncio.Future[None]) -> None:
    if not future.done():
        future.set_result(None)


class Admission:
    """ASGI middleware: the bounded, first-come line in front of the API (see the top)."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        active: int = ACTIVE,
        queue: int = QUEUE,
        wait: float = WAIT_SECONDS,
    ) -> None:
        self.app = app
        self.active_limit = active
        self.queue_limit = queue
        self.wait = wait
        self.active = 0
        self._line: deque[_Turn] = deque()
        self._mutex = threading.Lock()
        self._threads_sized = False

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith("/api"):
            return await self.app(scope, receive, send)
        if not self._threads_sized:
            limiter = anyio.to_thread.current_default_thread_limiter()
            limiter.total_tokens = max(limiter.total_tokens, THREADS)
            self._threads_sized = True
        if not await self._enter():
            return await self._busy(scope, receive, send)
        left = False

        def leave() -> None:
            nonlocal left
            if not left:
                left = True
                self._leave()

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                leave()
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            leave()

    async def _enter(self) -> bool:
        with self._mutex:
            if self.active < self.active_limit and not self._line:
                self.active += 1
                return True
            if len(self._line) >= self.queue_limit:
                return False
            turn = _Turn(asyncio.get_running_loop().create_future())
            self._line.append(turn)
        try:
            await asyncio.wait_for(turn.future, self.wait)
        except TimeoutError:
            return self._given_up(turn)  # True if the turn came just as the wait ran out
        except asyncio.CancelledError:
            if self._given_up(turn):
                self._leave()  # the turn came as the request went away: pass it on
            raise
        return True  # `_leave` handed its place over: `active` is unchanged

    def _given_up(self, turn: _Turn) -> bool:
        """Leave the line; whether the turn had been handed over meanwhile (it is then this
        request's to use or to pass on)."""
        with self._mutex:
            if turn.granted:
                return True
            with contextlib.suppress(ValueError):
                self._line.remove(turn)
            return False

    def _leave(self) -> None:
        with self._mutex:
            if not self._line:
                self.active -= 1
                return
            turn = self._line.popleft()
            turn.granted = True
        # Thread-safe: a test client runs each request in an event loop of its own.
        turn.future.get_loop().call_soon_threadsafe(_grant, turn.future)

    async def _busy(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = problems.problem(
            503,
            "The server is answering as many requests as it can; yours was not started. "
            f"Try again in {RETRY_AFTER} s.",
            title="The server is busy",
            headers={"Retry-After": str(RETRY_AFTER)},
            retry_after=RETRY_AFTER,
        )
        await response(scope, receive, send)
