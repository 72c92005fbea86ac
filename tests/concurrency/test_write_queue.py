"""SQLite's writers take turns in the process's write queue: they wait, they are not refused.

Only a write that waits its whole turn (CONSENSO_WRITE_QUEUE_SECONDS) is answered 503, with
`Retry-After`; every write says how long it waited (`Server-Timing: write-queue`).
"""

from __future__ import annotations

import threading
import time

import pytest
from sqlmodel import func, select

from app.db import WriteQueue, write_queue
from app.models import Event
from tests.conftest import first_paragraph, problem_of


def test_turns_are_first_come_first_served():
    queue = WriteQueue(timeout=5)
    assert queue.acquire()
    order: list[int] = []
    threads = []
    for i in range(5):
        thread = threading.Thread(target=lambda i=i: (queue.acquire(), order.append(i)))
        thread.start()
        threads.append(thread)
        time.sleep(0.05)  # each is in line before the next arrives
    for _ in range(5):
        queue.release()
        time.sleep(0.05)
    for thread in threads:
        thread.join()
    assert order == [0, 1, 2, 3, 4]
    queue.release()
    assert queue.acquire()  # free again


def test_a_turn_that_does_not_come_in_time_is_given_up():
    queue = WriteQueue(timeout=0.1)
    assert queue.acquire()
    started = time.monotonic()
    assert queue.acquire() is False
    assert 0.1 <= time.monotonic() - started < 1
    queue.release()
    assert queue.acquire()  # the one that gave up left the line


# The write queue is SQLite's (PostgreSQL locks rows): these run on SQLite alone.
SQLITE_ONLY = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


@pytest.fixture
def queue(app, database_url):
    found = write_queue(app.state.engine)
    assert found is not None
    return found


def _position(api, doc, who="mex"):
    paragraph = first_paragraph(doc)
    return api.as_(who).put(
        f"/api/paragraphs/{paragraph['id']}/positions/mine",
        json={"version": paragraph["head_version"], "stance": "support"},
    )


@SQLITE_ONLY
def test_every_write_says_how_long_it_waited(api, doc, queue):
    response = _position(api, doc)
    assert response.status_code == 200, response.text
    timing = response.headers["server-timing"]
    assert timing.startswith("write-queue;dur=") and "write-queue-max;dur=" in timing
    assert "server-timing" not in api.as_("mex").get("/api/documents").headers


@SQLITE_ONLY
def test_a_write_that_waits_its_whole_turn_is_a_503_with_retry_after(api, doc, session, queue):
    before = session.exec(select(func.count()).select_from(Event)).one()
    queue.timeout = 0.2
    assert queue.acquire()  # another writer holds the turn
    try:
        started = time.monotonic()
        response = _position(api, doc)
        assert time.monotonic() - started >= 0.2
        # Readers do not queue.
        assert api.as_("mex").get("/api/documents").status_code == 200
    finally:
        queue.release()
    assert response.status_code == 503
    assert response.headers["retry-after"] == "1"
    body = problem_of(response)
    assert body["title"] == "The text is busy"
    assert body["detail"].startswith("Too many changes are being saved at this moment")
    assert body["retry_after"] == 1
    session.rollback()
    assert session.exec(select(func.count()).select_from(Event)).one() == before
    assert _position(api, doc).status_code == 200  # its turn comes now


@SQLITE_ONLY
def test_every_member_delegation_writing_at_once_gets_its_turn(api, doc, queue):
    codes = ["arg", "bol", "bra", "chl", "col", "ecu", "guy", "pry", "per", "sur", "ury", "ven"]
    codes += ["blz", "can", "cri", "dom", "slv", "usa", "gtm", "hnd", "mex", "nic", "pan"]
    barrier = threading.Barrier(len(codes))
    statuses: list[int] = []

    def write(code: str) -> None:
        barrier.wait()
        statuses.append(_position(api, doc, code).status_code)

    threads = [threading.Thread(target=write, args=(c,)) for c in codes]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [200] * len(codes)
    assert queue.max_wait > 0
