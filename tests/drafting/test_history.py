"""Version history: snapshots + patches rebuild every version, or raise CorruptHistory."""

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.drafting.errors import CorruptHistory, DraftingError
from app.drafting.history import (
    StoredVersion,
    is_snapshot_due,
    rebuild,
    rebuild_all,
    record_version,
)
from app.drafting.patches import text_hash

DETERMINISTIC = settings(deadline=None, max_examples=60, derandomize=True, database=None)

TEXTS = [
    "States shall cooperate on migration.",
    "States shall cooperate on safe migration.",
    "States shall cooperate on safe, orderly and regular migration.",
    "Member States shall cooperate on safe, orderly and regular migration.",
    "Member States should cooperate on safe, orderly and regular migration.",
    "Member States should cooperate.",
]


def chain(texts: list[str], every: int) -> list[StoredVersion]:
    versions, previous = [], ""
    for number, text in enumerate(texts, start=1):
        versions.append(record_version(previous, text, number, every))
        previous = text
    return versions


def replace(versions: list[StoredVersion], number: int, **changes) -> list[StoredVersion]:
    return [dataclasses.replace(v, **changes) if v.number == number else v for v in versions]


def test_snapshots_are_due_on_version_1_and_then_every_n_versions():
    assert [n for n in range(1, 32) if is_snapshot_due(n, 10)] == [1, 11, 21, 31]
    assert all(is_snapshot_due(n, 1) for n in range(1, 5))


def test_snapshot_rules_reject_nonsense():
    with pytest.raises(ValueError, match="version numbers start at 1, got 0"):
        is_snapshot_due(0, 10)
    with pytest.raises(ValueError, match="every=0"):
        is_snapshot_due(3, 0)


def test_record_version_stores_patch_hash_and_snapshot_when_due():
    first = record_version("", TEXTS[0], 1, 3)
    assert first == StoredVersion(
        number=1, patch=first.patch, sha256=text_hash(TEXTS[0]), snapshot=TEXTS[0]
    )
    second = record_version(TEXTS[0], TEXTS[1], 2, 3)
    assert second.snapshot is None
    assert "+safe " in second.patch or "+ safe" in second.patch


def test_version_1_has_no_previous_text():
    with pytest.raises(ValueError, match="version 1 has no previous version"):
        record_version("something", TEXTS[0], 1, 10)


def test_every_version_rebuilds_in_any_order():
    versions = chain(TEXTS, every=4)
    shuffled = versions[::-1]
    assert [rebuild(shuffled, n) for n in range(1, 7)] == TEXTS
    assert rebuild_all(shuffled) == dict(enumerate(TEXTS, start=1))
    assert rebuild_all([]) == {}


def test_a_wrong_hash_is_corruption():
    versions = replace(chain(TEXTS, every=10), 4, sha256="0" * 64)
    with pytest.raises(CorruptHistory) as caught:
        rebuild(versions, 5)
    assert str(caught.value) == (
        "version 5 of this paragraph does not rebuild: "
        "the text rebuilt for version 4 does not match its hash"
    )
    assert caught.value.number == 5
    assert isinstance(caught.value, DraftingError)


def test_a_patch_that_does_not_apply_is_corruption():
    versions = chain(TEXTS, every=10)
    versions = replace(versions, 3, patch=versions[4].patch)
    with pytest.raises(CorruptHistory) as caught:
        rebuild(versions, 3)
    assert str(caught.value) == (
        "version 3 of this paragraph does not rebuild: "
        "the patch of version 3 fails (hunk 1 of 1 does not apply to this text)"
    )


def test_a_malformed_patch_is_corruption():
    versions = replace(chain(TEXTS, every=10), 2, patch="garbage")
    with pytest.raises(CorruptHistory) as caught:
        rebuild_all(versions)
    assert str(caught.value) == (
        "version 2 of this paragraph does not rebuild: the patch of version 2 fails "
        "(the patch text is malformed (Invalid patch string: garbage))"
    )


def test_a_tampered_snapshot_is_corruption():
    versions = replace(chain(TEXTS, every=3), 4, snapshot="Member States agree.")
    with pytest.raises(CorruptHistory, match="the text rebuilt for version 4 does not match"):
        rebuild(versions, 5)
    assert rebuild(versions, 3) == TEXTS[2]


def test_missing_versions_are_corruption():
    versions = chain(TEXTS, every=10)
    with pytest.raises(CorruptHistory) as caught:
        rebuild(versions[:2] + versions[3:], 5)
    assert str(caught.value) == "version 5 of this paragraph does not rebuild: version 3 is missing"
    with pytest.raises(CorruptHistory) as caught:
        rebuild(versions, 7)
    assert str(caught.value) == "version 7 of this paragraph does not rebuild: it is not stored"
    with pytest.raises(CorruptHistory) as caught:
        rebuild(versions[1:], 4)
    assert str(caught.value) == (
        "version 4 of this paragraph does not rebuild: no snapshot is stored at or below it"
    )
    with pytest.raises(CorruptHistory, match="version 3 of this paragraph .* version 2 is missing"):
        rebuild_all([versions[0], *versions[2:]])


def test_a_version_stored_twice_differently_is_corruption():
    versions = chain(TEXTS, every=10)
    twin = dataclasses.replace(versions[1], sha256="f" * 64)
    with pytest.raises(CorruptHistory, match="version 2 is stored twice, differently"):
        rebuild([*versions, twin], 4)
    assert rebuild([*versions, versions[1]], 4) == TEXTS[3]


WORDS = st.sampled_from(["migración", "safe", "orderly", ",", "São", "<b>", "&", "\n", "the"])


@st.composite
def histories(draw):
    """A chain of texts, each a random word-level edit of the previous one."""
    text = draw(st.lists(WORDS, max_size=12))
    texts = [" ".join(text)]
    for _ in range(draw(st.integers(0, 14))):
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, min(len(text), start + 4)))
        text = text[:start] + draw(st.lists(WORDS, max_size=4)) + text[end:]
        texts.append(" ".join(text))
    return texts


@DETERMINISTIC
@given(histories(), st.integers(1, 6))
def test_any_version_rebuilds_to_the_text_whose_hash_was_stored(texts, every):
    versions = chain(texts, every)
    assert all(v.sha256 == text_hash(t) for v, t in zip(versions, texts, strict=True))
    for number, text in enumerate(texts, start=1):
        assert rebuild(versions, number) == text
    assert rebuild_all(versions) == dict(enumerate(texts, start=1))


@DETERMINISTIC
@given(histories(), st.integers(1, 6), st.data())
def test_a_corrupted_patch_or_hash_never_rebuilds(texts, every, data):
    versions = chain(texts, every)
    number = data.draw(st.integers(1, len(texts)))
    if data.draw(st.booleans()) or versions[number - 1].snapshot is not None:
        corrupted = replace(versions, number, sha256=text_hash(texts[number - 1] + "!"))
    else:
        previous = texts[number - 2]
        wrong = record_version(previous, texts[number - 1] + " x", number, every)
        corrupted = replace(versions, number, patch=wrong.patch)
    with pytest.raises(CorruptHistory):
        rebuild(corrupted, number)
    with pytest.raises(CorruptHistory):
        rebuild_all(corrupted)
