"""Server CPU per hot write, in process: proposals and position changes through the app.

A fresh SQLite database with the demo data (as the test suite builds it); one delegation proposes
amendments on one paragraph, then changes its position on it back and forth, through FastAPI's
test client. Prints the CPU milliseconds per request (this process: app and client together)
beside a ceiling measured in the same run, a bare FastAPI `def` route committing one single-row
INSERT through SQLModel through the same client, and what each route costs beyond it (the
client's own share is in the ceiling, so this is the app's cost, not a ratio of HTTP throughput:
`bench_writes.py` measures that, over real sockets).

    .venv/bin/python benchmarks/bench_write_cpu.py [--requests 400] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("CONSENSO_ENVIRONMENT", "test")
os.environ.setdefault("CONSENSO_SECRET_KEY", "bench-secret-key-not-for-production")
os.environ.setdefault("CONSENSO_DEMO_PASSWORD", "demo-password")

from fastapi import FastAPI  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402
from sqlmodel import Field, Session, SQLModel, create_engine  # noqa: E402

from app.main import create_app  # noqa: E402
from app.settings import Settings  # noqa: E402
from tests import conftest as fixtures  # noqa: E402


class Row(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    note: str


def _ceiling(folder: str) -> TestClient:
    engine = create_engine(f"sqlite:///{folder}/ceiling.db")
    SQLModel.metadata.create_all(engine, tables=[Row.__table__])  # type: ignore[attr-defined]
    bare = FastAPI()

    @bare.post("/rows", status_code=201)
    def add() -> dict[str, int | None]:
        with Session(engine) as session:
            row = Row(note="x")
            session.add(row)
            session.commit()
            return {"id": row.id}

    return TestClient(bare)


def _cpu_per_request(call: Callable[[int], object], requests: int) -> float:
    for i in range(20):  # warm up: caches, statement compilation
        call(i)
    started = time.process_time()
    for i in range(requests):
        call(i + 20)
    return (time.process_time() - started) * 1000 / requests


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="consenso-bench-")
    url = f"sqlite:///{folder}/consenso.db"
    fixtures.migrate(url)
    fixtures._seed(url)
    app = create_app(Settings(database_url=url))
    mex = TestClient(app, headers={"Authorization": f"Bearer {fixtures.token_for('mex')}"})
    document = mex.get("/api/documents").json()[0]["id"]
    paragraph = mex.get(f"/api/documents/{document}").json()["sections"][0]["paragraphs"][0]
    pid, text = paragraph["id"], paragraph["text"]
    ceiling = _ceiling(folder)

    def bare(i: int) -> object:
        return ceiling.post("/rows").raise_for_status()

    def propose(i: int) -> object:
        body = {"base_version": paragraph["head_version"], "text": f"{text} word{i}."}
        return mex.post(f"/api/paragraphs/{pid}/amendments", json=body).raise_for_status()

    def position(i: int) -> object:
        body = {"version": paragraph["head_version"], "stance": ["support", "ad_referendum"][i % 2]}
        return mex.put(f"/api/paragraphs/{pid}/positions/mine", json=body).raise_for_status()

    routes = {
        "bare FastAPI + SQLModel INSERT commit (ceiling)": bare,
        "POST /api/paragraphs/{id}/amendments": propose,
        "PUT /api/paragraphs/{id}/positions/mine": position,
    }
    figures: dict[str, list[float]] = {name: [] for name in routes}
    for _ in range(args.repeat):  # alternating, so a busy moment hits every route alike
        for name, call in routes.items():
            figures[name].append(_cpu_per_request(call, args.requests))
    floor = statistics.median(figures[next(iter(routes))])
    print(f"CPU ms per request, in process, median of {args.repeat} x {args.requests} (SQLite)")
    print("| route | CPU ms/request | beyond the ceiling |")
    print("|---|---|---|")
    for name, values in figures.items():
        median = statistics.median(values)
        print(f"| {name} | {median:.1f} | {median - floor:+.1f} |")


if __name__ == "__main__":
    main()
