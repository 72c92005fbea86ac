"""How long a text may be and how often a full snapshot is kept: the deployment's settings.

They travel with the session: `app.db` opens every session from the app's settings and puts
its `Limits` in `session.info`, so a service honours the `create_app(settings)` it runs under
without reading settings itself. A session opened elsewhere (a script, a test arranging rows)
gets the documented defaults.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlmodel import Session

if TYPE_CHECKING:
    from app.settings import Settings

KEY = "consenso.limits"


@dataclass(frozen=True)
class Limits:
    paragraph_chars: int = 10_000
    note_chars: int = 4_000
    snapshot_every: int = 10


def from_settings(settings: Settings) -> Limits:
    return Limits(
        paragraph_chars=settings.max_paragraph_chars,
        note_chars=settings.max_note_chars,
        snapshot_every=settings.snapshot_every,
    )


def bind(session: Session, limits: Limits) -> Session:
    """Let the services working in `session` honour `limits`."""
    session.info[KEY] = limits
    return session


def of(session: Session) -> Limits:
    """The limits of the app this session belongs to."""
    return session.info.get(KEY) or Limits()
