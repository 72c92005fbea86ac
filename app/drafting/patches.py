"""Exact patches between two versions of a text, and the hash that proves a rebuild is right.

Stored patches are diff-match-patch patch text, so any diff-match-patch port can read them. They
are applied strictly: diff-match-patch normally applies a hunk "close enough" (fuzzy location,
fuzzy content); here a hunk applies only at exactly its recorded place with exactly its recorded
context, or the whole application fails with `PatchError`. A version is history, not a suggestion.
Exact context is not the whole text: `history` checks every rebuilt text against its stored hash.

The patch is built from the word-level diff rather than a character diff: both are exact (a patch
only needs diffs that turn old into new), and the word diff costs a fraction of a pure-Python
character diff (docs/drafting-engine.md §1: ~3 ms per rewording).
"""

import hashlib

from diff_match_patch import diff_match_patch

from app.drafting.errors import PatchError
from app.drafting.worddiff import DELETE, INSERT, word_diff

_DMP_OPS = {DELETE: diff_match_patch.DIFF_DELETE, INSERT: diff_match_patch.DIFF_INSERT}


def _strict_dmp() -> diff_match_patch:
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0  # no clock: the same texts always give the same patch
    # 0.0 accepts a match only with no error at exactly the expected location, and a long hunk
    # only when the text between its located ends is exactly the expected text.
    dmp.Match_Threshold = 0.0
    dmp.Patch_DeleteThreshold = 0.0
    return dmp


def text_hash(text: str) -> str:
    """SHA-256 hex digest of the UTF-8 encoding of `text`."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def make_patch(old: str, new: str) -> str:
    """diff-match-patch patch text turning `old` into `new` ("" when they are equal)."""
    if old == new:
        return ""
    diffs = [
        (_DMP_OPS.get(op, diff_match_patch.DIFF_EQUAL), text)
        for op, text in word_diff(old, new, collapse=False)
    ]
    dmp = _strict_dmp()
    patch_text: str = dmp.patch_toText(dmp.patch_make(old, diffs))
    return patch_text


def apply_patch(old: str, patch_text: str) -> str:
    """Apply `patch_text` to `old` exactly; raise `PatchError` if the text or any hunk is wrong."""
    dmp = _strict_dmp()
    try:
        patches = dmp.patch_fromText(patch_text)
    except (ValueError, IndexError) as exc:
        raise PatchError(f"the patch text is malformed ({exc})") from exc
    outcome: tuple[str, list[bool]] = dmp.patch_apply(patches, old)
    new, results = outcome
    failed = [str(i + 1) for i, applied in enumerate(results) if not applied]
    if failed:
        raise PatchError(
            f"hunk {', '.join(failed)} of {len(results)} does not apply to this text"
            if len(failed) == 1
            else f"hunks {', '.join(failed)} of {len(results)} do not apply to this text"
        )
    return new
