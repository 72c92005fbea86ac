"""A revision-to-revision comparison as .docx with real tracked changes: each change by the
delegations whose amendment made it (or the chairs), and accepting every change gives the later
revision's text, rejecting every change the earlier one (in LibreOffice too)."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from app.drafting.export import docx_ids
from tests.api.test_revisions_disposition import SOVEREIGNTY, Negotiation, issue

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SOFFICE = shutil.which("soffice")
HELPER = Path(__file__).parents[1] / "drafting" / "export" / "lo_changes.py"


def _body(content: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        return etree.fromstring(package.read("word/document.xml")).find(f"{W}body")


def _mark_change(p, tag):
    return p.find(f"{W}pPr/{W}rPr/{W}{tag}") is not None


def _texts(body, *, accept: bool) -> list[str]:
    """The body's paragraphs (after the title and subtitle) as Word would give them with every
    change accepted (or rejected)."""
    body = etree.fromstring(etree.tostring(body))
    drop, keep = ("del", "ins") if accept else ("ins", "del")
    for element in list(body.iter(f"{W}{drop}")):
        if element.getparent().tag != f"{W}rPr":
            element.getparent().remove(element)
    for element in list(body.iter(f"{W}{keep}")):
        parent = element.getparent()
        if parent.tag != f"{W}rPr":
            for child in list(element):
                element.addprevious(child)
            parent.remove(element)
    for text in body.iter(f"{W}delText"):
        text.tag = f"{W}t"
    paragraphs = [p for p in body.iter(f"{W}p") if not _mark_change(p, drop)]
    return [docx_ids.accepted_text(p) for p in paragraphs[2:]]


def _revision_texts(api, document_id, number) -> list[str]:
    response = api.as_("mex").get(f"/api/documents/{document_id}/revisions/{number}")
    return [p["text"] for s in response.json()["sections"] for p in s["paragraphs"]]


@pytest.fixture
def compared(api, doc, document_id):
    """Zero draft; MEX's amendment (with BRA) accepted, a chair's edit, a deletion, a move and
    a new paragraph; Rev.1; the comparison as DOCX."""
    principles, commitments = doc["sections"][0]["paragraphs"], doc["sections"][1]["paragraphs"]
    chair = api.as_("chair.rcm")
    issue(api, document_id)
    talks = Negotiation(api)
    talks.accept(talks.propose("mex", principles[2]["id"], SOVEREIGNTY, cosponsors=["BRA"]))
    edited = principles[1]["text"].replace("must be", "shall be")
    response = chair.patch(
        f"/api/paragraphs/{principles[1]['id']}",
        json={"text": edited, "expected_version": principles[1]["head_version"]},
    )
    assert response.status_code == 200, response.text
    assert chair.delete(f"/api/paragraphs/{principles[0]['id']}").status_code == 204
    url = f"/api/paragraphs/{commitments[2]['id']}/move"
    assert chair.post(url, json={"section": "principles"}).status_code == 200
    url = f"/api/documents/{document_id}/paragraphs"
    added = chair.post(url, json={"section": "commitments", "text": "We share data."})
    assert added.status_code == 201, added.text
    issue(api, document_id)
    response = api.as_("mex").get(f"/api/documents/{document_id}/compare?from=0&to=1&format=docx")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert "compare-0-1.docx" in response.headers["content-disposition"]
    return response.content


def test_each_change_is_tracked_by_who_made_it(compared):
    body = _body(compared)
    changes = list(body.iter(f"{W}ins", f"{W}del"))
    authors = {c.get(f"{W}author") for c in changes}
    assert authors == {"MEX, BRA", "Chairs"}
    by_mex = [c for c in changes if c.get(f"{W}author") == "MEX, BRA"]
    assert any("full respect" in "".join(c.itertext()) for c in by_mex)
    ids = [c.get(f"{W}id") for c in changes]
    assert len(ids) == len(set(ids))
    assert all(c.get(f"{W}date").endswith("Z") for c in changes)


def test_accepting_gives_the_later_revision_and_rejecting_the_earlier(api, document_id, compared):
    body = _body(compared)
    assert _texts(body, accept=True) == _revision_texts(api, document_id, 1)
    assert _texts(body, accept=False) == _revision_texts(api, document_id, 0)


def test_header_and_page_numbers(compared):
    import docx

    document = docx.Document(io.BytesIO(compared))
    header = [p.text for p in document.sections[0].header.paragraphs]
    assert header[1] == "Zero draft \u2192 Rev.1"
    with zipfile.ZipFile(io.BytesIO(compared)) as package:
        footer = etree.fromstring(package.read("word/footer1.xml"))
    fields = [f.get(f"{W}instr").strip() for f in footer.iter(f"{W}fldSimple")]
    assert fields == ["PAGE", "NUMPAGES"]


def test_a_backwards_range_is_refused_for_docx_too(api, document_id):
    issue(api, document_id)
    issue(api, document_id)
    response = api.as_("mex").get(f"/api/documents/{document_id}/compare?from=1&to=0&format=docx")
    assert response.status_code == 422


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_accept_all_and_reject_all(api, document_id, compared, tmp_path):
    source = tmp_path / "compare.docx"
    source.write_bytes(compared)
    for action, number in (("accept", 1), ("reject", 0)):
        target = tmp_path / f"{action}.docx"
        subprocess.run(
            [
                "/usr/bin/python3",
                str(HELPER),
                action,
                str(source),
                str(target),
                str(tmp_path / "p"),
            ],
            check=True,
            capture_output=True,
            timeout=240,
            env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
        )
        body = _body(target.read_bytes())
        assert not list(body.iter(f"{W}ins", f"{W}del")), action
        texts = [docx_ids.accepted_text(p) for p in body.iter(f"{W}p")][2:]
        assert [t for t in texts if t] == _revision_texts(api, document_id, number), action
