"""The two ways a write or a read of the text can fail on what is stored."""

from __future__ import annotations

from app.errors import Conflict, ConsensoError
from app.models import Paragraph


class HistoryDamaged(ConsensoError):
    """A stored version does not rebuild to its hash: refuse to show a guess.

    503, not 500: nothing is wrong with the request or the code, and the service cannot serve
    that text until the secretariat restores it (`consenso audit verify` names every such row).
    The problem carries `paragraph_id` and `version` besides the sentence that names them.
    """

    status = 503
    title = "Stored history is damaged"


def damaged(paragraph_id: int, version: int, reason: str) -> HistoryDamaged:
    """The 503 naming the paragraph and the version that does not rebuild, and why."""
    return HistoryDamaged(
        f"Version {version} of paragraph {paragraph_id} does not rebuild to its stored hash "
        f"({reason}); the secretariat has to restore it from a backup. Nothing was guessed.",
        paragraph_id=paragraph_id,
        version=version,
    )


def stale(paragraph: Paragraph, expected: int) -> Conflict:
    """The 409 for a write based on a version that is no longer the head."""
    return Conflict(
        f"Paragraph {paragraph.id} is at version {paragraph.head_version}, not {expected}: "
        "someone changed it meanwhile. Reload it and apply your change to the current text.",
        code="text.stale_version",
        params={
            "paragraph": paragraph.id or 0,
            "head": paragraph.head_version,
            "expected": expected,
        },
        current_version=paragraph.head_version,
    )
