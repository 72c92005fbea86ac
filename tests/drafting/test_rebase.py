"""Three-way merge on word positions: disjoint edits merge, colliding edits are reported."""

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from app.drafting.edits import Edit, apply_edits, conflicting, edits_between
from app.drafting.errors import InvalidEdits
from app.drafting.rebase import Conflict, Overlap, RebaseResult, combine, overlaps, rebase
from app.drafting.tokens import tokenize

DETERMINISTIC = settings(deadline=None, max_examples=150, derandomize=True, database=None)

BASE = "States shall cooperate on safe, orderly and regular migration."


def with_(*pairs: tuple[str, str]) -> str:
    text = BASE
    for old, new in pairs:
        assert old in text
        text = text.replace(old, new)
    return text


# --- edits ---------------------------------------------------------------------------------


def test_edits_between_names_base_positions():
    base = tokenize("safe, orderly and regular migration")
    other = tokenize("safe, orderly and responsible humane migration")
    assert edits_between(base, other) == [Edit(4, 5, ("responsible ", "humane "))]
    assert edits_between(base, base) == []
    assert edits_between([], ["a"]) == [Edit(0, 0, ("a",))]


def test_apply_edits_inserts_before_a_deletion_at_the_same_place():
    base = ["a ", "b ", "c"]
    assert apply_edits(base, [Edit(1, 2, ()), Edit(1, 1, ("x ",))]) == ["a ", "x ", "c"]


def test_apply_edits_rejects_overlaps_and_out_of_range_edits():
    with pytest.raises(InvalidEdits) as caught:
        apply_edits(["a ", "b ", "c"], [Edit(0, 2, ()), Edit(1, 3, ("x",))])
    assert str(caught.value) == "edits of tokens 0–2 and 1–3 overlap"
    with pytest.raises(InvalidEdits) as caught:
        apply_edits(["a"], [Edit(1, 3, ())])
    assert str(caught.value) == "edit of tokens 1–3 falls outside a text of 1 tokens"
    with pytest.raises(InvalidEdits, match="overlap"):
        apply_edits(["a"], [Edit(0, 0, ("x ",)), Edit(0, 1, ("y",))])


def test_conflict_rules_on_edits():
    replace_2_4 = Edit(2, 4, ("x ",))
    assert conflicting(replace_2_4, Edit(3, 5, ("y ",)))  # share token 3
    assert conflicting(replace_2_4, Edit(3, 3, ("y ",)))  # insertion strictly inside
    assert conflicting(Edit(2, 2, ("x ",)), Edit(2, 2, ("y ",)))  # two wordings, one place
    assert conflicting(replace_2_4, Edit(2, 2, ("y ",)))  # insertion at a replacement's start
    assert not conflicting(Edit(2, 4, ()), Edit(2, 2, ("y ",)))  # ... at a deletion's start
    assert not conflicting(replace_2_4, Edit(4, 4, ("y ",)))  # at a range's end
    assert not conflicting(replace_2_4, Edit(4, 6, ()))  # touching ranges
    assert not conflicting(replace_2_4, replace_2_4)  # the same edit


# --- rebase --------------------------------------------------------------------------------


def test_disjoint_edits_are_both_kept():
    head = with_(("shall", "should"))
    amended = with_(("regular", "responsible"))
    assert rebase(BASE, head, amended) == RebaseResult(
        "applies_cleanly",
        "States should cooperate on safe, orderly and responsible migration.",
        (),
    )


def test_adjacent_words_changed_by_each_side_merge():
    head = with_(("orderly", "humane"))
    amended = with_(("and regular", "and responsible"))
    assert rebase(BASE, head, amended).text == (
        "States shall cooperate on safe, humane and responsible migration."
    )


def test_the_same_word_changed_differently_is_a_conflict():
    result = rebase(BASE, with_(("regular", "responsible")), with_(("regular", "humane")))
    assert result == RebaseResult(
        "conflict",
        None,
        (
            Conflict(
                base_start=44,
                base_end=52,
                base_text="regular ",
                head_text="responsible ",
                amendment_text="humane ",
            ),
        ),
    )
    assert BASE[44:52] == "regular "


def test_connected_collisions_are_reported_as_one_conflict():
    head = with_(("safe, orderly and regular migration", "well-managed mobility"))
    amended = with_(("safe, orderly", "safe and orderly"), ("migration", "mobility"))
    assert len(edits_between(tokenize(BASE), tokenize(amended))) == 2
    assert rebase(BASE, head, amended).conflicts == (
        Conflict(
            base_start=26,
            base_end=61,
            base_text="safe, orderly and regular migration",
            head_text="well-managed mobility",
            amendment_text="safe and orderly and regular mobility",
        ),
    )


def test_insertion_inside_a_replaced_range_is_a_conflict():
    head = with_(("safe, orderly and regular", "well-managed"))
    amended = with_(("orderly and", "orderly, humane and"))
    result = rebase(BASE, head, amended)
    assert result.status == "conflict"
    assert result.conflicts[0].base_text == "safe, orderly and regular "


def test_two_insertions_at_the_same_place_are_a_conflict():
    head = with_(("regular ", "regular and humane "))
    amended = with_(("regular ", "regular and responsible "))
    (conflict,) = rebase(BASE, head, amended).conflicts
    assert conflict == Conflict(52, 52, "", "and humane ", "and responsible ")


def test_an_insertion_where_the_other_side_only_deleted_applies():
    head = with_(("regular ", ""))
    amended = with_(("regular ", "responsible regular "))
    # The amendment's words land where head's deleted words were.
    assert rebase(BASE, head, amended) == RebaseResult(
        "applies_cleanly",
        "States shall cooperate on safe, orderly and responsible migration.",
        (),
    )


def test_an_insertion_right_after_the_other_sides_replacement_applies():
    head = with_(("regular", "well-managed"))
    amended = with_(("regular migration", "regular and humane migration"))
    assert rebase(BASE, head, amended).text == (
        "States shall cooperate on safe, orderly and well-managed and humane migration."
    )


def test_an_insertion_inside_the_other_sides_deletion_is_a_conflict():
    head = with_(("orderly and regular ", "orderly "))
    amended = with_(("regular ", "responsible regular "))
    (conflict,) = rebase(BASE, head, amended).conflicts
    assert (conflict.base_text, conflict.head_text, conflict.amendment_text) == (
        "and regular ",
        "",
        "and responsible regular ",
    )


def test_an_insertion_at_the_start_of_the_other_sides_replacement_is_a_conflict():
    head = with_(("regular", "well-managed"))
    amended = with_(("and regular", "and humane regular"))
    (conflict,) = rebase(BASE, head, amended).conflicts
    assert (conflict.base_text, conflict.head_text, conflict.amendment_text) == (
        "regular ",
        "well-managed ",
        "humane regular ",
    )


def test_an_amendment_already_in_head_is_already_applied():
    amended = with_(("regular", "responsible"))
    head = with_(("shall", "should"), ("regular", "responsible"))
    assert rebase(BASE, head, amended) == RebaseResult("already_applied", head, ())
    assert rebase(BASE, amended, amended) == RebaseResult("already_applied", amended, ())
    assert rebase(BASE, head, BASE) == RebaseResult("already_applied", head, ())


def test_an_amendment_partly_in_head_applies_the_rest():
    amended = with_(("shall", "should"), ("regular", "responsible"))
    head = with_(("regular", "responsible"))
    assert rebase(BASE, head, amended) == RebaseResult("applies_cleanly", amended, ())


def test_when_head_is_the_base_the_amendment_applies_as_written():
    amended = with_(("regular", "responsible"))
    assert rebase(BASE, BASE, amended) == RebaseResult("applies_cleanly", amended, ())
    assert rebase("", "", "New paragraph.") == RebaseResult("applies_cleanly", "New paragraph.", ())


# --- competing amendments ------------------------------------------------------------------


def test_overlaps_pairs_amendments_touching_the_same_words():
    found = overlaps(
        BASE,
        {
            7: with_(("regular", "responsible")),
            3: with_(("regular", "humane")),
            5: with_(("shall", "must")),
            9: with_(("regular", "responsible")),
        },
    )
    regular = Conflict(44, 52, "regular ", "humane ", "responsible ")
    assert found == [Overlap(3, 7, (regular,)), Overlap(3, 9, (regular,))]


def test_combine_merges_pairwise_disjoint_amendments():
    texts = [
        with_(("regular", "responsible")),
        with_(("shall", "must")),
        with_(("States", "Member States")),
        with_(("regular", "responsible")),  # the same change twice is applied once
    ]
    assert combine(BASE, texts) == RebaseResult(
        "applies_cleanly",
        "Member States must cooperate on safe, orderly and responsible migration.",
        (),
    )
    assert combine(BASE, []) == RebaseResult("applies_cleanly", BASE, ())


def test_combine_reports_the_collisions():
    texts = [with_(("shall", "must")), with_(("regular", "fair")), with_(("regular", "humane"))]
    assert combine(BASE, texts) == RebaseResult(
        "conflict", None, (Conflict(44, 52, "regular ", "fair ", "humane "),)
    )


# --- properties ----------------------------------------------------------------------------


# Base words are all distinct and replacements never reuse them, so the word diff recovers
# exactly the edits that were made; both sides draw new words from their own vocabulary.
def base_words(n: int) -> list[str]:
    return [f"palabra{i} " for i in range(n)]


@st.composite
def disjoint_changes(draw):
    """A base and two sets of edits on word ranges separated by wide enough unchanged gaps."""
    count = draw(st.integers(2, 5))
    sides = draw(st.lists(st.booleans(), min_size=count, max_size=count))
    assume(any(sides) and not all(sides))
    sizes = [
        draw(st.tuples(st.integers(0, 3), st.integers(0, 3)).filter(lambda t: t != (0, 0)))
        for _ in range(count)
    ]
    # The semantic cleanup folds an unchanged stretch into the edits around it when it is no
    # longer than them; stretches longer than any edit keep each side's edits where they are.
    position = draw(st.integers(0, 3))
    edits: dict[bool, list[Edit]] = {True: [], False: []}
    for k, (side, (deleted, inserted)) in enumerate(zip(sides, sizes, strict=True)):
        prefix = "head" if side else "enmienda"
        new = tuple(f"{prefix}{k}x{j} " for j in range(inserted))
        edits[side].append(Edit(position, position + deleted, new))
        position += deleted + draw(st.integers(4, 6))
    return base_words(position), edits[True], edits[False]


@DETERMINISTIC
@given(disjoint_changes())
def test_disjoint_edits_rebase_cleanly_and_keep_both(change):
    base, head_edits, amendment_edits = change
    text = "".join(base)
    head = "".join(apply_edits(base, head_edits))
    amended = "".join(apply_edits(base, amendment_edits))
    both = "".join(apply_edits(base, head_edits + amendment_edits))
    assert edits_between(base, tokenize(amended)) == amendment_edits
    assert rebase(text, head, amended) == RebaseResult("applies_cleanly", both, ())
    assert rebase(text, amended, head) == RebaseResult("applies_cleanly", both, ())
    assert combine(text, [head, amended]) == RebaseResult("applies_cleanly", both, ())
    assert overlaps(text, {1: head, 2: amended}) == []
    assert rebase(text, both, amended).status == "already_applied"


@st.composite
def colliding_changes(draw):
    """A base, and a head edit and an amendment edit that collide in one of the three ways."""
    n = draw(st.integers(3, 15))
    kind = draw(st.sampled_from(["shared word", "insertion inside", "same insertion point"]))
    if kind == "shared word":
        shared = draw(st.integers(0, n - 1))
        ranges = [
            (draw(st.integers(0, shared)), draw(st.integers(shared + 1, n))) for _ in range(2)
        ]
    elif kind == "insertion inside":
        start = draw(st.integers(0, n - 2))
        end = draw(st.integers(start + 2, n))
        inside = draw(st.integers(start + 1, end - 1))
        ranges = draw(st.permutations([(start, end), (inside, inside)]))
    else:
        point = draw(st.integers(0, n))
        ranges = [(point, point), (point, draw(st.integers(point, n)))]
    edits = []
    for side, (start, end) in zip(("head", "enmienda"), ranges, strict=True):
        size = draw(st.integers(1 if start == end or kind != "shared word" else 0, 3))
        edits.append(Edit(start, end, tuple(f"{side}{j} " for j in range(size))))
    assume(edits[0] != edits[1])  # two identical deletions agree; they do not collide
    return base_words(n), edits[0], edits[1]


@DETERMINISTIC
@given(colliding_changes())
def test_colliding_edits_are_a_conflict_never_a_silent_merge(change):
    base, head_edit, amendment_edit = change
    text = "".join(base)
    head = "".join(apply_edits(base, [head_edit]))
    amended = "".join(apply_edits(base, [amendment_edit]))
    result = rebase(text, head, amended)
    assert result.status == "conflict"
    assert result.text is None
    (conflict,) = result.conflicts
    assert text[conflict.base_start : conflict.base_end] == conflict.base_text
    start = min(head_edit.start, amendment_edit.start)
    end = max(head_edit.end, amendment_edit.end)
    assert conflict.base_text == "".join(base[start:end])
    assert combine(text, [head, amended]).status == "conflict"
    assert [(o.a, o.b) for o in overlaps(text, {1: head, 2: amended})] == [(1, 2)]


TEXT_WORDS = st.lists(st.sampled_from(["safe ", "orderly ", "and ", "regular ", ", ", "the "]))


@DETERMINISTIC
@given(TEXT_WORDS, TEXT_WORDS)
def test_edits_rebuild_the_other_text(base, other):
    edits = edits_between(base, other)
    assert apply_edits(base, edits) == other
    assert all(a.end < b.start for a, b in zip(edits, edits[1:], strict=False))


@DETERMINISTIC
@given(TEXT_WORDS, TEXT_WORDS, TEXT_WORDS)
def test_rebase_is_symmetric_and_never_half_merges(base, head, amended):
    base_text, head_text, amended_text = "".join(base), "".join(head), "".join(amended)
    result = rebase(base_text, head_text, amended_text)
    mirror = rebase(base_text, amended_text, head_text)
    assert (result.status == "conflict") == (mirror.status == "conflict")
    if result.status == "conflict":
        assert result.text is None and result.conflicts
        assert {(c.base_start, c.base_end) for c in result.conflicts} == {
            (c.base_start, c.base_end) for c in mirror.conflicts
        }
        for conflict in result.conflicts:
            assert base_text[conflict.base_start : conflict.base_end] == conflict.base_text
    else:
        assert result.conflicts == ()
        assert result.text == mirror.text
