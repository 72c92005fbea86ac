"""The one place where Consenso reads the wall clock.

Everything else is handed the time: the API through the `ClockDep` dependency (which reads the
clock `create_app` was given), the CLI and scripts by calling `system_clock` once per command.
Tests give the app a `SettableClock`, so nothing they assert depends on the day they run.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    """The current time, aware, in UTC."""
    return datetime.now(UTC)


@dataclass
class SettableClock:
    """A deterministic clock for tests, replays and benchmarks: it reads `now`, then moves on
    by `step` (zero: it stands still until set or advanced), so that successive writes are
    ordered in time as they would be on a real clock, the same way on every run."""

    now: datetime = field(default_factory=lambda: datetime(2026, 1, 5, 9, 0, tzinfo=UTC))
    step: timedelta = timedelta(0)

    def __call__(self) -> datetime:
        moment = self.now
        self.now += self.step
        return moment

    def set(self, moment: datetime) -> None:
        if moment.tzinfo is None:
            raise ValueError("a clock holds aware datetimes")
        self.now = moment

    def advance(self, delta: timedelta) -> datetime:
        self.now += delta
        return self.now
