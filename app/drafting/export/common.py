"""What every export format shares: the view of a document for one variant.

`build_view` turns an `ExportDocument` and a variant into the sections, paragraphs, options,
header and footer that every format renders, so a format module only decides how things look.

Numbering decisions:

* **agreed** variant: only paragraphs with status ``agreed`` or ``agreed_ad_ref``, numbered
  consecutively **across the whole document** (1, 2, 3 …, not restarting per section), the way
  adopted outcome documents are numbered. Sections with no agreed paragraph are left out. The
  statement of what remains open cites the negotiation labels (label + section title), since
  those are the numbers delegations use in the room.
* **compilation** variant: every paragraph, numbered with its negotiation label (``label``),
  which restarts in each section.

The canonical text (`canonical_text`) is the plain text of the header's document and revision
lines plus the body and the closing statement. It leaves out the export date and the audit-chain
head, so two exports of the same text at different times hash the same; its SHA-256 is printed
in every footer.

The footer then names the moment of the record the export reflects, so a copy can be checked
against the database later (`record.py`, `consenso verify FILE`): the audit-chain head and its
sequence number, and the export record (document, variant, revision or current text, and the
exact export time the renderers were given).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from app.drafting.export.model import ExportDocument, ExportParagraph, ExportProposal, Segment

VARIANTS = ("agreed", "compilation")
AGREED_STATUSES = frozenset({"agreed", "agreed_ad_ref"})
STATUS_ORDER = ("agreed", "agreed_ad_ref", "bracketed", "open")
STATUS_LABELS = {
    "agreed": "Agreed",
    "agreed_ad_ref": "Agreed ad referendum",
    "bracketed": "Bracketed",
    "open": "Open",
}
VARIANT_TITLES = {"agreed": "Agreed common position", "compilation": "Compilation text"}
AD_REF_MARK = "(agreed ad referendum)"
NOTHING_AGREED = "No paragraph has been agreed yet."
NOTHING_OPEN = "No paragraph remains open or bracketed."
HASH_LABEL = "SHA-256 of the text"
AUDIT_LABEL = "Audit-chain head"
SEQ_LABEL = "Audit-chain sequence"
RECORD_LABEL = "Export record"
CURRENT = "current text"


@dataclass(frozen=True)
class Option:
    """One pending proposal shown beside a paragraph in the compilation."""

    prefix: str  # "Alt 1" or "New paragraph"
    kind: str
    sponsors: tuple[str, ...]
    text: str  # the plain wording shown after the label
    segments: tuple[Segment, ...]  # what to show with insertions/deletions marked
    rationale: str

    @property
    def label(self) -> str:
        """E.g. "Alt 1 (MEX, BRA)": the option and its sponsors, proposer first."""
        return f"{self.prefix} ({sponsors_text(self.sponsors)})"

    @property
    def plain(self) -> str:
        return f"[{self.label}: {self.text}]"


@dataclass(frozen=True)
class ParagraphView:
    paragraph_id: int
    number: str  # consecutive number (agreed) or negotiation label (compilation)
    text: str
    status: str
    version: int
    compilation: bool  # built for the compilation variant: notes, options and status shown
    bracketed: bool  # show the paragraph's own text in brackets
    ad_ref: bool  # mark "(agreed ad referendum)"
    options: tuple[Option, ...]
    objections: tuple[tuple[str, str], ...]
    reservations: tuple[tuple[str, str], ...]
    ad_referendum: tuple[str, ...]
    source: ExportParagraph

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)

    @property
    def display_text(self) -> str:
        """The paragraph's own wording as printed: bracketed if not agreed, ad ref marked."""
        text = f"[{self.text}]" if self.bracketed else self.text
        return f"{text} {AD_REF_MARK}" if self.ad_ref else text


@dataclass(frozen=True)
class SectionView:
    ordinal: int  # 1-based among the rendered sections (used for identifiers)
    title: str
    paragraphs: tuple[ParagraphView, ...]


@dataclass(frozen=True)
class ExportView:
    doc: ExportDocument
    variant: str
    heading: str  # "Agreed common position" / "Compilation text"
    header: tuple[tuple[str, str], ...]  # (label, value): document, revision, date, status
    sections: tuple[SectionView, ...]
    closing: tuple[str, ...]  # nothing-agreed message and the statement of what remains open
    footer: tuple[tuple[str, str], ...]  # (label, value): hash, chain head and seq, record

    @property
    def export_hash(self) -> str:
        return self.footer[0][1]


class UnknownExportOption(ValueError):
    """An export format or variant that does not exist; the message lists the valid ones."""


def check_variant(variant: str) -> None:
    if variant not in VARIANTS:
        raise UnknownExportOption(
            f"Unknown export variant {variant!r}; valid variants: {', '.join(VARIANTS)}"
        )


def all_paragraphs(doc: ExportDocument) -> Iterable[tuple[str, ExportParagraph]]:
    for section in doc.sections:
        for paragraph in section.paragraphs:
            yield section.title, paragraph


def status_counts(doc: ExportDocument) -> dict[str, int]:
    counts = dict.fromkeys(STATUS_ORDER, 0)
    for _, paragraph in all_paragraphs(doc):
        counts[paragraph.status] = counts.get(paragraph.status, 0) + 1
    return counts


def status_summary(doc: ExportDocument) -> str:
    """E.g. "2 agreed, 1 agreed ad referendum, 1 bracketed, 1 open (5 paragraphs)"."""
    counts = status_counts(doc)
    total = sum(counts.values())
    parts = [f"{n} {STATUS_LABELS.get(status, status).lower()}" for status, n in counts.items()]
    return f"{', '.join(parts)} ({total} paragraph{'' if total == 1 else 's'})"


def format_date(doc: ExportDocument) -> str:
    moment = doc.generated_at
    offset = moment.utcoffset()
    if offset is None:
        return moment.strftime("%Y-%m-%d %H:%M")
    if not offset:
        return moment.strftime("%Y-%m-%d %H:%M UTC")
    return moment.strftime("%Y-%m-%d %H:%M UTC%z")


def open_statement(doc: ExportDocument) -> str:
    """E.g. "3 paragraphs remain open or bracketed: 3, 4 (Principles); 2 (Commitments)."."""
    pending: dict[str, list[str]] = {}
    for title, paragraph in all_paragraphs(doc):
        if paragraph.status not in AGREED_STATUSES:
            pending.setdefault(title, []).append(paragraph.label)
    n = sum(len(labels) for labels in pending.values())
    if not n:
        return NOTHING_OPEN
    where = "; ".join(f"{', '.join(labels)} ({title})" for title, labels in pending.items())
    verb = "paragraph remains" if n == 1 else "paragraphs remain"
    return f"{n} {verb} open or bracketed: {where}."


def sponsors_text(sponsors: Iterable[str]) -> str:
    return ", ".join(sponsors)


def options_for(paragraph: ExportParagraph) -> tuple[Option, ...]:
    """Pending proposals as labelled options: alternatives are "Alt 1", "Alt 2", … in order;
    proposals of a new paragraph are "New paragraph", since they replace nothing."""
    options = []
    alt = 0
    segments: tuple[Segment, ...]
    for proposal in paragraph.proposals:
        if proposal.kind == "insert_paragraph":
            prefix = "New paragraph"
            text, segments = proposal.text, (("insert", proposal.text),)
        else:
            alt += 1
            prefix = f"Alt {alt}"
            text, segments = _alternative(paragraph, proposal)
        options.append(
            Option(prefix, proposal.kind, proposal.sponsors, text, segments, proposal.rationale)
        )
    return tuple(options)


def _alternative(
    paragraph: ExportParagraph, proposal: ExportProposal
) -> tuple[str, tuple[Segment, ...]]:
    if proposal.kind == "delete_paragraph":
        return "delete the paragraph", (("delete", paragraph.text),)
    segments = merge_segments(proposal.redline) or (("insert", proposal.text),)
    return proposal.text, segments


def merge_segments(segments: Iterable[Segment]) -> tuple[Segment, ...]:
    """Adjacent pieces with the same op joined and empty ones dropped: a word-level diff of a
    long paragraph becomes a few runs, which keeps DOCX and Markdown small and fast."""
    merged: list[list[str]] = []
    for op, text in segments:
        if not text:
            continue
        if merged and merged[-1][0] == op:
            merged[-1][1] += text
        else:
            merged.append([op, text])
    return tuple((op, text) for op, text in merged)


def _paragraph_view(paragraph: ExportParagraph, number: str, variant: str) -> ParagraphView:
    compilation = variant == "compilation"
    return ParagraphView(
        paragraph_id=paragraph.paragraph_id,
        number=number,
        text=paragraph.text,
        status=paragraph.status,
        version=paragraph.version,
        compilation=compilation,
        bracketed=compilation and paragraph.status not in AGREED_STATUSES,
        ad_ref=paragraph.status == "agreed_ad_ref",
        options=options_for(paragraph) if compilation else (),
        objections=tuple(paragraph.objections) if compilation else (),
        reservations=tuple(paragraph.reservations) if compilation else (),
        ad_referendum=tuple(paragraph.ad_referendum) if compilation else (),
        source=paragraph,
    )


def _sections(doc: ExportDocument, variant: str) -> tuple[SectionView, ...]:
    sections: list[SectionView] = []
    counter = 0
    for section in doc.sections:
        views = []
        for paragraph in section.paragraphs:
            if variant == "agreed":
                if paragraph.status not in AGREED_STATUSES:
                    continue
                counter += 1
                number = str(counter)
            else:
                number = paragraph.label
            views.append(_paragraph_view(paragraph, number, variant))
        if views or variant == "compilation":
            sections.append(SectionView(len(sections) + 1, section.title, tuple(views)))
    return tuple(sections)


def _closing(
    doc: ExportDocument, variant: str, sections: tuple[SectionView, ...]
) -> tuple[str, ...]:
    if variant != "agreed":
        return ()
    agreed_any = any(section.paragraphs for section in sections)
    statement = open_statement(doc)
    return (statement,) if agreed_any else (NOTHING_AGREED, statement)


def paragraph_lines(paragraph: ParagraphView) -> list[str]:
    """The plain-text lines of one paragraph as every format prints them."""
    lines = [f"{paragraph.number}. {paragraph.display_text}"]
    lines.extend(paragraph_notes(paragraph))
    return lines


def paragraph_notes(paragraph: ParagraphView) -> list[str]:
    """Compilation lines after the paragraph's text: options, positions, status."""
    lines = []
    for option in paragraph.options:
        lines.append(option.plain)
        if option.rationale:
            lines.append(f"Rationale: {option.rationale}")
    lines.extend(positions_lines(paragraph))
    return lines


def positions_notes(paragraph: ParagraphView) -> list[tuple[str, str]]:
    """Compilation only, as (kind, line): objections and reservations by delegation, who
    agreed ad referendum, and the paragraph's status."""
    if not paragraph.compilation:
        return []
    notes = []
    if paragraph.objections:
        text = "; ".join(f"{code}: {reason}" for code, reason in paragraph.objections)
        notes.append(("objections", f"Objections: {text}"))
    if paragraph.reservations:
        text = "; ".join(f"{code}: {note}" for code, note in paragraph.reservations)
        notes.append(("reservations", f"Reservations: {text}"))
    if paragraph.ad_referendum:
        text = ", ".join(paragraph.ad_referendum)
        notes.append(("adReferendum", f"Agreed ad referendum by: {text}"))
    notes.append(("status", f"Status: {paragraph.status_label}"))
    return notes


def positions_lines(paragraph: ParagraphView) -> list[str]:
    return [line for _, line in positions_notes(paragraph)]


def _canonical(
    doc: ExportDocument,
    variant: str,
    sections: Iterable[SectionView],
    closing: Iterable[str],
) -> str:
    lines = [doc.title, f"{VARIANT_TITLES[variant]}, {doc.revision}"]
    for section in sections:
        lines.append(section.title)
        for paragraph in section.paragraphs:
            lines.extend(paragraph_lines(paragraph))
    lines.extend(closing)
    return "\n".join(lines) + "\n"


def canonical_text(doc: ExportDocument, variant: str) -> str:
    """The plain text that is hashed: one line per block (title, variant and revision, section
    titles, paragraphs and their compilation notes, closing statement), joined by "\\n" with a
    final newline, characters as stored (no Unicode normalization)."""
    check_variant(variant)
    sections = _sections(doc, variant)
    return _canonical(doc, variant, sections, _closing(doc, variant, sections))


def export_hash(doc: ExportDocument, variant: str) -> str:
    """SHA-256 (hex) of the UTF-8 canonical text: what every footer prints."""
    return hashlib.sha256(canonical_text(doc, variant).encode("utf-8")).hexdigest()


def build_view(doc: ExportDocument, variant: str) -> ExportView:
    check_variant(variant)
    sections = _sections(doc, variant)
    closing = _closing(doc, variant, sections)
    text = _canonical(doc, variant, sections, closing)
    footer = [(HASH_LABEL, hashlib.sha256(text.encode("utf-8")).hexdigest())]
    if doc.audit_head:
        footer.append((AUDIT_LABEL, doc.audit_head))
    if doc.audit_seq is not None:
        footer.append((SEQ_LABEL, str(doc.audit_seq)))
    footer.append((RECORD_LABEL, record_value(doc, variant)))
    header = (
        ("Document", doc.title),
        ("Revision", doc.revision),
        ("Date", format_date(doc)),
        ("Status", status_summary(doc)),
    )
    heading = VARIANT_TITLES[variant]
    return ExportView(doc, variant, heading, header, sections, closing, tuple(footer))


def record_value(doc: ExportDocument, variant: str) -> str:
    """E.g. "document 1 / compilation / revision 2 / 2026-11-30T09:00:00.001000+00:00": what a
    check needs to rebuild this export (`record.py` reads it back)."""
    moment = CURRENT if doc.revision_number is None else f"revision {doc.revision_number}"
    return f"document {doc.document_id} / {variant} / {moment} / {doc.generated_at.isoformat()}"


def footer_line(view: ExportView) -> str:
    """The whole footer on one line (a PDF's keywords, where no page text can be read back)."""
    return "; ".join(f"{label}: {value}" for label, value in view.footer)


_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_safe(text: str) -> str:
    """Characters XML 1.0 cannot carry (stray control codes) become U+FFFD, not a crash."""
    return _XML_INVALID.sub("\ufffd", text)


@dataclass(frozen=True)
class ViewRenderer:
    """A format: its names and a function from the shared view to bytes."""

    format: str
    media_type: str
    extension: str
    render_view: Callable[[ExportView], bytes]

    def render(self, doc: ExportDocument, variant: str) -> bytes:
        return self.render_view(build_view(doc, variant))
