"""A silence procedure on its own: where it stands at a moment, from its stored times, and how
that reads. Pure: `now` is passed in.

How a procedure bears on consensus (which mode allows one, whose objection breaks it, when
silent members count as agreeing) is decided in consensus.py.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

from app.drafting.messages import Message, english, iso


class SilencePhase(StrEnum):
    RUNNING = "running"
    HELD = "held"
    BROKEN = "broken"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class SilenceFact:
    deadline: datetime
    started_at: datetime
    cancelled_at: datetime | None = None
    broken_by: str | None = None
    broken_at: datetime | None = None


def silence_phase(silence: SilenceFact, now: datetime) -> SilencePhase:
    """Where a procedure stands at `now`, from its stored facts.

    A break or cancellation counts only if it happened before the deadline and by `now`; the
    earlier of the two wins. At the deadline itself the procedure has held.
    """
    events: list[tuple[datetime, SilencePhase]] = []
    if silence.broken_at is not None:
        events.append((silence.broken_at, SilencePhase.BROKEN))
    if silence.cancelled_at is not None:
        events.append((silence.cancelled_at, SilencePhase.CANCELLED))
    for at, phase in sorted(events):
        if at < silence.deadline and at <= now:
            return phase
    return SilencePhase.HELD if now >= silence.deadline else SilencePhase.RUNNING


def steady_until(silence: SilenceFact, taken: Iterable[datetime], now: datetime) -> datetime | None:
    """The first moment after `now` at which the clock alone can change a verdict on a paragraph
    under this procedure (`taken`: when its positions were taken), or None if none can.

    Every comparison with the clock (`evaluate_paragraph`, `silence_phase`) is against one of
    these moments: from `now` until then, the verdict is the one at `now`.
    """
    moments = (silence.started_at, silence.deadline, silence.broken_at, silence.cancelled_at)
    later = [m for m in (*moments, *taken) if m is not None and m > now]
    return min(later, default=None)


def format_time(t: datetime) -> str:
    """'2026-12-01 18:00 UTC' (naive datetimes are taken to be UTC)."""
    if t.tzinfo is not None:
        t = t.astimezone(UTC)
    return t.strftime("%Y-%m-%d %H:%M UTC")


def silence_message(
    silence: SilenceFact, phase: SilencePhase, breaker: str | None, broken_at: datetime | None
) -> Message:
    """The procedure as one of a paragraph's reasons, e.g. `consensus.silence_broken_by_at`."""
    if phase == SilencePhase.RUNNING:
        return Message("consensus.silence_running", {"deadline": iso(silence.deadline)})
    if phase == SilencePhase.HELD:
        return Message("consensus.silence_held", {"deadline": iso(silence.deadline)})
    if phase == SilencePhase.CANCELLED:
        assert silence.cancelled_at is not None
        return Message("consensus.silence_cancelled", {"at": iso(silence.cancelled_at)})
    params: dict[str, str | int] = {}
    if breaker:
        params["by"] = breaker
    if broken_at is not None:
        params["at"] = iso(broken_at)
    suffix = "".join(f"_{name}" for name in ("by", "at") if name in params)
    return Message(f"consensus.silence_broken{suffix}", params)


def silence_reason(
    silence: SilenceFact, phase: SilencePhase, breaker: str | None, broken_at: datetime | None
) -> str:
    """The procedure as one of a paragraph's reasons, e.g. "silence broken by MEX at …"."""
    return english(silence_message(silence, phase, breaker, broken_at))
