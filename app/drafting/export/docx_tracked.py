"""Word's own machinery in a Consenso DOCX: tracked changes, comments, header, page fields and
custom document properties, as raw OXML (python-docx has no API for revisions).

* A proposal's words are a real revision: inserted words in `<w:ins>`, deleted ones in `<w:del>`
  (`<w:delText>`), each with `w:author` = the sponsoring delegation(s) and `w:date` = when the
  wording was filed (ISO 8601, UTC), so a secretariat can accept or reject them in Word and
  "accept all" gives the text with every proposal applied.
* A proposal's rationale is a Word comment by its sponsors, anchored on its option.
* Every page's header names the document symbol (or the title) and the revision; the footer
  ends with "Page N of M" (PAGE and NUMPAGES fields).
* `docProps/custom.xml` carries what an import matches on: the document, the revision, the
  variant and the export hash (see docx_ids.py).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from xml.sax.saxutils import escape

from docx.document import Document as WordDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml.ns import qn
from lxml import etree  # type: ignore[import-untyped]  # lxml ships no type hints

from app.drafting.export.strings import xml_safe

W_R, W_RPR, W_T, W_DEL_TEXT, W_INS, W_DEL = (
    qn(tag) for tag in ("w:r", "w:rPr", "w:t", "w:delText", "w:ins", "w:del")
)
W_ID, W_AUTHOR, W_DATE, W_VAL, W_SZ = (
    qn(tag) for tag in ("w:id", "w:author", "w:date", "w:val", "w:sz")
)
W_FLD_SIMPLE, W_INSTR = qn("w:fldSimple"), qn("w:instr")
W_RANGE_START, W_RANGE_END, W_REFERENCE, W_RSTYLE = (
    qn(tag)
    for tag in ("w:commentRangeStart", "w:commentRangeEnd", "w:commentReference", "w:rStyle")
)
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
CUSTOM_CT = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
# The format id Word gives every user-defined property.
CUSTOM_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
UNDATED = datetime(1980, 1, 1, tzinfo=UTC)


def iso_utc(moment: datetime | None) -> str:
    """E.g. "2025-03-14T10:30:00Z" (a naive moment is taken as UTC, as the database stores)."""
    moment = moment or UNDATED
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.replace(tzinfo=None, microsecond=0).isoformat() + "Z"


def _text_run(text: str, *, deleted: bool, size_half_points: int | None = None) -> etree._Element:
    run = etree.Element(W_R)
    if size_half_points:
        etree.SubElement(etree.SubElement(run, W_RPR), W_SZ).set(W_VAL, str(size_half_points))
    t = etree.SubElement(run, W_DEL_TEXT if deleted else W_T)
    t.text = text
    if text[:1].isspace() or text[-1:].isspace():
        t.set(XML_SPACE, "preserve")
    return run


class Revisions:
    """Hands out the `w:id` of each tracked change: unique in the document, as Word requires."""

    def __init__(self) -> None:
        self.next_id = 1

    def change(
        self, p: etree._Element, op: str, text: str, *, author: str, moment: datetime | None
    ) -> etree._Element:
        """Append `text` to paragraph `p` as an insertion (op "insert") or deletion ("delete")."""
        wrapper = etree.SubElement(p, W_INS if op == "insert" else W_DEL)
        wrapper.set(W_ID, str(self.next_id))
        wrapper.set(W_AUTHOR, author or "Consenso")
        wrapper.set(W_DATE, iso_utc(moment))
        self.next_id += 1
        for index, line in enumerate(xml_safe(text).replace("\r\n", "\n").split("\n")):
            if index:
                br = etree.SubElement(wrapper, W_R)
                etree.SubElement(br, qn("w:br"))
            if line:
                wrapper.append(_text_run(line, deleted=op == "delete"))
        return wrapper


def comment(
    document: WordDocument,
    p: etree._Element,
    first: etree._Element,
    *,
    text: str,
    author: str,
    moment: datetime | None,
) -> None:
    """A Word comment by `author`, dated `moment`, on the content of `p` from `first` to the
    paragraph's end."""
    added = document.comments.add_comment(
        text=xml_safe(text), author=author or "Consenso", initials=""
    )
    added._comment_elm.set(W_DATE, iso_utc(moment))  # python-docx stamps the wall clock
    comment_id = str(added.comment_id)
    start = etree.Element(W_RANGE_START)
    start.set(W_ID, comment_id)
    first.addprevious(start)
    end = etree.SubElement(p, W_RANGE_END)
    end.set(W_ID, comment_id)
    run = etree.SubElement(p, W_R)
    etree.SubElement(etree.SubElement(run, W_RPR), W_RSTYLE).set(W_VAL, "CommentReference")
    etree.SubElement(run, W_REFERENCE).set(W_ID, comment_id)


def _field(p: etree._Element, instruction: str, size: int) -> None:
    field = etree.SubElement(p, W_FLD_SIMPLE)
    field.set(W_INSTR, f" {instruction} ")
    field.append(_text_run("1", deleted=False, size_half_points=size))


def page_of(p: etree._Element, template: str, size: int = 16) -> None:
    """Append `template` ("Page {page} of {pages}") to `p`, the numbers as live PAGE and
    NUMPAGES fields."""
    for piece in re.split(r"(\{page\}|\{pages\})", template):
        if piece == "{page}":
            _field(p, "PAGE", size)
        elif piece == "{pages}":
            _field(p, "NUMPAGES", size)
        elif piece:
            p.append(_text_run(piece, deleted=False, size_half_points=size))


def header(document: WordDocument, lines: list[str]) -> None:
    """Every page's header: one line each (the symbol or title, the revision)."""
    part = document.sections[0].header
    for index, line in enumerate(lines):
        para = part.paragraphs[0] if index == 0 else part.add_paragraph()
        para._p.append(_text_run(line, deleted=False, size_half_points=16))


def custom_properties(document: WordDocument, properties: dict[str, str]) -> None:
    """`docProps/custom.xml`, related from the package with its own content type."""
    items = "".join(
        f'<property fmtid="{CUSTOM_FMTID}" pid="{pid}" name="{escape(name)}">'
        f"<vt:lpwstr>{escape(value)}</vt:lpwstr></property>"
        for pid, (name, value) in enumerate(properties.items(), start=2)
    )
    blob = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Properties xmlns="{CUSTOM_NS}" xmlns:vt="{VT_NS}">{items}</Properties>'
    ).encode()
    package = document.part.package
    part = Part(PackURI("/docProps/custom.xml"), CUSTOM_CT, blob, package)
    package.relate_to(part, RT.CUSTOM_PROPERTIES)
