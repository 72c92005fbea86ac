"""The compilation DOCX as Word's own documents: tracked changes by the sponsors, comments,
header and page fields, the identifiers an import matches on, and LibreOffice reading it."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import docx
import pytest
from lxml import etree

from app.drafting.export import docx_ids, render
from tests.drafting.export.conftest import AGREED_1, NEW_PARA

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
FILED = datetime(2025, 3, 10, 9, 15, tzinfo=UTC)


def _dated(doc):
    """The fixture document with every proposal filed at FILED."""
    sections = tuple(
        replace(
            s,
            paragraphs=tuple(
                replace(p, proposals=tuple(replace(a, proposed_at=FILED) for a in p.proposals))
                for p in s.paragraphs
            ),
        )
        for s in doc.sections
    )
    return replace(doc, sections=sections, symbol="RCM-SACM/2026/L.1", revision_number=1)


@pytest.fixture(scope="module")
def compiled(doc) -> bytes:
    return render(_dated(doc), format="docx", variant="compilation").content


def _part(content: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        return etree.fromstring(package.read(name))


def _accept_all(root: etree._Element) -> list[str]:
    """Every paragraph's text with insertions kept and deletions dropped."""
    for deleted in list(root.iter(f"{W}del")):
        deleted.getparent().remove(deleted)
    return ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in root.iter(f"{W}p")]


def test_proposals_are_tracked_changes_by_their_sponsors(compiled, doc):
    root = _part(compiled, "word/document.xml")
    changes = list(root.iter(f"{W}ins", f"{W}del"))
    assert changes
    authors = {c.get(f"{W}author") for c in changes}
    assert "MEX, BRA" in authors and "ARG, URY" in authors  # the new paragraph's sponsors
    assert {c.get(f"{W}date") for c in changes} == {"2025-03-10T09:15:00Z"}
    ids = [c.get(f"{W}id") for c in changes]
    assert len(ids) == len(set(ids))
    assert not list(root.iter(f"{W}strike")) and not list(root.iter(f"{W}u"))


def test_accepting_every_change_gives_every_proposal_applied(compiled, doc):
    texts = _accept_all(_part(compiled, "word/document.xml"))
    proposals = [a for s in doc.sections for p in s.paragraphs for a in p.proposals]
    for proposal in proposals:
        if proposal.kind == "modify":
            assert any(proposal.text in text for text in texts), proposal.text
    assert any(NEW_PARA in text for text in texts)


def test_rationales_are_comments_with_their_part(compiled):
    with zipfile.ZipFile(io.BytesIO(compiled)) as package:
        types = package.read("[Content_Types].xml").decode()
        rels = package.read("word/_rels/document.xml.rels").decode()
    assert "wordprocessingml.comments+xml" in types and "relationships/comments" in rels
    comments = _part(compiled, "word/comments.xml")
    authors = [c.get(f"{W}author") for c in comments.iter(f"{W}comment")]
    assert "MEX, BRA" in authors
    texts = ["".join(c.itertext()) for c in comments.iter(f"{W}comment")]
    assert any("Los Ángeles Declaration" in text for text in texts)
    body = _part(compiled, "word/document.xml")
    starts = {e.get(f"{W}id") for e in body.iter(f"{W}commentRangeStart")}
    refs = {e.get(f"{W}id") for e in body.iter(f"{W}commentReference")}
    assert starts == refs == {c.get(f"{W}id") for c in comments.iter(f"{W}comment")}


def test_header_names_symbol_and_revision_and_footer_counts_pages(compiled):
    document = docx.Document(io.BytesIO(compiled))
    header = [p.text for p in document.sections[0].header.paragraphs]
    assert header == ["RCM-SACM/2026/L.1", "Compilation text, Rev.1"]
    footer = _part(compiled, "word/footer1.xml")
    fields = [f.get(f"{W}instr").strip() for f in footer.iter(f"{W}fldSimple")]
    assert fields == ["PAGE", "NUMPAGES"]
    assert "Page 1 of 1" in "".join(footer.itertext())


def test_header_without_symbol_names_the_title(doc):
    content = render(doc, format="docx", variant="agreed").content
    header = [p.text for p in docx.Document(io.BytesIO(content)).sections[0].header.paragraphs]
    assert header == [doc.title, "Agreed common position, Rev.1"]


def test_identifiers_and_properties_read_back(compiled, doc):
    read = docx_ids.read(compiled)
    assert read.properties == {
        docx_ids.DOCUMENT_ID: str(doc.document_id),
        docx_ids.REVISION: "1",
        docx_ids.VARIANT: "compilation",
        docx_ids.EXPORT_HASH: read.properties[docx_ids.EXPORT_HASH],
    }
    expected = [(p.paragraph_id, p.version, p.text) for s in doc.sections for p in s.paragraphs]
    assert [(p.paragraph_id, p.version, p.text) for p in read.paragraphs] == expected
    assert read.unmarked == ()
    assert not any(p.tracked for p in read.paragraphs)
    assert AGREED_1 in [p.text for p in read.paragraphs]


def test_unreadable_files_say_why():
    with pytest.raises(docx_ids.Unreadable, match="not a whole DOCX"):
        docx_ids.read(b"PK\x03\x04 not really")


SOFFICE = shutil.which("soffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_opens_converts_and_keeps_changes(compiled, tmp_path: Path):
    source = tmp_path / "compilation.docx"
    source.write_bytes(compiled)
    out = tmp_path / "out"
    for target in ("pdf", "docx:MS Word 2007 XML", "txt:Text (encoded):UTF8"):
        subprocess.run(
            [SOFFICE, "--headless", "--convert-to", target, "--outdir", str(out), str(source)],
            check=True,
            capture_output=True,
            timeout=180,
            env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
        )
    assert (out / "compilation.pdf").stat().st_size > 1000
    assert "Alt 1 (MEX, BRA)" in (out / "compilation.txt").read_text(encoding="utf-8-sig")
    resaved = (out / "compilation.docx").read_bytes()
    docx.Document(io.BytesIO(resaved))  # python-docx reads LibreOffice's file back
    assert docx_ids.read(resaved).paragraphs == docx_ids.read(compiled).paragraphs
    assert docx_ids.read(resaved).properties == docx_ids.read(compiled).properties
    original = _accept_all(_part(compiled, "word/document.xml"))
    again = _accept_all(_part(resaved, "word/document.xml"))
    assert [t for t in original if "Alt 1" in t] == [t for t in again if "Alt 1" in t]
    authors = {e.get(f"{W}author") for e in _part(resaved, "word/document.xml").iter(f"{W}ins")}
    assert "MEX, BRA" in authors
