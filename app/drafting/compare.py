"""Comparing two revisions of a document paragraph by paragraph (docs/drafting-engine.md §6).

Paragraphs have stable ids, so there is no similarity alignment: they are matched by id.

* **added** / **deleted**: present on one side only (redline: the whole text inserted/deleted).
* **moved**: the paragraph changed section, or its place among the paragraphs both revisions share
  changed. Only the paragraphs outside a longest increasing subsequence of old positions count as
  moved, so moving one paragraph up flags that paragraph, not every paragraph it jumped over.
* **changed**: its text changed (redline: the word diff).
* **unchanged**: common, same text, not moved.

A paragraph both moved and reworded appears in **both** `moved` and `changed` (the same
`ParagraphChange`, with its redline), so neither list under-reports. A label change alone (a
renumbering) is not a change of text. Lists follow the new revision's order, except `deleted`,
which follows the old one.
"""

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from app.drafting.errors import DraftingError
from app.drafting.worddiff import DELETE, INSERT, Segment, word_diff


@dataclass(frozen=True)
class ParagraphState:
    paragraph_id: int
    section_id: int
    label: str
    text: str
    version: int


@dataclass(frozen=True)
class ParagraphChange:
    paragraph_id: int
    old: ParagraphState | None
    new: ParagraphState | None
    redline: tuple[Segment, ...]


@dataclass(frozen=True)
class DocumentComparison:
    added: tuple[ParagraphChange, ...]
    deleted: tuple[ParagraphChange, ...]
    moved: tuple[ParagraphChange, ...]
    changed: tuple[ParagraphChange, ...]
    unchanged: tuple[ParagraphChange, ...]


def compare_documents(
    old: Sequence[ParagraphState], new: Sequence[ParagraphState]
) -> DocumentComparison:
    """Compare two revisions, each given as its paragraphs in document order."""
    old_by_id = _index(old, "old")
    new_by_id = _index(new, "new")
    common = [p for p in new if p.paragraph_id in old_by_id]
    position = {p.paragraph_id: k for k, p in enumerate(old)}
    in_order = _increasing(
        [position[p.paragraph_id] for p in common], [p.paragraph_id for p in common]
    )
    added, moved, changed, unchanged = [], [], [], []
    for paragraph in new:
        before = old_by_id.get(paragraph.paragraph_id)
        if before is None:
            added.append(_whole(paragraph, INSERT))
            continue
        redline = tuple(word_diff(before.text, paragraph.text))
        change = ParagraphChange(paragraph.paragraph_id, before, paragraph, redline)
        is_moved = (
            paragraph.paragraph_id not in in_order or before.section_id != paragraph.section_id
        )
        if is_moved:
            moved.append(change)
        if before.text != paragraph.text:
            changed.append(change)
        elif not is_moved:
            unchanged.append(change)
    deleted = [_whole(p, DELETE) for p in old if p.paragraph_id not in new_by_id]
    return DocumentComparison(
        added=tuple(added),
        deleted=tuple(deleted),
        moved=tuple(moved),
        changed=tuple(changed),
        unchanged=tuple(unchanged),
    )


def _whole(paragraph: ParagraphState, op: str) -> ParagraphChange:
    """An added (op "insert") or deleted (op "delete") paragraph: its whole text is the change."""
    redline = ((op, paragraph.text),) if paragraph.text else ()
    if op == INSERT:
        return ParagraphChange(paragraph.paragraph_id, None, paragraph, redline)
    return ParagraphChange(paragraph.paragraph_id, paragraph, None, redline)


def _index(paragraphs: Sequence[ParagraphState], side: str) -> dict[int, ParagraphState]:
    by_id: dict[int, ParagraphState] = {}
    for paragraph in paragraphs:
        if paragraph.paragraph_id in by_id:
            raise DraftingError(
                f"paragraph {paragraph.paragraph_id} appears twice in the {side} revision"
            )
        by_id[paragraph.paragraph_id] = paragraph
    return by_id


def _increasing(values: list[int], ids: list[int]) -> set[int]:
    """Ids of one longest strictly increasing subsequence of `values` (patience sorting)."""
    tails: list[int] = []  # tails[k]: smallest tail value of an increasing run of length k+1
    tail_at: list[int] = []  # index in `values` of that tail
    back: list[int] = []  # predecessor index of each element in its best run
    for k, value in enumerate(values):
        length = bisect_left(tails, value)
        if length == len(tails):
            tails.append(value)
            tail_at.append(k)
        else:
            tails[length] = value
            tail_at[length] = k
        back.append(tail_at[length - 1] if length else -1)
    kept: set[int] = set()
    k = tail_at[-1] if tail_at else -1
    while k != -1:
        kept.add(ids[k])
        k = back[k]
    return kept
