"""The live room's event stream: Server-Sent Events (sse-starlette), resumable by seq."""

from __future__ import annotations

from collections.abc import AsyncIterator
from functools import lru_cache
from typing import Annotated, Any

import anyio.to_thread
from fastapi import APIRouter, Header, Query, Request
from sse_starlette import EventSourceResponse, ServerSentEvent
from starlette.types import Message, Send

from app import security
from app.api.deps import MAX_INT, DocumentDep, SettingsDep, request_token
from app.db import SessionDep
from app.errors import Invalid
from app.services.live import announce, notify  # noqa: F401 - they register themselves
from app.services.live import hub as live_hub
from app.services.live import stream as stream_service
from app.services.live.hub import LiveEvent
from app.services.record.rows import id_of

router = APIRouter(tags=["documents"])

PING_SECONDS = 15  # a comment line this often keeps proxies from closing an idle stream
STREAM_RESPONSE = {
    200: {
        "description": "An endless `text/event-stream`: `ready` (where it starts), then one "
        "message per event, its `id` the sequence number; `ended` when the session ends.",
        "content": {"text/event-stream": {"schema": {"type": "string"}}},
    }
}


class _EventStream(EventSourceResponse):
    """sse-starlette's response, without the cancel scope it opens around every message to
    apply a send timeout when none is set (none is: a client that stops reading holds up only
    its own stream). A worker sends each event to hundreds of streams at once, and that scope
    was about a seventh of its time doing so (sse-starlette is pinned: the override is of
    3.7's method; were it renamed, the streams would work as before, only slower)."""

    async def _send_with_timeout(self, send: Send, message: Message) -> None:
        if self.send_timeout is None:
            await send(message)
        else:
            await super()._send_with_timeout(send, message)


@lru_cache(maxsize=4096)
def _encoded(event: LiveEvent) -> bytes:
    """An event as the stream sends it, encoded once for all the streams of this worker."""
    return ServerSentEvent(id=str(event.seq), data=event.data).encode()


async def _wire(
    messages: AsyncIterator[dict[str, Any] | LiveEvent],
) -> AsyncIterator[dict[str, Any] | bytes]:
    async for message in messages:
        yield _encoded(message) if isinstance(message, LiveEvent) else message


def _start(last_event_id: str | None, after: int | None) -> int | None:
    """Where to resume: Last-Event-ID (what a browser sends on reconnecting) wins over ?after=."""
    if last_event_id is None or not last_event_id.strip():
        return after
    value = last_event_id.strip()
    if not value.isdigit() or len(value) > 10 or int(value) > MAX_INT:
        raise Invalid(
            "Last-Event-ID must be an event's sequence number (a whole number).",
            code="request.last_event_id",
        )
    return int(value)


@router.get(
    "/documents/{document_id}/stream",
    response_class=EventSourceResponse,
    responses=STREAM_RESPONSE,  # type: ignore[arg-type]
)
async def stream(
    document: DocumentDep,
    session: SessionDep,
    request: Request,
    settings: SettingsDep,
    after: int | None = Query(
        None, ge=0, le=MAX_INT, description="Resume after this sequence number"
    ),
    last_event_id: Annotated[
        str | None,
        Header(description="Resume after this sequence number (sent by EventSource)"),
    ] = None,
) -> EventSourceResponse:
    """The document's events as they happen, each with the change it made (see docs/api.md)."""
    document_id = id_of(document)
    # The request's session has done its work (sign-in, the document): give its connection
    # back now, not when the endless response ends; in a thread, since giving it back rolls the
    # transaction back, a round trip that would hold up every other stream on this loop.
    await anyio.to_thread.run_sync(session.close)
    token, _from_cookie = request_token(request)
    hub = live_hub.hub_for(request.app.state.engine, request.app.state.clock)
    messages = stream_service.follow(
        hub,
        document_id=document_id,
        after=_start(last_event_id, after),
        token_hash=security.token_digest(settings.secret_key, token or ""),
        max_seconds=settings.stream_max_seconds,
    )
    return _EventStream(_wire(messages), ping=PING_SECONDS, headers={"X-Accel-Buffering": "no"})
