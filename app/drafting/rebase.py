"""Three-way merge at word granularity: rebasing an amendment, and comparing amendments.

Every change is turned into edits on the tokens of the shared base (`edits.py`), so two changes
are compared position by position:

* disjoint edits both apply;
* an edit made identically on both sides applies once;
* edits that share a base word, an insertion strictly inside the other side's range, or two
  different insertions at the same position are a **conflict**, never merged silently.

Boundary rule: an insertion at the *start* of the other side's range conflicts when that range
also inserts words (a replacement: which wording comes first is a drafting choice), and applies
cleanly when the range is a pure deletion (the insertion lands where the deleted words were). An
insertion at the *end* of a range applies cleanly after the range's new words. Touching ranges
(one ends where the other starts) are disjoint.

A `Conflict` names the base words involved by character offsets into the base text
(`base[c.base_start:c.base_end] == c.base_text`) and what each side wanted there. In `rebase`
the sides are head and amendment; in `overlaps` and `combine`, `head_text` is the wording of the
first amendment of the pair (lower id, or earlier in the sequence) and `amendment_text` the other.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import accumulate

from app.drafting.edits import Edit, apply_edits, conflicting, edits_between
from app.drafting.tokens import tokenize

APPLIES_CLEANLY = "applies_cleanly"
ALREADY_APPLIED = "already_applied"
CONFLICT = "conflict"


@dataclass(frozen=True)
class Conflict:
    base_start: int  # character offset in the base text
    base_end: int
    base_text: str  # the base words both sides touched ("" for two insertions at one place)
    head_text: str  # what head (or the first amendment) has there instead
    amendment_text: str  # what the amendment (or the second amendment) wants there


@dataclass(frozen=True)
class RebaseResult:
    status: str  # "applies_cleanly" | "already_applied" | "conflict"
    text: str | None  # the merged text; None on conflict
    conflicts: tuple[Conflict, ...]


@dataclass(frozen=True)
class Overlap:
    a: int  # amendment ids, a < b
    b: int
    conflicts: tuple[Conflict, ...]


def rebase(base: str, head: str, amended: str) -> RebaseResult:
    """Carry an amendment written against `base` over to `head`, or report where they collide.

    An amendment that changes nothing (`amended == base`) or whose changes head already has is
    "already_applied" with head's text; when head is still the base, the amendment's own text
    applies cleanly.
    """
    if base == head:
        return RebaseResult(APPLIES_CLEANLY, amended, ())
    if amended in (head, base):
        return RebaseResult(ALREADY_APPLIED, head, ())
    base_tokens = tokenize(base)
    head_edits = edits_between(base_tokens, tokenize(head))
    amendment_edits = edits_between(base_tokens, tokenize(amended))
    if set(amendment_edits) <= set(head_edits):
        return RebaseResult(ALREADY_APPLIED, head, ())
    conflicts = _collisions(base_tokens, head_edits, amendment_edits)
    if conflicts:
        return RebaseResult(CONFLICT, None, tuple(conflicts))
    text = "".join(apply_edits(base_tokens, set(head_edits) | set(amendment_edits)))
    # The same change can be aligned differently against two texts; the outcome still decides.
    status = ALREADY_APPLIED if text == head else APPLIES_CLEANLY
    return RebaseResult(status, text, ())


def overlaps(base: str, amended: Mapping[int, str]) -> list[Overlap]:
    """The pairs of amendments (by id) on the same base that collide, with where they collide.

    Two amendments making the same change to the same words agree and do not overlap.
    """
    base_tokens = tokenize(base)
    ids = sorted(amended)
    edits = {i: edits_between(base_tokens, tokenize(amended[i])) for i in ids}
    found = []
    for k, a in enumerate(ids):
        for b in ids[k + 1 :]:
            conflicts = _collisions(base_tokens, edits[a], edits[b])
            if conflicts:
                found.append(Overlap(a, b, tuple(conflicts)))
    return found


def combine(base: str, texts: Sequence[str]) -> RebaseResult:
    """One text carrying every amendment's changes, if they are pairwise free of conflicts."""
    base_tokens = tokenize(base)
    edit_sets = [edits_between(base_tokens, tokenize(text)) for text in texts]
    conflicts: list[Conflict] = []
    for k, first in enumerate(edit_sets):
        for second in edit_sets[k + 1 :]:
            for conflict in _collisions(base_tokens, first, second):
                if conflict not in conflicts:
                    conflicts.append(conflict)
    if conflicts:
        return RebaseResult(CONFLICT, None, tuple(conflicts))
    merged = {edit for edits in edit_sets for edit in edits}
    return RebaseResult(APPLIES_CLEANLY, "".join(apply_edits(base_tokens, merged)), ())


def _collisions(base_tokens: list[str], left: list[Edit], right: list[Edit]) -> list[Conflict]:
    """Conflicts between two edit lists on the same base, connected collisions grouped as one."""
    shared = set(left) & set(right)
    left = [e for e in left if e not in shared]
    right = [e for e in right if e not in shared]
    # Union-find over edits: left edit i is node i, right edit j is node len(left) + j.
    parent = list(range(len(left) + len(right)))

    def find(node: int) -> int:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    touched: set[int] = set()
    for i, a in enumerate(left):
        for j, b in enumerate(right):
            if b.start > a.end:
                break  # right is sorted: nothing further can reach `a`
            if conflicting(a, b):
                parent[find(i)] = find(len(left) + j)
                touched.update((i, len(left) + j))
    groups: dict[int, list[int]] = {}
    for node in sorted(touched):
        groups.setdefault(find(node), []).append(node)
    offsets = [0, *accumulate(len(t) for t in base_tokens)]
    conflicts = []
    for nodes in groups.values():
        ours = [left[n] for n in nodes if n < len(left)]
        theirs = [right[n - len(left)] for n in nodes if n >= len(left)]
        start = min(e.start for e in ours + theirs)
        end = max(e.end for e in ours + theirs)
        conflicts.append(
            Conflict(
                base_start=offsets[start],
                base_end=offsets[end],
                base_text="".join(base_tokens[start:end]),
                head_text=_local_text(base_tokens, start, end, ours),
                amendment_text=_local_text(base_tokens, start, end, theirs),
            )
        )
    return sorted(conflicts, key=lambda c: (c.base_start, c.base_end))


def _local_text(base_tokens: list[str], start: int, end: int, edits: list[Edit]) -> str:
    shifted = [Edit(e.start - start, e.end - start, e.new) for e in edits]
    return "".join(apply_edits(base_tokens[start:end], shifted))
