"""Errors raised by the drafting core.

They carry plain sentences a chair or a delegate could read; the service layer decides which HTTP
status each one maps to (a failed patch or a corrupt history is a 409 or a 500, never a guess).
"""


class DraftingError(Exception):
    """Base class for every error the pure drafting core raises."""


class PatchError(DraftingError):
    """A patch does not apply exactly to the text it was given (or is not a patch at all)."""


class CorruptHistory(DraftingError):
    """A stored version cannot be rebuilt to the text whose hash was stored with it."""

    def __init__(self, number: int, reason: str) -> None:
        self.number = number
        self.reason = reason
        super().__init__(f"version {number} of this paragraph does not rebuild: {reason}")


class InvalidEdits(DraftingError):
    """A list of edits cannot be applied: the edits overlap or fall outside the text."""
