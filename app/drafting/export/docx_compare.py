"""A revision-to-revision comparison as a Word document with real tracked changes.

Every difference between the earlier and the later side is a `w:ins`/`w:del` by whoever made
it: the delegation(s) whose amendment produced the paragraph's later version, or the chairs
(an edit of their own); dated when that amendment was decided (the chairs' edits: when the later
side was issued). A paragraph added, deleted or moved is a tracked insertion or deletion of the
whole paragraph, its paragraph mark included, so that "accept all" in Word or LibreOffice gives
the later side's text and "reject all" the earlier side's. Labels are printed in "Consenso
Mark" runs (docx_ids.py), outside the changes. The header names the symbol (or title) and both
sides; the footer counts pages ("Page N of M").
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from lxml import etree  # type: ignore[import-untyped]  # lxml ships no type hints

from app.drafting.compare import ParagraphState
from app.drafting.export import DOCX_MEDIA_TYPE, docx_ids, docx_tracked
from app.drafting.export.model import Segment
from app.drafting.export.strings import t, using, xml_safe
from app.drafting.worddiff import word_diff

MEDIA_TYPE = DOCX_MEDIA_TYPE
W_P, W_PPR, W_RPR, W_R, W_T, W_RSTYLE, W_VAL = (
    qn(tag) for tag in ("w:p", "w:pPr", "w:rPr", "w:r", "w:t", "w:rStyle", "w:val")
)
W_INS, W_DEL, W_ID, W_AUTHOR, W_DATE = (
    qn(tag) for tag in ("w:ins", "w:del", "w:id", "w:author", "w:date")
)


@dataclass(frozen=True)
class Credit:
    """Who made a paragraph's change and when."""

    author: str
    moment: datetime | None


@dataclass(frozen=True)
class ComparedParagraph:
    """One paragraph of the comparison: "same", "changed", "added" or "deleted"."""

    kind: str
    label: str
    segments: tuple[Segment, ...]
    credit: Credit


@dataclass(frozen=True)
class ComparisonFile:
    title: str
    symbol: str
    from_label: str
    to_label: str
    generated_at: datetime
    paragraphs: tuple[ComparedParagraph, ...]
    strings: Mapping[str, str] | None = None


def _stays(old: Sequence[ParagraphState], new: Sequence[ParagraphState]) -> set[int]:
    """Paragraphs on both sides, in the same section and the same relative order (the rest are
    shown deleted where they were and added where they are)."""
    old_by_id = {p.paragraph_id: p for p in old}
    position = {p.paragraph_id: k for k, p in enumerate(old)}
    stays: set[int] = set()
    last = -1
    for p in new:
        before = old_by_id.get(p.paragraph_id)
        if before is None or before.section_id != p.section_id:
            continue
        if position[p.paragraph_id] > last:
            stays.add(p.paragraph_id)
            last = position[p.paragraph_id]
    return stays


def sequence(
    old: Sequence[ParagraphState],
    new: Sequence[ParagraphState],
    credits: Mapping[int, Credit],
    default: Credit,
) -> tuple[ComparedParagraph, ...]:
    """Both sides merged into one run of paragraphs, each with its change and who made it."""
    stays = _stays(old, new)
    old_by_id = {p.paragraph_id: p for p in old}
    out: list[ComparedParagraph] = []
    i = j = 0
    while i < len(old) or j < len(new):
        if i < len(old) and old[i].paragraph_id not in stays:
            p = old[i]
            credit = credits.get(p.paragraph_id, default)
            out.append(ComparedParagraph("deleted", p.label, (("delete", p.text),), credit))
            i += 1
        elif j < len(new) and new[j].paragraph_id not in stays:
            p = new[j]
            credit = credits.get(p.paragraph_id, default)
            out.append(ComparedParagraph("added", p.label, (("insert", p.text),), credit))
            j += 1
        else:
            p, before = new[j], old_by_id[new[j].paragraph_id]
            kind = "same" if before.text == p.text else "changed"
            segments = tuple(word_diff(before.text, p.text)) if kind == "changed" else ()
            segments = segments or (("equal", p.text),)
            out.append(
                ComparedParagraph(kind, p.label, segments, credits.get(p.paragraph_id, default))
            )
            i, j = i + 1, j + 1
    return tuple(out)


def _mark(p: etree._Element, text: str) -> None:
    run = etree.SubElement(p, W_R)
    etree.SubElement(etree.SubElement(run, W_RPR), W_RSTYLE).set(W_VAL, docx_ids.MARK_STYLE_ID)
    etree.SubElement(run, W_T).text = text


def _paragraph_mark(
    p: etree._Element, op: str, credit: Credit, revisions: docx_tracked.Revisions
) -> None:
    """The paragraph mark itself inserted or deleted, so accepting or rejecting leaves no
    empty paragraph behind."""
    ppr = p.find(W_PPR)
    if ppr is None:
        ppr = etree.Element(W_PPR)
        p.insert(0, ppr)
    rpr = ppr.find(W_RPR)
    if rpr is None:
        rpr = etree.SubElement(ppr, W_RPR)
    change = etree.SubElement(rpr, W_INS if op == "insert" else W_DEL)
    change.set(W_ID, str(revisions.next_id))
    change.set(W_AUTHOR, credit.author or "Consenso")
    change.set(W_DATE, docx_tracked.iso_utc(credit.moment))
    revisions.next_id += 1


def _write(
    document: WordDocument, paragraph: ComparedParagraph, revs: docx_tracked.Revisions
) -> None:
    p = document.add_paragraph()._p
    if paragraph.kind in ("added", "deleted"):
        _paragraph_mark(
            p, "insert" if paragraph.kind == "added" else "delete", paragraph.credit, revs
        )
    if paragraph.label:
        _mark(p, f"{paragraph.label}.\t")
    for op, text in paragraph.segments:
        if op in ("insert", "delete"):
            revs.change(p, op, text, author=paragraph.credit.author, moment=paragraph.credit.moment)
        elif text:
            for index, line in enumerate(xml_safe(text).split("\n")):
                run = etree.SubElement(p, W_R)
                if index:
                    etree.SubElement(run, qn("w:br"))
                etree.SubElement(run, W_T, {docx_tracked.XML_SPACE: "preserve"}).text = line


def render(comparison: ComparisonFile) -> bytes:
    """The comparison as DOCX bytes."""
    with using(comparison.strings or {}):
        document = Document()
        document.styles.add_style(docx_ids.MARK_STYLE, WD_STYLE_TYPE.CHARACTER)
        heading = f"{comparison.from_label} \u2192 {comparison.to_label}"
        document.add_heading(xml_safe(comparison.title), level=0)
        document.add_paragraph(heading, style="Subtitle")
        revisions = docx_tracked.Revisions()
        for paragraph in comparison.paragraphs:
            _write(document, paragraph, revisions)
        top = xml_safe(comparison.symbol or comparison.title)
        docx_tracked.header(document, [top, heading])
        page = document.sections[0].footer.paragraphs[0]._p
        docx_tracked.page_of(page, t("page", page="{page}", pages="{pages}"))
        props = document.core_properties
        props.title = xml_safe(comparison.title)
        props.subject = heading
        props.author = props.last_modified_by = "Consenso"
        moment = comparison.generated_at.replace(tzinfo=None)
        props.created = props.modified = props.last_printed = moment
        buffer = io.BytesIO()
        document.save(buffer)
        return buffer.getvalue()
