"""The consensus timeline's history: every dated fact of a document, read once and indexed
(app/drafting/timeline.py), then kept in process while nothing is written to the document.

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
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Generic, TypeVar, overload

import sqlalchemy as sa
from sqlalchemy.engine import Connection
from sqlmodel import Session, col

from app import heap
from app.drafting import timeline as consensus_timeline
from app.drafting.consensus import ConsensusMode, Member, SilenceFact
from app.models import Amendment, AmendmentKind, AmendmentStatus, Document, Event, Position
from app.services.consensus import queries as board_queries
from app.services.consensus.delta import Delta, Since, WriteKey
from app.services.consensus.queries import (
    BoardInputs,
    RevisionRecord,
    SilenceRecord,
    naive_utc,
    required_int,
)
from app.services.consensus.view import DayCounts, RevisionCounts, StatusCounts, Timeline
from app.services.positions.taking import WITHDRAWN


@overload
def iso_utc(t: datetime) -> str: ...
@overload
def iso_utc(t: datetime | None) -> str | None: ...
def iso_utc(t: datetime | None) -> str | None:
    """Naive UTC as the API writes timestamps ('2026-12-01T09:00:00Z'), without making an
    aware datetime for each of thousands of positions."""
    return None if t is None else f"{t.isoformat()}Z"


def to_naive_utc(t: datetime) -> datetime:
    return t if t.tzinfo is None else t.astimezone(UTC).replace(tzinfo=None)


def silence_fact(s: SilenceRecord) -> SilenceFact:
    return SilenceFact(s.deadline, s.started_at, s.cancelled_at, s.broken_by_code, s.broken_at)


# A member's position taken or withdrawn on a paragraph version:
# (paragraph id, version, at, code, stance or None for a withdrawal).
Take = tuple[int, int, datetime, str, str | None]
# A paragraph amendment: (paragraph id, when it was filed, when it was settled or None).
AmendmentSpan = tuple[int, datetime, datetime | None]
# A moment the timeline counts at, with the revision whose versions it pins (or None).
Moment = tuple[datetime, int | None]


@dataclass(frozen=True)
class HistoryFacts:
    """Every dated fact the timeline needs besides paragraphs and silences (naive UTC)."""

    version_times: dict[int, list[datetime]]
    takes: Sequence[Take]  # by paragraph, version and time
    amendments: Sequence[AmendmentSpan]  # of paragraph amendments, insertions left out
    revisions: list[RevisionRecord]  # by number
    entries: dict[int, dict[int, int]]  # revision id -> paragraph id -> version


def _read_takes(
    db: Connection, document_id: int, codes: frozenset[str], ids: board_queries.Only = None
) -> list[Take]:
    """Members' positions and withdrawals, withdrawals after positions taken at the same
    instant (as the board reads them)."""
    # Plain tuples, not result rows: the collector stops tracking a tuple of plain values, and
    # the history keeps ~100,000 of them at UN scale (app/heap.py). Members are picked here, not
    # by the query: 193 codes in an IN list cost more to render and bind than the rows of the
    # paragraph or two an update reads.
    takes: list[Take] = [
        tuple(row)  # type: ignore[misc]
        for row in db.execute(
            sa.select(
                required_int(col(Position.paragraph_id)),
                required_int(col(Position.version_number)),
                naive_utc(col(Position.created_at)),
                col(Position.participant_code),
                col(Position.stance),
            )
            .where(
                col(Position.document_id) == document_id,
                col(Position.amendment_id).is_(None),
                board_queries.only(col(Position.paragraph_id), ids),
            )
            .order_by(
                col(Position.paragraph_id), col(Position.version_number), col(Position.created_at)
            )
        )
        if row[3] in codes
    ]
    withdrawn: list[Take] = [
        (target, payload.get("version"), at, payload.get("code"), None)
        for target, payload, at in db.execute(
            sa.select(
                required_int(col(Event.target_id)),
                col(Event.payload),
                naive_utc(col(Event.created_at)),
            ).where(
                col(Event.document_id) == document_id,
                col(Event.action) == WITHDRAWN,
                col(Event.target_type) == "paragraph",
                board_queries.only(col(Event.target_id), ids),
            )
        ).all()
        if payload.get("code") in codes
    ]
    if withdrawn:  # rare: merge them in
        takes = sorted([*takes, *withdrawn], key=lambda t: (t[0], t[1], t[2], t[4] is None))
    return takes


def _read_amendment_spans(
    db: Connection, document_id: int, ids: board_queries.Only = None
) -> list[AmendmentSpan]:
    settled = sa.case(
        (col(Amendment.status) == AmendmentStatus.PENDING, sa.null()),
        else_=sa.func.coalesce(col(Amendment.decided_at), col(Amendment.updated_at)),
    )
    return [
        tuple(row)  # type: ignore[misc]
        for row in db.execute(
            sa.select(
                required_int(col(Amendment.paragraph_id)),
                naive_utc(col(Amendment.created_at)),
                naive_utc(sa.type_coerce(settled, sa.DateTime())),
            ).where(
                col(Amendment.document_id) == document_id,
                col(Amendment.paragraph_id).is_not(None),
                col(Amendment.kind) != AmendmentKind.INSERT_PARAGRAPH,
                board_queries.only(col(Amendment.paragraph_id), ids),
            )
        )
    ]


def load_history_facts(
    session: Session, document: Document, members: list[Member], ids: board_queries.Only = None
) -> HistoryFacts:
    """Versions, positions and withdrawals of members, amendments, revisions: only the columns
    the timeline compares (no notes, no texts), in five queries; of the paragraphs `ids` only,
    when given, and then without the revisions: issuing one is a change of structure, after
    which the history is read whole, so an update keeps the revisions it has."""
    document_id = board_queries.saved_id(document)
    db = board_queries.plain_connection(session)
    version_times = board_queries.read_version_times(db, document_id, ids)
    takes = _read_takes(db, document_id, frozenset(m.code for m in members), ids)
    amendments = _read_amendment_spans(db, document_id, ids)
    revisions, entries = board_queries.read_revisions(db, document_id) if ids is None else ([], {})
    return HistoryFacts(version_times, takes, amendments, revisions, entries)


@dataclass
class IndexedHistory:
    """A document's history indexed for the timeline, and the counts already taken from it."""

    facts: list[consensus_timeline.ParagraphFacts]
    evaluator: consensus_timeline.Evaluator
    revisions: list[RevisionRecord]
    entries: dict[int, dict[int, int]]
    first: datetime | None  # when the first paragraph version was written
    known: dict[Moment, StatusCounts] = field(default_factory=dict)

    def counts(self, moments: list[Moment], now: datetime) -> list[StatusCounts]:
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


def index_history(
    session: Session, document: Document, inputs: BoardInputs | None = None
) -> IndexedHistory:
    """Read and index the document's history (five queries besides `inputs`')."""
    if inputs is None:
        inputs = board_queries.load_board_inputs(session, document, current=False)
    dated = load_history_facts(session, document, inputs.members)
    facts = consensus_timeline.build_all(
        inputs.paragraphs,
        takes=dated.takes,
        amendments=dated.amendments,
        silences=[(s.paragraph_id, s.version_number, silence_fact(s)) for s in inputs.silences],
        version_times=dated.version_times,
    )
    return IndexedHistory(
        facts=facts,
        evaluator=consensus_timeline.Evaluator(
            inputs.members, ConsensusMode(document.consensus_mode)
        ),
        revisions=dated.revisions,
        entries=dated.entries,
        first=min((t[0] for t in dated.version_times.values() if t), default=None),
    )


# --- kept until the next write -----------------------------------------------------------------

_T = TypeVar("_T")
_LOCK = threading.Lock()
_CLEARS: list[Callable[[], None]] = []  # every cache's clear, for `forget`


class WriteCache(Generic[_T]):
    """One value per document and database, computed again only for a new write key. Two
    requests that miss at once both compute; the later one is kept."""

    def __init__(self) -> None:
        self._held: weakref.WeakKeyDictionary[sa.Engine, dict[int, tuple[WriteKey, _T]]] = (
            weakref.WeakKeyDictionary()
        )
        _CLEARS.append(self.clear)

    def get(
        self,
        session: Session,
        document_id: int,
        key: WriteKey,
        compute: Callable[[], _T],
        update: Callable[[WriteKey, _T], _T | None] | None = None,
    ) -> _T:
        """The value for `key`: kept, else `update(kept key, kept value)` when it can bring a
        kept value up to `key` (None when it cannot), else `compute()`."""
        engine = session.get_bind().engine
        with _LOCK:
            held = self._held.setdefault(engine, {}).get(document_id)
        if held is not None and held[0] == key:
            return held[1]
        value = None if held is None or update is None else update(*held)
        if value is None:
            value = compute()
            heap.settle()  # built whole, to be kept: out of the collector's walks (app/heap.py)
        with _LOCK:
            self._held.setdefault(engine, {})[document_id] = (key, value)
        return value

    def clear(self) -> None:
        with _LOCK:
            self._held.clear()


_HISTORIES: WriteCache[IndexedHistory] = WriteCache()


def forget() -> None:
    """Drop everything kept: the next board reads it all again, as after a write."""
    for clear in _CLEARS:
        clear()


def write_key(session: Session, document: Document, members: list[Member]) -> WriteKey:
    """What the board and its history are a function of, besides the clock: the document's
    event counter and hash-chain head (read now, not from a possibly stale object), its mode
    and the member delegations."""
    stamp = board_queries.write_stamp(session, document_id=board_queries.saved_id(document))
    return (stamp, document.consensus_mode, tuple(members))


# --- the timeline ------------------------------------------------------------------------------


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


def _updated(
    session: Session,
    document: Document,
    history: IndexedHistory,
    delta: Delta | None,
    inputs: BoardInputs | None,
) -> IndexedHistory | None:
    """The kept history with the paragraphs `delta` touched indexed again (their rows read
    again), or None when it must be read whole. `inputs`: the board's, as of now."""
    if delta is None or inputs is None:
        return None
    index = {f.id: i for i, f in enumerate(history.facts)}
    if any(pid not in index for pid in delta.paragraphs):
        return None
    facts = list(history.facts)
    if delta.paragraphs:
        ids = delta.paragraphs
        dated = load_history_facts(session, document, inputs.members, ids)
        for fresh in consensus_timeline.build_all(
            [p for p in inputs.paragraphs if p.id in ids],
            takes=dated.takes,
            amendments=dated.amendments,
            silences=[
                (s.paragraph_id, s.version_number, silence_fact(s))
                for s in inputs.silences
                if s.paragraph_id in ids
            ],
            version_times=dated.version_times,
        ):
            facts[index[fresh.id]] = fresh
    # Counts at moments before the first of the new events are still what they were.
    known = {m: c for m, c in history.known.items() if m[0] < delta.since}
    return replace(history, facts=facts, known=known)


def timeline(
    session: Session,
    document: Document,
    key: WriteKey,
    now: datetime,
    days: int,
    inputs: BoardInputs | None = None,
    since: Since | None = None,
) -> Timeline:
    """The board's timeline: counts at each revision and at the end of each of the last days.
    `inputs`: what the board loaded, if it did (paragraphs, silences, members); `since`: the
    change from a kept history, to update it rather than read it whole."""
    history = _HISTORIES.get(
        session,
        board_queries.saved_id(document),
        key,
        lambda: index_history(session, document, inputs),
        None
        if since is None
        else lambda kept, held: _updated(session, document, held, since(kept), inputs),
    )
    day_moments = _days(history.first, now, days)
    moments: list[Moment] = [(r.created_at, r.id) for r in history.revisions]
    moments += [(to_naive_utc(t), None) for _day, t in day_moments]
    counts = history.counts(moments, to_naive_utc(now))
    n = len(history.revisions)
    return Timeline(
        revisions=tuple(
            RevisionCounts(r.number, r.label, iso_utc(r.created_at), c)
            for r, c in zip(history.revisions, counts[:n], strict=True)
        ),
        days=tuple(
            DayCounts(day.isoformat(), c)
            for (day, _t), c in zip(day_moments, counts[n:], strict=True)
        ),
    )
