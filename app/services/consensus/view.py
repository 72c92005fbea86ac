"""The consensus board as the co-chairs see it: typed, frozen rows, in the order and with the
names the JSON shows them (documented by `ConsensusBoard` in app/models/position.py).

Timestamps are already ISO 8601 UTC strings ("2026-12-01T09:00:00Z"): the board keeps its rows
between requests, so they are formatted once. `to_json` writes a board through a serializer
built once from these classes (no validation, no dict per row); a value of the wrong type is
an error, not a silently different JSON.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import TypeAdapter

from app.drafting.consensus import BlocTally, ConsensusMode, SilencePhase, Status
from app.drafting.messages import Message

# Paragraphs per status: "agreed", "agreed_ad_ref", "bracketed", "open" (consensus.summarize).
StatusCounts = dict[str, int]


@dataclass(frozen=True, slots=True)
class Delegation:
    code: str
    bloc: str
    name: str


@dataclass(frozen=True, slots=True)
class HeldPosition:
    """A delegation's current position on the head version."""

    stance: str  # a Stance value, as stored
    note: str
    taken_at: str


@dataclass(frozen=True, slots=True)
class PendingAmendment:
    """A pending amendment to a paragraph, with the delegations sponsoring it (in the order
    they joined, the proposer among them)."""

    id: int
    kind: str
    proposer: str
    sponsors: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PendingInsertion(PendingAmendment):
    """A proposed new paragraph, placed by section and the paragraph it follows."""

    section_id: int | None
    after_paragraph_id: int | None


@dataclass(frozen=True, slots=True)
class SilenceState:
    """The silence procedure on the head version, and its phase now."""

    id: int
    version: int
    revision_number: int | None
    started_at: str
    deadline: str
    phase: SilencePhase | None
    broken_by: str | None
    broken_at: str | None


@dataclass(frozen=True, slots=True)
class ParagraphRow:
    """One live paragraph: where it stands, who holds it up and why, and who holds what."""

    id: int
    label: str
    number: int
    section_id: int
    head_version: int
    excerpt: str
    frozen: bool
    # The verdict: what the consensus rules decide from the positions and amendments below.
    status: Status
    reasons: tuple[str, ...]
    reason_codes: tuple[Message, ...]
    holdouts: tuple[str, ...]
    objections: tuple[str, ...]
    reservations: tuple[str, ...]
    ad_referendum: tuple[str, ...]
    silence: SilenceState | None
    tallies: tuple[BlocTally, ...]
    # Every member delegation, in member order: its position, or None.
    positions: dict[str, HeldPosition | None]
    previous_version_support: tuple[str, ...]
    pending_amendments: tuple[PendingAmendment, ...]


@dataclass(frozen=True, slots=True)
class SectionSummary:
    id: int
    key: str
    title: str
    counts: StatusCounts


@dataclass(frozen=True, slots=True)
class BlocSummary:
    """A bloc's positions summed over the paragraphs, and how many paragraphs its members all
    agree to, object to or reserve on."""

    bloc: str
    members: int
    support: int
    ad_referendum: int
    reservation: int
    objection: int
    none: int
    paragraphs_all_agree: int
    paragraphs_objected: int
    paragraphs_reserved: int


@dataclass(frozen=True, slots=True)
class RevisionCounts:
    number: int
    label: str
    created_at: str
    counts: StatusCounts


@dataclass(frozen=True, slots=True)
class DayCounts:
    date: str  # YYYY-MM-DD, counted at the end of the day (now, for today)
    counts: StatusCounts


@dataclass(frozen=True, slots=True)
class Timeline:
    revisions: tuple[RevisionCounts, ...]
    days: tuple[DayCounts, ...]


@dataclass(frozen=True, slots=True)
class Board:
    document_id: int
    title: str
    mode: ConsensusMode
    generated_at: str
    members: tuple[Delegation, ...]
    paragraphs: tuple[ParagraphRow, ...]
    sections: tuple[SectionSummary, ...]
    blocs: tuple[BlocSummary, ...]
    totals: StatusCounts
    pending_insertions: tuple[PendingInsertion, ...]
    timeline: Timeline


_BOARD = TypeAdapter(Board)


def to_json(board: Board) -> bytes:
    """The board as the API writes it."""
    return _BOARD.dump_json(board, warnings="error")
