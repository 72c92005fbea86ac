"""Comparing two revisions of a document by stable paragraph ids."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.drafting.compare import ParagraphChange, ParagraphState, compare_documents
from app.drafting.errors import DraftingError

DETERMINISTIC = settings(deadline=None, max_examples=150, derandomize=True, database=None)


def p(paragraph_id: int, text: str, section: int = 1, label: str = "", version: int = 1):
    return ParagraphState(paragraph_id, section, label or str(paragraph_id), text, version)


def ids(changes: tuple[ParagraphChange, ...]) -> list[int]:
    return [change.paragraph_id for change in changes]


def test_added_deleted_changed_and_unchanged():
    old = [p(1, "Recalling."), p(2, "Safe migration."), p(3, "Deleted text.")]
    new = [p(1, "Recalling."), p(2, "Safe and orderly migration.", version=2), p(4, "New.")]
    result = compare_documents(old, new)
    assert ids(result.added) == [4]
    assert result.added[0].redline == (("insert", "New."),)
    assert result.added[0].old is None
    assert ids(result.deleted) == [3]
    assert result.deleted[0].redline == (("delete", "Deleted text."),)
    assert result.deleted[0].new is None
    assert result.changed == (
        ParagraphChange(
            2,
            old[1],
            new[1],
            (("equal", "Safe "), ("insert", "and orderly "), ("equal", "migration.")),
        ),
    )
    assert ids(result.unchanged) == [1]
    assert result.unchanged[0].redline == (("equal", "Recalling."),)
    assert result.moved == ()


def test_only_the_paragraph_that_really_moved_is_flagged():
    old = [p(1, "a"), p(2, "b"), p(3, "c"), p(4, "d"), p(5, "e")]
    new = [p(5, "e"), p(1, "a"), p(2, "b"), p(3, "c"), p(4, "d")]
    result = compare_documents(old, new)
    assert ids(result.moved) == [5]
    assert ids(result.unchanged) == [1, 2, 3, 4]


def test_a_paragraph_moved_to_another_section_is_moved():
    old = [p(1, "a", section=1), p(2, "b", section=1)]
    new = [p(1, "a", section=1), p(2, "b", section=2)]
    assert ids(compare_documents(old, new).moved) == [2]


def test_moved_and_reworded_appears_in_both_lists():
    old = [p(1, "a"), p(2, "b"), p(3, "safe migration")]
    new = [p(3, "safe and regular migration"), p(1, "a"), p(2, "b")]
    result = compare_documents(old, new)
    assert ids(result.moved) == ids(result.changed) == [3]
    assert result.moved[0] is result.changed[0]
    assert 3 not in ids(result.unchanged)


def test_a_renumbering_alone_is_not_a_change():
    result = compare_documents([p(1, "a", label="2")], [p(1, "a", label="3")])
    assert ids(result.unchanged) == [1]


def test_duplicate_ids_are_rejected():
    with pytest.raises(DraftingError) as caught:
        compare_documents([p(1, "a"), p(1, "b")], [])
    assert str(caught.value) == "paragraph 1 appears twice in the old revision"


@st.composite
def revisions(draw):
    old_ids = list(range(draw(st.integers(0, 12))))
    kept = [i for i in old_ids if draw(st.booleans()) or draw(st.booleans())]
    new_ids = draw(st.permutations(kept + list(range(100, 100 + draw(st.integers(0, 3))))))
    reworded = {i for i in new_ids if draw(st.integers(0, 4)) == 0}
    old = [p(i, f"text {i}") for i in old_ids]
    new = [p(i, f"text {i}" + (" changed" if i in reworded else "")) for i in new_ids]
    return old, new


def _longest_increasing(values: list[int]) -> int:
    best = [1] * len(values)
    for k in range(len(values)):
        for j in range(k):
            if values[j] < values[k]:
                best[k] = max(best[k], best[j] + 1)
    return max(best, default=0)


@DETERMINISTIC
@given(revisions())
def test_every_paragraph_is_accounted_for_and_moves_are_minimal(revision):
    old, new = revision
    result = compare_documents(old, new)
    old_ids = {q.paragraph_id for q in old}
    new_ids = {q.paragraph_id for q in new}
    assert set(ids(result.added)) == new_ids - old_ids
    assert set(ids(result.deleted)) == old_ids - new_ids
    common = old_ids & new_ids
    reported = ids(result.unchanged) + ids(result.moved) + ids(result.changed)
    assert set(reported) == common
    assert set(ids(result.unchanged)).isdisjoint(ids(result.moved) + ids(result.changed))
    assert len(set(reported)) == len(common)
    position = {q.paragraph_id: k for k, q in enumerate(old)}
    order = [position[q.paragraph_id] for q in new if q.paragraph_id in common]
    assert len(result.moved) == len(order) - _longest_increasing(order)
    # The paragraphs not flagged as moved keep their old relative order.
    still = [
        position[i]
        for i in ids(result.unchanged) + ids(result.changed)
        if i not in ids(result.moved)
    ]
    assert sorted(still) == [k for k in order if k in still]
