"""What delegations may type: the checks every text and note passes before it is stored.

Text is stored NFC-normalised, with line ends as LF (a CR or CRLF pasted from another editor
becomes LF). Refused with a 422 naming the character and its place (1-based, in the text as
sent): lone surrogates, NUL and the other C0 controls but tab and newline, DEL, the C1
controls, noncharacters (U+FFFE, U+FFFF and the rest), and the bidi embeddings, overrides and
isolates (U+202A-U+202E, U+2066-U+2069) that can make a text read otherwise than it is stored
(the "Trojan Source" trick). The marks U+200E/U+200F that right-to-left text needs stay allowed.
"""

from __future__ import annotations

import re
import unicodedata

from app.errors import Invalid
from app.services.text.limits import Limits

_REFUSED = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"  # C0 but tab, LF and CR; DEL; C1
    "\ud800-\udfff"  # surrogates: never a character on their own
    "\u202a-\u202e\u2066-\u2069"  # bidi embeddings, overrides and isolates
    "\ufdd0-\ufdef\ufffe\uffff"  # noncharacters of the BMP
    "]|[\U0001fffe-\U0001ffff\U0002fffe-\U0002ffff\U0003fffe-\U0003ffff\U0004fffe-\U0004ffff"
    "\U0005fffe-\U0005ffff\U0006fffe-\U0006ffff\U0007fffe-\U0007ffff\U0008fffe-\U0008ffff"
    "\U0009fffe-\U0009ffff\U000afffe-\U000affff\U000bfffe-\U000bffff\U000cfffe-\U000cffff"
    "\U000dfffe-\U000dffff\U000efffe-\U000effff\U000ffffe-\U000fffff\U0010fffe-\U0010ffff]"
)
_NAMES = {"\x7f": "DELETE"}


def refused_character(text: str) -> tuple[str, int] | None:
    """The first character no text may hold, with its 1-based position, or None."""
    found = _REFUSED.search(text)
    if found is None:
        return None
    return found.group(), found.start() + 1


def describe(character: str) -> str:
    """E.g. "U+202E (RIGHT-TO-LEFT OVERRIDE)"; "U+D800 (a lone surrogate)"."""
    code = ord(character)
    if 0xD800 <= code <= 0xDFFF:
        name = "a lone surrogate"
    elif code < 0x20 or 0x7F <= code <= 0x9F:
        name = _NAMES.get(character, "a control character")
    else:
        name = unicodedata.name(character, "a noncharacter")
    return f"U+{code:04X} ({name})"


def checked(text: str, *, what: str) -> str:
    """`text` NFC-normalised with LF line ends, or 422 naming the first refused character."""
    found = refused_character(text)
    if found is not None:
        character, position = found
        where = {"character": f"U+{ord(character):04X}", "position": position}
        if character == "\x00":  # the words this refusal has always had; the place beside them
            raise Invalid(
                f"{what} cannot contain NUL characters.",
                code="text.nul",
                params={"what": what},
                **where,
            )
        raise Invalid(
            f"{what} contains {describe(character)} at character {position}, "
            "which cannot be stored; remove it and send the text again.",
            code="text.refused_character",
            params={"what": what, "character": describe(character), "position": position},
            **where,
        )
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


def paragraph_text(text: str, *, limits: Limits, what: str = "A paragraph") -> str:
    """A paragraph's text with its outer whitespace trimmed; 422 for what cannot be negotiated."""
    text = checked(text, what=what).strip()
    if not text:
        raise Invalid(
            f"{what} cannot be empty or only spaces.", code="text.blank", params={"what": what}
        )
    return _bounded(text, limits.paragraph_chars, what)


def note_text(text: str, *, limits: Limits, what: str, required: bool = False) -> str:
    """A rationale, reason, note or comment: checked, trimmed, bounded."""
    text = checked(text, what=what).strip()
    if required and not text:
        raise Invalid(f"{what} cannot be empty.", code="text.empty", params={"what": what})
    return _bounded(text, limits.note_chars, what)


def line_text(text: str, *, limit: int, what: str) -> str:
    """A title or a name: one line, checked, trimmed, bounded ("" when only spaces)."""
    text = checked(text, what=what).strip()
    if "\n" in text or "\t" in text:
        raise Invalid(
            f"{what} must be a single line.", code="text.single_line", params={"what": what}
        )
    return _bounded(text, limit, what)


def _bounded(text: str, limit: int, what: str) -> str:
    if len(text) > limit:
        raise Invalid(
            f"{what} is {len(text)} characters long; the limit is {limit}.",
            code="text.too_long",
            params={"what": what, "length": len(text), "limit": limit},
        )
    return text
