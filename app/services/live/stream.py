"""One client's stream: what it missed, from the database, then every event as it commits.

Each event goes out once, in order, with its sequence number as its SSE `id`: a client that
reconnects with `Last-Event-ID` (or `?after=`) resumes exactly where it stopped, on whichever
worker or host it reaches. The first message, `ready`, names where the stream starts (the
document's current end when the client gives no number), so even a client that has received
nothing yet resumes from the right place. The stream ends when the session that opened it ends
(`live/sessions.py`), and after `max_seconds` (the client reconnects and resumes: long-lived
connections spread again over the workers).
"""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator
from typing import Any

import anyio.to_thread

from app.services.live import changes
from app.services.live.hub import Hub, LiveEvent

RETRY_MS = 1000  # how soon a browser reconnects


async def follow(
    hub: Hub,
    *,
    document_id: int,
    after: int | None,
    token_hash: str,
    max_seconds: float,
) -> AsyncIterator[dict[str, Any] | LiveEvent]:
    """The stream's messages: `ready` and `ended` as sse-starlette's dicts, events as kept."""
    head = await anyio.to_thread.run_sync(changes.head_of, hub.engine, document_id)
    last = head if after is None else min(after, head)
    waiter = hub.subscribe(document_id, lasting=max_seconds)
    hub.sessions.register(token_hash, waiter)
    ends = time.monotonic() + max_seconds
    try:
        yield _ready(last, head)
        check = False
        while not hub.sessions.ended(token_hash):
            waiter.clear()  # before reading: an announcement during the read wakes the wait
            events = await hub.after(document_id, last, check=check)
            for event in events:
                yield event  # the same object for every stream: encoded once (api/stream.py)
                last = event.seq
            if events and last < hub.head(document_id):
                continue  # more came meanwhile (else wait: the waiter was cleared before reading)
            if time.monotonic() >= ends:
                return
            await waiter.wait()  # an announcement, a session's end, or the hub's tick
            check = last >= hub.head(document_id)  # nothing announced: look at the database
        yield {"event": "ended", "data": json.dumps({"reason": "Your session has ended."})}
    finally:
        hub.unsubscribe(document_id, waiter)
        hub.sessions.unregister(token_hash, waiter)


def _ready(after: int, head: int) -> dict[str, Any]:
    return {
        "id": str(after),
        "event": "ready",
        "retry": RETRY_MS,
        "data": json.dumps({"after": after, "head": head}),
    }
