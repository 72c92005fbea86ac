"""Checking a stored record against itself: the event chain and a paragraph's versions.

Pure functions over plain values; `app/services/record/audit.py` feeds them from the database.
Each returns the first problem it finds, named so that the secretariat can find the row, or None.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from app.drafting.errors import PatchError
from app.drafting.history import StoredVersion
from app.drafting.patches import apply_patch, text_hash


def event_digest(prev_hash: str, fields: Mapping[str, Any]) -> str:
    """sha256(previous hash + the event's canonical JSON): one link of the chain."""
    body = json.dumps(
        dict(fields), sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str
    )
    return hashlib.sha256((prev_hash + body).encode()).hexdigest()


@dataclass(frozen=True)
class ChainedEvent:
    seq: int
    prev_hash: str
    hash: str
    fields: Mapping[str, Any]  # what the digest covers


@dataclass(frozen=True)
class Problem:
    """The first bad entry: what it is (`where`) and what is wrong with it."""

    where: str
    what: str


def check_chain(
    events: Iterable[ChainedEvent], *, expected_count: int, expected_head: str
) -> tuple[Problem | None, int, str]:
    """(first problem, events checked, head hash) for a document's log, oldest first.

    The document row keeps the count and the head: a log cut short at the end (the last events
    deleted) still links, so it is caught by comparing with them.
    """
    prev, count = "", 0
    for event in events:
        count += 1
        where = f"event {event.seq}"
        if event.seq != count:
            return (
                Problem(where, f"expected sequence number {count}: an event is missing"),
                count,
                prev,
            )
        if event.prev_hash != prev:
            return Problem(where, "does not link to the event before it"), count, prev
        if event_digest(prev, event.fields) != event.hash:
            return Problem(where, "its content does not match its hash"), count, prev
        prev = event.hash
    if count != expected_count or prev != expected_head:
        recorded = f"{expected_count} events ending in {expected_head[:12] or '-'}"
        found = f"{count} ending in {prev[:12] or '-'}"
        what = f"the document records {recorded}, the log has {found}: events were removed or added"
        return Problem("document event log", what), count, prev
    return None, count, prev


def check_versions(
    paragraph_id: int, versions: Sequence[StoredVersion]
) -> tuple[Problem | None, str | None]:
    """(first problem, latest text) for one paragraph's versions, replayed from version 1.

    Every patch is applied in turn (snapshots are not trusted as shortcuts here), every text is
    checked against its hash, and every snapshot against the text the patches give.
    """
    text = ""
    for expected, version in enumerate(sorted(versions, key=lambda v: v.number), start=1):
        where = f"paragraph {paragraph_id} version {version.number}"
        if version.number != expected:
            return Problem(where, f"version {expected} is missing"), None
        try:
            text = apply_patch(text, version.patch)
        except PatchError:
            return Problem(where, "its patch does not apply to the version before it"), None
        if text_hash(text) != version.sha256:
            return Problem(where, "its text does not match its stored hash"), None
        if version.snapshot is not None and version.snapshot != text:
            return Problem(where, "its snapshot differs from the text its patches give"), None
    return None, (text if versions else None)
