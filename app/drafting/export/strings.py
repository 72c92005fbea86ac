"""Every word an export prints that is not the document's own text, in one catalogue.

Renderers and the shared view take their labels from here through `t`. `STRINGS` is the
English catalogue; an export in another language runs its renderer `using` that language's
strings (the server's catalogue, `app/i18n`, under `export.*`), so the layout never changes.
The footer's machine-read labels (hash, audit chain, record) stay English: `record.py` reads
them back from any copy.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
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
    "summary.total_one": "{parts} ({total} paragraph)",
    "summary.total": "{parts} ({total} paragraphs)",
    "open.one": "{n} paragraph remains open or bracketed: {where}.",
    "open.many": "{n} paragraphs remain open or bracketed: {where}.",
    "language.en": "English",
    "language.es": "Spanish",
    "language.pt": "Portuguese",
    "header.language": "Language",
    "revision.zero": "Zero draft",
    "revision.n": "Rev.{n}",
    "revision.current": "Current text",
    "translation.stale": (
        "[Translation out of date: it translates version {version}; the text is now at "
        "version {head}.]"
    ),
    "translation.missing": "[Not yet translated into {language}; the text in {original}:]",
    "parallel.title": "Parallel text",
    # The CSV's matrix: its column names and cell values. English keeps the machine words a
    # script reads ("agreed", "ad_referendum"); other languages put them in words.
    "header.variant": "Variant",
    "csv.section": "section",
    "csv.number": "number",
    "csv.status": "status",
    "csv.version": "version",
    "csv.paragraph_id": "paragraph_id",
    "csv.status.agreed": "agreed",
    "csv.status.agreed_ad_ref": "agreed_ad_ref",
    "csv.status.bracketed": "bracketed",
    "csv.status.open": "open",
    "csv.stance.support": "support",
    "csv.stance.ad_referendum": "ad_referendum",
    "csv.stance.reservation": "reservation",
    "csv.stance.objection": "objection",
}

STANCE_ORDER: Final = ("support", "ad_referendum", "reservation", "objection")

LANGUAGES: Final[dict[str, str]] = {"en": "English", "es": "Spanish", "pt": "Portuguese"}
# Never translated: `record.py` finds the footer by these labels in a copy of any language.
FIXED: Final = frozenset({"hash", "audit", "seq", "record", "current"})

_ACTIVE: ContextVar[Mapping[str, str]] = ContextVar("export_strings", default=STRINGS)


@contextmanager
def using(strings: Mapping[str, str]) -> Iterator[None]:
    """Render with `strings` (a language's catalogue; keys it lacks stay English)."""
    shown = {**STRINGS, **{k: v for k, v in strings.items() if k not in FIXED}}
    token = _ACTIVE.set(shown)
    try:
        yield
    finally:
        _ACTIVE.reset(token)


def t(key: str, **values: object) -> str:
    """The active catalogue's string for `key`, with `values` filled in."""
    text = _ACTIVE.get()[key]
    return text.format(**values) if values else text


_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_safe(text: str) -> str:
    """Characters XML 1.0 cannot carry (stray control codes) become U+FFFD, not a crash."""
    return _XML_INVALID.sub("\ufffd", text)
