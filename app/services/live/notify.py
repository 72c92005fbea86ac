"""PostgreSQL's announcements: one LISTEN connection per worker feeds every stream in it.

The trigger of migration 0005 sends `<document id>:<seq>` on the channel `consenso_event` when
an event's transaction commits, whichever worker or host wrote it. Each worker's hub holds one
connection listening on it and wakes its streams; they read the events back from the table, so
the payload's size limit never matters. When the connection drops, every stream is woken to
read the database again once it is back: nothing committed meanwhile is missed.
"""

from __future__ import annotations

import asyncio
import logging

import psycopg

from app.services.live import hub as live_hub

log = logging.getLogger("consenso.live")

CHANNEL = "consenso_event"
RETRY_SECONDS = 1.0


def _conninfo(hub: live_hub.Hub) -> str:
    return hub.engine.url.set(drivername="postgresql").render_as_string(hide_password=False)


async def listen(hub: live_hub.Hub) -> None:
    """Listen for as long as the hub's loop runs, reconnecting after a failure."""
    while not hub.loop.is_closed():
        try:
            async with await psycopg.AsyncConnection.connect(
                _conninfo(hub), autocommit=True
            ) as connection:
                await connection.execute(f"LISTEN {CHANNEL}")
                hub.listening = True
                hub.wake_all()  # what was committed before this connection listened
                async for note in connection.notifies():
                    document, _, seq = note.payload.partition(":")
                    if document.isdigit() and seq.isdigit():
                        hub.announce(int(document), int(seq))
        except asyncio.CancelledError:
            raise
        except Exception:
            log.warning("the LISTEN connection failed; retrying", exc_info=True)
        hub.listening = False
        hub.wake_all()
        await asyncio.sleep(RETRY_SECONDS)


def _start(hub: live_hub.Hub) -> None:
    if hub.engine.dialect.name == "postgresql":
        hub.tasks.add(hub.loop.create_task(listen(hub)))


live_hub.on_new_hub(_start)
