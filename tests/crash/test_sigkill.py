"""Crash test: a real server killed with SIGKILL under write load loses no acknowledged write.

A uvicorn subprocess serves a fresh migrated demo database (SQLite, and PostgreSQL when
CONSENSO_TEST_DATABASE_URL is set). A few delegations post positions, amendments and comments
with the bearer tokens the test template plants; at KILLS random moments (seeded) the server
gets SIGKILL and is started again. After each restart: every write that was answered 2xx is in
the database, SQLite's `PRAGMA integrity_check` says ok, and the record verifies
(`audit.verify`: chain, versions, cached heads, every vouched row).
"""

from __future__ import annotations

import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import sqlalchemy as sa
from sqlmodel import Session

from app.db import get_engine
from app.models import Document
from app.services.record import audit as audit_service
from tests.conftest import token_for

ROOT = Path(__file__).resolve().parents[2]
SEED = 20261201
KILLS = 10
WRITERS = ("mex", "bra", "arg", "can")
BURST = (0.15, 0.9)  # seconds of load before each kill, drawn from the seeded RNG
START_TIMEOUT = 30.0
MARKED = {  # what each kind of write leaves in the database, found by its unique marker
    "position": "SELECT COUNT(*) FROM position WHERE note = :m",
    "amendment": "SELECT COUNT(*) FROM amendment WHERE rationale = :m",
    "comment": "SELECT COUNT(*) FROM comment WHERE body = :m",
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def _server(url: str, log: Path) -> Iterator[tuple[subprocess.Popen[bytes], str]]:
    """The app in a uvicorn subprocess on `url`, answering once this yields."""
    port = _free_port()
    env = {**os.environ, "CONSENSO_DATABASE_URL": url, "CONSENSO_ENVIRONMENT": "test"}
    with open(log, "ab") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "app.main:app", "--host", "127.0.0.1",
             "--port", str(port), "--log-level", "warning"],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        try:
            httpx.get(f"{base}/api/health", timeout=1)
            break
        except httpx.TransportError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise RuntimeError(log.read_text(errors="replace")) from None
            time.sleep(0.05)
    try:
        yield process, base
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(10)


@dataclass
class Load:
    """Writers posting until `stop`; `acknowledged` holds (kind, marker) of every 2xx."""

    base: str
    paragraphs: list[tuple[int, int]]  # (paragraph id, head version)
    burst: int
    stop: threading.Event = field(default_factory=threading.Event)
    acknowledged: list[tuple[str, str]] = field(default_factory=list)
    attempted: int = 0
    refused: int = 0  # answered, but not 2xx (a 409 when two writers met)
    cut: int = 0  # in flight when the server died: no answer
    lock: threading.Lock = field(default_factory=threading.Lock)

    def writer(self, username: str, rng: random.Random) -> None:
        headers = {"Authorization": f"Bearer {token_for(username)}"}
        amendments: list[int] = []
        with httpx.Client(base_url=f"{self.base}/api", headers=headers, timeout=10) as client:
            n = 0
            while not self.stop.is_set():
                n += 1
                marker = f"crash-{self.burst}-{username}-{n}"
                kind, call = self._write(client, rng, marker, amendments)
                with self.lock:
                    self.attempted += 1
                try:
                    response = call()
                except httpx.HTTPError:
                    with self.lock:
                        self.cut += 1
                    return  # the server is gone: this write was never acknowledged
                if not response.is_success:
                    with self.lock:
                        self.refused += 1
                else:
                    with self.lock:
                        self.acknowledged.append((kind, marker))
                    if kind == "amendment":
                        amendments.append(response.json()["id"])

    def _write(self, client, rng, marker, amendments):
        paragraph_id, version = rng.choice(self.paragraphs)
        roll = rng.random()
        if roll < 0.45:
            stance = rng.choice(["support", "reservation"])
            body = {"version": version, "stance": stance, "note": marker}
            url = f"/paragraphs/{paragraph_id}/positions/mine"
            return "position", lambda: client.put(url, json=body)
        if roll < 0.75 or not amendments:
            body = {"base_version": version, "text": f"Amended text {marker}.", "rationale": marker}
            url = f"/paragraphs/{paragraph_id}/amendments"
            return "amendment", lambda: client.post(url, json=body)
        url = f"/amendments/{rng.choice(amendments)}/comments"
        return "comment", lambda: client.post(url, json={"body": marker})


def _paragraphs(base: str) -> tuple[int, list[tuple[int, int]]]:
    headers = {"Authorization": f"Bearer {token_for('chair.rcm')}"}
    with httpx.Client(base_url=f"{base}/api", headers=headers, timeout=10) as client:
        document_id = client.get("/documents").json()[0]["id"]
        doc = client.get(f"/documents/{document_id}").json()
    paragraphs = [(p["id"], p["head_version"]) for s in doc["sections"] for p in s["paragraphs"]]
    return document_id, paragraphs


def _missing(url: str, acknowledged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    with get_engine(url).connect() as conn:
        return [
            (kind, marker)
            for kind, marker in acknowledged
            if conn.execute(sa.text(MARKED[kind]), {"m": marker}).scalar_one() != 1
        ]


def _check_database(url: str, document_id: int, acknowledged: list[tuple[str, str]]) -> None:
    assert _missing(url, acknowledged) == []
    engine = get_engine(url)
    if engine.dialect.name == "sqlite":
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalars().all() == ["ok"]
    with Session(engine) as session:
        result = audit_service.verify(session, document=session.get(Document, document_id))
    assert result.intact, result.summary


def _burst(base: str, paragraphs, burst: int, rng: random.Random, process) -> Load:
    """Load for a random moment, then SIGKILL; the writers' acknowledged writes."""
    load = Load(base, paragraphs, burst)
    threads = [
        threading.Thread(target=load.writer, args=(name, random.Random(rng.random())))
        for name in WRITERS
    ]
    for thread in threads:
        thread.start()
    time.sleep(rng.uniform(*BURST))
    os.kill(process.pid, signal.SIGKILL)
    load.stop.set()
    for thread in threads:
        thread.join(15)
    process.wait(10)
    return load


def test_acknowledged_writes_survive_sigkill(database_url, tmp_path):
    rng = random.Random(SEED)
    log = tmp_path / "server.log"
    acknowledged: list[tuple[str, str]] = []
    attempted = refused = cut = 0
    started = time.monotonic()
    for burst in range(KILLS + 1):
        with _server(database_url, log) as (process, base):
            if burst == 0:
                document_id, paragraphs = _paragraphs(base)
            _check_database(database_url, document_id, acknowledged)
            if burst == KILLS:
                break
            load = _burst(base, paragraphs, burst, rng, process)
            assert process.returncode == -signal.SIGKILL
            acknowledged += load.acknowledged
            attempted, refused, cut = (
                attempted + load.attempted,
                refused + load.refused,
                cut + load.cut,
            )
    elapsed = time.monotonic() - started
    kinds = {kind: sum(1 for k, _ in acknowledged if k == kind) for kind in MARKED}
    print(
        f"\n{KILLS} kills survived in {elapsed:.1f} s: {len(acknowledged)} acknowledged writes "
        f"of {attempted} attempted ({refused} refused, {cut} cut by a kill), all present "
        f"after each restart ({kinds})"
    )
    assert len(acknowledged) >= KILLS  # the load did write between the kills
