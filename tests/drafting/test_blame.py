"""Blame: every character of the latest text attributed once, to the version that wrote it."""

from hypothesis import given, settings
from hypothesis import strategies as st

from app.drafting.blame import BlameSpan, blame

DETERMINISTIC = settings(deadline=None, max_examples=150, derandomize=True, database=None)


def test_kept_words_keep_their_version_and_inserted_words_take_the_new_one():
    assert blame(
        [
            (1, "States shall cooperate on migration."),
            (2, "States shall cooperate on safe, orderly and regular migration."),
            (3, "Member States shall cooperate on safe, orderly and regular migration."),
        ]
    ) == [
        BlameSpan("Member ", 3),
        BlameSpan("States shall cooperate on ", 1),
        BlameSpan("safe, orderly and regular ", 2),
        BlameSpan("migration.", 1),
    ]


def test_a_replaced_word_belongs_to_the_version_that_replaced_it():
    assert blame([(1, "safe and regular migration"), (4, "safe and responsible migration")]) == [
        BlameSpan("safe and ", 1),
        BlameSpan("responsible", 4),
        BlameSpan(" migration", 1),
    ]


def test_a_word_that_only_gained_punctuation_keeps_its_version():
    assert blame([(1, "safe and orderly"), (2, "safe and orderly.")]) == [
        BlameSpan("safe and orderly", 1),
        BlameSpan(".", 2),
    ]


def test_a_word_deleted_and_added_back_takes_the_later_version():
    assert blame([(1, "a b c"), (2, "a c"), (3, "a b c")]) == [
        BlameSpan("a ", 1),
        BlameSpan("b ", 3),
        BlameSpan("c", 1),
    ]


def test_empty_histories_and_texts():
    assert blame([]) == []
    assert blame([(1, "")]) == []
    assert blame([(1, "text"), (2, "")]) == []


WORDS = st.sampled_from(["migración", "safe", "orderly", ",", "and", "<b>", "\n", "the", "São"])


@st.composite
def chains(draw):
    words = draw(st.lists(WORDS, max_size=10))
    texts = [" ".join(words)]
    for _ in range(draw(st.integers(0, 8))):
        start = draw(st.integers(0, len(words)))
        end = draw(st.integers(start, min(len(words), start + 3)))
        words = words[:start] + draw(st.lists(WORDS, max_size=3)) + words[end:]
        texts.append(" ".join(words))
    return list(enumerate(texts, start=1))


@DETERMINISTIC
@given(chains())
def test_blame_covers_every_character_exactly_once(versions):
    spans = blame(versions)
    assert "".join(span.text for span in spans) == versions[-1][1]
    assert all(span.text for span in spans)
    assert all(a.version != b.version for a, b in zip(spans, spans[1:], strict=False))
    numbers = {number for number, _ in versions}
    assert all(span.version in numbers for span in spans)
    # Text attributed to version v was present in version v.
    texts = dict(versions)
    assert all(span.text.strip() in texts[span.version] for span in spans)
