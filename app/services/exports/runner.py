"""Where background exports run: a small thread pool in the process (no new infrastructure),
or, with no workers (under the tests, or to run them from a script), a queue held until
`run_all` is called."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Protocol

log = logging.getLogger("consenso.exports")

Task = Callable[[], None]


class Runner(Protocol):
    def submit(self, task: Task) -> None: ...


class ThreadRunner:
    """Jobs on `workers` threads of this process; a job that raises is logged, not lost."""

    def __init__(self, workers: int) -> None:
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="consenso-export")

    def submit(self, task: Task) -> None:
        self._pool.submit(_logged, task)

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True)


class HeldRunner:
    """Jobs kept in order until `run_all` runs them here (deterministic: the tests use it)."""

    def __init__(self) -> None:
        self._held: list[Task] = []
        self._lock = threading.Lock()

    def submit(self, task: Task) -> None:
        with self._lock:
            self._held.append(task)

    @property
    def waiting(self) -> int:
        with self._lock:
            return len(self._held)

    def run_all(self) -> int:
        """Run every job held (and any they submit); the number run."""
        count = 0
        while True:
            with self._lock:
                if not self._held:
                    return count
                task = self._held.pop(0)
            _logged(task)
            count += 1


def runner_for(workers: int) -> Runner:
    return ThreadRunner(workers) if workers > 0 else HeldRunner()


def _logged(task: Task) -> None:
    try:
        task()
    except Exception:  # the job's row says it failed; this is for the operator
        log.exception("background export failed")
