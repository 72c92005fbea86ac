"""Writes at the ceiling: Consenso's hot writes beside a bare FastAPI write, in one run.

Two real servers on 127.0.0.1 (uvicorn, uvloop + httptools) share the machine for the whole
run: a bare FastAPI app whose one `def` route commits one single-row INSERT through SQLModel
(the ceiling: what this stack can write at all), and Consenso on a fresh database (the demo
text, a planted bearer token per delegation). wrk drives them in turns, alternating ceiling,
amendment submission and position change, `--rounds` times at each connection count, so that
the neighbours' load on a shared machine falls on all three alike. SQLite runs one worker (its
write queue is per process), PostgreSQL two. Every figure is printed beside the ceiling's.

Then a mixed soak (`--minutes`, 50 clients: proposals, positions, comments, event polls)
printing requests and errors per minute and the workers' memory.

    .venv/bin/python benchmarks/bench_writes.py [--engines sqlite,postgresql]
        [--connections 16,64,200] [--seconds 5] [--rounds 2] [--warmup 2] [--minutes 3]
        [--soak-engines sqlite]

PostgreSQL: CONSENSO_BENCH_POSTGRES (default postgresql+psycopg://postgres@127.0.0.1:5432/test)
names the server; the run makes and drops its own databases. Needs `wrk` (Debian: apt install wrk).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SECRET = "bench-secret-key-bench-secret-key"
PG = os.environ.get("CONSENSO_BENCH_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
MEMBERS = ["arg", "bol", "bra", "chl", "col", "ecu", "guy", "pry", "per", "sur", "ury", "ven"]
MEMBERS += ["blz", "can", "cri", "dom", "slv", "usa", "gtm", "hnd", "mex", "nic", "pan"]


# --- the ceiling: a bare FastAPI app, one single-row INSERT commit through SQLModel ------------


def ceiling_app():  # type: ignore[no-untyped-def]
    """`uvicorn --factory bench_writes:ceiling_app`: POST /ceiling inserts one row and commits."""
    import sqlalchemy as sa
    from fastapi import FastAPI
    from sqlmodel import Field, Session, SQLModel, create_engine

    class CeilingRow(SQLModel, table=True):
        id: int | None = Field(default=None, primary_key=True)
        body: str
        created_at: datetime

    url = os.environ["CEILING_DATABASE_URL"]
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @sa.event.listens_for(engine, "connect")
        def _wal(dbapi_connection, _record):  # type: ignore[no-untyped-def]
            dbapi_connection.execute("PRAGMA journal_mode=WAL")
            dbapi_connection.execute("PRAGMA synchronous=NORMAL")

    else:
        engine = create_engine(url, pool_size=10, max_overflow=10)
    SQLModel.metadata.create_all(engine, tables=[CeilingRow.__table__])  # type: ignore[list-item]
    app = FastAPI()

    @app.post("/ceiling", status_code=201)
    def write() -> dict[str, int | None]:
        with Session(engine) as session:
            row = CeilingRow(body="x" * 100, created_at=datetime.now(UTC))
            session.add(row)
            session.commit()
            return {"id": row.id}

    return app


# --- databases and servers ----------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Paragraph:
    id: int
    version: int
    text: str


@dataclass
class Database:
    url: str
    ceiling_url: str
    paragraphs: list[Paragraph]
    amendments: list[int] = field(default_factory=list)


def _seed(url: str) -> list[Paragraph]:
    from sqlmodel import Session, col, select

    from app.db import get_engine
    from app.models import AuthSession
    from app.models import Paragraph as Row
    from app.security import token_digest
    from app.seed import load as demo_service
    from app.services.accounts import accounts as accounts_service
    from tests.conftest import migrate

    migrate(url)
    engine = get_engine(url)
    seeded = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)
    with Session(engine) as session:
        demo_service.load(session, password="bench-password", now=seeded, negotiation=False)
        for login in demo_service.logins():
            account = accounts_service.get_by_username(session, username=login.username)
            session.add(
                AuthSession(
                    token_hash=token_digest(SECRET, f"bench-{login.username}"),
                    account_id=account.id,
                    created_at=seeded,
                    expires_at=seeded + timedelta(days=3650),
                )
            )
        session.commit()
        rows = session.exec(
            select(Row).where(col(Row.deleted_at).is_(None)).order_by(col(Row.id))
        ).all()
        paragraphs = [Paragraph(r.id or 0, r.head_version, r.head_text) for r in rows]
    engine.dispose()
    get_engine.cache_clear()
    return paragraphs


@contextmanager
def database(engine: str, tmp: Path) -> Iterator[Database]:
    if engine == "sqlite":
        url = f"sqlite:///{tmp / 'consenso.db'}"
        yield Database(url, f"sqlite:///{tmp / 'ceiling.db'}", _seed(url))
        return
    import sqlalchemy as sa
    from sqlalchemy.engine import make_url

    admin = sa.create_engine(make_url(PG).set(database="postgres"), isolation_level="AUTOCOMMIT")
    names = [f"bench_writes_{os.getpid()}", f"bench_ceiling_{os.getpid()}"]
    with admin.connect() as conn:
        for name in names:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    urls = [make_url(PG).set(database=n).render_as_string(hide_password=False) for n in names]
    try:
        yield Database(urls[0], urls[1], _seed(urls[0]))
    finally:
        with admin.connect() as conn:
            for name in names:
                conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


@dataclass
class Server:
    url: str
    process: subprocess.Popen[bytes]

    def worker_pids(self) -> list[int]:
        """The processes that serve requests: uvicorn's workers, or itself with one worker.

        The workers are started by multiprocessing's spawn (`spawn_main` in their command
        line); its resource tracker is a child too, and serves nothing."""
        children = _children(self.process.pid)
        workers = [p for p in children if "resource_tracker" not in _cmdline(p)]
        return workers or [self.process.pid]

    def memory_mb(self) -> list[float]:
        return [_rss_mb(pid) for pid in self.worker_pids()]


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        found += [int(c) for c in task.read_text().split()]
    return found


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_text().replace("\0", " ")
    except OSError:
        return ""


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


@contextmanager
def serve(app: list[str], env: dict[str, str], workers: int, log: Path) -> Iterator[Server]:
    port = free_port()
    command = [sys.executable, "-m", "uvicorn", *app, "--host", "127.0.0.1", "--port", str(port)]
    command += ["--workers", str(workers), "--log-level", "warning", "--no-access-log"]
    with open(log, "ab") as out:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=out)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(f"{url}/docs", timeout=1)
                break
            except httpx.TransportError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(log.read_text()) from None
                time.sleep(0.2)
        yield Server(url, process)
    finally:
        process.terminate()
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)


# --- wrk ----------------------------------------------------------------------------------------

LUA_COMMON = """
local threads = {}
local counter = 0
statuses = {}
function setup(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
end
function init(args)
  counter = tid * 10000000 + math.floor(os.time() % 100000) * 100
end
function response(status, headers, body)
  local key = tostring(status)
  statuses[key] = (statuses[key] or 0) + 1
end
local function json_table(t)
  local parts = {}
  for k, v in pairs(t) do parts[#parts + 1] = string.format('"%s": %d', k, v) end
  return "{" .. table.concat(parts, ", ") .. "}"
end
function done(summary, latency, requests)
  local merged = {}
  for _, thread in ipairs(threads) do
    for k, v in pairs(thread:get("statuses")) do merged[k] = (merged[k] or 0) + v end
  end
  local e = summary.errors
  io.write(string.format(
    'RESULT {"requests": %d, "duration_us": %d, "p50_us": %d, "p99_us": %d, "max_us": %d, ' ..
    '"socket_errors": %d, "timeouts": %d, "statuses": %s}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    latency.max, e.connect + e.read + e.write, e.timeout, json_table(merged)))
end
local function headers(token)
  return {["Authorization"] = "Bearer bench-" .. token, ["Content-Type"] = "application/json"}
end
"""


def _lua_list(values: list[str]) -> str:
    return "{" + ", ".join(json.dumps(v) for v in values) + "}"


def _paragraph_tables(paragraphs: list[Paragraph]) -> str:
    ids = "{" + ", ".join(str(p.id) for p in paragraphs) + "}"
    versions = "{" + ", ".join(str(p.version) for p in paragraphs) + "}"
    # The proposed text: the paragraph's own, then a numbered addition (a real word diff).
    prefixes = _lua_list([json.dumps(p.text)[1:-1] for p in paragraphs])
    return (
        f"local pids = {ids}\nlocal pversions = {versions}\nlocal ptexts = {prefixes}\n"
        f"local members = {_lua_list(MEMBERS)}\n"
    )


SCRIPTS = {
    "ceiling": """
request = function()
  counter = counter + 1
  return wrk.format("POST", "/ceiling", {["Content-Type"] = "application/json"}, "{}")
end
""",
    "amendment": """
function propose()
  counter = counter + 1
  local who = members[counter % #members + 1]
  local p = math.floor(counter / #members) % #pids + 1
  local body = '{"base_version": ' .. pversions[p] .. ', "text": "' .. ptexts[p] ..
    ' Amended ' .. counter .. '.", "rationale": "Clearer."}'
  return wrk.format("POST", "/api/paragraphs/" .. pids[p] .. "/amendments", headers(who), body)
end
request = propose
""",
    "position": """
local stances = {"support", "ad_referendum"}
function position()
  counter = counter + 1
  local who = members[counter % #members + 1]
  local p = math.floor(counter / #members) % #pids + 1
  local s = stances[math.floor(counter / (#members * #pids)) % 2 + 1]
  local body = '{"version": ' .. pversions[p] .. ', "stance": "' .. s .. '"}'
  return wrk.format("PUT", "/api/paragraphs/" .. pids[p] .. "/positions/mine", headers(who), body)
end
request = position
""",
}

SOAK = (
    SCRIPTS["amendment"]
    + SCRIPTS["position"]
    + """
function comment()
  counter = counter + 1
  local who = members[counter % #members + 1]
  local a = amendments[counter % #amendments + 1]
  local body = '{"body": "We can live with this, comment ' .. counter .. '."}'
  return wrk.format("POST", "/api/amendments/" .. a .. "/comments", headers(who), body)
end
function poll()
  counter = counter + 1
  local who = members[counter % #members + 1]
  return wrk.format("GET", "/api/documents/1/events?after=" .. (counter % 50), headers(who))
end
local mix = {propose, position, position, comment, poll, poll, poll, poll, poll, poll}
local turn = 0
request = function()
  turn = turn + 1
  return mix[turn % #mix + 1]()
end
"""
)


@dataclass
class Result:
    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    max_ms: float
    errors: int
    statuses: dict[str, int]

    @property
    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def wrk(url: str, script: str, connections: int, seconds: float, tmp: Path) -> Result:
    path = tmp / "script.lua"
    path.write_text(script)
    threads = min(2, connections)
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{int(seconds)}s", "--timeout", "30s"]
    done = subprocess.run([*command, "-s", str(path), url], capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(done.stdout + done.stderr)
    out = done.stdout
    line = next(x for x in out.splitlines() if x.startswith("RESULT "))
    data = json.loads(line[len("RESULT ") :])
    statuses = {k: int(v) for k, v in data["statuses"].items()}
    bad = sum(v for k, v in statuses.items() if not k.startswith("2") and k != "409")
    return Result(
        requests=data["requests"],
        seconds=data["duration_us"] / 1e6,
        p50_ms=data["p50_us"] / 1000,
        p99_ms=data["p99_us"] / 1000,
        max_ms=data["max_us"] / 1000,
        errors=data["socket_errors"] + data["timeouts"] + bad,
        statuses=statuses,
    )


def merged(results: list[Result]) -> Result:
    statuses: dict[str, int] = {}
    for r in results:
        for k, v in r.statuses.items():
            statuses[k] = statuses.get(k, 0) + v
    return Result(
        requests=sum(r.requests for r in results),
        seconds=sum(r.seconds for r in results),
        p50_ms=statistics.median(r.p50_ms for r in results),
        p99_ms=max(r.p99_ms for r in results),
        max_ms=max(r.max_ms for r in results),
        errors=sum(r.errors for r in results),
        statuses=statuses,
    )


# --- the run ------------------------------------------------------------------------------------


def _env(db: Database) -> dict[str, str]:
    env = {**os.environ, "CONSENSO_DATABASE_URL": db.url, "CONSENSO_SECRET_KEY": SECRET}
    env["CEILING_DATABASE_URL"] = db.ceiling_url
    env.pop("CONSENSO_TEST_DATABASE_URL", None)
    return env


def _status_note(r: Result) -> str:
    others = {k: v for k, v in sorted(r.statuses.items()) if not k.startswith("2")}
    return ", ".join(f"{v}×{k}" for k, v in others.items()) or "-"


def bench_engine(engine: str, args: argparse.Namespace, tmp: Path) -> None:
    workers = 1 if engine == "sqlite" else 2
    with database(engine, tmp) as db:
        tables = _paragraph_tables(db.paragraphs)
        env = _env(db)
        log = tmp / f"{engine}.log"
        ceiling_cmd = [
            "--app-dir",
            str(ROOT / "benchmarks"),
            "--factory",
            "bench_writes:ceiling_app",
        ]
        with (
            serve(ceiling_cmd, env, workers, log) as ceiling,
            serve(["app.main:app"], env, workers, log) as app,
        ):
            print(
                f"\n## {engine}, {workers} worker(s), {args.rounds} alternating rounds of "
                f"{args.seconds:g} s per cell (load average {os.getloadavg()[0]:.1f})"
            )
            print(
                "| connections | route | req/s | p50 ms | p99 ms | max ms | errors | "
                "non-2xx | ratio to ceiling |"
            )
            print("|---:|---|---:|---:|---:|---:|---:|---|---:|")
            # Unmeasured: each server's first requests (statement caches, the labels and rounds
            # a worker keeps, the collector's first freeze) are not what a plenary meets.
            for name in ("ceiling", "amendment", "position"):
                target = ceiling.url if name == "ceiling" else app.url
                wrk(target, LUA_COMMON + tables + SCRIPTS[name], 16, args.warmup, tmp)
            for connections in args.connections:
                runs: dict[str, list[Result]] = {"ceiling": [], "amendment": [], "position": []}
                for _ in range(args.rounds):
                    for name in runs:
                        target = ceiling.url if name == "ceiling" else app.url
                        script = LUA_COMMON + tables + SCRIPTS[name]
                        runs[name].append(wrk(target, script, connections, args.seconds, tmp))
                top = merged(runs["ceiling"]).rate
                for name, results in runs.items():
                    r = merged(results)
                    label = {
                        "ceiling": "bare FastAPI + SQLModel INSERT commit (ceiling)",
                        "amendment": "POST /api/paragraphs/{id}/amendments",
                        "position": "PUT /api/paragraphs/{id}/positions/mine",
                    }[name]
                    print(
                        f"| {connections} | {label} | {r.rate:,.0f} | {r.p50_ms:.1f} | "
                        f"{r.p99_ms:.1f} | {r.max_ms:.0f} | {r.errors} | {_status_note(r)} | "
                        f"{r.rate / top:.0%} |",
                        flush=True,
                    )
        if args.minutes and engine in args.soak_engines:
            soak(db, env, workers, args, tmp)
    shutil.rmtree(tmp / "soak", ignore_errors=True)


def soak(db: Database, env: dict[str, str], workers: int, args: argparse.Namespace, tmp: Path):
    log = tmp / "soak.log"
    with serve(["app.main:app"], env, workers, log) as app:
        client = httpx.Client(base_url=f"{app.url}/api", timeout=30)
        for i, p in enumerate(db.paragraphs[:10]):
            who = MEMBERS[i % len(MEMBERS)]
            r = client.post(
                f"/paragraphs/{p.id}/amendments",
                json={"base_version": p.version, "text": f"{p.text} Soak {i}."},
                headers={"Authorization": f"Bearer bench-{who}"},
            )
            r.raise_for_status()
            db.amendments.append(r.json()["id"])
        tables = _paragraph_tables(db.paragraphs)
        tables += "amendments = {" + ", ".join(map(str, db.amendments)) + "}\n"
        script = LUA_COMMON + tables + SOAK
        print(
            f"\n### soak: {args.connections_soak} clients, mixed (1 proposal : 2 positions : "
            "1 comment : 6 event polls), one row a minute "
            f"(load average {os.getloadavg()[0]:.1f})"
        )
        print(
            "| minute | requests | req/s | p50 ms | p99 ms | errors | non-2xx | worker memory MB |"
        )
        print("|---:|---:|---:|---:|---:|---:|---|---|")
        memory = ", ".join(f"{m:.0f}" for m in app.memory_mb())
        print(f"| 0 | - | - | - | - | - | - | {memory} |", flush=True)
        for minute in range(1, args.minutes + 1):
            r = wrk(app.url, script, args.connections_soak, 60, tmp)
            memory = ", ".join(f"{m:.0f}" for m in app.memory_mb())
            print(
                f"| {minute} | {r.requests:,} | {r.rate:,.0f} | {r.p50_ms:.1f} | "
                f"{r.p99_ms:.1f} | {r.errors} | {_status_note(r)} | {memory} |",
                flush=True,
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--engines", default="sqlite,postgresql")
    parser.add_argument("--connections", default="16,64,200")
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--warmup", type=float, default=2, help="unmeasured seconds per route")
    parser.add_argument("--minutes", type=int, default=3, help="soak length; 0: no soak")
    parser.add_argument("--soak-engines", default="sqlite")
    parser.add_argument("--soak-clients", dest="connections_soak", type=int, default=50)
    args = parser.parse_args()
    args.connections = [int(c) for c in args.connections.split(",")]
    args.soak_engines = args.soak_engines.split(",")
    if shutil.which("wrk") is None:
        sys.exit("bench_writes needs wrk: apt install wrk")
    print(f"# bench_writes, {os.cpu_count()} cores, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC")
    for engine in args.engines.split(","):
        with tempfile.TemporaryDirectory() as tmp:
            bench_engine(engine, args, Path(tmp))


if __name__ == "__main__":
    main()
