"""Every export of a 500-paragraph document through the HTTP routes, and the background jobs.

The consensus board benchmark's workload (500 paragraphs, 20,000 positions, 5,000 amendments,
on SQLite), through the app in process (TestClient), with a real thread pool of export workers:

* each format's compilation, requested with `POST /api/documents/{id}/exports`: how long the
  request takes (it returns at once, 202) and how long the job takes to be done;
* the same request again: served from the cache (200, `cached: true`);
* `GET /api/documents/{id}/export?format=pdf`: 202 at once with the job, not a 146 s request.

    .venv/bin/python benchmarks/bench_exports.py [--formats md,html,akn,docx,csv,pdf] [--seed 7]
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("CONSENSO_SECRET_KEY", "bench-secret-key")
os.environ["CONSENSO_ENVIRONMENT"] = "development"

from bench_consensus_board import AMENDMENTS, PARAGRAPHS, POSITIONS, generate, migrate  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402

from app.clock import system_clock  # noqa: E402
from app.main import create_app  # noqa: E402
from app.settings import Settings  # noqa: E402

POLL_SECONDS = 0.2


def _timed(call):
    start = time.perf_counter()
    result = call()
    return time.perf_counter() - start, result


def _wait(client: TestClient, job_id: int) -> dict:
    while True:
        job = client.get(f"/api/exports/{job_id}").json()
        if job["status"] in ("done", "failed"):
            return job
        time.sleep(POLL_SECONDS)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--formats", default="md,html,akn,docx,csv,pdf")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    url = f"sqlite:///{Path(tempfile.mkdtemp()) / 'exports.db'}"
    migrate(url)
    app = create_app(Settings(database_url=url, export_workers=1))
    doc = generate(app.state.engine, random.Random(args.seed), system_clock())
    client = TestClient(app, headers={"Authorization": "Bearer bench"})
    print(f"{PARAGRAPHS} paragraphs, {POSITIONS:,} positions, {AMENDMENTS:,} amendments")
    print(f"{'compilation':<12} {'request':>9} {'job done':>10} {'size':>9} {'again':>9}")
    for format in args.formats.split(","):
        body = {"format": format, "variant": "compilation"}
        asked, response = _timed(
            lambda b=body: client.post(f"/api/documents/{doc}/exports", json=b)
        )
        assert response.status_code == 202, response.text
        started = time.perf_counter()
        job = _wait(client, response.json()["id"])
        built = time.perf_counter() - started
        again, cached = _timed(lambda b=body: client.post(f"/api/documents/{doc}/exports", json=b))
        assert cached.status_code == 200 and cached.json()["cached"], cached.text
        print(
            f"{format:<12} {asked * 1000:7.0f}ms {built:9.1f}s {job['size'] / 1e6:7.1f}MB "
            f"{again * 1000:7.0f}ms  ({job['status']})"
        )
    # The export route: a large document's PDF answers at once with its job (here: the cache).
    path = f"/api/documents/{doc}/export?format=pdf&variant=agreed"
    seconds, response = _timed(lambda: client.get(path))
    print(f"GET export?format=pdf (agreed): {response.status_code} in {seconds * 1000:.0f} ms")
    job = _wait(client, response.json()["id"])
    seconds, response = _timed(lambda: client.get(path))
    print(f"the same GET once built ({job['size'] / 1e6:.1f} MB): {response.status_code} "
          f"in {seconds * 1000:.0f} ms")  # fmt: skip
    app.state.export_runner.shutdown()


if __name__ == "__main__":
    main()
