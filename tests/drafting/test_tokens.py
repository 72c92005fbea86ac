"""Tokenization: words with their trailing whitespace, punctuation apart, lossless."""

from hypothesis import given, settings
from hypothesis import strategies as st

from app.drafting.tokens import is_word_char, tokenize

DETERMINISTIC = settings(deadline=None, max_examples=300, derandomize=True, database=None)


def test_words_carry_their_trailing_whitespace_and_punctuation_stands_alone():
    assert tokenize("safe, orderly and regular migration") == [
        "safe",
        ", ",
        "orderly ",
        "and ",
        "regular ",
        "migration",
    ]


def test_leading_whitespace_is_a_token_of_its_own():
    assert tokenize("  Recalling  resolution 73/195\n") == [
        "  ",
        "Recalling  ",
        "resolution ",
        "73",
        "/",
        "195\n",
    ]


def test_accents_markup_characters_quotes_and_newlines():
    assert tokenize('Migración "segura" <b> & São Paulo’s\nAçores') == [
        "Migración ",
        '"',
        "segura",
        '" ',
        "<",
        "b",
        "> ",
        "& ",
        "São ",
        "Paulo",
        "’",
        "s\n",
        "Açores",
    ]


def test_right_to_left_marks_are_kept_as_their_own_tokens():
    assert tokenize("\u200fالهجرة الآمنة\u200f.") == ["\u200f", "الهجرة ", "الآمنة", "\u200f", "."]


def test_combining_marks_stay_inside_their_word():
    decomposed = "migrac\u0327a\u0303o segura"  # "migração" in NFD
    assert tokenize(decomposed) == ["migrac\u0327a\u0303o ", "segura"]
    assert tokenize("\u0301start (\u0301x)") == ["\u0301start ", "(", "\u0301x", ")"]


def test_empty_text_has_no_tokens():
    assert tokenize("") == []


@DETERMINISTIC
@given(st.text())
def test_tokens_join_back_to_the_text(text):
    assert "".join(tokenize(text)) == text


@DETERMINISTIC
@given(st.text(alphabet=st.sampled_from("aé\u0301\u200d\u200f _,.<&\"'\n\tç٣")))
def test_tokens_never_split_a_word_and_only_the_first_starts_with_whitespace(text):
    tokens = tokenize(text)
    assert all(tokens)
    assert all(not token[0].isspace() for token in tokens[1:])
    for before, after in zip(tokens, tokens[1:], strict=False):
        assert not (is_word_char(before[-1]) and is_word_char(after[0]))
    for token in tokens:
        body = token.rstrip()
        # A token is one word, or one character that is not part of a word.
        assert all(is_word_char(c) for c in body) or len(body) <= 1
