"""What delegations may type: the checks every text and note passes before it is stored."""

from __future__ import annotations

from app.errors import Invalid
from app.services.text.limits import Limits


def paragraph_text(text: str, *, limits: Limits, what: str = "A paragraph") -> str:
    """A paragraph's text with its outer whitespace trimmed; 422 for what cannot be negotiated."""
    if "\x00" in text:
        raise Invalid(f"{what} cannot contain NUL characters.")
    text = text.strip()
    if not text:
        raise Invalid(f"{what} cannot be empty or only spaces.")
    return _bounded(text, limits.paragraph_chars, what)


def note_text(text: str, *, limits: Limits, what: str, required: bool = False) -> str:
    """A rationale, reason, note or comment: trimmed, bounded, never NUL."""
    if "\x00" in text:
        raise Invalid(f"{what} cannot contain NUL characters.")
    text = text.strip()
    if required and not text:
        raise Invalid(f"{what} cannot be empty.")
    return _bounded(text, limits.note_chars, what)


def _bounded(text: str, limit: int, what: str) -> str:
    if len(text) > limit:
        raise Invalid(f"{what} is {len(text):,} characters long; the limit is {limit:,}.")
    return text
