"""Attribution: which version introduced each character of the latest text.

The design is docs/drafting-engine.md §5.

Walking the chain, kept text keeps its attribution and inserted text takes the new version. The
diff is the word diff with whitespace trimming but without the rewrite valve or the semantic
cleanup: every word that survived, even a lone "and" in a rewritten clause, keeps the version that
first wrote it, and a word that only gained a trailing space or comma is not re-attributed.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from app.drafting.worddiff import DELETE, EQUAL, word_diff


@dataclass(frozen=True)
class BlameSpan:
    text: str
    version: int


def blame(versions: Sequence[tuple[int, str]]) -> list[BlameSpan]:
    """Spans covering the last text of `versions` (given in order), each with its origin."""
    spans: list[BlameSpan] = []
    previous = ""
    for number, text in versions:
        spans = _carry(spans, word_diff(previous, text, collapse=False, cleanup=False), number)
        previous = text
    return spans


def _carry(old: list[BlameSpan], segments: list[tuple[str, str]], number: int) -> list[BlameSpan]:
    """The spans of the next text: equal text keeps its origin, inserted text gets `number`."""
    new: list[BlameSpan] = []
    index = offset = 0  # position in `old`: span index, character offset inside it
    for op, text in segments:
        if op not in (EQUAL, DELETE):
            _append(new, text, number)
            continue
        remaining = len(text)
        while remaining:
            span = old[index]
            taken = min(remaining, len(span.text) - offset)
            if op == EQUAL:
                _append(new, span.text[offset : offset + taken], span.version)
            remaining -= taken
            offset += taken
            if offset == len(span.text):
                index, offset = index + 1, 0
    return new


def _append(spans: list[BlameSpan], text: str, version: int) -> None:
    if spans and spans[-1].version == version:
        spans[-1] = BlameSpan(spans[-1].text + text, version)
    else:
        spans.append(BlameSpan(text, version))
