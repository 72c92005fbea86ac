"""On PostgreSQL a write takes its document's row lock and its paragraph's in one statement
(`app/services/text/locking.py`): the document's first, as every other writer does, so that a
writer waiting for the document holds nothing another writer needs (no deadlock)."""

from __future__ import annotations

import threading
import time

import pytest
import sqlalchemy as sa
from sqlmodel import Session, select

from app.db import get_engine
from app.models import Paragraph
from app.services.text import locking
from tests.conftest import BACKENDS, _dispose

WAIT_SECONDS = 20  # how long a state may take to appear, on a machine the suite shares
# Whether one backend waits for a lock (another test's sessions may be waiting too).
WAITING_FOR_A_LOCK = sa.text(
    "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND pid = :pid"
)


def _until(condition, failed: list[BaseException]) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while not condition():
        assert not failed, f"the second writer failed: {failed[0]!r}"
        assert time.monotonic() < deadline, "the awaited state never came"
        time.sleep(0.02)


# A PostgreSQL property (SQLite has one write lock, no row locks): defined when it runs.
if "postgresql" in BACKENDS:

    @pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
    def test_a_writer_waiting_for_the_document_holds_none_of_its_paragraphs(database_url):
        engine = get_engine(database_url)
        try:
            with Session(engine) as first:
                paragraph = first.exec(select(Paragraph).order_by(Paragraph.id)).first()
                assert paragraph is not None
                pid, document_id = paragraph.id, paragraph.document_id
                locking.document(first, document_id=document_id)  # a writer holds the document
                got: list[int] = []
                failed: list[BaseException] = []
                backend: list[int] = []

                def second_writer() -> None:
                    try:
                        with Session(engine) as second:
                            row = second.get(Paragraph, pid)
                            assert row is not None
                            backend.append(
                                second.connection()
                                .exec_driver_sql("SELECT pg_backend_pid()")
                                .scalar_one()
                            )
                            got.append(locking.paragraph(second, row).head_version)
                            second.rollback()
                    except BaseException as exc:  # reported below, in the test's own thread
                        failed.append(exc)

                waiting = threading.Thread(target=second_writer)
                waiting.start()
                with engine.connect() as watcher:
                    # The second writer's statement is waiting for a row lock…
                    _until(
                        lambda: (
                            bool(backend)
                            and watcher.execute(
                                WAITING_FOR_A_LOCK, {"pid": backend[0]}
                            ).scalar_one()
                            == 1
                        ),
                        failed,
                    )
                    watcher.rollback()
                    # …and holds no lock on the paragraph meanwhile: a third can take it at once.
                    third = watcher.execute(
                        sa.text("SELECT id FROM paragraph WHERE id = :id FOR NO KEY UPDATE NOWAIT"),
                        {"id": pid},
                    ).scalar_one()
                    assert third == pid
                    watcher.rollback()
                assert got == []  # still waiting for the document
                first.rollback()
                waiting.join(WAIT_SECONDS)
                assert not failed, f"the second writer failed: {failed[0]!r}"
                assert got == [paragraph.head_version]  # then it has both
        finally:
            _dispose(database_url)
