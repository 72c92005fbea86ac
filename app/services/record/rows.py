"""Rows as the database holds them: once flushed, a row has its primary key."""

from __future__ import annotations

from typing import Protocol


class _Keyed(Protocol):
    @property
    def id(self) -> int | None: ...


def id_of(row: _Keyed) -> int:
    """The id of a stored row. The models type ids optional (unset until the first flush), so a
    row that reaches a service without one is a bug, and it fails here rather than as a NULL."""
    if row.id is None:
        raise RuntimeError(f"{type(row).__name__} has no id: it was never flushed.")
    return row.id
