"""The live room across processes: two real uvicorn workers on PostgreSQL.

A change posted through one worker reaches a stream held through the other (the trigger's
NOTIFY, the other worker's LISTEN, the event read back from the table); a client that drops its
stream and comes back with Last-Event-ID receives exactly the events it missed, in order, then
the live ones. Which worker holds a connection is read from /proc (the server side of the
connection's socket), so the test knows it crossed from one process to the other.
"""

from __future__ import annotations

import json
import os
import queue
import threading
from pathlib import Path

import httpx
import pytest
from httpx_sse import connect_sse

from tests.concurrency.conftest import Server, serving
from tests.conftest import BACKENDS

WAIT = 15  # seconds: an event not there by then is missing


# Several workers need PostgreSQL: the crossing runs there only (SQLite serves one process),
# like every PostgreSQL test, only when CONSENSO_TEST_DATABASE_URL is set.
POSTGRESQL_ONLY = pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)


@pytest.fixture
def workers(database_url, tmp_path):
    """`consenso serve` with two workers on PostgreSQL, one on SQLite."""
    count = 1 if database_url.startswith("sqlite") else 2
    with serving(
        database_url, tmp_path, count, cli=True, CONSENSO_STREAM_MAX_SECONDS="120"
    ) as server:
        yield server


def _workers(server: Server) -> list[int]:
    """The processes that may serve: the workers, or the server itself with one worker."""
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    return [int(pid) for pid in children] + [server.pid]


def _socket_inode(server_port: int, client_port: int) -> str | None:
    """The inode of the server's end of the connection from `client_port`."""
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        if not os.path.exists(table):
            continue
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            local, remote = fields[1], fields[2]
            if (
                int(local.rsplit(":", 1)[1], 16) == server_port
                and int(remote.rsplit(":", 1)[1], 16) == client_port
            ):
                return fields[9]
    return None


def _worker_of(server: Server, response: httpx.Response) -> int:
    """The pid of the worker serving this response's connection."""
    client_port = response.extensions["network_stream"].get_extra_info("client_addr")[1]
    server_port = int(server.url.rsplit(":", 1)[1])
    inode = _socket_inode(server_port, client_port)
    for pid in _workers(server):
        for fd in Path(f"/proc/{pid}/fd").iterdir():
            try:
                if os.readlink(fd) == f"socket:[{inode}]":
                    return pid
            except OSError:
                continue
    raise AssertionError("no worker holds the connection")


class Follower:
    """A stream read in a thread: its worker, and its messages in a queue."""

    def __init__(self, server: Server, document_id: int, **headers: str) -> None:
        self.messages: queue.Queue = queue.Queue()
        self.worker: queue.Queue = queue.Queue()
        self._stop = threading.Event()
        self._client = server.client("mex")
        self._server = server
        url = f"/documents/{document_id}/stream"
        self._thread = threading.Thread(target=self._read, args=(url, headers), daemon=True)
        self._thread.start()
        self.pid = self.worker.get(timeout=WAIT)

    def _read(self, url: str, headers: dict[str, str]) -> None:
        try:
            with connect_sse(self._client, "GET", url, headers=headers) as source:
                self.worker.put(_worker_of(self._server, source.response))
                for sse in source.iter_sse():
                    self.messages.put((sse.event, sse.id, json.loads(sse.data)))
                    if self._stop.is_set():
                        return
        except httpx.HTTPError:
            if not self._stop.is_set():
                raise

    def next(self) -> tuple[str, str, dict]:
        return self.messages.get(timeout=WAIT)

    def close(self) -> None:
        self._stop.set()
        self._client.close()


def _support(server: Server, who: str, paragraph: dict, stance: str) -> int:
    """Take a position through a fresh connection; the pid of the worker that served it."""
    with server.client(who) as client:
        response = client.put(
            f"/paragraphs/{paragraph['id']}/positions/mine",
            json={"version": paragraph["head_version"], "stance": stance},
        )
        assert response.status_code == 200, response.text
        return _worker_of(server, response)


def _document(server: Server) -> tuple[int, list[dict]]:
    with server.client("chair.rcm") as client:
        document_id = client.get("/documents").json()[0]["id"]
        doc = client.get(f"/documents/{document_id}").json()
    return document_id, [p for s in doc["sections"] for p in s["paragraphs"]]


if "postgresql" in BACKENDS:

    @POSTGRESQL_ONLY
    def test_a_change_posted_to_one_worker_reaches_a_stream_held_by_the_other(workers):
        server = workers
        document_id, paragraphs = _document(server)
        followers: dict[int, Follower] = {}
        opened = []
        for _ in range(20):  # open streams until each worker holds one
            follower = Follower(server, document_id)
            opened.append(follower)
            assert follower.next()[0] == "ready"
            followers.setdefault(follower.pid, follower)
            if len(followers) == 2:
                break
        assert len(followers) == 2, "every stream landed on one worker"
        crossed = set()
        for n, stance in enumerate(["support", "reservation", "ad_referendum", "support"]):
            writer = _support(server, ["bra", "arg", "chl", "per"][n], paragraphs[n], stance)
            for pid, follower in followers.items():
                kind, _id, event = follower.next()
                assert kind == "message" and event["action"] == "position.taken"
                assert event["target_id"] == paragraphs[n]["id"]
                assert event["change"]["positions"][0]["stance"] == stance
                if pid != writer:
                    crossed.add(pid)
        assert crossed, "no change crossed from one worker to the other"
        for follower in opened:
            follower.close()


def test_a_client_back_with_last_event_id_receives_exactly_what_it_missed(workers):
    server = workers
    document_id, paragraphs = _document(server)
    follower = Follower(server, document_id)
    follower.next()
    _support(server, "bra", paragraphs[0], "support")
    _kind, seen, _event = follower.next()
    follower.close()  # gone: six changes happen meanwhile (through both workers, if two)
    for n, p in enumerate(paragraphs[1:7]):
        _support(server, ["arg", "chl", "per"][n % 3], p, "reservation")
    with server.client("chair.rcm") as client:
        missed = client.get(f"/documents/{document_id}/events?after={seen}").json()
    assert len(missed) == 6
    back = Follower(server, document_id, **{"Last-Event-ID": seen})
    kind, at, ready = back.next()
    assert (kind, at, ready["after"]) == ("ready", seen, int(seen))
    got = [back.next()[2] for _ in missed]
    assert [(e["seq"], e["hash"]) for e in got] == [(e["seq"], e["hash"]) for e in missed]
    _support(server, "bra", paragraphs[1], "ad_referendum")
    _kind, _id, live = back.next()
    assert live["seq"] == missed[-1]["seq"] + 1  # the next one live, none twice
    back.close()
