"""The co-chairs' consensus board: every paragraph's status and who holds it, in a fixed
number of queries (one per table read, never one per paragraph), plus a timeline.

Nothing here decides a status: app/drafting/consensus.py does, from the rows loaded by
app/services/consensus/queries.py. The board reads only what holds now (current positions on
head versions, pending amendments); the timeline's history is read and kept by
app/services/consensus/cache.py. The board's shape is app/services/consensus/view.py.
Costs: docs/performance.md.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from itertools import groupby
from typing import NamedTuple

from sqlmodel import Session

from app.drafting import consensus
from app.drafting import timeline as consensus_timeline
from app.drafting.consensus import BlocTally, ConsensusMode, Member, PositionFact, Stance, Status
from app.drafting.labels import paragraph_label
from app.errors import NotFound
from app.models import Document
from app.services.consensus import queries as board_queries
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
from app.services.consensus.queries import (
    BoardInputs,
    HeadPosition,
    ParagraphRecord,
    PendingAmendmentRow,
    SectionRecord,
    SilenceRecord,
)
from app.services.consensus.view import (
    BlocSummary,
    Board,
    Delegation,
    HeldPosition,
    ParagraphRow,
    PendingAmendment,
    PendingInsertion,
    SectionSummary,
    SilenceState,
)

DAYS = 60  # the per-day timeline covers at most the last 60 days
EXCERPT = 160
_STANCES = {s.value: s for s in Stance}  # stored values to stances, without an enum call each


def _excerpt(text: str) -> str:
    return text if len(text) <= EXCERPT else text[: EXCERPT - 1].rstrip() + "…"


class SilenceWatch(NamedTuple):
    """A paragraph under a silence procedure: its phase, and so its verdict, moves with the
    clock, so it is evaluated again on every board."""

    row: int  # its index in the board's rows
    positions: dict[str, PositionFact]
    pending: int  # pending amendments
    procedure: SilenceRecord


@dataclass(frozen=True)
class BoardAsWritten:
    """What the board shows that only a write can change, and the paragraphs the clock can."""

    inputs: BoardInputs  # sections, paragraphs, silences (the history reuses them)
    rows: tuple[ParagraphRow, ...]  # one per live paragraph, as evaluated when it was kept
    insertions: tuple[PendingInsertion, ...]
    under_silence: tuple[SilenceWatch, ...]


_BOARDS: WriteCache[BoardAsWritten] = WriteCache()


def board(session: Session, *, document: Document, now: datetime, days: int = DAYS) -> Board:
    """The board for the whole document; `view.to_json` writes it as the API does.

    What only a write can change is kept per document and write (cache.WriteCache): a board
    after a write reads and evaluates everything; the next ones re-evaluate only the
    paragraphs under silence, whose phase moves with the clock.
    """
    members, names = board_queries.members_and_names(session)
    mode = ConsensusMode(document.consensus_mode)
    clock = to_naive_utc(now)  # the rows' times are naive UTC
    roster = consensus.Roster(members)
    key = write_key(session, document, members)
    written = _BOARDS.get(
        session,
        board_queries.saved_id(document),
        key,
        lambda: _read_and_evaluate(session, document, members, roster, clock),
    )
    rows = list(written.rows)
    for watch in written.under_silence:
        result = _evaluate(roster, watch.positions, watch.pending, watch.procedure, mode, clock)
        rows[watch.row] = _with_verdict(rows[watch.row], result, watch.procedure)
    return Board(
        document_id=board_queries.saved_id(document),
        title=document.title,
        mode=mode,
        generated_at=iso_utc(clock),
        members=tuple(Delegation(m.code, m.bloc, names[m.code]) for m in members),
        paragraphs=tuple(rows),
        sections=_section_summaries(written.inputs.sections, rows),
        blocs=_bloc_summaries(rows),
        totals=consensus.summarize(row.status for row in rows),
        pending_insertions=written.insertions,
        timeline=timeline(session, document, key, now, days, written.inputs),
    )


def _evaluate(
    roster: consensus.Roster,
    positions: dict[str, PositionFact],
    pending: int,
    procedure: SilenceRecord | None,
    mode: ConsensusMode,
    clock: datetime,
) -> consensus.ParagraphConsensus:
    return consensus.evaluate_paragraph(
        members=roster,
        positions=positions,
        pending_amendments=pending,
        silence=silence_fact(procedure) if procedure else None,
        mode=mode,
        now=clock,
    )


# --- what only a write can change --------------------------------------------------------------


class _HeldOnHead(NamedTuple):
    facts: dict[int, dict[str, PositionFact]]  # paragraph id -> code -> what the rules read
    shown: dict[int, dict[str, HeldPosition]]  # the same positions as the board shows them
    previous: dict[int, set[str]]  # paragraph id -> who agreed to the version before the head


def _held_on_head(on_head: Sequence[HeadPosition]) -> _HeldOnHead:
    held = _HeldOnHead({}, {}, {})
    for pid, head, code, stance, note, at in on_head:  # oldest first: the later wins
        if head:
            if pid not in held.facts:
                held.facts[pid], held.shown[pid] = {}, {}
            held.facts[pid][code] = PositionFact(code, _STANCES[stance], at, note)
            held.shown[pid][code] = HeldPosition(stance, note, iso_utc(at))
        else:
            held.previous.setdefault(pid, set()).add(code)
    return held


def _pending(
    rows: Sequence[PendingAmendmentRow],
) -> tuple[dict[int, tuple[PendingAmendment, ...]], tuple[PendingInsertion, ...]]:
    """Pending amendments by the paragraph they amend, and proposed new paragraphs."""
    on_paragraph: dict[int, list[PendingAmendment]] = {}
    insertions: list[PendingInsertion] = []
    for _id, joined in groupby(rows, key=lambda row: row[0]):  # a row per sponsor, as they joined
        group = list(joined)
        amendment_id, kind, pid, section_id, after, proposer, _sponsor = group[0]
        sponsors = tuple(sponsor for *_, sponsor in group if sponsor is not None)
        if pid is None:
            insertions.append(
                PendingInsertion(amendment_id, kind, proposer, sponsors, section_id, after)
            )
        else:
            on_paragraph.setdefault(pid, []).append(
                PendingAmendment(amendment_id, kind, proposer, sponsors)
            )
    return {pid: tuple(items) for pid, items in on_paragraph.items()}, tuple(insertions)


def _silences_on_head(
    silences: Sequence[SilenceRecord], live: Sequence[ParagraphRecord]
) -> dict[int, SilenceRecord]:
    heads = {p.id: p.head_version for p in live}
    on_head = {}
    for s in silences:  # by start: the latest on the head version wins
        if heads.get(s.paragraph_id) == s.version_number:
            on_head[s.paragraph_id] = s
    return on_head


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
    codes = [m.code for m in members]
    held = _held_on_head(inputs.on_head)
    pending, insertions = _pending(inputs.amendments)
    live = [p for p in inputs.paragraphs if p.deleted_at is None]
    silences = _silences_on_head(inputs.silences, live)
    section_positions = {s.id: s.position for s in inputs.sections}
    numbers: dict[int, int] = {}
    rows: list[ParagraphRow] = []
    watched: list[SilenceWatch] = []
    for p in live:
        number = numbers[p.section_id] = numbers.get(p.section_id, 0) + 1
        positions = held.facts.get(p.id, {})
        amendments = pending.get(p.id, ())
        procedure = silences.get(p.id)
        if procedure is not None:
            watched.append(SilenceWatch(len(rows), positions, len(amendments), procedure))
        shown = held.shown.get(p.id, {})
        rows.append(
            _paragraph_row(
                p,
                label=paragraph_label(section_positions[p.section_id], number),
                number=number,
                result=_evaluate(roster, positions, len(amendments), procedure, mode, clock),
                procedure=procedure,
                positions={code: shown.get(code) for code in codes},
                previous=tuple(sorted(held.previous.get(p.id, ()))),
                amendments=amendments,
            )
        )
    return BoardAsWritten(inputs, tuple(rows), insertions, tuple(watched))


def _paragraph_row(
    p: ParagraphRecord,
    *,
    label: str,
    number: int,
    result: consensus.ParagraphConsensus,
    procedure: SilenceRecord | None,
    positions: dict[str, HeldPosition | None],
    previous: tuple[str, ...],
    amendments: tuple[PendingAmendment, ...],
) -> ParagraphRow:
    return ParagraphRow(
        id=p.id,
        label=label,
        number=number,
        section_id=p.section_id,
        head_version=p.head_version,
        excerpt=_excerpt(p.head_text),
        frozen=p.frozen,
        status=result.status,
        reasons=result.reasons,
        holdouts=result.holdouts,
        objections=result.objections,
        reservations=result.reservations,
        ad_referendum=result.ad_referendum,
        silence=_silence_state(procedure, result),
        tallies=result.tallies,
        positions=positions,
        previous_version_support=previous,
        pending_amendments=amendments,
    )


def _with_verdict(
    row: ParagraphRow, result: consensus.ParagraphConsensus, procedure: SilenceRecord
) -> ParagraphRow:
    """The row as the rules decide it now (the kept rows are shared: never changed)."""
    return replace(
        row,
        status=result.status,
        reasons=result.reasons,
        holdouts=result.holdouts,
        objections=result.objections,
        reservations=result.reservations,
        ad_referendum=result.ad_referendum,
        silence=_silence_state(procedure, result),
        tallies=result.tallies,
    )


def _silence_state(
    procedure: SilenceRecord | None, result: consensus.ParagraphConsensus
) -> SilenceState | None:
    if procedure is None:
        return None
    return SilenceState(
        id=procedure.id,
        version=procedure.version_number,
        revision_number=procedure.revision_number,
        started_at=iso_utc(procedure.started_at),
        deadline=iso_utc(procedure.deadline),
        phase=result.silence,
        broken_by=procedure.broken_by_code,
        broken_at=iso_utc(procedure.broken_at),
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
        raise NotFound(f"There is no document {document_id}.")
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
