"""The co-chairs' board in the reader's language: its reasons rendered from their codes."""

from __future__ import annotations

from dataclasses import replace

from app.i18n import DEFAULT, text
from app.services.consensus.view import Board


def localized(board: Board, lang: str) -> Board:
    """The board with every paragraph's `reasons` in `lang` (the kept board is not changed)."""
    if lang == DEFAULT:
        return board
    rows = tuple(
        replace(row, reasons=tuple(text(m, lang) for m in row.reason_codes))
        for row in board.paragraphs
    )
    return replace(board, paragraphs=rows)
