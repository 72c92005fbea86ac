"""The co-chairs' board in the reader's language: its reasons rendered from their codes."""

from __future__ import annotations

from dataclasses import replace
from functools import partial

from app.i18n import DEFAULT, text
from app.services.consensus.view import Board, ParagraphRow


def localized(board: Board, lang: str) -> Board:
    """The board with every paragraph's `reasons` in `lang` (the kept board is not changed)."""
    if lang == DEFAULT:
        return board
    return replace(board, paragraphs=tuple(localized_row(row, lang) for row in board.paragraphs))


def localized_row(row: ParagraphRow, lang: str) -> ParagraphRow:
    """A paragraph's row with its `reasons` in `lang`."""
    return replace(row, reasons=tuple(text(m, lang) for m in row.reason_codes))


def localizer(lang: str) -> partial[ParagraphRow] | None:
    """What puts a row in `lang`, or None when the rows are already in it (the default)."""
    return None if lang == DEFAULT else partial(localized_row, lang=lang)
