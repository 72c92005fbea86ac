"""Patches apply exactly or not at all."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.drafting.errors import DraftingError, PatchError
from app.drafting.patches import apply_patch, make_patch, text_hash

DETERMINISTIC = settings(deadline=None, max_examples=200, derandomize=True, database=None)

OLD = "States shall cooperate on safe, orderly and regular migration."
NEW = "Member States shall cooperate on safe, orderly, regular and responsible migration."


def test_text_hash_is_sha256_of_utf8():
    assert text_hash("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    assert text_hash("migración") == text_hash("migraci\u00f3n")
    assert len(text_hash("São Paulo")) == 64


def test_a_patch_turns_old_into_new():
    patch = make_patch(OLD, NEW)
    assert patch.startswith("@@ ")
    assert apply_patch(OLD, patch) == NEW


def test_equal_texts_give_an_empty_patch_that_changes_nothing():
    assert make_patch(OLD, OLD) == ""
    assert apply_patch(OLD, "") == OLD


def test_a_changed_context_makes_the_hunk_fail():
    patch = make_patch(OLD, NEW)
    with pytest.raises(PatchError) as caught:
        apply_patch(OLD.replace("orderly", "ordered"), patch)
    assert str(caught.value) == "hunk 2 of 2 does not apply to this text"


def test_a_shifted_text_is_not_patched_at_a_nearby_place():
    patch = make_patch(OLD, NEW)
    with pytest.raises(PatchError) as caught:
        apply_patch("All " + OLD, patch)
    assert str(caught.value) == "hunks 1, 2 of 2 do not apply to this text"


def test_malformed_patch_text_is_a_patch_error():
    with pytest.raises(PatchError) as caught:
        apply_patch(OLD, "not a patch")
    assert str(caught.value) == "the patch text is malformed (Invalid patch string: not a patch)"
    assert isinstance(caught.value, DraftingError)


def test_long_hunks_need_an_exact_middle_too():
    old = "x" * 20 + " the delegations of the region agree on the following text " + "y" * 20
    new = old.replace("the delegations of the region agree", "all delegations concur")
    patch = make_patch(old, new)
    corrupted = old.replace("region", "regime")
    with pytest.raises(PatchError):
        apply_patch(corrupted, patch)


TEXT = st.text(alphabet=st.characters(codec="utf-8"), max_size=80)
WORDY = st.lists(
    st.sampled_from(["migración", "São", "<b>", "&", '"', "%", "@@", "\n", "  ", "a", "\u200f"]),
    max_size=30,
).map("".join)


@DETERMINISTIC
@given(TEXT, TEXT)
def test_applying_make_patch_gives_the_new_text(old, new):
    assert apply_patch(old, make_patch(old, new)) == new


@DETERMINISTIC
@given(WORDY, WORDY)
def test_patches_round_trip_on_patch_syntax_lookalikes(old, new):
    assert apply_patch(old, make_patch(old, new)) == new
