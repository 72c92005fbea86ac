"""DOCX reopened with python-docx: paragraphs, numbering, sponsors, tracked changes."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import datetime

import docx
import pytest

from app.drafting.export import render
from tests.drafting.export.conftest import (
    AGREED_1,
    AGREED_2,
    AGREED_AD_REF,
    BRACKETED,
    NEW_PARA,
    OPEN,
)

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _open(content: bytes):
    return docx.Document(io.BytesIO(content))


def _num_id(paragraph) -> int | None:
    ppr = paragraph._p.pPr
    if ppr is None or ppr.numPr is None or ppr.numPr.numId is None:
        return None
    return ppr.numPr.numId.val


def _accepted(paragraph) -> str:
    """The paragraph as Word shows it with every tracked change accepted (marks included)."""
    return "".join(
        t.text or ""
        for t in paragraph._p.iter(f"{W}t")
        if not any(a.tag == f"{W}del" for a in t.iterancestors())
    )


def _numbered(document):
    return [p for p in document.paragraphs if p.style.name == "List Number"]


def test_agreed_paragraphs_in_order_with_real_numbering(rendered):
    document = _open(rendered("docx", "agreed"))
    numbered = _numbered(document)
    assert [p.text for p in numbered] == [
        AGREED_1,
        f"{AGREED_AD_REF} (agreed ad referendum)",
        AGREED_2,
    ]
    # one list through the document: the style's own numbering, never restarted
    assert {_num_id(p) for p in numbered} == {None}
    assert document.styles["List Number"].element.pPr.numPr.numId.val
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == [
        "I. Guiding principles — Principios rectores",
        'II. Commitments & "strategy"',
    ]
    assert BRACKETED not in "\n".join(p.text for p in document.paragraphs)


def test_compilation_restarts_numbering_in_each_section(rendered):
    document = _open(rendered("docx", "compilation"))
    numbered = _numbered(document)
    ad_ref = f"{AGREED_AD_REF} (agreed ad referendum)"
    # The new paragraph proposed after OPEN has a provisional label Word cannot count: that
    # section prints its labels as text.
    assert [_accepted(p) for p in numbered] == [
        AGREED_1, ad_ref, f"[{BRACKETED}]", f"1. [{OPEN}]", f"1bis. [{NEW_PARA}]", f"2. {AGREED_2}",
    ]  # fmt: skip
    ids = [_num_id(p) for p in numbered]
    assert ids[0] == ids[1] == ids[2] and ids[3:] == [0, 0, 0]
    numbering = document.part.numbering_part.element
    for num_id in (ids[0],):
        start = numbering.num_having_numId(num_id).find(f"{W}lvlOverride/{W}startOverride")
        assert start.get(f"{W}val") == "1"


def test_compilation_names_sponsors_and_marks_redlines(rendered):
    document = _open(rendered("docx", "compilation"))
    texts = [p.text for p in document.paragraphs]
    alt1 = next(p for p in document.paragraphs if p.text.startswith("[Alt 1"))
    assert _accepted(alt1).startswith(
        "[Alt 1 (MEX, BRA): Strengthen regional cooperation on <script>"
    )
    inserted = ["".join(t.text for t in e.iter(f"{W}t")) for e in alt1._p.iter(f"{W}ins")]
    deleted = ["".join(t.text for t in e.iter(f"{W}delText")) for e in alt1._p.iter(f"{W}del")]
    assert inserted == ["regional ", "protection"]
    assert deleted == ["border management"]
    assert {e.get(f"{W}author") for e in alt1._p.iter(f"{W}ins", f"{W}del")} == {"MEX, BRA"}
    assert "[USA, CAN, GTM: delete]" in texts
    assert "Proposed by: ARG, URY" in texts
    assert "Objections: VEN: Sovereignty over <borders> & data." in texts
    assert "Reservations: CHL: Awaiting instructions from the capital." in texts
    assert "Status: Bracketed" in texts


def test_labels_word_cannot_count_are_printed(doc):
    section = doc.sections[1]
    odd = (replace(section.paragraphs[0], label="4bis"), section.paragraphs[1])
    changed = replace(doc, sections=(replace(section, paragraphs=odd),))
    document = _open(render(changed, format="docx", variant="compilation").content)
    numbered = _numbered(document)
    assert [_accepted(p)[:7] for p in numbered] == ["4bis. [", "4bisbis", "2. Prom"]
    assert {_num_id(p) for p in numbered} == {0}  # numbering switched off, style kept


def test_header_footer_and_properties(rendered, doc):
    document = _open(rendered("docx", "agreed"))
    texts = [p.text for p in document.paragraphs]
    assert texts[:8] == [
        "Agreed common position",
        doc.title,
        "Distr.: General",
        "Date: 2025-03-14 10:30 UTC",
        "Original: English",
        f"Document: {doc.title}",
        "Revision: Rev.1",
        "Status: 2 agreed, 1 agreed ad referendum, 1 bracketed, 1 open (5 paragraphs)",
    ]
    footer = [p.text for p in document.sections[0].footer.paragraphs]
    assert footer[0].startswith("SHA-256 of the text: ")
    props = document.core_properties
    assert props.title == doc.title
    assert (
        props.created
        == props.modified
        == datetime(2025, 3, 14, 10, 30, tzinfo=props.created.tzinfo)
    )


@pytest.mark.parametrize("variant", ["agreed", "compilation"])
def test_text_survives(rendered, variant):
    body = "\n".join(p.text for p in _open(rendered("docx", variant)).paragraphs)
    assert AGREED_AD_REF in body and AGREED_1 in body
