"""The live room under load, on real uvicorn servers over loopback (bounded: a few minutes).

Two negotiations, generated with Core inserts:

- UN scale on PostgreSQL, 2 workers: 193 member delegations, 1,000 paragraphs, 10,000
  amendments, 100,000 positions;
- plenary size on SQLite, 1 worker: 23 delegations, 500 paragraphs, 5,000 amendments, 20,000
  positions.

For each it prints, beside ceilings measured in the same run on the same database (a bare
FastAPI route doing one indexed read, and one doing one single-row commit, served the same way):
amendment submissions and position changes per second from 100 concurrent delegates (p50/p99);
the board cold (the first after a write) and warm (p50/p99); the latency from a write's
acknowledgement to its receipt on each of 1,000 connected event streams (p50/p99); and each
worker's peak memory (VmHWM). The client runs on the same two cores as the servers: every
figure is a lower bound of what the server alone would do. The streams are read off their
sockets (`--client httpx` reads them through httpx, whose parsing made the client the slowest
part of the fan-out); the timed writes start once a warm-up write has reached every stream.

    .venv/bin/python benchmarks/bench_live.py [--only un|plenary] [--seconds 6] [--streams 1000]
        [--client raw|httpx]     BENCH_DEBUG=1: each write's first, median and last receipt

PostgreSQL: CONSENSO_BENCH_DATABASE_URL (default postgresql+psycopg://postgres@127.0.0.1:5432/test;
a database of its own is made and dropped).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ.setdefault("CONSENSO_SECRET_KEY", "bench-secret-key")
os.environ.setdefault("CONSENSO_ENVIRONMENT", "test")

import bench_consensus_board as generator  # noqa: E402
import httpx  # noqa: E402
import sqlalchemy as sa  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402
from sqlmodel import Session  # noqa: E402

from app import security  # noqa: E402
from app.clock import system_clock  # noqa: E402
from app.db import get_engine  # noqa: E402
from app.models import Account, AuthSession, Document, Participant  # noqa: E402
from app.seed import load as demo_service  # noqa: E402
from app.services.accounts import accounts as accounts_service  # noqa: E402
from app.services.positions import roster as members_service  # noqa: E402

PG_URL = os.environ.get(
    "CONSENSO_BENCH_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
DELEGATES = 100  # concurrent delegate clients
GENTLE = 30  # fewer concurrent delegates than the app's threads (see docs/performance.md)
EVENTS = 10  # writes whose receipt is timed on every stream
CLIENT = "raw"  # how the streams are read: off their sockets, or through httpx (--client)
BOARDS = 15  # boards timed cold and warm


@dataclass(frozen=True)
class Scale:
    name: str
    members: int
    paragraphs: int
    amendments: int
    positions: int
    engine: str
    workers: int


SCALES = {
    "un": Scale("UN scale", 193, 1000, 10_000, 100_000, "postgresql", 2),
    "plenary": Scale("plenary size", 23, 500, 5_000, 20_000, "sqlite", 1),
}


# --- the negotiation ---------------------------------------------------------------------------


def _more_members(session: Session, count: int, now) -> None:
    """Member delegations beyond the demo's 23 (alternately in each bloc), each with a delegate."""
    existing = len(members_service.members(session))
    participants, accounts = [], []
    for n in range(count - existing):
        code = f"U{n:03d}"
        participants.append(
            dict(
                code=code,
                kind="member",
                bloc=("RCM", "SACM")[n % 2],
                name_en=f"Member {n}",
                name_es=f"Miembro {n}",
                name_pt=f"Membro {n}",
            )
        )
        accounts.append(
            dict(
                username=code.lower(),
                display_name="",
                role="delegate",
                participant_code=code,
                password_hash="-",
                disabled=False,
                created_at=now,
            )
        )
    if participants:
        session.execute(sa.insert(Participant), participants)
        session.execute(sa.insert(Account), accounts)


def _workload(session: Session, rng: random.Random, now, scale: Scale) -> generator.Workload:
    """As bench_consensus_board._document, with `scale.members` member delegations."""
    demo_service.load(session, password="bench-password", now=system_clock())
    _more_members(session, scale.members, now)
    session.flush()
    chair = accounts_service.get_by_username(session, username="chair.rcm")
    members = members_service.members(session)
    delegates = {
        m.code: accounts_service.get_by_username(session, username=m.code.lower()).id
        for m in members
    }
    secret = os.environ["CONSENSO_SECRET_KEY"]
    tokens = {"bench": chair.id, **{f"bench-{c.lower()}": a for c, a in delegates.items()}}
    session.execute(
        sa.insert(AuthSession),
        [
            dict(
                token_hash=security.token_digest(secret, token),
                account_id=account_id,
                created_at=now,
                expires_at=now + timedelta(days=1),
            )
            for token, account_id in tokens.items()
        ],
    )
    document = Document(title="Bench", created_by_account_id=chair.id, created_at=now)
    session.add(document)
    session.flush()
    return generator.Workload(
        session,
        rng,
        now,
        now - generator.SPAN,
        document.id,
        chair.id,
        [m.code for m in members],
        delegates,
        _sections(session, document.id),
    )


def _sections(session: Session, document_id: int) -> list[int]:
    from app.models import Section

    ids = []
    for position in range(1, 5):
        section = Section(
            document_id=document_id, key=f"s{position}", title=f"S{position}", position=position
        )
        session.add(section)
        session.flush()
        ids.append(section.id)
    return ids


def generate(url: str, scale: Scale) -> tuple[int, list[str]]:
    """The negotiation at `scale` in the database at `url`: its document id, member codes."""
    generator.migrate(url)
    generator.PARAGRAPHS = scale.paragraphs
    generator.POSITIONS = scale.positions
    generator.AMENDMENTS = scale.amendments
    engine = get_engine(url)
    with Session(engine) as session:
        w = _workload(session, random.Random(7), system_clock(), scale)
        generator._paragraphs(w)
        generator._positions(w)
        generator._amendments(w)
        generator._revisions(w)
        generator._silences(w)
        if engine.dialect.name == "postgresql":  # explicit ids: move the sequences past them
            for table in ("paragraph", "amendment"):
                session.execute(
                    sa.text(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                        f"(SELECT max(id) FROM {table}))"
                    )
                )
        session.commit()
        codes = list(w.codes)
    CEILING.metadata.create_all(engine)
    engine.dispose()
    return w.doc, codes


@contextmanager
def database(scale: Scale):
    """A fresh database for `scale`: its URL (dropped afterwards)."""
    if scale.engine == "sqlite":
        yield f"sqlite:///{Path(tempfile.mkdtemp()) / 'live.db'}"
        return
    name = f"consenso_bench_live_{os.getpid()}"
    admin = sa.create_engine(
        make_url(PG_URL).set(database="postgres"), isolation_level="AUTOCOMMIT"
    )
    with admin.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        get_engine.cache_clear()
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


# The ceiling's table: one row per commit.
CEILING = sa.Table(
    "bench_ceiling",
    sa.MetaData(),
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("note", sa.String(32)),
)


# --- the servers -------------------------------------------------------------------------------


def ceiling_app():
    """A bare FastAPI app on the same database: one indexed read, one single-row commit (plain
    `def` routes with a sync session, as the app's)."""
    from fastapi import FastAPI
    from sqlmodel import select

    engine = get_engine(os.environ["CONSENSO_DATABASE_URL"])
    table = CEILING
    app = FastAPI()

    @app.get("/read")
    def read() -> dict:
        with Session(engine) as session:
            row = session.exec(select(Participant).where(Participant.code == "MEX")).first()
            return {"code": row.code if row else None}

    @app.post("/commit")
    def commit() -> dict:
        with Session(engine) as session:
            session.execute(sa.insert(table).values(note="one row"))
            session.commit()
        return {"ok": True}

    return app


@dataclass
class Served:
    url: str
    process: subprocess.Popen

    def workers(self) -> list[int]:
        """The worker processes (the server itself with one worker)."""
        pid = self.process.pid
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        found = []
        for child in map(int, children):
            command = Path(f"/proc/{child}/cmdline").read_bytes()
            if b"resource_tracker" not in command:
                found.append(child)
        return found or [pid]


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serve(target: list[str], url: str, workers: int):
    port = _free_port()
    env = {
        **os.environ,
        "CONSENSO_DATABASE_URL": url,
        "CONSENSO_STREAM_MAX_SECONDS": "600",
        "PYTHONPATH": f"{ROOT}:{ROOT / 'benchmarks'}",
    }
    command = [sys.executable, "-m", "uvicorn", *target, "--host", "127.0.0.1"]
    command += ["--port", str(port), "--workers", str(workers), "--log-level", "warning"]
    command += ["--backlog", "4096"]
    process = subprocess.Popen(command, cwd=ROOT, env=env)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            httpx.get(base + "/", timeout=1)
            break
        except httpx.TransportError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the server did not start") from None
            time.sleep(0.2)
    try:
        yield Served(base, process)
    finally:
        process.terminate()
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()


def peak_memory_mb(served: Served) -> list[float]:
    peaks = []
    for pid in served.workers():
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                peaks.append(int(line.split()[1]) / 1024)
    return peaks


# --- measuring ---------------------------------------------------------------------------------


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))] if ordered else 0


@dataclass
class Rate:
    per_second: float
    p50: float
    p99: float
    failed: int

    def __str__(self) -> str:
        failed = f", {self.failed} failed" if self.failed else ""
        return f"{self.per_second:7.0f}/s  p50 {self.p50:6.1f} ms  p99 {self.p99:7.1f} ms{failed}"


async def load(base: str, seconds: float, make_request) -> Rate:
    """DELEGATES clients, each sending `make_request(client, n)` one after another."""
    latencies: list[float] = []
    failed = 0
    stop = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=DELEGATES + 10, max_keepalive_connections=DELEGATES)
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits) as client:

        async def one(n: int) -> None:
            nonlocal failed
            i = 0
            while time.perf_counter() < stop:
                began = time.perf_counter()
                try:
                    response = await make_request(client, n, i)
                except httpx.HTTPError:
                    failed += 1
                    continue
                if response.status_code >= 400:
                    failed += 1
                else:
                    latencies.append((time.perf_counter() - began) * 1000)
                i += 1

        began = time.perf_counter()
        await asyncio.gather(*(one(n) for n in range(DELEGATES)))
        elapsed = time.perf_counter() - began
    return Rate(len(latencies) / elapsed, pct(latencies, 50), pct(latencies, 99), failed)


@dataclass
class Room:
    base: str
    document_id: int
    codes: list[str]
    paragraphs: list[dict]

    def token(self, n: int) -> dict[str, str]:
        code = self.codes[n % len(self.codes)]
        return {"Authorization": f"Bearer bench-{code.lower()}"}


def _room(base: str, document_id: int, codes: list[str]) -> Room:
    with httpx.Client(base_url=base, headers={"Authorization": "Bearer bench"}, timeout=120) as c:
        doc = c.get(f"/api/documents/{document_id}").json()
    paragraphs = [p for s in doc["sections"] for p in s["paragraphs"]]
    return Room(base, document_id, codes, paragraphs)


async def positions(room: Room, seconds: float) -> Rate:
    stances = ["support", "ad_referendum", "reservation"]

    def request(client, n, i):
        p = room.paragraphs[(n * 37 + i) % len(room.paragraphs)]
        body = {"version": p["head_version"], "stance": stances[(n + i) % 3]}
        url = f"/api/paragraphs/{p['id']}/positions/mine"
        return client.put(url, json=body, headers=room.token(n))

    return await load(room.base, seconds, request)


async def amendments(room: Room, seconds: float) -> Rate:
    def request(client, n, i):
        p = room.paragraphs[(n * 53 + i) % len(room.paragraphs)]
        body = {"base_version": p["head_version"], "text": f"{p['text']} Proposal {n}-{i}."}
        url = f"/api/paragraphs/{p['id']}/amendments"
        return client.post(url, json=body, headers=room.token(n))

    return await load(room.base, seconds, request)


def boards(room: Room) -> tuple[list[float], list[float]]:
    """(cold: the first board after a write, warm: the next one), ms, through the HTTP route."""
    cold, warm = [], []
    chair = httpx.Client(base_url=room.base, headers={"Authorization": "Bearer bench"}, timeout=120)
    delegate = httpx.Client(base_url=room.base, headers=room.token(0), timeout=60)
    url = f"/api/documents/{room.document_id}/consensus"
    chair.get(url)
    for i in range(BOARDS):
        p = room.paragraphs[i * 11 % len(room.paragraphs)]
        body = {"version": p["head_version"], "stance": ("support", "objection")[i % 2]}
        body["note"] = "Capital." if i % 2 else ""
        assert delegate.put(f"/api/paragraphs/{p['id']}/positions/mine", json=body).is_success
        for times in (cold, warm):
            began = time.perf_counter()
            assert chair.get(url).status_code == 200
            times.append((time.perf_counter() - began) * 1000)
    return cold, warm


async def _reached_every_stream(received: dict[int, list[float]], start: int, clients: int) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        newest = max(received, default=0)
        if newest > start and len(received[newest]) >= clients:
            return
        await asyncio.sleep(0.05)


# After a newline, not `(?m)^`: a literal to search for, where `^` is tried at every byte.
_ID_LINE = re.compile(rb"\nid: (\d+)\r?\n")


class _RawStream(asyncio.Protocol):
    """One stream read off its socket: each SSE `id:` line noted as its bytes arrive, in the
    transport's callback (no task to wake per message). A thousand streams parsed by httpx (h11,
    its decoders, line splitting) cost the one client process ~165 ms of CPU per write at UN
    scale, more than the servers spent sending it, and the last receipts waited on the client
    (docs/performance.md)."""

    def __init__(self, request: bytes, on_ready, on_id) -> None:
        self.request, self.on_ready, self.on_id = request, on_ready, on_id
        self.carry, self.first = b"", True
        self.closed: asyncio.Future[None] = asyncio.get_running_loop().create_future()

    def connection_made(self, transport) -> None:
        transport.write(self.request)

    def data_received(self, chunk: bytes) -> None:
        at = time.perf_counter()
        if self.first and not chunk.startswith(b"HTTP/1.1 200"):
            raise RuntimeError(f"the stream was refused: {chunk[:200]!r}")
        self.first = False
        data = self.carry + chunk
        cut = data.rfind(b"\n") + 1  # whole lines only; the rest waits for its end
        whole, self.carry = data[:cut], data[cut:]
        if b"event: ready" in whole:
            self.on_ready()
        for match in _ID_LINE.finditer(b"\n" + whole):  # the ready message's id is the start
            self.on_id(int(match.group(1)), at)

    def connection_lost(self, exc: Exception | None) -> None:
        if not self.closed.done():
            self.closed.set_result(None)


async def _follow_raw(base: str, url: str, headers: dict[str, str], on_ready, on_id) -> None:
    address = httpx.URL(base)
    lines = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    request = (
        f"GET {url} HTTP/1.1\r\nHost: {address.host}:{address.port}\r\n"
        f"Accept: text/event-stream\r\n{lines}\r\n"
    ).encode()
    loop = asyncio.get_running_loop()
    transport, stream = await loop.create_connection(
        lambda: _RawStream(request, on_ready, on_id), address.host, address.port
    )
    try:
        await stream.closed
    finally:
        transport.close()


async def stream_latency(room: Room, clients: int) -> tuple[list[float], int, float]:
    """Open `clients` streams, make EVENTS writes, time each one's receipt on every stream:
    (latencies, writes that reached every stream, the client's CPU ms per write)."""
    received: dict[int, list[float]] = {}
    ready = 0
    limits = httpx.Limits(max_connections=clients + 10)
    timeout = httpx.Timeout(60, read=None)
    url = f"/api/documents/{room.document_id}/stream"
    async with httpx.AsyncClient(base_url=room.base, limits=limits, timeout=timeout) as client:

        def on_ready() -> None:
            nonlocal ready
            ready += 1

        def on_id(seq: int, at: float) -> None:
            received.setdefault(seq, []).append(at)

        async def follow(n: int) -> None:
            headers = room.token(n)
            if CLIENT == "raw":
                return await _follow_raw(room.base, url, headers, on_ready, on_id)
            async with client.stream("GET", url, headers=headers) as response:
                async for line in response.aiter_lines():
                    if line.startswith("event: ready"):
                        on_ready()
                    elif line.startswith("id: "):
                        on_id(int(line[4:]), time.perf_counter())

        tasks = []
        deadline = time.monotonic() + 180
        for n in range(clients):  # in steps of 10: see docs/performance.md on bursts
            tasks.append(asyncio.create_task(follow(n)))
            while n % 10 == 9 and ready < n + 1 and time.monotonic() < deadline:
                await asyncio.sleep(0.02)
        while ready < clients and time.monotonic() < deadline:
            await asyncio.sleep(0.2)
        # The client holds a thousand connections in one process: its own full collections
        # (~200 ms each) would be counted as the server's latency. Out of its collector's sight.
        gc.collect()
        gc.freeze()
        acked: dict[int, float] = {}
        writer = httpx.AsyncClient(base_url=room.base, headers=room.token(1), timeout=60)
        start = max(received, default=0)
        client_cpu, timed_from = time.process_time(), time.perf_counter()
        for i in range(EVENTS + 1):  # the first one warms every worker up: not counted
            p = room.paragraphs[(i * 29 + 5) % len(room.paragraphs)]
            body = {"version": p["head_version"], "stance": "reservation", "note": f"Timed {i}."}
            response = await writer.put(f"/api/paragraphs/{p['id']}/positions/mine", json=body)
            acknowledged = time.perf_counter()
            assert response.is_success, response.text
            if i:
                acked[i] = acknowledged
            else:  # timed writes start once the warm-up's event has reached every stream
                await _reached_every_stream(received, start, clients)
            await asyncio.sleep(0.3)
        last = max(received, default=0)
        settle = time.monotonic() + 20  # until the last write reached every stream
        while len(received.get(last, ())) < clients and time.monotonic() < settle:
            await asyncio.sleep(0.1)
        await asyncio.sleep(0.5)
        client_cpu, timed = time.process_time() - client_cpu, time.perf_counter() - timed_from
        await writer.aclose()
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    # Each write is one event (a new note each time), in order after the streams' start (the
    # ready message's id, the smallest received); the first is the warm-up.
    seqs = sorted(received)[1:][1:]
    latencies = [
        (t - acked[i]) * 1000
        for i, seq in enumerate(seqs, start=1)
        for t in received[seq]
        if i in acked
    ]
    complete = sum(1 for seq in seqs if len(received[seq]) == clients)
    per_write = client_cpu * 1000 / (EVENTS + 1)
    if os.environ.get("BENCH_DEBUG"):
        print("ready", ready, {s: len(received[s]) for s in sorted(received)})
        print(f"client CPU {client_cpu:.1f} s over {timed:.1f} s of timed writes")
        for i, seq in enumerate(seqs, start=1):  # each write's receipts: first, median, last
            each = sorted((t - acked[i]) * 1000 for t in received[seq]) if i in acked else []
            if each:
                first, median, last = each[0], pct(each, 50), each[-1]
                print(f"write {i}: first {first:.0f}, p50 {median:.0f}, last {last:.0f} ms")
    return latencies, complete, per_write


# --- the report ----------------------------------------------------------------------------------


def run(scale: Scale, seconds: float, clients: int) -> list[str]:
    with database(scale) as url:
        began = time.perf_counter()
        document_id, codes = generate(url, scale)
        print(
            f"[{scale.name}] generated in {time.perf_counter() - began:.0f} s: "
            f"{scale.members} members, {scale.paragraphs:,} paragraphs, "
            f"{scale.amendments:,} amendments, {scale.positions:,} positions ({scale.engine})",
            flush=True,
        )
        with serve(["--factory", "bench_live:ceiling_app"], url, scale.workers) as ceiling:
            read = asyncio.run(load(ceiling.url, seconds, lambda c, n, i: c.get("/read")))
            commit = asyncio.run(load(ceiling.url, seconds, lambda c, n, i: c.post("/commit")))
        with serve(["app.main:app"], url, scale.workers) as served:
            room = _room(served.url, document_id, codes)
            position = asyncio.run(positions(room, seconds))
            amendment = asyncio.run(amendments(room, seconds))
            global DELEGATES
            DELEGATES, full = GENTLE, DELEGATES
            position_gentle = asyncio.run(positions(room, seconds))
            DELEGATES = full
            cold, warm = boards(room)
            latencies, complete, client_ms = asyncio.run(stream_latency(room, clients))
            memory = peak_memory_mb(served)
    share = 100 / commit.per_second if commit.per_second else 0
    streams = f"write acknowledged → received, {clients:,} streams"
    reached = (
        f"{complete}/{EVENTS} events reached every stream; {CLIENT} client,"
        f" {client_ms:.0f} ms of its CPU a write"
    )
    rows = [
        (f"position changes, {DELEGATES} delegates", f"{position}", f"commit route: {commit}"),
        (f"amendment submissions, {DELEGATES} delegates", f"{amendment}", f"read route: {read}"),
        (f"position changes, {GENTLE} delegates", f"{position_gentle}", ""),
        ("board cold (first after a write)", _p(cold), ""),
        ("board warm", _p(warm), ""),
        (streams, f"{_p(latencies)} ({reached})", ""),
        ("peak memory per worker", ", ".join(f"{m:.0f} MB" for m in memory), ""),
    ]
    lines = [f"| {scale.name}: {scale.engine}, {scale.workers} worker(s) | figure | ceiling |"]
    lines.append("|---|---|---|")
    lines += [f"| {what} | {figure} | {ceiling} |" for what, figure, ceiling in rows]
    lines.append(
        f"writes as a share of the commit ceiling: positions {position.per_second * share:.0f}%,"
        f" amendments {amendment.per_second * share:.0f}%"
    )
    print("\n".join(lines), flush=True)
    return lines


def _p(values: list[float]) -> str:
    return f"p50 {pct(values, 50):.0f} ms, p99 {pct(values, 99):.0f} ms"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", choices=sorted(SCALES))
    parser.add_argument("--seconds", type=float, default=6.0, help="per throughput phase")
    parser.add_argument("--streams", type=int, default=1000)
    parser.add_argument(
        "--client", choices=("raw", "httpx"), default="raw", help="how the streams are read"
    )
    args = parser.parse_args()
    global CLIENT
    CLIENT = args.client
    for key, scale in SCALES.items():
        if args.only in (None, key):
            run(scale, args.seconds, args.streams)


if __name__ == "__main__":
    main()
