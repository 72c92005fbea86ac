"""What every export format shares: the view of a document for one variant.

`build_view` turns an `ExportDocument` and a variant into the sections, paragraphs, options,
header and footer that every format renders, so a format module only decides how things look.

Numbering: the **compilation** prints each paragraph's label (`app/drafting/labels.py`, the
document's numbering scheme, the same as the room and the board), proposed new paragraphs under
provisional labels ("3bis"); the **agreed** text numbers its own paragraphs consecutively
through the document (PP/OP when the document is numbered so), as adopted texts are.

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
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from app.drafting import labels
from app.drafting.export.languages import language_names, status_label, translated_text
from app.drafting.export.layout import Option as Option
from app.drafting.export.layout import new_paragraph_notes, new_paragraphs, options_for
from app.drafting.export.model import ExportDocument, ExportParagraph, ExportProposal
from app.drafting.export.strings import t, using
from app.drafting.export.strings import xml_safe as xml_safe

VARIANTS = ("agreed", "compilation")
AGREED_STATUSES = frozenset({"agreed", "agreed_ad_ref"})
PROPOSED = "proposed"
STATUS_ORDER = ("agreed", "agreed_ad_ref", "bracketed", "open")
# English, as the API names them; an export's own language comes from `t` (strings.using).
STATUS_LABELS = {status: t(f"status.{status}") for status in (*STATUS_ORDER, PROPOSED)}
VARIANT_TITLES = {variant: t(f"variant.{variant}") for variant in VARIANTS}
AD_REF_MARK = t("ad_ref_mark")
NOTHING_AGREED = t("nothing_agreed")
NOTHING_OPEN = t("nothing_open")
HASH_LABEL = t("hash")
AUDIT_LABEL = t("audit")
SEQ_LABEL = t("seq")
RECORD_LABEL = t("record")
CURRENT = t("current")


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
    proposal: ExportProposal | None = None  # a proposed new paragraph, laid out as one

    @property
    def key(self) -> str:
        """Unique in the view: the paragraph id, or "new-<amendment id>"."""
        return f"new-{self.proposal.amendment_id}" if self.proposal else str(self.paragraph_id)

    @property
    def status_label(self) -> str:
        return status_label(self.status)

    @property
    def display_text(self) -> str:
        """The paragraph's own wording as printed: bracketed if not agreed, ad ref marked."""
        text = f"[{self.text}]" if self.bracketed else self.text
        return f"{text} {t('ad_ref_mark')}" if self.ad_ref else text


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
    parts = [f"{n} {status_label(status).lower()}" for status, n in counts.items()]
    key = "summary.total_one" if total == 1 else "summary.total"
    return t(key, parts=", ".join(parts), total=total)


def format_date(doc: ExportDocument) -> str:
    """The moment the text shows: a revision's issue, or the export of the current text."""
    moment = doc.dated
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
        return t("nothing_open")
    where = "; ".join(f"{', '.join(labels)} ({title})" for title, labels in pending.items())
    return t("open.one" if n == 1 else "open.many", n=n, where=where)


def _paragraph_view(
    paragraph: ExportParagraph,
    number: str,
    variant: str,
    proposal: ExportProposal | None = None,
    langs: tuple[str, str] = ("en", "en"),
) -> ParagraphView:
    compilation = variant == "compilation"
    if proposal is not None:  # a proposed new paragraph, under its provisional number
        return ParagraphView(
            paragraph_id=paragraph.paragraph_id,
            number=number,
            text=proposal.text,
            status=PROPOSED,
            version=0,
            compilation=True,
            bracketed=True,
            ad_ref=False,
            options=(),
            objections=(),
            reservations=(),
            ad_referendum=(),
            source=paragraph,
            proposal=proposal,
        )
    return ParagraphView(
        paragraph_id=paragraph.paragraph_id,
        number=number,
        text=translated_text(paragraph, *langs),
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


def _agreed_labels(doc: ExportDocument) -> dict[int, str]:
    """The agreed text is numbered among its own paragraphs: consecutively through the
    document, or PP/OP when the document is numbered so."""
    scheme = labels.PP_OP if doc.numbering == labels.PP_OP else labels.CONSECUTIVE
    return labels.labels_for(
        scheme,
        sections=[(s.section_id, k, s.kind) for k, s in enumerate(doc.sections, start=1)],
        paragraphs=[
            (p.paragraph_id, s.section_id)
            for s in doc.sections
            for p in s.paragraphs
            if p.status in AGREED_STATUSES
        ],
    )


def _compiled(
    paragraph: ExportParagraph, previous: str, variant: str, langs: tuple[str, str]
) -> list[ParagraphView]:
    """A paragraph of the compilation with the new paragraphs proposed around it, each under
    its provisional number after the paragraph it follows ("3bis", "3ter")."""
    views = []
    for k, proposal in enumerate(new_paragraphs(paragraph, before=True), start=1):
        number = labels.provisional_label(previous, k)
        views.append(_paragraph_view(paragraph, number, variant, proposal))
    views.append(_paragraph_view(paragraph, paragraph.label, variant, None, langs))
    for k, proposal in enumerate(new_paragraphs(paragraph, before=False), start=1):
        number = labels.provisional_label(paragraph.label, k)
        views.append(_paragraph_view(paragraph, number, variant, proposal))
    return views


def _sections(doc: ExportDocument, variant: str) -> tuple[SectionView, ...]:
    sections: list[SectionView] = []
    agreed = _agreed_labels(doc) if variant == "agreed" else {}
    langs = (doc.language, doc.negotiating_language)
    previous = "0"
    for section in doc.sections:
        views: list[ParagraphView] = []
        for paragraph in section.paragraphs:
            if variant == "agreed":
                if paragraph.status in AGREED_STATUSES:
                    number = agreed[paragraph.paragraph_id]
                    views.append(_paragraph_view(paragraph, number, variant, None, langs))
                continue
            views.extend(_compiled(paragraph, previous, variant, langs))
            previous = paragraph.label
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
    return (statement,) if agreed_any else (t("nothing_agreed"), statement)


def paragraph_lines(paragraph: ParagraphView) -> list[str]:
    """The plain-text lines of one paragraph as every format prints them."""
    lines = [f"{paragraph.number}. {paragraph.display_text}"]
    lines.extend(paragraph_notes(paragraph))
    return lines


def paragraph_notes(paragraph: ParagraphView) -> list[str]:
    """Compilation lines after the paragraph's text: options (each with its conflict,
    rationale and positions), the positions on the paragraph, its status."""
    lines = []
    for option in paragraph.options:
        lines.append(option.plain)
        lines.extend(option.notes())
    lines.extend(positions_lines(paragraph))
    return lines


def positions_notes(paragraph: ParagraphView) -> list[tuple[str, str]]:
    """Compilation only, as (kind, line): objections and reservations by delegation, who
    agreed ad referendum, and the paragraph's status."""
    if not paragraph.compilation:
        return []
    if paragraph.proposal is not None:
        return [("proposal", line) for line in new_paragraph_notes(paragraph.proposal)]
    notes = []
    if paragraph.objections:
        text = "; ".join(f"{code}: {reason}" for code, reason in paragraph.objections)
        notes.append(("objections", t("objections", text=text)))
    if paragraph.reservations:
        text = "; ".join(f"{code}: {note}" for code, note in paragraph.reservations)
        notes.append(("reservations", t("reservations", text=text)))
    if paragraph.ad_referendum:
        text = ", ".join(paragraph.ad_referendum)
        notes.append(("adReferendum", t("ad_referendum_by", codes=text)))
    notes.append(("status", t("status_line", status=paragraph.status_label)))
    return notes


def positions_lines(paragraph: ParagraphView) -> list[str]:
    return [line for _, line in positions_notes(paragraph)]


def _canonical(
    doc: ExportDocument,
    variant: str,
    sections: Iterable[SectionView],
    closing: Iterable[str],
) -> str:
    lines = [doc.title, f"{t(f'variant.{variant}')}, {doc.revision}"]
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
    header = header_lines(doc)
    heading = t(f"variant.{variant}")
    return ExportView(doc, variant, heading, header, sections, closing, tuple(footer))


def header_lines(doc: ExportDocument) -> tuple[tuple[str, str], ...]:
    """The UN header: symbol (when set), distribution, date of issue, original language, then
    the document, its revision and the status counts."""
    symbol = ((t("header.symbol"), doc.symbol),) if doc.symbol else ()
    names = language_names()
    original = names.get(doc.original_language, doc.original_language)
    shown = ((t("header.language"), names.get(doc.language, doc.language)),)
    return (
        *symbol,
        (t("header.distribution"), t(f"distribution.{doc.distribution}")),
        (t("header.date"), format_date(doc)),
        (t("header.original"), original),
        *(shown if doc.language != doc.negotiating_language else ()),
        (t("header.document"), doc.title),
        (t("header.revision"), doc.revision),
        (t("header.status"), status_summary(doc)),
    )


def record_value(doc: ExportDocument, variant: str) -> str:
    """E.g. "document 1 / compilation / revision 2 / 2026-11-30T09:00:00.001000+00:00 / es": what
    a check needs to rebuild this export (`record.py`; a parallel one adds " / parallel")."""
    moment = CURRENT if doc.revision_number is None else f"revision {doc.revision_number}"
    at = doc.generated_at.isoformat()
    return f"document {doc.document_id} / {variant} / {moment} / {at} / {doc.language}"


def footer_line(view: ExportView) -> str:
    """The whole footer on one line (a PDF's keywords, where no page text can be read back)."""
    return "; ".join(f"{label}: {value}" for label, value in view.footer)


@dataclass(frozen=True)
class ViewRenderer:
    """A format: its names and a function from the shared view to bytes."""

    format: str
    media_type: str
    extension: str
    render_view: Callable[[ExportView], bytes]

    def render(self, doc: ExportDocument, variant: str) -> bytes:
        with using(doc.strings):
            return self.render_view(build_view(doc, variant))
