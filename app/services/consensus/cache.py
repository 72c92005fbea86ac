"""The consensus timeline's history: every dated fact of a document, read once and indexed
(consensus_timeline), then kept in process while nothing is written to the document.

The board itself reads only what holds now. The timeline needs the whole history (every
position, amendment and version), so it is kept per document, keyed by the document's event
counter and hash-chain head: every write appends an event in its own transaction, so a new
write is a new key and the next request reads the history again. The key is read before the
rows it covers, so an entry is never older than its key. Counts at a past moment are a function
of the history alone, so they are remembered too; only "now" is counted on every request.
Engines are keys of a weak dictionary: one per database (and so per test database).
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import TypeVar

import sqlalchemy as sa
from sqlmodel import Session

from app.drafting import timeline as consensus_timeline
from app.drafting.consensus import ConsensusMode, Member, SilenceFact
from app.models import (
    Amendment,
    AmendmentKind,
    AmendmentStatus,
    Document,
    Event,
    Position,
)
from app.services.consensus import queries as facts_service
from app.services.consensus.queries import core, naive, read_revisions, read_version_times
from app.services.positions import positions as positions_service


def iso(t: datetime | None) -> str | None:
    """Naive UTC as the API writes timestamps ('2026-12-01T09:00:00Z'), without making an
    aware datetime for each of thousands of positions."""
    return None if t is None else f"{t.isoformat()}Z"


def to_naive(t: datetime) -> datetime:
    return t if t.tzinfo is None else t.astimezone(UTC).replace(tzinfo=None)


def silence_fact(s) -> SilenceFact:
    return SilenceFact(s.deadline, s.started_at, s.cancelled_at, s.broken_by_code, s.broken_at)


@dataclass
class Rows:
    """Every dated fact the timeline needs besides paragraphs and silences (naive UTC)."""

    version_times: dict[int, list[datetime]]
    takes: list  # (paragraph_id, version, at, code, stance or None for a withdrawal), by time
    amendments: list  # (paragraph_id, opened, settled or None) of paragraph amendments
    revisions: list  # (id, number, label, created_at), by number
    entries: dict[int, dict[int, int]]  # revision id -> paragraph id -> version


def load_rows(session: Session, document: Document, members: list[Member]) -> Rows:
    """Versions, positions and withdrawals of members, amendments, revisions: only the columns
    the timeline compares (no notes, no texts), in five queries."""
    doc = document.id
    run = core(session)
    version_times = read_version_times(run, doc, naive)
    codes = frozenset(m.code for m in members)
    takes = run(
        sa.select(
            Position.paragraph_id,
            Position.version_number,
            naive(Position.created_at),
            Position.participant_code,
            Position.stance,
        )
        .where(
            Position.document_id == doc,
            Position.amendment_id.is_(None),
            Position.participant_code.in_(sorted(codes)),
        )
        .order_by(Position.paragraph_id, Position.version_number, Position.created_at)
    ).all()
    withdrawn = [
        (target, payload.get("version"), at, payload.get("code"), None)
        for target, payload, at in run(
            sa.select(Event.target_id, Event.payload, naive(Event.created_at)).where(
                Event.document_id == doc,
                Event.action == positions_service.WITHDRAWN,
                Event.target_type == "paragraph",
            )
        )
        if payload.get("code") in codes
    ]
    if withdrawn:  # rare: merge them in, after positions taken at the same instant
        takes = sorted([*takes, *withdrawn], key=lambda t: (t[0], t[1], t[2], t[4] is None))
    settled = sa.case(
        (Amendment.status == AmendmentStatus.PENDING, sa.null()),
        else_=sa.func.coalesce(Amendment.decided_at, Amendment.updated_at),
    )
    amendments = run(
        sa.select(Amendment.paragraph_id, naive(Amendment.created_at), naive(settled)).where(
            Amendment.document_id == doc,
            Amendment.paragraph_id.is_not(None),
            Amendment.kind != AmendmentKind.INSERT_PARAGRAPH,
        )
    ).all()
    revisions, entries = read_revisions(run, doc, naive)
    return Rows(
        version_times=version_times,
        takes=takes,
        amendments=amendments,
        revisions=revisions,
        entries=entries,
    )


@dataclass
class History:
    """A document's history indexed for the timeline, and the counts already taken from it."""

    key: tuple
    facts: list[consensus_timeline.ParagraphFacts]
    evaluator: consensus_timeline.Evaluator
    revisions: list  # (id, number, label, created_at)
    entries: dict[int, dict[int, int]]
    first: datetime | None  # when the first paragraph version was written
    known: dict = field(default_factory=dict)  # (moment, revision id or None) -> counts

    def counts(self, moments: list[tuple[datetime, int | None]], now: datetime) -> list[dict]:
        """Counts at each (moment, revision id pinning versions or None); moments before
        `now` are remembered (they cannot change while the key holds)."""
        found = {m: c for m in moments if (c := self.known.get(m)) is not None}
        missing = [m for m in dict.fromkeys(moments) if m not in found]
        if missing:
            pins = [(t, None if r is None else self.entries.get(r, {})) for t, r in missing]
            computed = consensus_timeline.counts_over(self.facts, pins, self.evaluator)
            for m, c in zip(missing, computed, strict=True):
                found[m] = c
                if m[0] < now and len(self.known) < 1000:
                    self.known[m] = c
        return [found[m] for m in moments]


def history(session: Session, document: Document, data=None, key: tuple = ()) -> History:
    """Read and index the document's history (five queries besides `data`'s)."""
    if data is None:
        data = facts_service.load_now(session, document, current=False)
    rows = load_rows(session, document, data.members)
    facts = consensus_timeline.build_all(
        data.paragraphs,
        takes=rows.takes,
        amendments=rows.amendments,
        silences=[(s.paragraph_id, s.version_number, silence_fact(s)) for s in data.silences],
        version_times=rows.version_times,
    )
    mode = ConsensusMode(document.consensus_mode)
    return History(
        key=key,
        facts=facts,
        evaluator=consensus_timeline.Evaluator(data.members, mode),
        revisions=rows.revisions,
        entries=rows.entries,
        first=min((t[0] for t in rows.version_times.values() if t), default=None),
    )


# engine -> (document id, kind) -> (key, value); engines are per database (and per test).
_KEPT: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()
T = TypeVar("T")


def forget() -> None:
    """Drop everything kept: the next board reads it all again, as after a write."""
    with _LOCK:
        _KEPT.clear()


def kept(session: Session, document_id: int, kind: str, key: tuple, compute: Callable[[], T]) -> T:
    """What `compute` gives for this document and key, computed again only for a new key (a
    write). Two requests that miss at once both compute; the later one is kept."""
    engine = session.get_bind()
    engine = getattr(engine, "engine", engine)
    with _LOCK:
        held = _KEPT.setdefault(engine, {}).get((document_id, kind))
    if held is not None and held[0] == key:
        return held[1]
    value = compute()
    with _LOCK:
        _KEPT.setdefault(engine, {})[(document_id, kind)] = (key, value)
    return value


def key(session: Session, document: Document, members: list[Member]) -> tuple:
    """What the board and its history are a function of, besides the clock: the document's
    event counter and hash-chain head (read now, not from a possibly stale object), its mode
    and the member delegations."""
    stamp = facts_service.stamp(session, document_id=document.id)
    return (stamp, document.consensus_mode, tuple(members))


def _days(first: datetime | None, now: datetime, days: int) -> list[tuple[date, datetime]]:
    """(day, the moment its status is read: the end of the day, or now for today)."""
    if first is None:
        return []
    start = max(first.date(), now.date() - timedelta(days=days - 1))
    result = []
    day = start
    while day <= now.date():
        end = datetime.combine(day + timedelta(days=1), time(), tzinfo=now.tzinfo)
        result.append((day, min(end - timedelta(microseconds=1), now)))
        day += timedelta(days=1)
    return result


def timeline(session, document, key: tuple, now: datetime, days: int, data=None) -> dict:
    """The board's timeline: counts at each revision and at the end of each of the last days.
    `data`: what the board loaded, if it did (paragraphs, silences, members)."""
    h = kept(session, document.id, "history", key, lambda: history(session, document, data, key))
    day_moments = _days(h.first, now, days)
    moments = [(t, rid) for rid, _n, _l, t in h.revisions]
    moments += [(to_naive(t), None) for _day, t in day_moments]
    counts = h.counts(moments, to_naive(now))
    n = len(h.revisions)
    return {
        "revisions": [
            {"number": number, "label": label, "created_at": iso(t), "counts": c}
            for (_id, number, label, t), c in zip(h.revisions, counts[:n], strict=True)
        ],
        "days": [
            {"date": day.isoformat(), "counts": c}
            for (day, _t), c in zip(day_moments, counts[n:], strict=True)
        ],
    }
