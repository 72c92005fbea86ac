"""Marks: the last event of a document that may have moved its paragraphs' labels, and the
last that created or changed a round.

What the server keeps between requests (the labels every amendment answer shows, the rounds
a proposal's deadline is checked against) is kept with the mark it was read at, and holds
while the document's mark is the same: a mark names one event of one hash chain (its seq and
hash), so it never answers for another database or a rewound one. `record/events.record`
moves the marks with the event that moves them; a write reads them with its document's lock
(`text/locking.py`), so its answer needs no statement to know whether what is kept holds.
"""

from __future__ import annotations

from dataclasses import dataclass

# Events that never move a paragraph nor change how paragraphs are numbered. A whitelist: an
# event of any other kind reads the labels again.
LABELS_NEUTRAL = frozenset(
    {
        "amendment.proposed",
        "amendment.revised",
        "amendment.withdrawn",
        "amendment.rejected",
        "amendment.sponsor_joined",
        "amendment.sponsor_left",
        "amendment.invited",
        "invitation.accepted",
        "invitation.declined",
        "comment.added",
        "position.taken",
        "position.withdrawn",
        "paragraph.edited",
        "paragraph.frozen",
        "paragraph.unfrozen",
        "silence.started",
        "silence.broken",
        "silence.cancelled",
        "translation.entered",
        "translation.imported",
        "document.languages_set",
        "round.created",
        "round.updated",
        "plenary.taken_up",
        "plenary.reading_ended",
        "plenary.floor_requested",
        "plenary.floor_withdrawn",
        "plenary.floor_given",
        "plenary.list_closed",
        "plenary.list_reopened",
        "plenary.turn_ended",
    }
)
# A document's first event marks it for both: from there on what the marks say is known.
ROUNDS_ACTIONS = frozenset({"document.created", "round.created", "round.updated"})


@dataclass(frozen=True)
class Mark:
    """One event of a document's chain; `seq` 0: not known (nothing kept holds under it)."""

    seq: int = 0
    hash: str = ""

    @property
    def known(self) -> bool:
        return self.seq > 0


UNKNOWN = Mark()


def moves_labels(action: str) -> bool:
    """Whether an event of this kind may move a paragraph's label (any kind not listed)."""
    return action not in LABELS_NEUTRAL


def moves_rounds(action: str) -> bool:
    return action in ROUNDS_ACTIONS
