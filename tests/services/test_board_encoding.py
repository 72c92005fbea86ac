"""The board's JSON keeps each row's bytes between requests (consensus/encoding.py): what the
API sends must be, byte for byte, the board read whole and written at once, in every language,
after every kind of write (a changed row is written again, an unchanged one is reused)."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import Session

from app.i18n import board as i18n_board
from app.models import Document
from app.services.consensus import board as board_service
from app.services.consensus import cache as board_cache
from app.services.consensus import encoding as board_json
from app.services.consensus import view as board_view
from tests.services.test_board_incremental import _writes


def _whole(app, document_id: int, clock, lang: str) -> bytes:
    board_cache.forget()
    with Session(app.state.engine) as session:
        document = session.get(Document, document_id)
        board = board_service.board(session, document=document, now=clock())
    return board_view.to_json(i18n_board.localized(board, lang))


def test_the_board_sent_is_the_board_written_whole_after_every_write(api, app, doc, clock):
    url = f"/api/documents/{doc['id']}/consensus"
    for name, _structural, write in [("nothing", False, lambda: None), *_writes(api, doc)]:
        clock.step = timedelta(milliseconds=1)  # writes follow one another
        write()
        clock.step = timedelta(0)  # both boards read at one moment
        for lang in ("en", "es", "en"):  # the second English board reuses the first one's rows
            sent = api.as_("chair.rcm").get(url, params={"lang": lang})
            assert sent.status_code == 200, sent.text
            assert sent.content == _whole(app, doc["id"], clock, lang), f"{lang} after {name}"


def test_a_row_is_written_once_while_the_board_keeps_it(app, doc, clock, monkeypatch):
    written: list[int] = []
    real = board_json._ROW.dump_json

    class Counting:
        def dump_json(self, row, **kwargs):
            written.append(row.id)
            return real(row, **kwargs)

    monkeypatch.setattr(board_json, "_ROW", Counting())
    clock.step = timedelta(0)
    with Session(app.state.engine) as session:
        document = session.get(Document, doc["id"])
        board = board_service.board(session, document=document, now=clock())
        first = board_json.to_json(board, lang="en")
        assert sorted(written) == sorted(row.id for row in board.paragraphs)
        written.clear()
        again = board_service.board(session, document=document, now=clock())
        assert board_json.to_json(again, lang="en") == first
    assert written == []
