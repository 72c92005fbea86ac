"""HTTP throughput of the real server: uvicorn subprocess on SQLite, loopback only.

Prints requests/s and p50/p99 latency for the routes a plenary hits most. Bounded: a fixed
number of requests per route, 16 client threads, everything on 127.0.0.1.

    .venv/bin/python benchmarks/bench_http.py [--requests 2000] [--workers 1]
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--threads", type=int, default=16)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp())
    env = {
        **os.environ,
        "CONSENSO_DATABASE_URL": f"sqlite:///{tmp / 'bench.db'}",
        "CONSENSO_DEMO_PASSWORD": "bench-password",
        "CONSENSO_SECRET_KEY": "bench-secret-key",
    }
    py = sys.executable
    subprocess.run(
        [py, "-m", "app.cli", "migrate"], env=env, cwd=ROOT, check=True, capture_output=True
    )
    subprocess.run(
        [py, "-m", "app.cli", "demo"], env=env, cwd=ROOT, check=True, capture_output=True
    )
    port = free_port()
    server = subprocess.Popen(
        [
            py,
            "-m",
            "uvicorn",
            "app.main:app",
            "--port",
            str(port),
            "--workers",
            str(args.workers),
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                httpx.get(f"{base}/api/health", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        token = httpx.post(
            f"{base}/api/auth/login", json={"username": "chair.rcm", "password": "bench-password"}
        ).json()["token"]
        headers = {"Authorization": f"Bearer {token}"}
        routes = {
            "GET /api/health": ("GET", "/api/health", None),
            "GET /api/documents/1": ("GET", "/api/documents/1", None),
            "GET /api/paragraphs/1/diff": ("GET", "/api/paragraphs/1/diff?from=1&to=1", None),
        }
        print(
            f"uvicorn workers={args.workers}, {args.threads} client threads, "
            f"{args.requests} requests per route, SQLite"
        )
        for name, (method, path, body) in routes.items():
            run(name, base, method, path, body, headers, args)
    finally:
        server.terminate()
        server.wait(timeout=10)


def run(name, base, method, path, body, headers, args) -> None:
    latencies: list[float] = []
    with httpx.Client(base_url=base, headers=headers, limits=httpx.Limits(max_connections=64)) as c:

        def one(_):
            start = time.perf_counter()
            response = c.request(method, path, json=body)
            latencies.append(time.perf_counter() - start)
            assert response.status_code < 400, response.text

        started = time.perf_counter()
        with ThreadPoolExecutor(args.threads) as pool:
            list(pool.map(one, range(args.requests)))
        elapsed = time.perf_counter() - started
    latencies.sort()
    p99 = latencies[int(len(latencies) * 0.99) - 1]
    print(
        f"{name:<32} {args.requests / elapsed:8.0f} req/s   "
        f"p50 {statistics.median(latencies) * 1000:6.1f} ms   p99 {p99 * 1000:6.1f} ms"
    )


if __name__ == "__main__":
    main()
