"""The two ways a write or a read of the text can fail on what is stored."""

from __future__ import annotations

from app.errors import Conflict, ConsensoError
from app.models import Paragraph


class HistoryDamaged(ConsensoError):
    """A stored version does not rebuild to its hash: refuse to show a guess."""

    status = 500
    title = "Stored history is damaged"


def stale(paragraph: Paragraph, expected: int) -> Conflict:
    """The 409 for a write based on a version that is no longer the head."""
    return Conflict(
        f"Paragraph {paragraph.id} is at version {paragraph.head_version}, not {expected}: "
        "someone changed it meanwhile. Reload it and apply your change to the current text.",
        current_version=paragraph.head_version,
    )
