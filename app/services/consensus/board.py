"""The co-chairs' consensus board: every paragraph's status and who holds it, in a fixed
number of queries (one per table read, never one per paragraph), plus a timeline.

Nothing here decides a status: app/drafting/consensus.py does, from the rows loaded by
app/services/consensus/queries.py. The board reads only what holds now (current positions on
head versions, pending amendments); the timeline's history is read and kept by
app/services/consensus/cache.py. The board's shape is app/services/consensus/view.py.
Costs: docs/performance.md.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import NamedTuple

from sqlmodel import Session

from app.drafting import consensus
from app.drafting import timeline as consensus_timeline
from app.drafting.consensus import BlocTally, ConsensusMode, Member, Status
from app.drafting.silence import steady_until
from app.errors import NotFound
from app.models import Document
from app.services.consensus import queries as board_queries
from app.services.consensus import rows as board_rows
from app.services.consensus.cache import (
    IndexedHistory,
    WriteCache,
    index_history,
    iso_utc,
    silence_fact,
    timeline,
    to_naive_utc,
    write_key,
)
from app.services.consensus.delta import Delta, Since
from app.services.consensus.queries import BoardInputs, SectionRecord
from app.services.consensus.rows import SilenceWatch
from app.services.consensus.view import (
    BlocSummary,
    Board,
    Delegation,
    ParagraphRow,
    PendingInsertion,
    SectionSummary,
)

DAYS = 60  # the per-day timeline covers at most the last 60 days


@dataclass(frozen=True)
class BoardAsWritten:
    """What the board shows that only a write can change, and the paragraphs the clock can."""

    inputs: BoardInputs  # sections, paragraphs, silences (the history reuses them)
    rows: tuple[ParagraphRow, ...]  # one per live paragraph, as evaluated when it was kept
    insertions: tuple[PendingInsertion, ...]
    under_silence: tuple[SilenceWatch, ...]
    # The rows as the clock last had them (one entry, replaced): see `_on_the_clock`.
    clocked: list["_Clocked"] = field(default_factory=list, compare=False, repr=False)


class _Verdict(NamedTuple):
    """A paragraph under silence as the clock had it at `since`, the same until `until`."""

    kept: ParagraphRow  # its row as the board was written
    shown: ParagraphRow  # the row evaluated at `since`
    since: datetime
    until: datetime | None  # steady_until: None, never again by the clock alone


@dataclass(frozen=True)
class _Clocked:
    """A kept board's rows with the paragraphs under silence evaluated, and the counts over
    them: the same at any moment from `since` until `until`, for the rows `rows_of`."""

    rows_of: tuple[ParagraphRow, ...]
    mode: ConsensusMode
    since: datetime
    until: datetime | None
    rows: tuple[ParagraphRow, ...]
    sections: tuple[SectionSummary, ...]
    blocs: tuple[BlocSummary, ...]
    totals: dict[str, int]
    verdicts: dict[int, _Verdict]  # paragraph id -> its verdict, carried to the next board


_BOARDS: WriteCache[BoardAsWritten] = WriteCache()


def board(session: Session, *, document: Document, now: datetime, days: int = DAYS) -> Board:
    """The board for the whole document; `view.to_json` writes it as the API does.

    What only a write can change is kept per document and write (cache.WriteCache): the first
    board after a write updates the kept one from the events since (`delta.py`: only the
    paragraphs they touched are read and evaluated again) or, after a change of structure,
    reads and evaluates everything; the next ones re-evaluate only the paragraphs under
    silence, whose phase moves with the clock.
    """
    members, names = board_queries.members_and_names(session)
    mode = ConsensusMode(document.consensus_mode)
    clock = to_naive_utc(now)  # the rows' times are naive UTC
    roster = consensus.Roster(members)
    document_id = board_queries.saved_id(document)
    key = write_key(session, document, members)
    since = Since(session, document_id, key)
    written = _BOARDS.get(
        session,
        document_id,
        key,
        lambda: _read_and_evaluate(session, document, members, roster, clock),
        lambda kept, held: _updated(session, document, held, since(kept), roster, clock),
    )
    clocked = _on_the_clock(written, roster, mode, clock)
    return Board(
        document_id=document_id,
        title=document.title,
        mode=mode,
        generated_at=iso_utc(clock),
        members=tuple(Delegation(m.code, m.bloc, names[m.code]) for m in members),
        paragraphs=clocked.rows,
        sections=clocked.sections,
        blocs=clocked.blocs,
        totals=clocked.totals,
        pending_insertions=written.insertions,
        timeline=timeline(session, document, key, now, days, written.inputs, since),
    )


def _on_the_clock(
    written: BoardAsWritten, roster: consensus.Roster, mode: ConsensusMode, clock: datetime
) -> _Clocked:
    """The kept board's rows at `clock`: the paragraphs under silence evaluated again (their
    phase moves with the clock), and the counts over all of them. A verdict is evaluated again
    only once the clock crosses a moment that can change it, or when a write touched its
    paragraph (a board updated after a write carries the verdicts of the one before); the
    counts, when any row changed. At UN scale ~50 watched rows and the counts over 1,000 rows
    were most of a warm board, and of every event the live room builds."""
    held = written.clocked[0] if written.clocked else None
    if held and held.rows_of is written.rows and held.mode == mode and _holds(held, clock):
        return held
    carried = held.verdicts if held and held.mode == mode else {}
    rows = list(written.rows)
    verdicts: dict[int, _Verdict] = {}
    for watch in written.under_silence:
        kept = rows[watch.row]
        verdict = carried.get(kept.id)
        if verdict is None or verdict.kept is not kept or not _holds(verdict, clock):
            result = board_rows.evaluate(
                roster, watch.positions, watch.pending, watch.procedure, mode, clock
            )
            taken = (fact.taken_at for fact in watch.positions.values())
            verdict = _Verdict(
                kept,
                board_rows.with_verdict(kept, result, watch.procedure),
                clock,
                steady_until(silence_fact(watch.procedure), taken, clock),
            )
        rows[watch.row] = verdict.shown
        verdicts[kept.id] = verdict
    fresh = _Clocked(
        rows_of=written.rows,
        mode=mode,
        since=max((v.since for v in verdicts.values()), default=clock),
        until=min((v.until for v in verdicts.values() if v.until is not None), default=None),
        rows=tuple(rows),
        sections=_section_summaries(written.inputs.sections, rows),
        blocs=_bloc_summaries(rows),
        totals=consensus.summarize(row.status for row in rows),
        verdicts=verdicts,
    )
    written.clocked[:] = [fresh]
    return fresh


def _holds(evaluated: _Clocked | _Verdict, clock: datetime) -> bool:
    return evaluated.since <= clock and (evaluated.until is None or clock < evaluated.until)


def _read_and_evaluate(
    session: Session,
    document: Document,
    members: list[Member],
    roster: consensus.Roster,
    clock: datetime,
) -> BoardAsWritten:
    """Read what holds now (one query per table) and evaluate every live paragraph."""
    inputs = board_queries.load_board_inputs(session, document, members=members)
    mode = ConsensusMode(document.consensus_mode)
    rows, watched, insertions = board_rows.evaluate_rows(inputs, members, roster, mode, clock)
    return BoardAsWritten(inputs, tuple(rows), insertions, tuple(watched))


def _updated(
    session: Session,
    document: Document,
    kept: BoardAsWritten,
    delta: Delta | None,
    roster: consensus.Roster,
    clock: datetime,
) -> BoardAsWritten | None:
    """The kept board with the paragraphs `delta` touched read and evaluated again (the others
    kept as they are), or None when it must be read whole."""
    if delta is None:
        return None
    members = kept.inputs.members
    part = board_queries.load_board_inputs(
        session, document, members=members, ids=delta.paragraphs, insertions=delta.insertions
    )
    index = {row.id: i for i, row in enumerate(kept.rows)}
    if any(p.id not in index or p.deleted_at is not None for p in part.paragraphs):
        return None  # a paragraph came or went: numbers change
    places = {pid: (kept.rows[i].label, kept.rows[i].number) for pid, i in index.items()}
    mode = ConsensusMode(document.consensus_mode)
    fresh, watched, insertions = board_rows.evaluate_rows(
        replace(part, sections=kept.inputs.sections), members, roster, mode, clock, places
    )
    rows = list(kept.rows)
    for row in fresh:
        rows[index[row.id]] = row
    watches = [w for w in kept.under_silence if rows[w.row].id not in delta.paragraphs]
    watches += [w._replace(row=index[fresh[w.row].id]) for w in watched]
    return BoardAsWritten(
        inputs=_merged(kept.inputs, part, delta),
        rows=tuple(rows),
        insertions=insertions if delta.insertions else kept.insertions,
        under_silence=tuple(sorted(watches)),
        clocked=list(kept.clocked),  # the untouched paragraphs' verdicts carry over
    )


def _merged(kept: BoardInputs, part: BoardInputs, delta: Delta) -> BoardInputs:
    """The kept inputs with the touched paragraphs' records and silence procedures replaced
    (what the timeline reads of them; positions and amendments are the rows' business)."""
    fresh = {p.id: p for p in part.paragraphs}
    silences = [s for s in kept.silences if s.paragraph_id not in delta.paragraphs]
    silences += part.silences
    return replace(
        kept,
        paragraphs=[fresh.get(p.id, p) for p in kept.paragraphs],
        silences=sorted(silences, key=lambda s: (s.started_at, s.id)),
        on_head=(),
        amendments=(),
    )


# --- the counts --------------------------------------------------------------------------------


def _section_summaries(
    sections: Sequence[SectionRecord], rows: Sequence[ParagraphRow]
) -> tuple[SectionSummary, ...]:
    statuses: dict[int, list[Status]] = {s.id: [] for s in sections}
    for row in rows:
        statuses[row.section_id].append(row.status)
    return tuple(
        SectionSummary(s.id, s.key, s.title, consensus.summarize(statuses[s.id])) for s in sections
    )


def _bloc_summaries(rows: Sequence[ParagraphRow]) -> tuple[BlocSummary, ...]:
    by_bloc: dict[str, list[BlocTally]] = {}
    for row in rows:
        for t in row.tallies:
            by_bloc.setdefault(t.bloc, []).append(t)
    return tuple(_bloc_summary(bloc, tallies) for bloc, tallies in by_bloc.items())


def _bloc_summary(bloc: str, tallies: list[BlocTally]) -> BlocSummary:
    return BlocSummary(
        bloc=bloc,
        members=tallies[0].members if tallies else 0,
        support=sum(t.support for t in tallies),
        ad_referendum=sum(t.ad_referendum for t in tallies),
        reservation=sum(t.reservation for t in tallies),
        objection=sum(t.objection for t in tallies),
        none=sum(t.none for t in tallies),
        paragraphs_all_agree=sum(1 for t in tallies if t.members and t.agreeing == t.members),
        paragraphs_objected=sum(1 for t in tallies if t.objection),
        paragraphs_reserved=sum(1 for t in tallies if t.reservation),
    )


# --- status counts at past moments -------------------------------------------------------------


def _indexed_history(session: Session, document_id: int) -> IndexedHistory:
    document = session.get(Document, document_id)
    if document is None:
        raise NotFound(
            f"There is no document {document_id}.",
            code="document.not_found",
            params={"id": document_id},
        )
    return index_history(session, document)


def status_counts_at(
    session: Session,
    *,
    document_id: int,
    moment: datetime,
    versions: dict[int, int] | None = None,
) -> dict[str, int]:
    """How many paragraphs were agreed, agreed ad ref, bracketed and open at `moment`.

    `versions` (paragraph id -> version, e.g. a revision's entries) counts exactly those
    paragraph versions; without it, the paragraphs that existed at `moment` at their version then.
    For many moments at once, use `revision_counts` (one load for all).
    """
    history = _indexed_history(session, document_id)
    pin = (to_naive_utc(moment), versions)
    return consensus_timeline.counts_over(history.facts, [pin], history.evaluator)[0]


def revision_counts(session: Session, *, document_id: int) -> dict[int, dict[str, int]]:
    """Revision number -> status counts at the moment it was issued, for its versions."""
    history = _indexed_history(session, document_id)
    counts = history.counts([(r.created_at, r.id) for r in history.revisions], datetime.min)
    return {r.number: c for r, c in zip(history.revisions, counts, strict=True)}
