"""The board as the API writes it, each row's JSON kept between requests.

Writing the JSON was most of a warm board's time (1.7 MB at the plenary size: 18 of 30 ms;
11.7 MB at UN scale), and nearly all of it is the paragraphs' rows. A row changes only with a
write to its paragraph: until then the kept board (`board.py`) hands out the very same row
object. So each row is written once per language and kept while the document's latest board
still holds that object; the rest (counts, timeline, the time it was generated) is written on
every request, and the rows are spliced into it. The bytes are those `view.to_json` writes.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace

from pydantic import TypeAdapter

from app.services.consensus.view import Board, ParagraphRow

_ROW = TypeAdapter(ParagraphRow)
_BOARD = TypeAdapter(Board)
_SLOT = b'"paragraphs":[]'  # quotes inside a JSON string are escaped: only the key matches

# A row in a given language (its reasons rendered), or None for the language the rows hold.
Localize = Callable[[ParagraphRow], ParagraphRow] | None

# document id -> id(row) -> (the row, language -> its JSON). The entry holds the row, so no other
# object takes its id while the JSON is kept.
_Kept = dict[int, tuple[ParagraphRow, dict[str, bytes]]]
_KEPT: dict[int, _Kept] = {}
_LOCK = threading.Lock()


def to_json(board: Board, *, lang: str, localize: Localize = None) -> bytes:
    """`board` as the API writes it in `lang`, its unchanged rows from what was kept."""
    with _LOCK:
        kept = _KEPT.get(board.document_id, {})
    now: _Kept = {}
    rows = []
    for row in board.paragraphs:
        entry = kept.get(id(row))
        if entry is None or entry[0] is not row:
            entry = (row, {})
        encoded = entry[1].get(lang)
        if encoded is None:
            shown = row if localize is None else localize(row)
            encoded = entry[1][lang] = _ROW.dump_json(shown, warnings="error")
        now[id(row)] = entry
        rows.append(encoded)
    with _LOCK:  # only the latest board's rows stay: a replaced row's JSON goes with it
        _KEPT[board.document_id] = now
    frame = _BOARD.dump_json(replace(board, paragraphs=()), warnings="error")
    head, slot, tail = frame.partition(_SLOT)
    if not slot or _SLOT in tail:
        raise AssertionError("the board's JSON has one paragraphs list")
    return b"".join((head, b'"paragraphs":[', b",".join(rows), b"]", tail))
