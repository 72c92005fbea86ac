"""Whether the accounts behind this worker's streams are still signed in.

A stream is opened by a signed-in account and must close when that session ends: signed out,
expired, or the account disabled. The watch checks every stream's session in one query every
RECHECK_SECONDS, and at once when this process commits a sign-out or a change to an account
(`live/announce.py`): a stream then learns within a few seconds, whichever worker ended it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import datetime

import anyio.to_thread
import sqlalchemy as sa
from sqlmodel import Session, col, select

from app.clock import Clock
from app.models import Account, AuthSession

log = logging.getLogger("consenso.live")

RECHECK_SECONDS = 10.0
_CHUNK = 500  # token hashes per query


def live_tokens(engine: sa.Engine, hashes: list[str], now: datetime) -> set[str]:
    """Which of these session token hashes still sign someone in (as `authenticate` decides)."""
    alive: set[str] = set()
    with Session(engine) as session:
        for start in range(0, len(hashes), _CHUNK):
            rows = session.exec(
                select(AuthSession, Account)
                .join(Account, col(Account.id) == col(AuthSession.account_id))
                .where(col(AuthSession.token_hash).in_(hashes[start : start + _CHUNK]))
            ).all()
            alive.update(
                auth.token_hash
                for auth, account in rows
                if auth.revoked_at is None and auth.expires_at > now and not account.disabled
            )
    return alive


class Watch:
    """The sessions of the open streams; `ended` says which have ended."""

    def __init__(self, engine: sa.Engine, clock: Clock) -> None:
        self.engine = engine
        self.clock = clock
        self._held: dict[str, set[asyncio.Event]] = {}
        self._ended: set[str] = set()
        self._soon = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    def register(self, token_hash: str, waiter: asyncio.Event) -> None:
        self._held.setdefault(token_hash, set()).add(waiter)
        if self._task is None or self._task.done():
            self._task = asyncio.get_running_loop().create_task(self._run())

    def unregister(self, token_hash: str, waiter: asyncio.Event) -> None:
        waiters = self._held.get(token_hash)
        if waiters is not None:
            waiters.discard(waiter)
            if not waiters:
                del self._held[token_hash]
                self._ended.discard(token_hash)

    def ended(self, token_hash: str) -> bool:
        return token_hash in self._ended

    def soon(self) -> None:
        """Check now rather than at the next period."""
        self._soon.set()

    async def _run(self) -> None:
        while self._held:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._soon.wait(), RECHECK_SECONDS)
            self._soon.clear()
            try:
                await self.check()
            except Exception:  # the database is away: the next round tries again
                log.warning("could not check the streams' sessions", exc_info=True)

    async def check(self) -> None:
        hashes = [h for h in self._held if h not in self._ended]
        if not hashes:
            return
        alive = await anyio.to_thread.run_sync(live_tokens, self.engine, hashes, self.clock())
        for token_hash in hashes:
            if token_hash not in alive:
                self._ended.add(token_hash)
                for waiter in self._held.get(token_hash, ()):
                    waiter.set()
