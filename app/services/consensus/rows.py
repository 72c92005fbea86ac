"""The board's rows: each live paragraph evaluated by the consensus rules from what holds now
(its current positions on the head version, its pending amendments, its silence procedure).

The board (`board.py`) evaluates every paragraph after a write it cannot follow, and only the
paragraphs the events touched after one it can (`delta.py`); both go through `evaluate_rows`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from itertools import groupby
from typing import NamedTuple

from app.drafting import consensus
from app.drafting.consensus import ConsensusMode, Member, PositionFact, Stance
from app.drafting.labels import labels_for
from app.services.consensus.cache import iso_utc, silence_fact
from app.services.consensus.queries import (
    BoardInputs,
    HeadPosition,
    ParagraphRecord,
    PendingAmendmentRow,
    SilenceRecord,
)
from app.services.consensus.view import (
    HeldPosition,
    ParagraphRow,
    PendingAmendment,
    PendingInsertion,
    SilenceState,
)

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


def evaluate(
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


# Paragraph id -> (label, number within its section).
Places = dict[int, tuple[str, int]]


def places_of(inputs: BoardInputs, live: Sequence[ParagraphRecord]) -> Places:
    """Each live paragraph's label and number, in document order."""
    names = labels_for(
        inputs.numbering,
        sections=[(s.id, s.position, s.kind) for s in inputs.sections],
        paragraphs=[(p.id, p.section_id) for p in live],
    )
    numbers: dict[int, int] = {}
    places: Places = {}
    for p in live:
        number = numbers[p.section_id] = numbers.get(p.section_id, 0) + 1
        places[p.id] = (names[p.id], number)
    return places


def evaluate_rows(
    inputs: BoardInputs,
    members: list[Member],
    roster: consensus.Roster,
    mode: ConsensusMode,
    clock: datetime,
    places: Places | None = None,
) -> tuple[list[ParagraphRow], list[SilenceWatch], tuple[PendingInsertion, ...]]:
    """Rows of the live paragraphs in `inputs` (placed by `places`, else numbered here), the
    ones under silence (`row`: the index in these rows), and the proposed new paragraphs."""
    codes = [m.code for m in members]
    held = _held_on_head(inputs.on_head)
    pending, insertions = _pending(inputs.amendments)
    live = [p for p in inputs.paragraphs if p.deleted_at is None]
    silences = _silences_on_head(inputs.silences, live)
    places = places_of(inputs, live) if places is None else places
    rows: list[ParagraphRow] = []
    watched: list[SilenceWatch] = []
    for p in live:
        label, number = places[p.id]
        positions = held.facts.get(p.id, {})
        amendments = pending.get(p.id, ())
        procedure = silences.get(p.id)
        if procedure is not None:
            watched.append(SilenceWatch(len(rows), positions, len(amendments), procedure))
        shown = held.shown.get(p.id, {})
        rows.append(
            _paragraph_row(
                p,
                label=label,
                number=number,
                result=evaluate(roster, positions, len(amendments), procedure, mode, clock),
                procedure=procedure,
                positions={code: shown.get(code) for code in codes},
                previous=tuple(sorted(held.previous.get(p.id, ()))),
                amendments=amendments,
            )
        )
    return rows, watched, insertions


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
        reason_codes=result.reason_codes,
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


def with_verdict(
    row: ParagraphRow, result: consensus.ParagraphConsensus, procedure: SilenceRecord
) -> ParagraphRow:
    """The row as the rules decide it now (the kept rows are shared: never changed)."""
    return replace(
        row,
        status=result.status,
        reasons=result.reasons,
        reason_codes=result.reason_codes,
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
