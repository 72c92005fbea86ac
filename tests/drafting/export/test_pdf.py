"""PDF (WeasyPrint): page count, agreed paragraphs in order, page numbers, metadata."""

from __future__ import annotations

import io
import re
from dataclasses import replace

import pytest
from pypdf import PdfReader

from app.drafting.export import render
from app.drafting.export.common import NOTHING_AGREED
from app.drafting.export.model import ExportParagraph, ExportSection
from tests.drafting.export.conftest import AGREED_1, AGREED_2, AGREED_AD_REF, BRACKETED


def _flat(text: str) -> str:
    """Text compared across PDF line breaks; invisible direction marks are not drawn."""
    return re.sub(r"\s+", " ", text.replace("\u200f", "")).strip()


def _pages(content: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(content)).pages]


@pytest.fixture(scope="module")
def long_pdf(doc):
    """42 agreed paragraphs of ~60 words over two sections: several A4 pages."""
    words = "the States commit to safe, orderly and regular migración y migração " * 6

    def section(n: int, start: int) -> ExportSection:
        paragraphs = tuple(
            ExportParagraph(i, str(i - start + 1), f"Paragraph {i:03d}: {words}", 1, "agreed")
            for i in range(start, start + 21)
        )
        return ExportSection(n, f"Section {n}", paragraphs)

    long = replace(doc, sections=(section(1, 1), section(2, 22)))
    return render(long, format="pdf", variant="agreed").content


def test_agreed_pdf_is_one_page_with_the_agreed_paragraphs_in_order(rendered):
    pages = _pages(rendered("pdf", "agreed"))
    assert len(pages) == 1
    text = _flat(pages[0])
    positions = [
        text.index(_flat(f"1. {AGREED_1}")),
        text.index(_flat(f"2. {AGREED_AD_REF} (agreed ad referendum)")),
        text.index(_flat(f"3. {AGREED_2}")),
    ]
    assert positions == sorted(positions)
    assert "Page 1 of 1" in text
    assert _flat(BRACKETED) not in text


def test_long_pdf_has_the_pages_its_footer_counts(long_pdf):
    pages = _pages(long_pdf)
    totals = {re.search(r"Page (\d+) of (\d+)", page).groups() for page in pages}
    assert len(pages) > 2
    assert totals == {(str(k), str(len(pages))) for k in range(1, len(pages) + 1)}
    text = _flat(" ".join(pages))
    found = [int(n) for n in re.findall(r"Paragraph (\d{3}):", text)]
    assert found == list(range(1, 43))
    assert "42. Paragraph 042" in text  # numbered through the document


def test_compilation_pdf_prints_user_text_literally(rendered):
    text = _flat(" ".join(_pages(rendered("pdf", "compilation"))))
    assert _flat(f"[{BRACKETED}]") in text
    assert "[Alt 1 (MEX, BRA): Strengthen regional cooperation" in text


def test_nothing_agreed_pdf(rendered):
    pages = _pages(rendered("pdf", "agreed", "empty"))
    assert len(pages) == 1
    assert NOTHING_AGREED in _flat(pages[0])


def test_metadata_comes_from_the_document_not_the_clock(rendered, doc):
    info = PdfReader(io.BytesIO(rendered("pdf", "agreed"))).metadata
    assert info["/CreationDate"] == info["/ModDate"] == "D:20250314103000+00'00"
    assert info["/Title"] == f"{doc.title} (Rev.1): Agreed common position"
