"""How many paragraphs were agreed, bracketed and open at past moments, without a query per
moment or an evaluation per paragraph and moment.

Every status still comes from consensus.evaluate_paragraph. Two facts about the rules make the
timeline cheap (both tested in tests/services/test_consensus_timeline.py against the rules):

- a paragraph's status changes only at a stored time (a version, a position, a withdrawal, an
  amendment opened or settled, a silence procedure started, broken, cancelled or reaching its
  deadline), so between two of those times the previous answer is reused;
- the status depends on how many members hold each stance (and, under silence, when the
  objections came), not on which members: it is evaluated once per distinct combination, on a
  representative set of members, and remembered.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from app.drafting import consensus
from app.drafting.consensus import ConsensusMode, Member, PositionFact, SilenceFact, Stance, Status

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_ORDER = (Stance.SUPPORT, Stance.AD_REFERENDUM, Stance.RESERVATION)
_STANCE = {s.value: s for s in Stance}


# What decides a status among the positions on a version: how many members support, agree ad
# referendum and reserve, and when the current objections were taken (sorted).
Stances = tuple[int, int, int, tuple[datetime, ...]]
NO_STANCES: Stances = (0, 0, 0, ())


@dataclass
class VersionFacts:
    """Positions on one version as a step function: times, and the stances held after each."""

    times: list[datetime] = field(default_factory=list)
    stances: list[Stances] = field(default_factory=list)
    silences: list[SilenceFact] = field(default_factory=list)  # by started_at


@dataclass
class ParagraphFacts:
    id: int
    section_id: int
    created_at: datetime
    deleted_at: datetime | None
    version_times: list[datetime]  # created_at of version 1, 2, ...
    versions: dict[int, VersionFacts]
    pending_times: list[datetime]  # when the number of pending amendments changed
    pending_counts: list[int]  # the number from that time on
    changes: list[datetime]  # every time the status could change, sorted


def _steps(events: list[tuple]) -> VersionFacts:
    """Replay one version's positions and withdrawals in time order."""
    facts = VersionFacts()
    held: dict[str, tuple[datetime, str, str]] = {}
    counts = dict.fromkeys(_ORDER, 0)
    objections: dict[str, datetime] = {}
    # Stable sort by time; a withdrawal goes after a position taken at the same instant.
    for at, _withdrawal, code, stance, note in sorted(events, key=lambda e: (e[0], e[1])):
        before = held.pop(code, None)
        if before is not None:
            if before[1] == Stance.OBJECTION:
                del objections[code]
            else:
                counts[before[1]] -= 1
        if stance is not None:
            if before is not None and before[0] == at:  # a tie in time: the rules decide
                fact = consensus.current_positions(
                    [
                        PositionFact(code, before[1], at, before[2]),
                        PositionFact(code, stance, at, note),
                    ]
                )[code]
                stance, note = fact.stance, fact.note
            held[code] = (at, stance, note)
            if stance == Stance.OBJECTION:
                objections[code] = at
            else:
                counts[stance] += 1
        step = (
            counts[Stance.SUPPORT],
            counts[Stance.AD_REFERENDUM],
            counts[Stance.RESERVATION],
            tuple(sorted(objections.values())),
        )
        if facts.times and facts.times[-1] == at:
            facts.stances[-1] = step
        else:
            facts.times.append(at)
            facts.stances.append(step)
    return facts


def build(
    *,
    paragraph_id: int,
    section_id: int,
    created_at: datetime,
    deleted_at: datetime | None,
    version_times: list[datetime],
    takes: Iterable[tuple[int, datetime, str, str | None, str]],
    amendments: Iterable[tuple[datetime, datetime | None]],
    silences: Iterable[tuple[int, SilenceFact]],
    member_codes: frozenset[str],
) -> ParagraphFacts:
    """Index one paragraph's history. `takes`: (version, at, code, stance or None for a
    withdrawal, note); positions of non-members are left out, as the rules do."""
    by_version: dict[int, list] = {}
    changes = set(version_times)
    changes.add(created_at)
    if deleted_at is not None:
        changes.add(deleted_at)
    for version, at, code, stance, note in takes:
        if code in member_codes:
            stance = None if stance is None else _STANCE[stance]
            by_version.setdefault(version, []).append((at, stance is None, code, stance, note))
            changes.add(at)
    versions = {version: _steps(events) for version, events in by_version.items()}
    for version, silence in sorted(silences, key=lambda s: s[1].started_at):
        versions.setdefault(version, VersionFacts()).silences.append(silence)
        changes.update(
            t
            for t in (silence.started_at, silence.deadline, silence.cancelled_at, silence.broken_at)
            if t is not None
        )
    steps: dict[datetime, int] = {}
    for opened, settled in amendments:
        steps[opened] = steps.get(opened, 0) + 1
        if settled is not None:
            steps[settled] = steps.get(settled, 0) - 1
    pending_times, pending_counts, running = [], [], 0
    for at in sorted(steps):
        running += steps[at]
        pending_times.append(at)
        pending_counts.append(running)
    changes.update(pending_times)
    return ParagraphFacts(
        id=paragraph_id,
        section_id=section_id,
        created_at=created_at,
        deleted_at=deleted_at,
        version_times=version_times,
        versions=versions,
        pending_times=pending_times,
        pending_counts=pending_counts,
        changes=sorted(changes),
    )


class Evaluator:
    """Statuses for one set of members and one mode, remembered by what decides them.

    The memo is of a pure function (same inputs, same status), so it is kept across requests,
    per set of members and mode, and simply emptied when it grows too large.
    """

    _shared: dict[tuple, dict[tuple, Status]] = {}
    LIMIT = 200_000

    def __init__(self, members: Sequence[Member], mode: ConsensusMode) -> None:
        self.members = tuple(members)
        self.mode = mode
        self._memo = self._shared.setdefault((self.members, mode), {})
        if len(self._memo) > self.LIMIT:
            self._memo.clear()

    def status(
        self, stances: Stances, pending: int, silence: SilenceFact | None, now: datetime
    ) -> Status:
        support, ad_ref, reservation, objections = stances
        if silence is None or self.mode != ConsensusMode.SILENCE or silence.started_at > now:
            key = (support, ad_ref, reservation, len(objections), pending, None, None)
            silence = None
        else:
            # Under silence the status depends on `now` only through which stored times have
            # passed: the latest of them stands for `now` (every rule compares `x <= now`).
            passed = [
                t
                for t in (
                    silence.started_at,
                    silence.deadline,
                    silence.cancelled_at,
                    silence.broken_at,
                    *objections,
                )
                if t is not None and t <= now
            ]
            key = (support, ad_ref, reservation, objections, pending, silence, max(passed))
        status = self._memo.get(key)
        if status is None:
            status = self._memo[key] = self._evaluate(key, silence)
        return status

    def _evaluate(self, key: tuple, silence: SilenceFact | None) -> Status:
        support, ad_ref, reservation, objections, pending, _silence, now = key
        if isinstance(objections, int):
            objections = (EPOCH,) * objections
        members = iter(self.members)
        positions = {}
        for stance, n in zip(_ORDER, (support, ad_ref, reservation), strict=True):
            for _ in range(n):
                code = next(members).code
                positions[code] = PositionFact(code, stance, EPOCH)
        for at in objections:
            code = next(members).code
            positions[code] = PositionFact(code, Stance.OBJECTION, at, "objection")
        return consensus.evaluate_paragraph(
            members=self.members,
            positions=positions,
            pending_amendments=pending,
            silence=silence,
            mode=self.mode,
            now=now or EPOCH,
        ).status


def _exists(p: ParagraphFacts, t: datetime) -> bool:
    return (
        p.created_at <= t
        and (p.deleted_at is None or p.deleted_at > t)
        and bool(p.version_times)
        and p.version_times[0] <= t
    )


def status_at(p: ParagraphFacts, version: int, t: datetime, evaluator: Evaluator) -> Status:
    """The status of `version` of the paragraph as it stood at `t`."""
    facts = p.versions.get(version)
    stances, silence = NO_STANCES, None
    if facts is not None:
        i = bisect_right(facts.times, t)
        stances = facts.stances[i - 1] if i else NO_STANCES
        started = [s for s in facts.silences if s.started_at <= t]
        silence = started[-1] if started else None
    j = bisect_right(p.pending_times, t)
    pending = p.pending_counts[j - 1] if j else 0
    return evaluator.status(stances, pending, silence, t)


def current_version(p: ParagraphFacts, t: datetime) -> int:
    return bisect_right(p.version_times, t)


def counts_over(
    paragraphs: Sequence[ParagraphFacts],
    moments: Sequence[tuple[datetime, dict[int, int] | None]],
    evaluator: Evaluator,
) -> list[dict[str, int]]:
    """Status counts at each moment, in the order given. A moment pins versions (a revision:
    paragraph id -> version, only those paragraphs count) or takes what existed then (None)."""
    order = sorted(range(len(moments)), key=lambda i: moments[i][0])
    statuses: list[list[Status]] = [[] for _ in moments]
    for p in paragraphs:
        last_t, last_version, last_status = None, None, None
        for i in order:
            t, pinned = moments[i]
            if pinned is None:
                if not _exists(p, t):
                    continue
                version = current_version(p, t)
            else:
                version = pinned.get(p.id)
                if version is None:
                    continue
            # Nothing about this paragraph changed since the last moment: same answer.
            unchanged = (
                last_t is not None
                and version == last_version
                and bisect_right(p.changes, t) == bisect_right(p.changes, last_t)
            )
            if not unchanged:
                last_status = status_at(p, version, t, evaluator)
            last_t, last_version = t, version
            statuses[i].append(last_status)
    return [consensus.summarize(s) for s in statuses]
