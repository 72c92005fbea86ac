"""How a paragraph is called in the room, in the API and on paper."""

from __future__ import annotations


def paragraph_label(section_position: int, number: int) -> str:
    """ "2.3": the third paragraph of the second section."""
    return f"{section_position}.{number}"
