"""The live paragraphs' labels, kept per document while only writes that cannot move a
paragraph happen.

Every answer about an amendment shows its paragraph's label, and a label depends on where
every live paragraph stands: reading and numbering them all costs a hot write more than the
write itself. Labels change only when a paragraph is added, deleted, moved or brought back, a
section's kind or the numbering scheme changes, a revision is issued, or a decision is taken or
undone (an accepted proposal for a new paragraph, or a deletion). So the labels are kept with
the event they were read at, and reused after events of the kinds listed in `NEUTRAL` only; any
other event (including a kind added later and not listed) reads them again. The events are
checked by their hash chain, so a kept entry never answers for another database or a rewound
one. The key is read before the labels, so an entry is never older than its key.
"""

from __future__ import annotations

import threading
import weakref
from dataclasses import dataclass

import sqlalchemy as sa
from sqlmodel import Session

from app.models import Document, Event
from app.services.record import events as events_service
from app.services.text import locking, numbering

# Events that never move a paragraph nor change how paragraphs are numbered. A whitelist: an
# event of any other kind reads the labels again.
NEUTRAL = frozenset(
    {
        "amendment.proposed",
        "amendment.revised",
        "amendment.withdrawn",
        "amendment.rejected",
        "amendment.sponsor_joined",
        "amendment.sponsor_left",
        "amendment.invited",
        "invitation.accepted",
        "invitation.declined",
        "comment.added",
        "position.taken",
        "position.withdrawn",
        "paragraph.edited",
        "paragraph.frozen",
        "paragraph.unfrozen",
        "silence.started",
        "silence.broken",
        "silence.cancelled",
        "translation.entered",
        "translation.imported",
        "document.languages_set",
        "round.created",
        "round.updated",
        "plenary.taken_up",
        "plenary.reading_ended",
        "plenary.floor_requested",
        "plenary.floor_withdrawn",
        "plenary.floor_given",
        "plenary.list_closed",
        "plenary.list_reopened",
        "plenary.turn_ended",
    }
)
MOST = 200  # more events than this since the kept labels: read them again

_DOCUMENTS: sa.Table = Document.__table__  # type: ignore[attr-defined]
_EVENTS: sa.Table = Event.__table__  # type: ignore[attr-defined]
_HEAD = sa.select(_DOCUMENTS.c.event_seq, _DOCUMENTS.c.event_head).where(
    _DOCUMENTS.c.id == sa.bindparam("document")
)
_SINCE = (
    sa.select(_EVENTS.c.action, _EVENTS.c.hash)
    .where(
        _EVENTS.c.document_id == sa.bindparam("document"),
        _EVENTS.c.seq >= sa.bindparam("kept"),
        _EVENTS.c.seq <= sa.bindparam("now"),
    )
    .order_by(_EVENTS.c.seq)
)


@dataclass(frozen=True)
class _Kept:
    seq: int
    head: str
    labels: dict[int, str]  # never changed once kept: callers get a copy


_KEPT: weakref.WeakKeyDictionary[sa.Engine, dict[int, _Kept]] = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()


def live_labels(session: Session, *, document_id: int) -> dict[int, str]:
    """The labels of the document's live paragraphs, as `numbering.live_labels` reads them.

    In a write, or after it (its answer), the events the request wrote say where the chain
    stands and what happened since the kept labels, when nothing else came in between: then no
    statement is needed at all. (Labels read in a transaction that then rolls back are kept
    under a link that never was: the next look finds another chain and reads them again.)"""
    engine = session.get_bind().engine  # no transaction begun: an answer may need no statement
    with _LOCK:
        kept = _KEPT.get(engine, {}).get(document_id)
    links = events_service.links(session, document_id)
    if links:
        seq, head = links[-1].seq, links[-1].hash
        if any(link.action not in NEUTRAL for link in links):
            kept = None  # what the request did may move paragraphs: read them again
        elif kept is not None and _continues(kept, links):
            _keep(engine, document_id, _Kept(seq, head, kept.labels))
            return dict(kept.labels)
    elif (locked := session.info.get(locking.HEADS, {}).get(document_id)) is not None:
        seq, head = locked.seq, locked.hash  # read under the document's lock by this write
    else:
        seq, head = session.connection().execute(_HEAD, {"document": document_id}).one()
    if kept is not None and _still_holds(session, document_id, kept, seq, head):
        _keep(engine, document_id, _Kept(seq, head, kept.labels))
        return dict(kept.labels)
    labels = numbering.live_labels(session, document_id=document_id)
    _keep(engine, document_id, _Kept(seq, head, dict(labels)))
    return labels


def _continues(kept: _Kept, links: list[events_service.Link]) -> bool:
    """Whether `links` are every event after the kept labels' (no other write came between)."""
    expected_seq, expected_prev = kept.seq + 1, kept.head
    for link in links:
        if link.seq != expected_seq or link.prev_hash != expected_prev:
            return False
        expected_seq, expected_prev = link.seq + 1, link.hash
    return True


def _still_holds(session: Session, document_id: int, kept: _Kept, seq: int, head: str) -> bool:
    """Whether the labels kept at event `kept.seq` hold at event `seq` (head hash `head`)."""
    if seq == kept.seq:
        return head == kept.head
    if not kept.seq < seq <= kept.seq + MOST:
        return False
    events = (
        session.connection()
        .execute(_SINCE, {"document": document_id, "kept": kept.seq, "now": seq})
        .all()
    )
    if len(events) != seq - kept.seq + 1 or events[0][1] != kept.head or events[-1][1] != head:
        return False  # a gap, or another chain: not the history the labels were read in
    return all(action in NEUTRAL for action, _hash in events[1:])


def _keep(engine: sa.Engine, document_id: int, kept: _Kept) -> None:
    with _LOCK:
        by_document = _KEPT.setdefault(engine, {})
        current = by_document.get(document_id)
        if current is None or current.seq <= kept.seq:
            by_document[document_id] = kept
