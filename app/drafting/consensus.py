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
from datetime import UTC, datetime
from enum import StrEnum


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


class SilencePhase(StrEnum):
    RUNNING = "running"
    HELD = "held"
    BROKEN = "broken"
    CANCELLED = "cancelled"


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


@dataclass(frozen=True)
class PositionFact:
    code: str
    stance: Stance
    taken_at: datetime
    note: str = ""


@dataclass(frozen=True)
class SilenceFact:
    deadline: datetime
    started_at: datetime
    cancelled_at: datetime | None = None
    broken_by: str | None = None
    broken_at: datetime | None = None


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


def silence_phase(silence: SilenceFact, now: datetime) -> SilencePhase:
    """Where a procedure stands at `now`, from its stored facts.

    A break or cancellation counts only if it happened before the deadline and by `now`; the
    earlier of the two wins. At the deadline itself the procedure has held.
    """
    events: list[tuple[datetime, SilencePhase]] = []
    if silence.broken_at is not None:
        events.append((silence.broken_at, SilencePhase.BROKEN))
    if silence.cancelled_at is not None:
        events.append((silence.cancelled_at, SilencePhase.CANCELLED))
    for at, phase in sorted(events):
        if at < silence.deadline and at <= now:
            return phase
    return SilencePhase.HELD if now >= silence.deadline else SilencePhase.RUNNING


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


# --- the paragraph -------------------------------------------------------------------------


def format_time(t: datetime) -> str:
    """'2026-12-01 18:00 UTC' (naive datetimes are taken to be UTC)."""
    if t.tzinfo is not None:
        t = t.astimezone(UTC)
    return t.strftime("%Y-%m-%d %H:%M UTC")


def _bloc_sort_key(bloc: str) -> tuple[int, str]:
    return (BLOC_ORDER.index(bloc), "") if bloc in BLOC_ORDER else (len(BLOC_ORDER), bloc)


def _unique_members(members: Sequence[Member]) -> dict[str, Member]:
    by_code: dict[str, Member] = {}
    for member in members:
        if member.code in by_code:
            raise ValueError(f"duplicate member code: {member.code}")
        by_code[member.code] = member
    return by_code


def tally(
    *, members: Sequence[Member], positions: Mapping[str, PositionFact]
) -> tuple[BlocTally, ...]:
    """Counts per bloc (RCM, SACM, then any other alphabetically) and overall as bloc "ALL".

    Positions of non-members are ignored. Usable for a paragraph version or an amendment.
    """
    by_code = _unique_members(members)
    counts: dict[str, Counter[str]] = {}
    for code, member in by_code.items():
        fact = positions.get(code)
        stance = "none" if fact is None else Stance(fact.stance).value
        for bloc in (member.bloc, ALL_BLOCS):
            counts.setdefault(bloc, Counter())[stance] += 1
    blocs = sorted((b for b in counts if b != ALL_BLOCS), key=_bloc_sort_key) + [ALL_BLOCS]
    return tuple(_bloc_tally(bloc, counts.get(bloc, Counter())) for bloc in blocs)


def _bloc_tally(bloc: str, c: Counter[str]) -> BlocTally:
    return BlocTally(
        bloc=bloc,
        members=sum(c.values()),
        support=c[Stance.SUPPORT.value],
        ad_referendum=c[Stance.AD_REFERENDUM.value],
        reservation=c[Stance.RESERVATION.value],
        objection=c[Stance.OBJECTION.value],
        none=c["none"],
    )


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def evaluate_paragraph(
    *,
    members: Sequence[Member],
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
    by_code = _unique_members(members)
    mine = {code: fact for code, fact in positions.items() if code in by_code}

    def having(stance: Stance) -> tuple[str, ...]:
        return tuple(sorted(code for code, fact in mine.items() if fact.stance == stance))

    objections = having(Stance.OBJECTION)
    reservations = having(Stance.RESERVATION)
    ad_referendum = having(Stance.AD_REFERENDUM)
    silent = tuple(sorted(code for code in by_code if code not in mine))

    phase: SilencePhase | None = None
    reasons = [f"{code} objects" for code in objections]
    reasons += [f"{code} reserves" for code in reservations]
    if pending_amendments:
        reasons.append(_plural(pending_amendments, "pending amendment"))
    # A procedure that has not started by `now` does not exist yet (timelines); in explicit
    # mode a procedure never counts.
    if silence is not None and mode == ConsensusMode.SILENCE and silence.started_at <= now:
        phase, breaker, broken_at = _effective_silence(
            silence, {c: positions[c] for c in objections}, now
        )
        reasons.append(_silence_reason(silence, phase, breaker, broken_at))

    silence_held = phase == SilencePhase.HELD
    missing = () if silence_held else silent
    if missing:
        reasons.append(f"{len(missing)} of {len(by_code)} members have taken no position")
    reasons += [f"{code} agrees ad referendum" for code in ad_referendum]

    if by_code and not (silent or objections or reservations):
        reasons.append(f"all {len(by_code)} members agree")

    if objections or reservations or pending_amendments:
        status = Status.BRACKETED
    elif by_code and not missing:
        status = Status.AGREED_AD_REF if ad_referendum else Status.AGREED
    else:
        status = Status.OPEN
        if not by_code:
            reasons.append("no members")

    return ParagraphConsensus(
        status=status,
        holdouts=tuple(sorted(set(objections) | set(reservations) | set(missing))),
        objections=objections,
        reservations=reservations,
        ad_referendum=ad_referendum,
        tallies=tally(members=members, positions=mine),
        silence=phase,
        reasons=tuple(reasons),
    )


def _silence_reason(
    silence: SilenceFact, phase: SilencePhase, breaker: str | None, broken_at: datetime | None
) -> str:
    deadline = format_time(silence.deadline)
    if phase == SilencePhase.RUNNING:
        return f"silence running until {deadline}"
    if phase == SilencePhase.HELD:
        return f"silence held until {deadline}"
    if phase == SilencePhase.CANCELLED:
        assert silence.cancelled_at is not None
        return f"silence cancelled at {format_time(silence.cancelled_at)}"
    by = f" by {breaker}" if breaker else ""
    at = f" at {format_time(broken_at)}" if broken_at is not None else ""
    return f"silence broken{by}{at}"


def summarize(statuses: Iterable[Status]) -> dict[str, int]:
    """How many paragraphs have each status, all four statuses included."""
    counts = Counter(Status(s).value for s in statuses)
    return {status.value: counts[status.value] for status in Status}
