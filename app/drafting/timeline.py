"""How many paragraphs were agreed, bracketed and open at past moments, without a query per
moment or an evaluation per paragraph and moment.

Every status comes from the rules (`consensus.decide`, the status-only path that
`evaluate_paragraph` decides through). Two facts about the rules make the timeline cheap (both
tested in tests/services/test_consensus_timeline.py against `evaluate_paragraph`):

- a paragraph's status changes only at a stored time (a version, a position, a withdrawal, an
  amendment opened or settled, a silence procedure started, broken, cancelled or reaching its
  deadline), so between two of those times the previous answer is reused;
- the status depends on how many members hold each stance, not on which members nor (since
  any objection brackets) on when the objections came: each version's positions are replayed
  once into a step function of four counts, and a moment is a binary search into it.

Times only need to be comparable with each other: the board passes naive UTC throughout.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from itertools import groupby
from operator import itemgetter
from typing import Protocol

from app.drafting import consensus
from app.drafting.consensus import ConsensusMode, Member, PositionFact, SilenceFact, Stance, Status

# Where a stance is counted: support, ad referendum, reservation, objection (severity order).
_SLOT = {s.value: i for i, s in enumerate(Stance)}
_STANCE = tuple(Stance)

# The positions held on a version: how many members support, agree ad referendum, reserve and
# object.
Stances = tuple[int, int, int, int]
NO_STANCES: Stances = (0, 0, 0, 0)


class DatedParagraph(Protocol):
    """What the timeline reads of a paragraph row (naive UTC, like every other time)."""

    @property
    def id(self) -> int: ...
    @property
    def section_id(self) -> int: ...
    @property
    def created_at(self) -> datetime: ...
    @property
    def deleted_at(self) -> datetime | None: ...


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


def _steps(events: Iterable[tuple[datetime, str, str | None]]) -> VersionFacts:
    """Replay one version's positions and withdrawals, (at, code, stance or None), in time
    order; a withdrawal goes after a position taken at the same instant."""
    facts = VersionFacts()
    times, stances = facts.times, facts.stances
    held: dict[str, tuple[datetime, str]] = {}
    counts = [0, 0, 0, 0]
    for at, code, stance in events:
        before = held.pop(code, None)
        if before is not None:
            counts[_SLOT[before[1]]] -= 1
            if stance is not None and before[0] == at:  # a tie in time: the rules decide
                stance = consensus.current_positions(
                    [
                        PositionFact(code, Stance(before[1]), at),
                        PositionFact(code, Stance(stance), at),
                    ]
                )[code].stance.value
        if stance is not None:
            held[code] = (at, stance)
            counts[_SLOT[stance]] += 1
        now: Stances = (counts[0], counts[1], counts[2], counts[3])
        if times and times[-1] == at:
            stances[-1] = now
        else:
            times.append(at)
            stances.append(now)
    return facts


def _paragraph(
    *,
    paragraph_id: int,
    section_id: int,
    created_at: datetime,
    deleted_at: datetime | None,
    version_times: list[datetime],
    versions: dict[int, VersionFacts],
    amendments: Iterable[tuple[datetime, datetime | None]],
    silences: Iterable[tuple[int, SilenceFact]],
) -> ParagraphFacts:
    changes = set(version_times)
    changes.add(created_at)
    if deleted_at is not None:
        changes.add(deleted_at)
    for facts in versions.values():
        changes.update(facts.times)
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
    pending_times, pending_counts, running = sorted(steps), [], 0
    for at in pending_times:
        running += steps[at]
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
    withdrawal, note), in any order; positions of non-members are left out, as the rules do."""
    by_version: dict[int, list[tuple[datetime, bool, str, str | None]]] = {}
    for version, at, code, stance, _note in takes:
        if code in member_codes:
            by_version.setdefault(version, []).append((at, stance is None, code, stance))
    versions = {
        version: _steps((at, code, stance) for at, _w, code, stance in sorted(events))
        for version, events in by_version.items()
    }
    return _paragraph(
        paragraph_id=paragraph_id,
        section_id=section_id,
        created_at=created_at,
        deleted_at=deleted_at,
        version_times=version_times,
        versions=versions,
        amendments=amendments,
        silences=silences,
    )


def build_all(
    paragraphs: Iterable[DatedParagraph],
    *,
    takes: Sequence[tuple[int, int, datetime, str, str | None]],
    amendments: Iterable[tuple[int, datetime, datetime | None]],
    silences: Iterable[tuple[int, int, SilenceFact]],
    version_times: dict[int, list[datetime]],
) -> list[ParagraphFacts]:
    """Index every paragraph's history at once. `paragraphs`: rows with id, section_id,
    created_at, deleted_at; `takes`: members' (paragraph_id, version, at, code, stance or None
    for a withdrawal), sorted by paragraph, version and time (withdrawals last at an instant)."""
    versions: dict[int, dict[int, VersionFacts]] = {}
    for (paragraph_id, version), rows in groupby(takes, key=itemgetter(0, 1)):
        facts = _steps((at, code, stance) for _p, _v, at, code, stance in rows)
        versions.setdefault(paragraph_id, {})[version] = facts
    opened: dict[int, list[tuple[datetime, datetime | None]]] = {}
    for paragraph_id, created, settled in amendments:
        opened.setdefault(paragraph_id, []).append((created, settled))
    silenced: dict[int, list[tuple[int, SilenceFact]]] = {}
    for paragraph_id, version, silence in silences:
        silenced.setdefault(paragraph_id, []).append((version, silence))
    return [
        _paragraph(
            paragraph_id=p.id,
            section_id=p.section_id,
            created_at=p.created_at,
            deleted_at=p.deleted_at,
            version_times=version_times.get(p.id, []),
            versions=versions.get(p.id, {}),
            amendments=opened.get(p.id, ()),
            silences=silenced.get(p.id, ()),
        )
        for p in paragraphs
    ]


class Evaluator:
    """Statuses for one set of members and one mode, from the counts a step function holds."""

    def __init__(self, members: Sequence[Member], mode: ConsensusMode) -> None:
        self.members = tuple(members)
        self.size = consensus.Roster(self.members).size  # refuses duplicate members
        self.mode = mode

    def status(
        self, stances: Stances, pending: int, silence: SilenceFact | None, now: datetime
    ) -> Status:
        support, ad_ref, reservation, objection = stances
        return consensus.decide(
            members=self.size,
            silent=self.size - support - ad_ref - reservation - objection,
            objections=objection,
            reservations=reservation,
            ad_referendum=ad_ref,
            pending_amendments=pending,
            silence_held=silence is not None
            and consensus.silence_holds(silence, mode=self.mode, now=now),
        )


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
        if i:
            stances = facts.stances[i - 1]
        for started in facts.silences:  # by start: the latest started by `t`
            if started.started_at > t:
                break
            silence = started
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
        last: tuple[int, int, Status] | None = None  # version, change index, status
        for i in order:
            t, pinned = moments[i]
            if pinned is None:
                if not _exists(p, t):
                    continue
                version = bisect_right(p.version_times, t)
            else:
                pinned_version = pinned.get(p.id)
                if pinned_version is None:
                    continue
                version = pinned_version
            # Nothing about this paragraph changed since the last moment: same answer.
            change = bisect_right(p.changes, t)
            if last is None or last[0] != version or last[1] != change:
                last = (version, change, status_at(p, version, t, evaluator))
            statuses[i].append(last[2])
    return [consensus.summarize(s) for s in statuses]
