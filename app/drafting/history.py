"""Version storage for one paragraph: a patch per version, a hash of every text, periodic snapshots.

Version 1's patch goes from "" to its text; version n's patch goes from version n-1. Version 1 and
then every `every`-th version (1, 11, 21 … with every=10) also keep a full snapshot, so a rebuild
applies at most `every - 1` patches. Every rebuilt text is checked against its stored SHA-256; a
hunk that does not apply, a hash that does not match or a missing version raises `CorruptHistory`.
A rebuild never returns a guess.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from app.drafting.errors import CorruptHistory, PatchError
from app.drafting.patches import apply_patch, make_patch, text_hash


@dataclass(frozen=True)
class StoredVersion:
    number: int
    patch: str  # diff-match-patch patch text from version number-1 ("" for version 1's base)
    sha256: str  # of this version's full text
    snapshot: str | None  # the full text, on snapshot versions only


def is_snapshot_due(number: int, every: int) -> bool:
    """Whether version `number` keeps a full snapshot: version 1, then every `every` versions."""
    if number < 1:
        raise ValueError(f"version numbers start at 1, got {number}")
    if every < 1:
        raise ValueError(f"snapshots must be taken at least every version, got every={every}")
    return (number - 1) % every == 0


def record_version(previous_text: str, new_text: str, number: int, every: int) -> StoredVersion:
    """What to store for version `number`, whose previous version's text is `previous_text`."""
    if number == 1 and previous_text:
        raise ValueError("version 1 has no previous version: its previous text must be empty")
    patch = make_patch(previous_text, new_text)
    # Never store a patch that does not rebuild; this costs one clean apply (~20 µs).
    if apply_patch(previous_text, patch) != new_text:
        raise PatchError(f"the patch for version {number} does not reproduce its text")
    snapshot = new_text if is_snapshot_due(number, every) else None
    return StoredVersion(number=number, patch=patch, sha256=text_hash(new_text), snapshot=snapshot)


def rebuild(versions: Sequence[StoredVersion], number: int) -> str:
    """The text of version `number`: nearest snapshot at or below it, then patches forward."""
    stored = _by_number(versions, number)
    if number not in stored:
        raise CorruptHistory(number, "it is not stored")
    start = max((n for n, v in stored.items() if n <= number and v.snapshot is not None), default=0)
    if not start:
        raise CorruptHistory(number, "no snapshot is stored at or below it")
    text = _checked(stored[start], stored[start].snapshot or "", number)
    for n in range(start + 1, number + 1):
        version = stored.get(n)
        if version is None:
            raise CorruptHistory(number, f"version {n} is missing")
        text = _checked(version, _apply(version, text, number), number)
    return text


def rebuild_all(versions: Sequence[StoredVersion]) -> dict[int, str]:
    """Every stored version's text, in one forward pass over the chain."""
    stored = _by_number(versions, None)
    texts: dict[int, str] = {}
    text = ""
    previous = None
    for n in sorted(stored):
        version = stored[n]
        if version.snapshot is not None:
            text = version.snapshot  # cheaper than a patch, and checked by its hash just the same
        elif previous == n - 1:
            text = _apply(version, text, n)
        elif previous is None:
            raise CorruptHistory(n, "no snapshot is stored at or below it")
        else:
            raise CorruptHistory(n, f"version {n - 1} is missing")
        texts[n] = _checked(version, text, n)
        previous = n
    return texts


def _by_number(versions: Sequence[StoredVersion], target: int | None) -> dict[int, StoredVersion]:
    stored: dict[int, StoredVersion] = {}
    for version in versions:
        if version.number in stored and stored[version.number] != version:
            number = target if target is not None else version.number
            raise CorruptHistory(number, f"version {version.number} is stored twice, differently")
        stored[version.number] = version
    return stored


def _apply(version: StoredVersion, text: str, target: int) -> str:
    try:
        return apply_patch(text, version.patch)
    except PatchError as exc:
        reason = f"the patch of version {version.number} fails ({exc})"
        raise CorruptHistory(target, reason) from exc


def _checked(version: StoredVersion, text: str, target: int) -> str:
    if text_hash(text) != version.sha256:
        raise CorruptHistory(
            target, f"the text rebuilt for version {version.number} does not match its hash"
        )
    return text
