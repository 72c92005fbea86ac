"""Every word an export prints that is not the document's own text, in one catalogue.

Renderers and the shared view take their labels from here (`STRINGS`), so a translated
catalogue can later be swapped in by language without touching the layout.
"""

from __future__ import annotations

import re
from typing import Final

STRINGS: Final[dict[str, str]] = {
    "variant.agreed": "Agreed common position",
    "variant.compilation": "Compilation text",
    "status.agreed": "Agreed",
    "status.agreed_ad_ref": "Agreed ad referendum",
    "status.bracketed": "Bracketed",
    "status.open": "Open",
    "status.proposed": "Proposed new paragraph",
    "ad_ref_mark": "(agreed ad referendum)",
    "nothing_agreed": "No paragraph has been agreed yet.",
    "nothing_open": "No paragraph remains open or bracketed.",
    "hash": "SHA-256 of the text",
    "audit": "Audit-chain head",
    "seq": "Audit-chain sequence",
    "record": "Export record",
    "current": "current text",
    "header.document": "Document",
    "header.symbol": "Symbol",
    "header.distribution": "Distr.",
    "header.original": "Original",
    "header.revision": "Revision",
    "header.date": "Date",
    "header.status": "Status",
    "option.alt": "Alt {n}",
    "option.delete": "delete",
    "option.conflict": "in conflict",
    "option.conflict_note": (
        "Conflict: {label} was proposed on version {base} and collides with changes made "
        "since; shown as proposed."
    ),
    "option.already_applied": "{label}: the text already reads so.",
    "proposed_by": "Proposed by: {sponsors}",
    "rationale": "Rationale: {text}",
    "objections": "Objections: {text}",
    "reservations": "Reservations: {text}",
    "ad_referendum_by": "Agreed ad referendum by: {codes}",
    "status_line": "Status: {status}",
    "positions_on": "Positions on {label}: {text}",
    "positions": "Positions: {text}",
    "stance.support": "supported by {codes}",
    "stance.ad_referendum": "agreed ad referendum by {codes}",
    "stance.reservation": "reservations by {codes}",
    "stance.objection": "objections by {codes}",
    "page": "Page {page} of {pages}",
    "distribution.general": "General",
    "distribution.restricted": "Restricted",
}

STANCE_ORDER: Final = ("support", "ad_referendum", "reservation", "objection")

LANGUAGES: Final[dict[str, str]] = {"en": "English", "es": "Spanish", "pt": "Portuguese"}


def t(key: str, **values: object) -> str:
    """The catalogue's string for `key`, with `values` filled in."""
    text = STRINGS[key]
    return text.format(**values) if values else text


_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_safe(text: str) -> str:
    """Characters XML 1.0 cannot carry (stray control codes) become U+FFFD, not a crash."""
    return _XML_INVALID.sub("\ufffd", text)
