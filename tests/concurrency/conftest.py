"""A real server for the race tests: uvicorn in a subprocess on a free 127.0.0.1 port.

It serves the test's own fresh database (`database_url`: migrated, the demo data, a planted
bearer token `test-token-<username>` per demo account). SQLite runs one worker (its write queue
is per process); PostgreSQL runs two, so that rival requests really race in two processes.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    url: str
    workers: int
    log: Path
    pid: int = 0  # the uvicorn process (its workers are its children)

    def client(self, username: str) -> httpx.Client:
        return httpx.Client(
            base_url=f"{self.url}/api",
            headers={"Authorization": f"Bearer test-token-{username}"},
            timeout=30,
        )

    def log_text(self) -> str:
        return self.log.read_text(errors="replace")


@contextmanager
def serving(
    database_url: str, tmp_path: Path, workers: int, *, cli: bool = False, **env: str
) -> Iterator[Server]:
    """uvicorn with `workers` processes on `database_url` until the block ends (`cli`: started
    as an operator does, `consenso serve`); `env` adds settings (CONSENSO_...)."""
    env = {**os.environ, "CONSENSO_DATABASE_URL": database_url, **env}
    env.pop("CONSENSO_TEST_DATABASE_URL", None)
    port = _free_port()
    log_path = tmp_path / "server.log"
    log = open(log_path, "wb")  # noqa: SIM115 - closed below
    command = [sys.executable, "-m", "uvicorn", "app.main:app", "--host", "127.0.0.1"]
    command += ["--port", str(port), "--workers", str(workers), "--log-level", "warning"]
    if cli:
        command = [sys.executable, "-m", "app.cli", "serve", "--host", "127.0.0.1"]
        command += ["--port", str(port), "--workers", str(workers)]
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            if httpx.get(f"{url}/api/health", timeout=1).status_code == 200:
                break
        except httpx.TransportError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            log.close()
            raise RuntimeError(log_path.read_text())
        time.sleep(0.1)
    try:
        yield Server(url, workers, log_path, process.pid)
    finally:
        process.terminate()
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)
        log.close()


@pytest.fixture
def server(database_url, tmp_path) -> Iterator[Server]:
    with serving(database_url, tmp_path, 1 if database_url.startswith("sqlite") else 2) as served:
        yield served
