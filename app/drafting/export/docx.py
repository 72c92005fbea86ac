"""DOCX (python-docx): real Word numbering, redlines as underline/strike runs.

Numbering: every paragraph of the text uses the "List Number" style. In the agreed variant
the list runs on across sections (1, 2, 3 … through the document, as in common.py). In the
compilation variant the list restarts in each section at the section's first label, so Word's
numbers are the negotiation labels; a section whose labels are not consecutive integers
(e.g. "4bis") keeps the style but prints its labels as text instead, since Word cannot.

Compilation options follow their paragraph as "[Alt 1 (MEX, BRA): …]" with the proposal's
words as Word's own tracked changes (`w:ins`/`w:del`, author = the sponsors, date = when the
wording was filed; docx_tracked.py), its rationale as a Word comment; a proposed new paragraph
is a tracked insertion. `paragraph.text` (python-docx) omits tracked text: read the XML
(`docx_ids.accepted_text`). Every paragraph of the text carries the bookmark and the file the
custom properties an import matches on (docx_ids.py). Every page's header names the symbol (or
title) and revision; the footer carries the SHA-256 of the text, the audit-chain head and
"Page N of M".

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
from docx.oxml.ns import qn
from docx.shared import Length, Pt
from lxml import etree  # type: ignore[import-untyped]  # lxml ships no type hints

from app.drafting.export import DOCX_MEDIA_TYPE, docx_ids, docx_tracked
from app.drafting.export.common import (
    ExportView,
    ParagraphView,
    SectionView,
    ViewRenderer,
    positions_lines,
    xml_safe,
)
from app.drafting.export.layout import Option
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
W_RSTYLE, W_BM_START, W_BM_END, W_ID, W_NAME = (
    qn(tag) for tag in ("w:rStyle", "w:bookmarkStart", "w:bookmarkEnd", "w:id", "w:name")
)
MEDIA_TYPE = DOCX_MEDIA_TYPE


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
        self.document = document
        self.revisions = docx_tracked.Revisions()
        self.bookmarks = 0
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

    def bookmark(self, p: etree._Element, name: str) -> None:
        """A bookmark around the paragraph's content (docx_ids.py: what an import matches on)."""
        self.bookmarks += 1
        start = etree.Element(W_BM_START)
        start.set(W_ID, str(self.bookmarks))
        start.set(W_NAME, name)
        p.find(W_PPR).addnext(start)
        etree.SubElement(p, W_BM_END).set(W_ID, str(self.bookmarks))


def _add_text(p: etree._Element, text: str, *, mark: bool = False, **font: bool | Length) -> None:
    """Append one run with direct formatting (bold, italic, strike, size, underline); `mark`:
    printed around the paragraph's words, left out when the file is read back."""
    run = etree.SubElement(p, W_R)
    if font or mark:
        rpr = etree.SubElement(run, W_RPR)
        if mark:
            etree.SubElement(rpr, W_RSTYLE).set(W_VAL, docx_ids.MARK_STYLE_ID)
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
    document.styles.add_style(docx_ids.MARK_STYLE, WD_STYLE_TYPE.CHARACTER)
    return {name: document.styles[name].style_id for name in (LIST_STYLE, OPTION_STYLE, NOTE_STYLE)}


def _paragraph(body: _Body, styles: dict[str, str], p: ParagraphView, num_id: int | None) -> None:
    if num_id is None and p.compilation:  # labels Word cannot number: style kept, label as text
        para = body.paragraph(styles[LIST_STYLE], 0)
        _add_text(para, f"{p.number}. ", mark=True, bold=True)
    else:
        para = body.paragraph(styles[LIST_STYLE], num_id)
    if p.bracketed:
        _add_text(para, "[", mark=True)
    if p.proposal is not None:  # a proposed new paragraph: Word's insertion by its sponsors
        who = ", ".join(p.proposal.sponsors)
        body.revisions.change(para, "insert", p.text, author=who, moment=p.proposal.proposed_at)
        body.bookmark(para, docx_ids.proposal_bookmark(p.proposal.amendment_id))
    else:
        _add_text(para, p.text)
        body.bookmark(para, docx_ids.bookmark_name(p.paragraph_id, p.version))
    if p.bracketed:
        _add_text(para, "]", mark=True)
    if p.ad_ref:
        _add_text(para, f" {t('ad_ref_mark')}", mark=True, italic=True)
    for option in p.options:
        _option(body, body.paragraph(styles[OPTION_STYLE]), option)
        for text in option.notes():
            _add_text(body.paragraph(styles[NOTE_STYLE]), text, italic=True)
    for line in positions_lines(p):
        _add_text(body.paragraph(styles[NOTE_STYLE]), line)


def _option(body: _Body, line: etree._Element, option: Option) -> None:
    """ "[Alt 1 (MEX, BRA): …]" with the proposal's words as tracked changes by its sponsors."""
    who = ", ".join(option.sponsors)
    _add_text(line, "[")
    _add_text(line, option.label, bold=True)
    first = None
    if not option.deletion:
        _add_text(line, ": ")
        for op, text in option.segments:
            if op in ("insert", "delete"):
                body.revisions.change(line, op, text, author=who, moment=option.proposed_at)
            else:
                _add_text(line, text)
            first = line[-1] if first is None else first
    _add_text(line, "]")
    if option.rationale and first is not None:
        docx_tracked.comment(
            body.document, line, first, text=option.rationale, author=who, moment=option.proposed_at
        )


def _footer(document: WordDocument, view: ExportView) -> None:
    footer = document.sections[0].footer
    first = footer.paragraphs[0]
    lines = [f"{label}: {value}" for label, value in view.footer]
    for i, line in enumerate(lines):
        para = first if i == 0 else footer.add_paragraph()
        _add_text(para._p, line, size=Pt(7))
    page = footer.add_paragraph()
    docx_tracked.page_of(page._p, t("page", page="{page}", pages="{pages}"))
    header = [view.doc.symbol or view.doc.title, f"{view.heading}, {view.doc.revision}"]
    docx_tracked.header(document, [xml_safe(line) for line in header])
    revision = view.doc.revision_number
    docx_tracked.custom_properties(
        document,
        {
            docx_ids.DOCUMENT_ID: str(view.doc.document_id),
            docx_ids.REVISION: docx_ids.CURRENT if revision is None else str(revision),
            docx_ids.VARIANT: view.variant,
            docx_ids.EXPORT_HASH: view.export_hash,
        },
    )


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
