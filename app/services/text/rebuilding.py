"""Rebuilding stored versions into texts, with one answer for damaged history."""

from __future__ import annotations

from collections.abc import Iterable

from app.drafting import history
from app.drafting.errors import CorruptHistory
from app.models import ParagraphVersion
from app.services.text.errors import damaged


def stored(rows: Iterable[ParagraphVersion]) -> list[history.StoredVersion]:
    """The core's view of version rows: number, patch, hash and snapshot."""
    return [
        history.StoredVersion(number=v.number, patch=v.patch, sha256=v.sha256, snapshot=v.snapshot)
        for v in rows
    ]


def text(paragraph_id: int, versions: list[history.StoredVersion], number: int) -> str:
    """Version `number`'s text, or HistoryDamaged (503) naming it; never a guess."""
    try:
        return history.rebuild(versions, number)
    except CorruptHistory as exc:
        raise damaged(paragraph_id, exc.number, exc.reason) from exc


def texts(paragraph_id: int, versions: list[history.StoredVersion]) -> dict[int, str]:
    """Every version's text in one forward pass, or HistoryDamaged (503) naming the paragraph
    and the first version that does not rebuild."""
    try:
        return history.rebuild_all(versions)
    except CorruptHistory as exc:
        raise damaged(paragraph_id, exc.number, exc.reason) from exc
