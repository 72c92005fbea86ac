"""Word tokens: the unit delegates read, diff, merge and attribute.

A token is a word with its trailing whitespace (``"migrants "``), or one punctuation character
with its trailing whitespace (``", "``), or the whitespace a text starts with. Joining the tokens
gives back the text exactly, so every diff on tokens can be turned back into text losslessly.
"""

import re
import unicodedata

# A run of whitespace at the very start, a word, or any other single character; each followed by
# the whitespace after it. `\w` covers letters and digits of every script (accents included when
# precomposed, as NFC text from browsers is).
_TOKEN = re.compile(r"\s+|\w+\s*|[^\w\s]\s*")

# Zero-width joiner / non-joiner sit inside words in Arabic, Persian and Indic scripts.
_JOINERS = frozenset("\u200c\u200d")


def is_word_char(char: str) -> bool:
    """True for characters that belong inside a word and must never be split from it."""
    return char.isalnum() or char == "_" or _is_glue(char)


def _is_glue(char: str) -> bool:
    # Combining marks (a decomposed accent, Arabic harakat, Indic vowel signs) are not `\w`, but
    # cutting a word before them would show half a letter as changed.
    return char in _JOINERS or unicodedata.category(char).startswith("M")


def tokenize(text: str) -> list[str]:
    """Split `text` into word tokens; ``"".join(tokenize(text)) == text`` always holds."""
    raw = _TOKEN.findall(text)
    if text.isascii():
        return raw  # the common case: no combining marks or joiners possible
    for token in raw:
        head = token[0]
        if not head.isascii() and not head.isalnum() and _is_glue(head):
            return _glue_marks(raw)
    return raw


def _glue_marks(raw: list[str]) -> list[str]:
    """Merge tokens so that a word is a maximal run of word characters, marks included."""
    tokens: list[str] = []
    for token in raw:
        # `\w+` is greedy, so two raw tokens only need merging around a combining mark.
        if tokens and is_word_char(tokens[-1][-1]) and is_word_char(token[0]):
            tokens[-1] += token
        else:
            tokens.append(token)
    return tokens
