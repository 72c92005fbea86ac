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
import re
import zipfile
from datetime import UTC

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Length, Pt
from lxml import etree  # type: ignore[import-untyped]  # lxml ships no type hints

from app.drafting.export.common import (
    ExportView,
    ParagraphView,
    SectionView,
    ViewRenderer,
    positions_lines,
    xml_safe,
)
from app.drafting.export.strings import t
from app.drafting.export.word_language import set_language

LIST_STYLE = "List Number"
OPTION_STYLE = "Compilation Option"
NOTE_STYLE = "Compilation Note"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
W_P, W_PPR, W_PSTYLE, W_NUMPR, W_ILVL, W_NUMID, W_SECT_PR, W_VAL = (
    qn(tag)
    for tag in ("w:p", "w:pPr", "w:pStyle", "w:numPr", "w:ilvl", "w:numId", "w:sectPr", "w:val")
)
W_R, W_RPR, W_T, W_TAB, W_BR = (qn(tag) for tag in ("w:r", "w:rPr", "w:t", "w:tab", "w:br"))
MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _restarted_num_id(document: WordDocument, start: int) -> int:
    """A new Word list instance of the "List Number" definition, starting at `start`."""
    numbering = document.part.numbering_part.element
    style_num_id = document.styles[LIST_STYLE].element.pPr.numPr.numId.val
    abstract_id = numbering.num_having_numId(style_num_id).abstractNumId.val
    num = numbering.add_num(abstract_id)
    num.add_lvlOverride(ilvl=0).add_startOverride(start)
    num_id: int = num.numId  # python-docx's XML attributes are untyped
    return num_id


def _consecutive_labels(section: SectionView) -> int | None:
    """The first label if the section's labels are n, n+1, n+2 …; None otherwise."""
    labels = [p.number for p in section.paragraphs]
    if not labels or not all(label.isdigit() and label.isascii() for label in labels):
        return None
    first = int(labels[0])
    expected = [str(n) for n in range(first, first + len(labels))]
    return first if labels == expected else None


# Run properties in the order the WordprocessingML schema requires inside <w:rPr>.
_RPR = tuple(
    (name, qn(tag))
    for name, tag in (
        ("bold", "w:b"), ("italic", "w:i"), ("strike", "w:strike"), ("size", "w:sz"),
        ("underline", "w:u"),
    )
)  # fmt: skip
_BREAKS = re.compile(r"(\t|\r\n|\r|\n)")


class _Body:
    """Appends `<w:p>` elements before the body's final `<w:sectPr>`. Built as raw OXML, like
    runs below: python-docx's `add_paragraph`/`add_run` and style lookups by name cost
    0.1-4 ms a call, which made a 5,000-proposal compilation take most of a minute."""

    def __init__(self, document: WordDocument) -> None:
        self.body = document.element.body
        last = self.body[-1] if len(self.body) else None
        self.sect_pr = last if last is not None and last.tag == W_SECT_PR else None

    def paragraph(self, style_id: str, num_id: int | None = None) -> etree._Element:
        p = etree.Element(W_P)
        ppr = etree.SubElement(p, W_PPR)
        etree.SubElement(ppr, W_PSTYLE).set(W_VAL, style_id)
        if num_id is not None:
            num_pr = etree.SubElement(ppr, W_NUMPR)
            etree.SubElement(num_pr, W_ILVL).set(W_VAL, "0")
            etree.SubElement(num_pr, W_NUMID).set(W_VAL, str(num_id))
        if self.sect_pr is not None:
            self.sect_pr.addprevious(p)
        else:
            self.body.append(p)
        return p


def _add_text(p: etree._Element, text: str, **font: bool | Length) -> None:
    """Append one run with direct formatting (bold, italic, strike, size, underline)."""
    run = etree.SubElement(p, W_R)
    if font:
        rpr = etree.SubElement(run, W_RPR)
        for name, tag in _RPR:
            value = font.get(name)
            if not value:
                continue
            prop = etree.SubElement(rpr, tag)
            if isinstance(value, Length):
                prop.set(W_VAL, str(int(value.pt * 2)))
            elif name == "underline":
                prop.set(W_VAL, "single")
    for piece in _BREAKS.split(xml_safe(text)):
        if piece == "\t":
            etree.SubElement(run, W_TAB)
        elif piece in ("\n", "\r", "\r\n"):
            etree.SubElement(run, W_BR)
        elif piece:
            t = etree.SubElement(run, W_T)
            t.text = piece
            if piece[0].isspace() or piece[-1].isspace():
                t.set(XML_SPACE, "preserve")


def _add_styles(document: WordDocument) -> dict[str, str]:
    """Named styles for what follows a paragraph in the compilation, so a secretariat can
    restyle them in Word; returns style name -> style id."""
    for name, size in ((OPTION_STYLE, 10.5), (NOTE_STYLE, 9)):
        style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = document.styles["Normal"]
        style.font.size = Pt(size)
        style.paragraph_format.left_indent = Pt(36)
        style.paragraph_format.space_after = Pt(2)
    return {name: document.styles[name].style_id for name in (LIST_STYLE, OPTION_STYLE, NOTE_STYLE)}


def _paragraph(body: _Body, styles: dict[str, str], p: ParagraphView, num_id: int | None) -> None:
    if num_id is None and p.compilation:  # labels Word cannot number: style kept, label as text
        para = body.paragraph(styles[LIST_STYLE], 0)
        _add_text(para, f"{p.number}. ", bold=True)
    else:
        para = body.paragraph(styles[LIST_STYLE], num_id)
    _add_text(para, f"[{p.text}]" if p.bracketed else p.text)
    if p.ad_ref:
        _add_text(para, f" {t('ad_ref_mark')}", italic=True)
    for option in p.options:
        line = body.paragraph(styles[OPTION_STYLE])
        _add_text(line, "[")
        _add_text(line, option.label, bold=True)
        if not option.deletion:
            _add_text(line, ": ")
            for op, text in option.segments:
                if op == "insert":
                    _add_text(line, text, underline=True)
                elif op == "delete":
                    _add_text(line, text, strike=True)
                else:
                    _add_text(line, text)
        _add_text(line, "]")
        for text in option.notes():
            _add_text(body.paragraph(styles[NOTE_STYLE]), text, italic=True)
    for line in positions_lines(p):
        _add_text(body.paragraph(styles[NOTE_STYLE]), line)


def _footer(document: WordDocument, view: ExportView) -> None:
    footer = document.sections[0].footer
    first = footer.paragraphs[0]
    lines = [f"{label}: {value}" for label, value in view.footer]
    for i, line in enumerate(lines):
        para = first if i == 0 else footer.add_paragraph()
        _add_text(para._p, line, size=Pt(7))
    page = footer.add_paragraph()
    _add_text(page._p, "Page ", size=Pt(8))
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    page._p.append(field)


def _properties(document: WordDocument, view: ExportView) -> None:
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
    styles = _add_styles(document)
    set_language(document, view.doc.language)
    _properties(document, view)
    document.add_paragraph(view.heading, style="Subtitle")
    document.add_heading(xml_safe(view.doc.title), level=0)
    for label, value in view.header:
        para = document.add_paragraph()
        para.paragraph_format.space_after = Pt(0)
        _add_text(para._p, f"{label}: ", bold=True)
        _add_text(para._p, value)
    body = _Body(document)
    for section in view.sections:
        document.add_heading(xml_safe(section.title), level=1)
        if view.variant == "agreed":
            num_id = None  # the style's own list: one sequence through the document
        else:
            start = _consecutive_labels(section)
            num_id = _restarted_num_id(document, start) if start is not None else None
        for paragraph in section.paragraphs:
            _paragraph(body, styles, paragraph, num_id)
    for statement in view.closing:
        _add_text(document.add_paragraph()._p, statement, bold=True)
    _footer(document, view)
    buffer = io.BytesIO()
    document.save(buffer)
    return _deterministic(buffer.getvalue(), view)


RENDERER = ViewRenderer("docx", MEDIA_TYPE, "docx", render_view)
