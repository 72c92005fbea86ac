"""Exports in any of the three languages: labels from the server's catalogue, each paragraph's
text in its translation (stale or missing ones marked, never another language passed off), the
language named in every format, a parallel text in HTML and DOCX, and the concordance rule."""

from __future__ import annotations

import io
import re
import zipfile

import docx
import pytest
from lxml import etree
from markdown_it import MarkdownIt

from tests.api.test_exports import agree
from tests.conftest import first_paragraph, problem_of
from tests.drafting.export.helpers import html_text, text_of

ES = "Los Estados reafirman la cooperación birregional: niñez, migración, acción y año."
PT = "Os Estados reafirmam a cooperação birregional: ações, migração, criança e coração."
FORMATS = ["md", "html", "akn", "docx", "pdf"]


def translate(client, paragraph_id, version, lang, text):
    path = f"/api/paragraphs/{paragraph_id}/versions/{version}/translations/{lang}"
    response = client.put(path, json={"text": text})
    assert response.status_code == 200, response.text


def download(api, document_id, **params):
    response = api.as_("mex").get(f"/api/documents/{document_id}/export", params=params)
    assert response.status_code == 200, response.text
    return response


def seen(format: str, content: bytes) -> str:
    """What a reader sees (PDF text as pypdf extracts it: spaces joined, case folded, since
    its extraction can change a letter's case inside a word)."""
    if format == "md":
        return html_text(MarkdownIt("commonmark").render(content.decode()).encode())
    text = text_of(format, content)
    return re.sub(r"\s+", " ", text).casefold() if format == "pdf" else text


def contains(text: str, wanted: str, format: str) -> bool:
    return (wanted.casefold() if format == "pdf" else wanted) in text


@pytest.mark.parametrize("format", FORMATS)
def test_a_spanish_export_prints_the_translation_and_its_labels(api, doc, document_id, format):
    paragraph = first_paragraph(doc)
    translate(api.as_("secretariat"), paragraph["id"], 1, "es", ES)
    response = download(api, document_id, format=format, variant="compilation", lang="es")
    assert response.headers["content-language"] == "es"
    assert response.headers["content-disposition"].endswith(f'-es.{_ext(format)}"')
    text = seen(format, response.content)
    assert contains(text, ES, format)  # accents and ñ survive
    assert not contains(text, paragraph["text"], format)
    assert contains(text, "Texto de compilación", format)
    # The paragraphs nobody translated yet say so.
    assert contains(text, "Aún sin traducción al Español", format)
    assert not contains(text, "Compilation text", format)


@pytest.mark.parametrize("format", FORMATS)
def test_portuguese_survives_every_format(api, doc, document_id, format):
    paragraph = first_paragraph(doc)
    translate(api.as_("secretariat"), paragraph["id"], 1, "pt", PT)
    response = download(api, document_id, format=format, variant="compilation", lang="pt")
    text = seen(format, response.content)
    assert contains(text, PT, format)  # ç and ã survive
    assert contains(text, "Texto de compilação", format)


def _ext(format: str) -> str:
    return "xml" if format == "akn" else format


def test_the_language_is_named_in_html_akn_and_docx(api, doc, document_id):
    html = download(api, document_id, format="html", variant="compilation", lang="es")
    assert '<html lang="es">' in html.text
    akn = etree.fromstring(download(api, document_id, format="akn", lang="pt").content)
    ns = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}
    assert akn.find(".//a:FRBRlanguage", ns).get("language") == "por"
    assert "/por@" in akn.find(".//a:FRBRExpression/a:FRBRuri", ns).get("value")
    english = etree.fromstring(download(api, document_id, format="akn").content)
    assert english.find(".//a:FRBRlanguage", ns).get("language") == "eng"
    word = download(api, document_id, format="docx", lang="es").content
    styles = zipfile.ZipFile(io.BytesIO(word)).read("word/styles.xml").decode()
    assert 'w:lang w:val="es-419"' in styles
    assert docx.Document(io.BytesIO(word)).core_properties.language == "es-419"


def test_a_spanish_export_marks_a_stale_paragraph(api, doc, document_id):
    chair, secretariat = api.as_("chair.rcm"), api.as_("secretariat")
    paragraph = first_paragraph(doc)
    translate(secretariat, paragraph["id"], 1, "es", ES)
    edit = {"text": paragraph["text"] + " Together.", "expected_version": 1}
    assert chair.patch(f"/api/paragraphs/{paragraph['id']}", json=edit).status_code == 200
    for format in ("md", "html", "docx"):
        text = seen(format, download(api, document_id, format=format, lang="es").content)
        assert (
            "[Traducción desactualizada: traduce la versión 1; el texto está ahora en la "
            f"versión 2.] {ES}"
        ) in text, format
        assert "Together." not in text  # never the English text in its place


def test_the_revision_label_and_statuses_are_in_the_exports_language(api, doc, document_id):
    chair = api.as_("chair.rcm")
    assert chair.post(f"/api/documents/{document_id}/revisions", json={}).status_code in (200, 201)
    text = seen("md", download(api, document_id, format="md", revision=0, lang="pt").content)
    assert "Rascunho zero" in text
    assert "Situação: Em aberto" in text
    text = seen("md", download(api, document_id, format="md", lang="es").content)
    assert "Texto actual" in text and "Estado: Abierto" in text


def test_a_parallel_docx_has_both_columns_in_order(api, doc, document_id):
    paragraphs = doc["sections"][0]["paragraphs"]
    secretariat = api.as_("secretariat")
    translate(secretariat, paragraphs[0]["id"], 1, "es", ES)
    response = download(api, document_id, format="docx", lang="es", parallel="true")
    word = docx.Document(io.BytesIO(response.content))
    (table,) = word.tables
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows[0] == ["English", "Español"]
    assert rows[1] == [doc["sections"][0]["title"]] * 2
    left, right = rows[2]
    assert paragraphs[0]["text"] in left and ES in right
    assert ES not in left
    left, right = rows[3]
    assert paragraphs[1]["text"] in left
    assert right.startswith(f"{paragraphs[1]['label']}. [[Aún sin traducción al Español")
    xml = zipfile.ZipFile(io.BytesIO(response.content)).read("word/document.xml").decode()
    assert 'w:lang w:val="en-GB"' in xml and 'w:lang w:val="es-419"' in xml


def test_a_parallel_html_pairs_the_paragraphs(api, doc, document_id):
    paragraph = first_paragraph(doc)
    translate(api.as_("secretariat"), paragraph["id"], 1, "pt", PT)
    html = download(api, document_id, format="html", lang="pt", parallel="true").text
    assert '<table class="parallel">' in html
    row = next(line for line in html.splitlines() if PT in line)
    assert row.index('lang="en"') < row.index('lang="pt"')
    assert row.index(paragraph["text"][:20]) < row.index(PT)


def test_a_parallel_export_needs_html_or_docx_and_another_language(api, document_id):
    client = api.as_("mex")
    path = f"/api/documents/{document_id}/export"
    pdf = client.get(path, params={"format": "pdf", "lang": "es", "parallel": "true"})
    assert problem_of(pdf)["code"] == "exports.parallel_format"
    same = client.get(path, params={"format": "html", "parallel": "true"})
    assert problem_of(same)["code"] == "exports.parallel_language"
    unknown = client.get(path, params={"format": "html", "lang": "fr"})
    assert unknown.status_code == 422


def test_agreed_requires_concordance_when_the_document_says_so(api, doc, document_id):
    chair, secretariat = api.as_("chair.rcm"), api.as_("secretariat")
    paragraph = first_paragraph(doc)
    agree(api, paragraph["id"])
    before = seen("md", download(api, document_id, format="md", variant="agreed").content)
    assert paragraph["text"] in before
    settings = {
        "negotiating_language": "en",
        "languages": ["en", "es", "pt"],
        "agreed_requires_concordance": True,
    }
    path = f"/api/documents/{document_id}/languages"
    assert chair.put(path, json=settings).status_code == 200
    held = seen("md", download(api, document_id, format="md", variant="agreed").content)
    assert paragraph["text"] not in held
    board = chair.get(f"/api/documents/{document_id}/consensus").json()
    row = next(r for r in board["paragraphs"] if r["id"] == paragraph["id"])
    assert row["status"] == "open"
    assert {"code": "translation.awaiting_concordance", "params": {"languages": "es, pt"}} in row[
        "reason_codes"
    ]
    translate(secretariat, paragraph["id"], 1, "es", ES)
    translate(secretariat, paragraph["id"], 1, "pt", PT)
    agreed = seen("md", download(api, document_id, format="md", variant="agreed").content)
    assert paragraph["text"] in agreed
    board = chair.get(f"/api/documents/{document_id}/consensus").json()
    row = next(r for r in board["paragraphs"] if r["id"] == paragraph["id"])
    assert row["status"] == "agreed"


def test_a_spanish_docx_comes_back_without_its_marks(api, doc, document_id):
    secretariat = api.as_("secretariat")
    paragraphs = doc["sections"][0]["paragraphs"]
    translate(secretariat, paragraphs[0]["id"], 1, "es", ES)
    word = download(api, document_id, format="docx", lang="es").content
    path = f"/api/documents/{document_id}/translations/es/import"
    back = secretariat.post(path, files={"file": ("texto.docx", word)})
    assert back.status_code == 200, back.text
    assert back.json()["imported"] == []  # the marked paragraphs are not translations
    opened = docx.Document(io.BytesIO(word))
    marked = next(p for p in opened.paragraphs if "Aún sin traducción" in p.text)
    plain = [r for r in marked.runs if not r.bold and not r.italic]
    plain[0].text = "Los derechos humanos de todos los migrantes se respetan."
    for run in plain[1:]:
        run.text = ""
    edited = io.BytesIO()
    opened.save(edited)
    back = secretariat.post(path, files={"file": ("texto.docx", edited.getvalue())})
    assert back.json()["imported"] == [paragraphs[1]["label"]]
    held = secretariat.get(f"/api/paragraphs/{paragraphs[1]['id']}/translations").json()
    spanish = next(t for t in held["translations"] if t["lang"] == "es")
    assert spanish["text"] == "Los derechos humanos de todos los migrantes se respetan."
