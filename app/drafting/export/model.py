"""The data an export is rendered from: frozen, plain, built by the services layer.

Nothing here reads a database or a clock; `generated_at` is passed in so the same input
always renders the same bytes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

Segment = tuple[str, str]
"""(op, text), op in {"equal", "insert", "delete"}: one piece of a word-level redline."""


@dataclass(frozen=True)
class ExportProposal:
    amendment_id: int
    kind: str  # "modify" | "insert_paragraph" | "delete_paragraph"
    sponsors: tuple[str, ...]  # delegation codes, proposer first, e.g. ("MEX", "BRA")
    text: str  # the proposed full paragraph text ("" for delete_paragraph)
    redline: tuple[Segment, ...]  # against the paragraph's exported text (empty for insert/delete)
    rationale: str
    # How it stands against the exported text: "applies_cleanly" (text is the filed wording
    # carried over onto it), "already_applied" or "conflict" (text is the wording as filed).
    applies: str = "applies_cleanly"
    filed_text: str = ""  # the wording as filed, against its base version
    base_version: int = 0
    proposed_at: datetime | None = None  # when this wording was filed
    # Positions taken on the proposal, (code, stance, note) by delegation code.
    positions: tuple[tuple[str, str, str], ...] = ()
    placed_before: bool = False  # a new paragraph at the start of its section: before this one


@dataclass(frozen=True)
class ExportParagraph:
    paragraph_id: int
    label: str  # e.g. "3" (number within its section): the paragraph number
    text: str
    version: int
    status: str  # "agreed" | "agreed_ad_ref" | "bracketed" | "open"
    proposals: tuple[ExportProposal, ...] = ()
    objections: tuple[tuple[str, str], ...] = ()  # (code, reason)
    reservations: tuple[tuple[str, str], ...] = ()  # (code, note)
    ad_referendum: tuple[str, ...] = ()
    # code -> stance on this version: support, ad_referendum, reservation, objection
    positions: Mapping[str, str] = field(default_factory=dict)
    # In an export in another language than the negotiating one: "current" (text is the
    # translation of this version), "stale" (text translates `translated_version`, an older
    # one) or "missing" (text is the negotiating text). "" in the negotiating language.
    translation: str = ""
    translated_version: int = 0


@dataclass(frozen=True)
class ExportSection:
    section_id: int
    title: str
    paragraphs: tuple[ExportParagraph, ...]
    kind: str | None = None  # "preambular" | "operative" (the pp_op numbering counts them apart)


@dataclass(frozen=True)
class ExportDelegation:
    code: str
    bloc: str
    name: str


@dataclass(frozen=True)
class ExportDocument:
    document_id: int
    title: str
    revision: str  # "Zero draft", "Rev.1", ... or "Current text"
    generated_at: datetime  # passed in, never read from a clock
    sections: tuple[ExportSection, ...]
    delegations: tuple[ExportDelegation, ...]  # the 23 members, RCM then SACM (CSV columns)
    audit_head: str | None = None  # the hash of the last event the export reflects
    audit_seq: int | None = None  # that event's sequence number in the document's log
    revision_number: int | None = None  # 0 = Zero draft, 1 = Rev.1 ...; None = the current text
    # The moment the text shows: the revision's issue, or (None) the export itself.
    issued_at: datetime | None = None
    symbol: str = ""  # the document symbol, e.g. "RCM-SACM/2026/L.1"
    distribution: str = "general"  # "general" | "restricted"
    original_language: str = "en"
    created_at: datetime | None = None  # when the document (the FRBR work) was created
    numbering: str = "section"  # consecutive | pp_op | section (see app/drafting/labels.py)
    language: str = "en"  # the export's language
    negotiating_language: str = "en"  # the language the text is negotiated (and amended) in
    # The labels in `language` (strings.STRINGS keys; the server's catalogue, export.*).
    strings: Mapping[str, str] = field(default_factory=dict)

    @property
    def dated(self) -> datetime:
        """The date the export carries: when the revision was issued, else the export moment."""
        return self.issued_at or self.generated_at
