"""Changes expressed as edits on base token positions (docs/drafting-engine.md §2).

`Edit(start, end, new)` replaces base tokens `[start, end)` with `new`; an insertion has
`start == end`, a deletion an empty `new`. Two changes made against the same base are then
comparable position by position, with no fuzzy search.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from app.drafting.errors import InvalidEdits
from app.drafting.worddiff import EQUAL, INSERT, token_diff


@dataclass(frozen=True, order=True)
class Edit:
    start: int
    end: int
    new: tuple[str, ...]

    @property
    def inserts(self) -> bool:
        """Whether this edit puts new words in the text (at position `start`)."""
        return bool(self.new)


def edits_between(base_tokens: Sequence[str], other_tokens: Sequence[str]) -> list[Edit]:
    """The sorted edits turning `base_tokens` into `other_tokens`, from the word diff.

    Consecutive edits are always separated by at least one kept token.
    """
    edits: list[Edit] = []
    position = 0
    start: int | None = None
    new: list[str] = []
    for op, tokens in token_diff(base_tokens, other_tokens):
        if op == EQUAL:
            if start is not None:
                edits.append(Edit(start, position, tuple(new)))
                start, new = None, []
            position += len(tokens)
            continue
        if start is None:
            start = position
        if op == INSERT:
            new.extend(tokens)
        else:
            position += len(tokens)
    if start is not None:
        edits.append(Edit(start, position, tuple(new)))
    return edits


def conflicting(a: Edit, b: Edit) -> bool:
    """Whether two different edits on the same base cannot both be applied unambiguously.

    They conflict when their ranges share a base token, when one inserts strictly inside the
    other's range, or when both put new words at the same position (the order of the two
    wordings would be a drafting choice). An insertion at the start of a pure deletion, or at the
    end of any range, is unambiguous and does not conflict.
    """
    if a == b:
        return False
    if a.start < b.end and b.start < a.end:
        return True
    return a.start == b.start and a.inserts and b.inserts


def apply_edits(base_tokens: Sequence[str], edits: Iterable[Edit]) -> list[str]:
    """`base_tokens` with every edit applied; the edits must not conflict with each other."""
    result: list[str] = []
    position = 0
    previous: Edit | None = None
    # At the same start an insertion sorts before a deletion starting there, as it must apply.
    for edit in sorted(edits):
        if not 0 <= edit.start <= edit.end <= len(base_tokens):
            raise InvalidEdits(
                f"edit of tokens {edit.start}–{edit.end} falls outside a text of "
                f"{len(base_tokens)} tokens"
            )
        if previous is not None and (edit.start < position or conflicting(previous, edit)):
            raise InvalidEdits(
                f"edits of tokens {previous.start}–{previous.end} and {edit.start}–{edit.end} "
                "overlap"
            )
        result.extend(base_tokens[position : edit.start])
        result.extend(edit.new)
        position = edit.end
        previous = edit
    result.extend(base_tokens[position:])
    return result
