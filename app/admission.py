"""Admission: at most `ACTIVE` API requests of a process at work at once, the rest in line.

Why: a request that holds a database connection (or SQLite's write lock) must never wait for a
thread. Each admitted request uses at most one thread and one connection at a time, so with
`ACTIVE` no larger than the thread pool (`THREADS`) and the connection pool (`app/db.py`), every
admitted request always finds both; the ones waiting here hold neither (they wait on the event
loop). Past capacity the answer is fast: more than `QUEUE` waiting, or a wait past
`WAIT_SECONDS`, is a 503 with `Retry-After`, never a long silence. The line is first come,
first served. A request leaves when its response starts (a stream then runs outside the count).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import deque

import anyio.to_thread
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app import problems

ACTIVE = 12  # requests at work at once, per process
THREADS = 64  # the thread pool: above ACTIVE, with room for file responses and streams
QUEUE = 512  # requests waiting their turn; one more is refused at once
WAIT_SECONDS = 10.0  # the longest a request waits its turn
RETRY_AFTER = 1


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
        self._line: deque[asyncio.Future[None]] = deque()
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
        if self.active < self.active_limit and not self._line:
            self.active += 1
            return True
        if len(self._line) >= self.queue_limit:
            return False
        turn: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._line.append(turn)
        try:
            await asyncio.wait_for(turn, self.wait)
        except TimeoutError:
            self._forget(turn)
            return False
        except asyncio.CancelledError:
            if turn.done() and not turn.cancelled():
                self._leave()  # the turn came as the request went away: pass it on
            self._forget(turn)
            raise
        return True  # `_leave` handed its place over: `active` is unchanged

    def _forget(self, turn: asyncio.Future[None]) -> None:
        with contextlib.suppress(ValueError):
            self._line.remove(turn)

    def _leave(self) -> None:
        while self._line:
            turn = self._line.popleft()
            if not turn.done():
                turn.set_result(None)
                return
        self.active -= 1

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
