"""The consensus rules: from stored positions, amendments, silence procedures and the clock to a
paragraph's status. Pure: nothing here reads a clock or a database; `now` is passed in.

The rules, each with its worked example, are written down in docs/consensus.md; the unit tests
in tests/drafting/test_consensus.py are named after them. In short, for the head version:

1. bracketed: a member objects or holds a reservation, or an amendment is pending;
2. agreed / agreed_ad_ref: otherwise, when every member supports or agrees ad referendum, or
   (in ``silence`` mode) a silence procedure held, so that silent members count as agreeing;
   ``agreed_ad_ref`` as soon as one member's agreement is ad referendum;
3. open: anything else.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import NamedTuple

from app.drafting.messages import Message, english

# A procedure's phase on its own lives in silence.py; the names stay importable from here.
from app.drafting.silence import SilenceFact as SilenceFact
from app.drafting.silence import SilencePhase as SilencePhase
from app.drafting.silence import format_time as format_time
from app.drafting.silence import silence_message
from app.drafting.silence import silence_phase as silence_phase


class Stance(StrEnum):
    SUPPORT = "support"
    AD_REFERENDUM = "ad_referendum"
    RESERVATION = "reservation"
    OBJECTION = "objection"


class Status(StrEnum):
    AGREED = "agreed"
    AGREED_AD_REF = "agreed_ad_ref"
    BRACKETED = "bracketed"
    OPEN = "open"


class ConsensusMode(StrEnum):
    # Every member must support or agree ad referendum; silence procedures are not allowed.
    EXPLICIT = "explicit"
    # (default) Explicit agreement of all members, or a silence procedure that held.
    SILENCE = "silence"


# On a tie in time, the more blocking stance is the current one: the cautious reading, and one
# that does not depend on the order rows come back from the database.
_SEVERITY = {
    Stance.SUPPORT: 0,
    Stance.AD_REFERENDUM: 1,
    Stance.RESERVATION: 2,
    Stance.OBJECTION: 3,
}
AGREEING = frozenset({Stance.SUPPORT, Stance.AD_REFERENDUM})
BLOC_ORDER = ("RCM", "SACM")
ALL_BLOCS = "ALL"

OBSERVERS_TAKE_NO_POSITION = "Only member delegations take positions."
OBJECTION_NEEDS_REASON = "An objection needs a reason."
PARAGRAPH_FROZEN = "The chairs have frozen this paragraph: no new amendments."
EXPLICIT_MODE_NO_SILENCE = "This document requires explicit agreement: no silence procedure."
DEADLINE_NOT_AFTER_START = "The deadline must be after the start of the silence procedure."


@dataclass(frozen=True)
class Member:
    code: str
    bloc: str  # "RCM" | "SACM"


class PositionFact(NamedTuple):
    # A named tuple: a board makes thousands, and a frozen dataclass costs five times as much.
    code: str
    stance: Stance
    taken_at: datetime
    note: str = ""


@dataclass(frozen=True)
class BlocTally:
    bloc: str
    members: int
    support: int
    ad_referendum: int
    reservation: int
    objection: int
    none: int  # members with no position on this version

    @property
    def agreeing(self) -> int:
        return self.support + self.ad_referendum


@dataclass(frozen=True)
class ParagraphConsensus:
    status: Status
    holdouts: tuple[str, ...]  # members whose agreement is missing or who object/reserve, sorted
    objections: tuple[str, ...]
    reservations: tuple[str, ...]
    ad_referendum: tuple[str, ...]
    tallies: tuple[BlocTally, ...]  # one per bloc, in bloc order, then overall as bloc "ALL"
    silence: SilencePhase | None
    reasons: tuple[str, ...]  # human-readable why, in a fixed order (see docs/consensus.md)
    # The same reasons as data (a code and its parameters), for every reader's language.
    reason_codes: tuple[Message, ...] = ()


# --- positions -----------------------------------------------------------------------------


def _position_key(fact: PositionFact) -> tuple[datetime, int, str]:
    return (fact.taken_at, _SEVERITY[Stance(fact.stance)], fact.note)


def current_positions(history: Iterable[PositionFact]) -> dict[str, PositionFact]:
    """The latest position of each delegation; ties in time go to the more blocking stance."""
    latest: dict[str, PositionFact] = {}
    for fact in history:
        held = latest.get(fact.code)
        if held is None or _position_key(fact) > _position_key(held):
            latest[fact.code] = fact
    return dict(sorted(latest.items()))


def positions_as_of(history: Iterable[PositionFact], t: datetime) -> dict[str, PositionFact]:
    """The positions that were current at time `t` (taken at or before it)."""
    return current_positions(fact for fact in history if fact.taken_at <= t)


def position_error(*, member: bool, stance: Stance, note: str) -> str | None:
    """Why a delegation cannot take this position as written, or None."""
    if not member:
        return OBSERVERS_TAKE_NO_POSITION
    if stance == Stance.OBJECTION and not note.strip():
        return OBJECTION_NEEDS_REASON
    return None


def amendment_error(*, frozen: bool) -> str | None:
    """Why no new amendment can be proposed to this paragraph, or None."""
    return PARAGRAPH_FROZEN if frozen else None


# --- silence procedures ----------------------------------------------------------------------


def breaks_silence(silence: SilenceFact, stance: Stance, at: datetime) -> bool:
    """Whether taking `stance` at `at` breaks the procedure (the service then records it)."""
    return stance == Stance.OBJECTION and (
        silence.started_at <= at and silence_phase(silence, at) == SilencePhase.RUNNING
    )


def silence_error(*, mode: ConsensusMode, started_at: datetime, deadline: datetime) -> str | None:
    """Why the chairs cannot start this silence procedure, or None."""
    if mode == ConsensusMode.EXPLICIT:
        return EXPLICIT_MODE_NO_SILENCE
    if deadline <= started_at:
        return DEADLINE_NOT_AFTER_START
    return None


def _effective_silence(
    silence: SilenceFact, objections: Mapping[str, PositionFact], now: datetime
) -> tuple[SilencePhase, str | None, datetime | None]:
    """Phase, breaker and time, also counting objections the service has not recorded yet."""
    phase = silence_phase(silence, now)
    if phase == SilencePhase.BROKEN:
        return phase, silence.broken_by, silence.broken_at
    if phase == SilencePhase.CANCELLED:
        return phase, None, None
    breaking = sorted(
        (fact.taken_at, code)
        for code, fact in objections.items()
        if silence.started_at <= fact.taken_at < silence.deadline and fact.taken_at <= now
    )
    if breaking:
        at, code = breaking[0]
        return SilencePhase.BROKEN, code, at
    return phase, None, None


def _silence_counts(silence: SilenceFact, mode: ConsensusMode, now: datetime) -> bool:
    # Not started by `now`: it does not exist yet (timelines); explicit mode: it never counts.
    return mode == ConsensusMode.SILENCE and silence.started_at <= now


def silence_holds(silence: SilenceFact | None, *, mode: ConsensusMode, now: datetime) -> bool:
    """Whether silent members count as agreeing at `now`, for `decide`. Objections do not
    matter: one that breaks the procedure brackets the paragraph anyway."""
    return (
        silence is not None
        and _silence_counts(silence, mode, now)
        and silence_phase(silence, now) == SilencePhase.HELD
    )


def decide(
    *,
    members: int,
    silent: int,
    objections: int,
    reservations: int,
    ad_referendum: int,
    pending_amendments: int,
    silence_held: bool,
) -> Status:
    """The status from counts alone: rules 1-3 without the who and why. `evaluate_paragraph`
    decides through it; timelines call it directly (`silent`: members with no position)."""
    if objections or reservations or pending_amendments:
        return Status.BRACKETED
    if members and (silence_held or not silent):
        return Status.AGREED_AD_REF if ad_referendum else Status.AGREED
    return Status.OPEN


# --- the paragraph -------------------------------------------------------------------------


def _bloc_sort_key(bloc: str) -> tuple[int, str]:
    return (BLOC_ORDER.index(bloc), "") if bloc in BLOC_ORDER else (len(BLOC_ORDER), bloc)


# Where each stance is counted in a tally row: support, ad_referendum, reservation, objection;
# then members without a position.
_SLOT = {stance: i for i, stance in enumerate(Stance)} | {s.value: i for i, s in enumerate(Stance)}
_NONE = len(Stance)


def _first_duplicate(codes: Iterable[str]) -> str | None:
    seen: set[str] = set()
    for code in codes:
        if code in seen:
            return code
        seen.add(code)
    return None


# Member codes by slot (support, ad referendum, reservation, objection, no position), sorted.
Held = tuple[list[str], list[str], list[str], list[str], list[str]]


class Roster:
    """The members, checked and ordered once: pass it as `members` to evaluate many paragraphs
    (a board) without doing that again for each."""

    def __init__(self, members: Sequence[Member]) -> None:
        by_code = {m.code: m for m in members}
        twice = _first_duplicate(m.code for m in members)
        if twice is not None:
            raise ValueError(f"duplicate member code: {twice}")
        self.size = len(by_code)
        blocs = sorted({m.bloc for m in members}, key=_bloc_sort_key)
        self.blocs = (*blocs, ALL_BLOCS)
        # By code, so every list of codes comes out sorted; with the member's bloc row.
        self.codes = tuple((code, blocs.index(by_code[code].bloc)) for code in sorted(by_code))

    def split(self, positions: Mapping[str, PositionFact]) -> tuple[Held, tuple[BlocTally, ...]]:
        """Codes by slot (each sorted) and the tallies per bloc, then overall (plain lists, not
        a Counter per member: this runs for every paragraph of a board)."""
        held: Held = ([], [], [], [], [])
        rows = [[0] * (_NONE + 1) for _ in self.blocs]
        get = positions.get
        for code, bloc in self.codes:
            fact = get(code)
            slot = _NONE if fact is None else _SLOT[fact.stance]  # a bad stance: KeyError
            held[slot].append(code)
            rows[bloc][slot] += 1
        if len(rows) > 1:  # overall: the sum of the blocs
            rows[-1] = [sum(column) for column in zip(*rows[:-1], strict=True)]
        tallies = tuple(
            BlocTally(bloc, sum(row), *row) for bloc, row in zip(self.blocs, rows, strict=True)
        )
        return held, tallies


def tally(
    *, members: Sequence[Member], positions: Mapping[str, PositionFact]
) -> tuple[BlocTally, ...]:
    """Counts per bloc (RCM, SACM, then any other alphabetically) and overall as bloc "ALL".

    Positions of non-members are ignored. Usable for a paragraph version or an amendment.
    """
    return Roster(members).split(positions)[1]


def evaluate_paragraph(
    *,
    members: Sequence[Member] | Roster,
    positions: Mapping[str, PositionFact],
    pending_amendments: int,
    silence: SilenceFact | None,
    mode: ConsensusMode,
    now: datetime,
) -> ParagraphConsensus:
    """The status of a paragraph's head version, with who holds it up and why.

    `positions` are the current positions on the head version (see `current_positions`),
    `silence` the latest procedure on the head version, if any.
    """
    if pending_amendments < 0:
        raise ValueError("pending_amendments cannot be negative")
    roster = members if isinstance(members, Roster) else Roster(members)
    held, tallies = roster.split(positions)
    _support, ad_referendum, reservations, objections, silent = held

    reasons = _blocking_reasons(objections, reservations, pending_amendments)
    phase: SilencePhase | None = None
    if silence is not None and _silence_counts(silence, mode, now):
        phase, breaker, broken_at = _effective_silence(
            silence, {c: positions[c] for c in objections}, now
        )
        reasons.append(silence_message(silence, phase, breaker, broken_at))
    silence_held = phase == SilencePhase.HELD
    missing = [] if silence_held else silent
    unanimous = not (silent or objections or reservations)
    reasons += _agreement_reasons(roster.size, missing, ad_referendum, unanimous=unanimous)

    status = decide(
        members=roster.size,
        silent=len(silent),
        objections=len(objections),
        reservations=len(reservations),
        ad_referendum=len(ad_referendum),
        pending_amendments=pending_amendments,
        silence_held=silence_held,
    )
    if not roster.size and status == Status.OPEN:
        reasons.append(Message("consensus.no_members"))

    return ParagraphConsensus(
        status=status,
        holdouts=tuple(sorted({*objections, *reservations, *missing})),
        objections=tuple(objections),
        reservations=tuple(reservations),
        ad_referendum=tuple(ad_referendum),
        tallies=tallies,
        silence=phase,
        reasons=tuple(english(r) for r in reasons),
        reason_codes=tuple(reasons),
    )


def _blocking_reasons(
    objections: Sequence[str], reservations: Sequence[str], pending_amendments: int
) -> list[Message]:
    reasons = [Message("consensus.objects", {"code": code}) for code in objections]
    reasons += [Message("consensus.reserves", {"code": code}) for code in reservations]
    if pending_amendments:
        code = (
            "consensus.pending_amendment"
            if pending_amendments == 1
            else "consensus.pending_amendments"
        )
        reasons.append(Message(code, {"count": pending_amendments}))
    return reasons


def _agreement_reasons(
    size: int, missing: Sequence[str], ad_referendum: Sequence[str], *, unanimous: bool
) -> list[Message]:
    # `missing` is empty when a silence procedure held: silent members then count as agreeing.
    reasons = (
        [Message("consensus.no_position", {"missing": len(missing), "size": size})]
        if missing
        else []
    )
    reasons += [Message("consensus.ad_referendum", {"code": code}) for code in ad_referendum]
    if size and unanimous:
        reasons.append(Message("consensus.all_agree", {"size": size}))
    return reasons


def summarize(statuses: Iterable[Status]) -> dict[str, int]:
    """How many paragraphs have each status, all four statuses included."""
    counts = Counter(statuses)  # a Status and its value are the same key
    _ = [Status(status) for status in counts]  # refuse anything that is not a status
    return {status.value: counts[status] for status in Status}
