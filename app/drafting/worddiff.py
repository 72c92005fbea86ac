"""Word-level diffs: the redline delegates read, and the token diff the rest of the core builds on.

Tokens are diffed with diff-match-patch's lines-to-chars technique applied to words: each distinct
token becomes one private-use character, `diff_main` runs on the two short mapped strings, and the
result is mapped back. That is an order of magnitude cheaper than a character diff and can only
ever show whole words as changed.

Two readability steps shape what `word_diff` returns (docs/drafting-engine.md §1):

* **Whitespace trimming.** A token carries its trailing whitespace, so ``"orderly and "`` →
  ``"orderly, "`` would naively show ``orderly`` deleted and inserted again. Within each change,
  the common prefix and suffix move back into the unchanged text, but only up to a word boundary:
  the redline becomes ``orderly[- and-][+,+] `` and never a fragment such as ``a`` → ``bie``.
* **Rewrite valve.** When old and new share less than 40% of their tokens (more than 60% of the
  paragraph changed) and the changes are scattered over several places, one deletion of the old
  text and one insertion of the new replace the confetti. The ≤ 3-character "show the character
  change" valve is deliberately not implemented: redlines here are whole words only.
"""

import html
from collections.abc import Iterable, Sequence
from functools import lru_cache

from diff_match_patch import diff_match_patch

from app.drafting.tokens import is_word_char, tokenize

EQUAL = "equal"
INSERT = "insert"
DELETE = "delete"

Segment = tuple[str, str]  # (op, text), op in {"equal", "insert", "delete"}
TokenRun = tuple[str, tuple[str, ...]]  # (op, tokens)

_OPS = {0: EQUAL, 1: INSERT, -1: DELETE}
_REWRITE_SHARE = 0.4  # below this share of kept tokens on both sides, show a full replacement


def _code_point(index: int) -> str:
    # Private-use characters first: they are neither letters nor whitespace, so the semantic
    # cleanup's boundary heuristics see no fake words or lines in the mapped strings.
    if index < 0x1900:
        return chr(0xE000 + index)
    index -= 0x1900
    if index < 0x1FFFE:
        return chr(0xF0000 + index)
    return chr(0x10000 + index - 0x1FFFE)  # planes 1–14: beyond 137k distinct words


def token_diff(old: Sequence[str], new: Sequence[str], *, cleanup: bool = True) -> list[TokenRun]:
    """Diff two token lists; concatenating equal+delete runs gives `old`, equal+insert `new`.

    `cleanup` runs diff-match-patch's semantic cleanup, which folds short coincidental equalities
    (a lone "the" between two rewritten clauses) into the surrounding change: what a reader and a
    merge want. Without it, every token the minimal diff keeps is reported kept (what blame wants).
    """
    codes: dict[str, str] = {}
    mapped = []
    for tokens in (old, new):
        chars = []
        for token in tokens:
            code = codes.get(token)
            if code is None:
                code = codes[token] = _code_point(len(codes))
            chars.append(code)
        mapped.append("".join(chars))
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0  # no clock: the same inputs always give the same diff
    diffs = dmp.diff_main(mapped[0], mapped[1], False)
    if cleanup:
        dmp.diff_cleanupSemantic(diffs)
    runs: list[TokenRun] = []
    i = j = 0
    for op, chars in diffs:
        n = len(chars)
        if op == 0:
            runs.append((EQUAL, tuple(old[i : i + n])))
            i, j = i + n, j + n
        elif op == -1:
            runs.append((DELETE, tuple(old[i : i + n])))
            i += n
        else:
            runs.append((INSERT, tuple(new[j : j + n])))
            j += n
    return runs


@lru_cache(maxsize=64)
def _runs(
    old: str, new: str, cleanup: bool
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[TokenRun, ...]]:
    """The tokens and the token diff of two texts. Kept for the last few pairs: a proposal's
    patch and its answer's redline diff the same two texts (the pair is a pure function of
    them; callers only read what it returns)."""
    old_tokens, new_tokens = tuple(tokenize(old)), tuple(tokenize(new))
    return old_tokens, new_tokens, tuple(token_diff(old_tokens, new_tokens, cleanup=cleanup))


def word_diff(old: str, new: str, *, collapse: bool = True, cleanup: bool = True) -> list[Segment]:
    """Word-level redline of `old` → `new` as merged (op, text) segments.

    `collapse=False` turns off the rewrite valve and `cleanup=False` the semantic cleanup (see
    `token_diff`); blame uses both, to keep every word that survived.
    """
    if old == new:
        return [(EQUAL, old)] if old else []
    old_tokens, new_tokens, runs = _runs(old, new, cleanup)
    if collapse and _mostly_rewritten(runs, len(old_tokens), len(new_tokens)):
        return [(DELETE, old), (INSERT, new)]
    segments: list[Segment] = []
    for kind, deleted, inserted in _changes(runs):
        if kind == EQUAL:
            _append(segments, EQUAL, deleted)
            continue
        prefix, suffix = _trim(deleted, inserted)
        _append(segments, EQUAL, deleted[:prefix])
        _append(segments, DELETE, deleted[prefix : len(deleted) - suffix])
        _append(segments, INSERT, inserted[prefix : len(inserted) - suffix])
        _append(segments, EQUAL, deleted[len(deleted) - suffix :])
    return segments


def redline_html(segments: Iterable[Segment]) -> str:
    """HTML for a redline: every piece of user text escaped, changes wrapped in <ins>/<del>."""
    parts = []
    for op, text in segments:
        escaped = html.escape(text, quote=True)
        if op == INSERT:
            parts.append(f"<ins>{escaped}</ins>")
        elif op == DELETE:
            parts.append(f"<del>{escaped}</del>")
        elif op == EQUAL:
            parts.append(escaped)
        else:
            raise ValueError(f"unknown redline operation {op!r}")
    return "".join(parts)


def _changes(runs: Sequence[TokenRun]) -> list[tuple[str, str, str]]:
    """Group runs into ("equal", text, text) and ("change", deleted, inserted) items."""
    items: list[tuple[str, str, str]] = []
    deleted: list[str] = []
    inserted: list[str] = []
    for op, tokens in runs:
        if op == EQUAL:
            if deleted or inserted:
                items.append(("change", "".join(deleted), "".join(inserted)))
                deleted, inserted = [], []
            text = "".join(tokens)
            items.append((EQUAL, text, text))
        elif op == DELETE:
            deleted.extend(tokens)
        else:
            inserted.extend(tokens)
    if deleted or inserted:
        items.append(("change", "".join(deleted), "".join(inserted)))
    return items


def _mostly_rewritten(runs: Sequence[TokenRun], old_count: int, new_count: int) -> bool:
    kept = sum(len(tokens) for op, tokens in runs if op == EQUAL)
    changes = sum(
        1 for k, (op, _) in enumerate(runs) if op != EQUAL and (k == 0 or runs[k - 1][0] == EQUAL)
    )
    return changes >= 2 and kept < _REWRITE_SHARE * old_count and kept < _REWRITE_SHARE * new_count


def _cut_ok(text: str, k: int) -> bool:
    # Cutting at the ends of a change is always safe: they are token (hence word) boundaries.
    return k <= 0 or k >= len(text) or not (is_word_char(text[k - 1]) and is_word_char(text[k]))


def _trim(deleted: str, inserted: str) -> tuple[int, int]:
    """Lengths of the common prefix and suffix that can stay unchanged without splitting a word."""
    if not deleted or not inserted:
        return 0, 0
    limit = min(len(deleted), len(inserted))
    prefix = 0
    while prefix < limit and deleted[prefix] == inserted[prefix]:
        prefix += 1
    while prefix and not (_cut_ok(deleted, prefix) and _cut_ok(inserted, prefix)):
        prefix -= 1
    limit -= prefix
    suffix = 0
    while suffix < limit and deleted[-1 - suffix] == inserted[-1 - suffix]:
        suffix += 1
    while suffix and not (
        _cut_ok(deleted, len(deleted) - suffix) and _cut_ok(inserted, len(inserted) - suffix)
    ):
        suffix -= 1
    return prefix, suffix


def _append(segments: list[Segment], op: str, text: str) -> None:
    if not text:
        return
    if segments and segments[-1][0] == op:
        segments[-1] = (op, segments[-1][1] + text)
    else:
        segments.append((op, text))
