"""One hub per worker and database: what every stream of this worker follows.

Announcements ("document 3 reached event 41") come from this process's commits
(`live/announce.py`) and, on PostgreSQL, from every other worker and host through
LISTEN/NOTIFY (`live/notify.py`). They only wake streams: the events themselves are read back
from the event table. The hub reads and builds each event once (`live/changes.py`) and keeps
the last ones per document, so a thousand streams on one document cost one read and one build
per event, not a thousand. A stream that is further behind than what is kept (a client back
from a long sleep) reads its missed events from the database itself.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
import time
import weakref
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable, Coroutine
from dataclasses import dataclass, field
from typing import Any

import anyio.to_thread
import sqlalchemy as sa

from app.clock import Clock
from app.services.live import changes, sessions

log = logging.getLogger("consenso.live")

CHECK_SECONDS = 5.0  # with no announcement, every stream looks at the database this often anyway
KEPT = 1000  # built events kept per document
BATCH = 200  # events a stream is sent at once at most
REFRESH_SECONDS = 1.0  # a document's head is read again at most this often, per worker


@dataclass(frozen=True, slots=True)
class LiveEvent:
    seq: int
    action: str
    data: str  # the JSON the stream sends (changes.build)


@dataclass
class _Document:
    head: int = 0  # the highest sequence number announced or read
    refreshed: float = 0.0  # when the head was last read from the database (monotonic)
    built: OrderedDict[int, LiveEvent] = field(default_factory=OrderedDict)  # contiguous run
    waiters: set[asyncio.Event] = field(default_factory=set)
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    # Set while no reader holds the lock: the streams that find a read under way wait on this,
    # all woken at once when it ends, instead of queueing on the lock one behind the other.
    idle: asyncio.Event = field(default_factory=asyncio.Event)

    def __post_init__(self) -> None:
        self.idle.set()


class Hub:
    """The streams of one worker on one database, on the event loop that serves them."""

    def __init__(self, engine: sa.Engine, loop: asyncio.AbstractEventLoop, clock: Clock) -> None:
        self.engine = engine
        self.loop = loop
        self.clock = clock
        self.sessions = sessions.Watch(engine, clock)
        self.listening = False  # a LISTEN connection feeds this hub (PostgreSQL)
        self.tasks: set[asyncio.Task[None]] = set()  # held while they run (live/notify.py)
        self._documents: dict[int, _Document] = {}
        self._tick_seconds = CHECK_SECONDS
        self._ticking = False

    def _document(self, document_id: int) -> _Document:
        found = self._documents.get(document_id)
        if found is None:
            found = self._documents[document_id] = _Document()
        return found

    # --- announcements (on the hub's loop) -------------------------------------------------

    def announce(self, document_id: int, seq: int) -> None:
        """Document `document_id` has committed event `seq`: wake its streams."""
        doc = self._documents.get(document_id)
        if doc is None:
            return  # nobody here follows it
        doc.head = max(doc.head, seq)
        for waiter in doc.waiters:
            waiter.set()

    def announce_threadsafe(self, document_id: int, seq: int) -> None:
        self._call_soon(lambda: self.announce(document_id, seq))

    def wake_all(self) -> None:
        """Wake every stream, each to read the database again (after a lost LISTEN link)."""
        for doc in self._documents.values():
            doc.refreshed = 0.0
            for waiter in doc.waiters:
                waiter.set()

    def recheck_sessions_threadsafe(self) -> None:
        """A sign-out or an account change committed: check the streams' sessions now."""
        self._call_soon(self.sessions.soon)

    def _call_soon(self, callback: Callable[[], None]) -> None:
        if not self.loop.is_closed():
            # RuntimeError: the loop closed meanwhile, nobody is left to wake
            with contextlib.suppress(RuntimeError):
                self.loop.call_soon_threadsafe(callback)

    # --- streams ----------------------------------------------------------------------------

    def head(self, document_id: int) -> int:
        """The highest event number of the document announced or read here."""
        doc = self._documents.get(document_id)
        return doc.head if doc is not None else 0

    def subscribe(self, document_id: int, *, lasting: float = CHECK_SECONDS) -> asyncio.Event:
        """A stream's waiter: set by each announcement, a session's end, and the hub's tick,
        which comes every CHECK_SECONDS, or every `lasting` seconds (how long the stream may
        stay open) if that is shorter, so that a stream ends on time without a timer of its
        own. A timer per stream and wait cost a worker more than sending it the event, with
        hundreds of streams woken by each one (docs/performance.md)."""
        waiter = asyncio.Event()
        doc = self._document(document_id)
        if not doc.waiters:
            self._warm(document_id, doc)
        doc.waiters.add(waiter)
        if lasting > 0:
            self._tick_seconds = min(self._tick_seconds, lasting)
        if not self._ticking:
            self._ticking = True
            self._run(self._tick())
        return waiter

    async def _tick(self) -> None:
        while True:
            await asyncio.sleep(min(CHECK_SECONDS, self._tick_seconds))
            for doc in self._documents.values():
                for waiter in doc.waiters:
                    waiter.set()

    def _run(self, work: Coroutine[Any, Any, None]) -> None:
        task = self.loop.create_task(work)
        self.tasks.add(task)  # held while it runs
        task.add_done_callback(self.tasks.discard)

    def _warm(self, document_id: int, doc: _Document) -> None:
        """A document's first stream in this worker: bring the worker's kept board up to date
        now, while nobody waits on an event. A worker that served only writes for a while
        keeps a board too far behind to update (at UN scale, ~2 s to read whole); its first
        event would otherwise build it, late for every stream. Under the document's lock, so
        that an event meanwhile finds it built rather than building it a second time."""

        async def warm() -> None:
            async with doc.lock, _busy(doc):
                try:
                    await anyio.to_thread.run_sync(
                        changes.warm, self.engine, document_id, self.clock()
                    )
                except Exception:  # the first event builds it then: nothing is lost
                    log.warning(
                        "warming the board of document %s failed", document_id, exc_info=True
                    )

        self._run(warm())

    def unsubscribe(self, document_id: int, waiter: asyncio.Event) -> None:
        doc = self._documents.get(document_id)
        if doc is not None:
            doc.waiters.discard(waiter)

    async def after(self, document_id: int, seq: int, *, check: bool = False) -> list[LiveEvent]:
        """Built events of the document after `seq`, oldest first, at most BATCH. `check`:
        read the document's head from the database (at most once a second per worker), for an
        announcement that may never come (a writer in another process on SQLite)."""
        doc = self._document(document_id)
        found = _kept_after(doc, seq)
        if len(found) >= BATCH or (not _refresh(doc, check) and _last(found, seq) >= doc.head):
            return found
        if doc.lock.locked():
            # Another stream is reading (the events, or the head after the hub's tick woke
            # them all): it keeps what it reads; wait for it with the others, woken together.
            await doc.idle.wait()
            found = _kept_after(doc, seq)
            if len(found) >= BATCH or (not _refresh(doc, check) and _last(found, seq) >= doc.head):
                return found
        async with doc.lock, _busy(doc):  # one reader per document; the others find it kept
            if _refresh(doc, check):
                head = await anyio.to_thread.run_sync(changes.head_of, self.engine, document_id)
                doc.head, doc.refreshed = max(doc.head, head), time.monotonic()
            found = _kept_after(doc, seq)
            last = _last(found, seq)
            if len(found) >= BATCH or last >= doc.head:
                return found
            built = await anyio.to_thread.run_sync(
                changes.build_after,
                self.engine,
                document_id,
                last,
                BATCH - len(found),
                self.clock(),
            )
            events = [LiveEvent(*e) for e in built]
            _keep(doc, last, events)
            if events:
                doc.head = max(doc.head, events[-1].seq)
            return found + events


def _refresh(doc: _Document, check: bool) -> bool:
    """Whether to read the document's head from the database for a stream that asks to check."""
    return check and time.monotonic() - doc.refreshed >= REFRESH_SECONDS


@contextlib.asynccontextmanager
async def _busy(doc: _Document) -> AsyncIterator[None]:
    doc.idle.clear()
    try:
        yield
    finally:
        doc.idle.set()


def _last(events: list[LiveEvent], seq: int) -> int:
    return events[-1].seq if events else seq


def _kept_after(doc: _Document, seq: int) -> list[LiveEvent]:
    """The kept events after `seq`, if what is kept reaches back to it; else none."""
    if not doc.built:
        return []
    first = next(iter(doc.built))
    last = next(reversed(doc.built))
    if seq < first - 1 or seq >= last:
        return []
    return [doc.built[n] for n in range(seq + 1, min(last, seq + BATCH) + 1)]


def _keep(doc: _Document, after: int, events: list[LiveEvent]) -> None:
    """Keep newly built events if they continue the kept run (an old replay is not kept)."""
    if not events:
        return
    if doc.built and next(reversed(doc.built)) != after:
        if doc.built and after < next(iter(doc.built)):
            return  # a replay older than what is kept
        doc.built.clear()
    for event in events:
        doc.built[event.seq] = event
    while len(doc.built) > KEPT:
        doc.built.popitem(last=False)


# --- one hub per database and event loop -------------------------------------------------------

# A served worker runs one event loop; the tests' clients each run their own.
_HUBS: weakref.WeakKeyDictionary[sa.Engine, list[Hub]] = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()
_started: list[Callable[[Hub], None]] = []  # called with each new hub (live/notify.py)


def on_new_hub(callback: Callable[[Hub], None]) -> None:
    _started.append(callback)


def hub_for(engine: sa.Engine, clock: Clock) -> Hub:
    """This worker's hub for `engine` on the running event loop."""
    loop = asyncio.get_running_loop()
    with _LOCK:
        hubs = _HUBS.setdefault(engine, [])
        hubs[:] = [h for h in hubs if not h.loop.is_closed()]
        for hub in hubs:
            if hub.loop is loop:
                return hub
        hub = Hub(engine, loop, clock)
        hubs.append(hub)
    for callback in _started:
        callback(hub)
    return hub


def existing(engine: sa.Engine) -> list[Hub]:
    """The hubs for `engine` that streams started in this process (none before the first)."""
    with _LOCK:
        return [h for h in _HUBS.get(engine, ()) if not h.loop.is_closed()]
