"""Word-level redlines: whole words only, both texts recoverable, user text never markup."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.drafting.tokens import is_word_char
from app.drafting.worddiff import redline_html, token_diff, word_diff

DETERMINISTIC = settings(deadline=None, max_examples=250, derandomize=True, database=None)

BASE = "States shall cooperate on safe, orderly and regular migration."


def test_unchanged_text_is_one_equal_segment():
    assert word_diff(BASE, BASE) == [("equal", BASE)]
    assert word_diff("", "") == []


def test_a_replaced_word_is_shown_whole():
    assert word_diff(BASE, BASE.replace("regular", "responsible")) == [
        ("equal", "States shall cooperate on safe, orderly and "),
        ("delete", "regular"),
        ("insert", "responsible"),
        ("equal", " migration."),
    ]


def test_never_a_fragment_of_a_word():
    assert word_diff("a", "bie") == [("delete", "a"), ("insert", "bie")]
    assert word_diff("migrants", "migration") == [("delete", "migrants"), ("insert", "migration")]


def test_inserted_words():
    assert word_diff(BASE, BASE.replace("States", "Member States")) == [
        ("insert", "Member "),
        ("equal", BASE),
    ]


def test_trailing_whitespace_does_not_make_a_kept_word_look_replaced():
    old = "safe, orderly and regular migration"
    new = "safe, orderly, regular migration"
    assert word_diff(old, new) == [
        ("equal", "safe, orderly"),
        ("delete", " and"),
        ("insert", ","),
        ("equal", " regular migration"),
    ]
    assert word_diff("the migrants", "the migrants'") == [
        ("equal", "the migrants"),
        ("insert", "'"),
    ]


def test_a_mostly_rewritten_paragraph_is_one_deletion_and_one_insertion():
    old = "one two three four five shall cooperate six on migration seven eight nine ten eleven"
    new = "uno dos tres cuatro cinco shall cooperate seis on migration siete ocho nueve diez once"
    assert word_diff(old, new) == [("delete", old), ("insert", new)]
    # Without the valve, the confetti keeps the four shared words.
    confetti = word_diff(old, new, collapse=False)
    assert [text for op, text in confetti if op == "equal"] == [
        " shall cooperate ",
        " on migration ",
    ]


def test_short_coincidental_equalities_fold_into_the_change():
    old = "one two three four five six seven eight nine ten"
    new = "uno two tres cuatro cinco six siete ocho nueve diez"
    assert word_diff(old, new, collapse=False) == [("delete", old), ("insert", new)]
    raw = word_diff(old, new, collapse=False, cleanup=False)
    assert [t for op, t in raw if op == "equal"] == [" two ", " six "]


def test_a_long_addition_to_a_short_paragraph_is_not_a_rewrite():
    old = "Migration is a reality."
    new = "Migration is a reality, and States shall cooperate to make it safe, orderly and regular."
    assert word_diff(old, new) == [
        ("equal", "Migration is a reality"),
        ("insert", ", and States shall cooperate to make it safe, orderly and regular"),
        ("equal", "."),
    ]


def test_redline_html_escapes_user_text():
    segments = word_diff('Use <b>bold</b> & "quotes"', "Use <script>alert('x')</script> & 'q'")
    html = redline_html(segments)
    assert "<script>" not in html and "<b>" not in html
    assert html.count("<ins>") == html.count("</ins>") >= 1
    assert redline_html([("equal", "a & b "), ("delete", "<i>"), ("insert", '"x"')]) == (
        "a &amp; b <del>&lt;i&gt;</del><ins>&quot;x&quot;</ins>"
    )


def test_redline_html_rejects_an_unknown_operation():
    with pytest.raises(ValueError, match="unknown redline operation 'replace'"):
        redline_html([("replace", "x")])


def test_token_diff_maps_back_to_tokens():
    assert token_diff(["a ", "b ", "c"], ["a ", "x ", "c"]) == [
        ("equal", ("a ",)),
        ("delete", ("b ",)),
        ("insert", ("x ",)),
        ("equal", ("c",)),
    ]


def test_many_distinct_words_still_map_to_distinct_characters():
    old = [f"w{i} " for i in range(8000)]
    new = old[:4000] + ["inserted "] + old[4000:]
    assert token_diff(old, new)[1] == ("insert", ("inserted ",))


WORDS = st.sampled_from(
    [
        "migration",
        "migrants",
        "safe",
        "orderly",
        "and",
        "regular",
        "States",
        "São",
        "ação",
        "<b>",
        "&",
        '"',
        ",",
        ".",
        "\u200f",
        "a",
        "bie",
        "\n",
    ]  # fmt: skip
)
TEXTS = st.lists(WORDS, max_size=25).map(lambda ws: " ".join(ws))


def _boundaries_are_word_boundaries(pieces: list[str]) -> bool:
    text = "".join(pieces)
    cut = 0
    for piece in pieces[:-1]:
        cut += len(piece)
        if is_word_char(text[cut - 1]) and is_word_char(text[cut]):
            return False
    return True


@DETERMINISTIC
@given(TEXTS, TEXTS, st.booleans(), st.booleans())
def test_segments_rebuild_both_texts_and_never_split_a_word(old, new, collapse, cleanup):
    segments = word_diff(old, new, collapse=collapse, cleanup=cleanup)
    assert "".join(t for op, t in segments if op != "insert") == old
    assert "".join(t for op, t in segments if op != "delete") == new
    assert all(text for _, text in segments)
    assert all(a[0] != b[0] for a, b in zip(segments, segments[1:], strict=False))
    assert _boundaries_are_word_boundaries([t for op, t in segments if op != "insert"])
    assert _boundaries_are_word_boundaries([t for op, t in segments if op != "delete"])


@DETERMINISTIC
@given(st.text(max_size=60), st.text(max_size=60))
def test_any_unicode_text_round_trips(old, new):
    segments = word_diff(old, new)
    assert "".join(t for op, t in segments if op != "insert") == old
    assert "".join(t for op, t in segments if op != "delete") == new
