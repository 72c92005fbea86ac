"""DOCX (python-docx): real Word numbering, redlines as underline/strike runs.

Numbering: every paragraph of the text uses the "List Number" style. In the agreed variant
the list runs on across sections (1, 2, 3 … through the document, as in common.py). In the
compilation variant the list restarts in each section at the section's first label, so Word's
numbers are the negotiation labels; a section whose labels are not consecutive integers
(e.g. "4bis") keeps the style but prints its labels as text instead, since Word cannot.

Compilation options follow their paragraph as "[Alt 1 (MEX, BRA): …]" with inserted words
underlined and deleted words struck through (formatting, not tracked changes, so any reader
shows them and `paragraph.text` returns them). The footer of every page carries the SHA-256 of
the text, the audit-chain head and the page number.

python-docx stamps zip entries with the wall clock; the package is rewritten with
`generated_at` so the same input gives the same bytes.
"""

from __future__ import annotations

import io
import zipfile
from datetime import UTC

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from app.drafting.export.common import (
    AD_REF_MARK,
    ExportView,
    ParagraphView,
    SectionView,
    ViewRenderer,
    positions_lines,
    xml_safe,
)

LIST_STYLE = "List Number"
MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _restarted_num_id(document, start: int) -> int:
    """A new Word list instance of the "List Number" definition, starting at `start`."""
    numbering = document.part.numbering_part.element
    style_num_id = document.styles[LIST_STYLE].element.pPr.numPr.numId.val
    abstract_id = numbering.num_having_numId(style_num_id).abstractNumId.val
    num = numbering.add_num(abstract_id)
    num.add_lvlOverride(ilvl=0).add_startOverride(start)
    return num.numId


def _set_num(paragraph, num_id: int) -> None:
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = 0
    num_pr.get_or_add_numId().val = num_id


def _consecutive_labels(section: SectionView) -> int | None:
    """The first label if the section's labels are n, n+1, n+2 …; None otherwise."""
    labels = [p.number for p in section.paragraphs]
    if not labels or not all(label.isdigit() and label.isascii() for label in labels):
        return None
    first = int(labels[0])
    return (
        first
        if [int(label) for label in labels] == list(range(first, first + len(labels)))
        else None
    )


def _add_text(paragraph, text: str, **font):
    run = paragraph.add_run(xml_safe(text))
    for name, value in font.items():
        setattr(run.font, name, value)
    return run


def _note(document, text: str, *, italic: bool = False):
    p = document.add_paragraph()
    p.paragraph_format.left_indent = Pt(36)
    p.paragraph_format.space_after = Pt(2)
    _add_text(p, text, size=Pt(9), italic=italic)
    return p


def _paragraph(document, p: ParagraphView, num_id: int | None) -> None:
    para = document.add_paragraph(style=LIST_STYLE)
    if num_id is None and p.compilation:  # labels Word cannot number: style kept, label as text
        _set_num(para, 0)
        _add_text(para, f"{p.number}. ", bold=True)
    elif num_id is not None:
        _set_num(para, num_id)
    _add_text(para, f"[{p.text}]" if p.bracketed else p.text)
    if p.ad_ref:
        _add_text(para, f" {AD_REF_MARK}", italic=True)
    for option in p.options:
        line = document.add_paragraph()
        line.paragraph_format.left_indent = Pt(36)
        _add_text(line, "[")
        _add_text(line, option.label, bold=True)
        _add_text(line, ": ")
        for op, text in option.segments:
            if op == "insert":
                _add_text(line, text, underline=True)
            elif op == "delete":
                _add_text(line, text, strike=True)
            else:
                _add_text(line, text)
        _add_text(line, "]")
        if option.rationale:
            _note(document, f"Rationale: {option.rationale}", italic=True)
    for note in positions_lines(p):
        _note(document, note)


def _footer(document, view: ExportView) -> None:
    footer = document.sections[0].footer
    first = footer.paragraphs[0]
    lines = [f"{label}: {value}" for label, value in view.footer]
    for i, line in enumerate(lines):
        para = first if i == 0 else footer.add_paragraph()
        _add_text(para, line, size=Pt(7))
    page = footer.add_paragraph()
    _add_text(page, "Page ", size=Pt(8))
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    page._p.append(field)


def _properties(document, view: ExportView) -> None:
    props = document.core_properties
    moment = view.doc.generated_at
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    props.title = xml_safe(view.doc.title)
    props.subject = f"{view.heading}, {xml_safe(view.doc.revision)}"
    props.author = props.last_modified_by = "Consenso"
    props.comments = f"{view.footer[0][0]}: {view.footer[0][1]}"
    props.created = props.modified = props.last_printed = moment
    props.revision = 1
    props.keywords = view.variant


def _deterministic(blob: bytes, view: ExportView) -> bytes:
    stamp = view.doc.generated_at.timetuple()[:6]
    stamp = (max(stamp[0], 1980), *stamp[1:])
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(blob)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = item.external_attr
            dst.writestr(info, src.read(item.filename))
    return out.getvalue()


def render_view(view: ExportView) -> bytes:
    document = Document()
    _properties(document, view)
    document.add_paragraph(view.heading, style="Subtitle")
    document.add_heading(xml_safe(view.doc.title), level=0)
    for label, value in view.header:
        para = document.add_paragraph()
        para.paragraph_format.space_after = Pt(0)
        _add_text(para, f"{label}: ", bold=True)
        _add_text(para, value)
    for section in view.sections:
        document.add_heading(xml_safe(section.title), level=1)
        if view.variant == "agreed":
            num_id = None  # the style's own list: one sequence through the document
        else:
            start = _consecutive_labels(section)
            num_id = _restarted_num_id(document, start) if start is not None else None
        for paragraph in section.paragraphs:
            _paragraph(document, paragraph, num_id)
    for statement in view.closing:
        _add_text(document.add_paragraph(), statement, bold=True)
    _footer(document, view)
    buffer = io.BytesIO()
    document.save(buffer)
    return _deterministic(buffer.getvalue(), view)


RENDERER = ViewRenderer("docx", MEDIA_TYPE, "docx", render_view)
