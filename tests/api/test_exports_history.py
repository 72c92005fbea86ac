"""Exports at a revision, from the command line, and the JSON round trip between engines."""

import io
import re

import docx
import pytest
from sqlmodel import select
from typer.testing import CliRunner

from app.cli import cli
from app.models import Document, Event
from app.services.consensus import board as board_service
from app.settings import get_settings
from tests.api.test_exports import agree, download, paragraphs_of, propose, readable
from tests.conftest import BACKENDS

runner = CliRunner()


def issue_revision(api, document_id) -> int:
    response = api.as_("chair.rcm").post(f"/api/documents/{document_id}/revisions", json={})
    assert response.status_code == 201, response.text
    return response.json()["number"]


def negotiate(api, doc):
    """Zero draft with one agreed paragraph, a co-sponsored proposal and an objection; then,
    after it, an edit, a sponsor joining, a decision and a new proposal."""
    a, b, c, d = paragraphs_of(doc)[:4]
    agree(api, a["id"])
    b_text = b["text"] + " Without discrimination."
    amendment = propose(api, b, b_text, cosponsors=["bra"], rationale="Equality.")
    objected = api.as_("ven").put(
        f"/api/paragraphs/{c['id']}/positions/mine",
        json={"version": 1, "stance": "objection", "note": "Prejudges the outcome."},
    )
    assert objected.status_code == 200, objected.text
    number = issue_revision(api, doc["id"])

    chair = api.as_("chair.rcm")
    a_new = a["text"].replace("always", "long")
    edited = chair.patch(f"/api/paragraphs/{a['id']}", json={"text": a_new, "expected_version": 1})
    assert edited.status_code == 200, edited.text
    assert api.as_("chl").post(f"/api/amendments/{amendment}/sponsors").status_code == 201
    rejected = chair.post(f"/api/amendments/{amendment}/reject", json={"reason": "No support."})
    assert rejected.status_code == 200, rejected.text
    d_text = d["text"] + " And integration."
    propose(api, d, d_text, by="usa")
    return number, {"a": a, "a_new": a_new, "b": b, "b_text": b_text, "c": c, "d_text": d_text}


def test_an_export_at_a_revision_shows_the_text_and_positions_as_they_stood(
    api, document_id, doc, session
):
    number, t = negotiate(api, doc)
    assert number == 0

    response = api.as_("mex").get(
        f"/api/documents/{document_id}/export",
        params={"format": "md", "variant": "compilation", "revision": 0},
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-disposition"] == (
        'attachment; filename="bi-regional-common-position-of-the-rcm-zero-draft-compilation.md"'
    )
    then = readable("md", response.content)
    assert "Revision: Zero draft" in then
    assert f"1. {t['a']['text']}\n\nStatus: Agreed" in then  # the agreed text, unbracketed
    assert t["a_new"] not in then
    assert f"[Alt 1 (MEX, BRA): {t['b_text']}]" in then  # CHL joined later
    assert "Rationale: Equality." in then
    assert "Objections: VEN: Prejudges the outcome." in then
    assert t["d_text"] not in then  # proposed after the revision

    now = readable("md", download(api, document_id, format="md", variant="compilation"))
    assert "Revision: Current text" in now
    assert f"[{t['a_new']}]" in now and t["a"]["text"] not in now
    assert t["b_text"] not in now  # rejected since
    assert f"[Alt 1 (USA): {t['d_text']}]" in now

    agreed_then = readable(
        "md", download(api, document_id, format="md", variant="agreed", revision=0)
    )
    assert t["a"]["text"] in agreed_then
    agreed_now = readable("md", download(api, document_id, format="md", variant="agreed"))
    assert "No paragraph has been agreed yet." in agreed_now

    # The counts in the header are the ones the consensus board's timeline gives the revision.
    counts = board_service.revision_counts(session, document_id=document_id)[0]
    assert counts == {"agreed": 1, "agreed_ad_ref": 0, "bracketed": 2, "open": 7}
    assert "1 agreed, 0 agreed ad referendum, 2 bracketed, 7 open (10 paragraphs)" in then

    # The footer names the audit-chain head as it stood: the event that issued the revision.
    issued = session.exec(select(Event).where(Event.action == "revision.issued")).one()
    assert f"Audit-chain head: {issued.hash}" in then
    assert f"Audit-chain head: {session.get(Document, document_id).event_head}" in now


def test_a_revision_export_is_the_same_whenever_it_is_made(api, document_id, doc):
    paragraph = paragraphs_of(doc)[0]
    agree(api, paragraph["id"])
    issue_revision(api, document_id)
    before = download(api, document_id, format="akn", variant="compilation", revision=0)
    api.as_("ven").put(
        f"/api/paragraphs/{paragraph['id']}/positions/mine",
        json={"version": 1, "stance": "objection", "note": "Changed instructions."},
    )
    propose(api, paragraph, paragraph["text"] + " More.", by="ven")
    after = download(api, document_id, format="akn", variant="compilation", revision=0)
    strip = re.compile(rb'date="[^"]*"|\d{4}-\d\d-\d\d[ T]\d\d:\d\d[^<"]*')
    assert strip.sub(b"", before) == strip.sub(b"", after)
    text = readable("akn", after)
    assert "Changed instructions." not in text and "Status: Agreed" in text


@pytest.fixture
def cli_database(database_url, monkeypatch):
    """Point the `consenso` command at this test's database."""
    monkeypatch.setenv("CONSENSO_DATABASE_URL", database_url)
    get_settings.cache_clear()
    yield database_url
    get_settings.cache_clear()


def test_the_cli_export_writes_the_file(api, document_id, doc, cli_database, tmp_path):
    agree(api, paragraphs_of(doc)[2]["id"])
    out = tmp_path / "position.docx"
    args = ["export", "--document", str(document_id), "--format", "docx", "--variant", "agreed"]
    result = runner.invoke(cli, [*args, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert f"Wrote {out}" in result.output
    texts = [p.text for p in docx.Document(io.BytesIO(out.read_bytes())).paragraphs]
    assert paragraphs_of(doc)[2]["text"] in texts

    bad = runner.invoke(cli, [*args[:3], "--format", "odt", "-o", str(tmp_path / "x")])
    assert bad.exit_code == 1
    assert "valid formats: md, html, pdf, docx, akn, csv, json" in bad.output
    missing = runner.invoke(cli, [*args, "--revision", "4", "-o", str(tmp_path / "x")])
    assert missing.exit_code == 1
    assert f"Document {document_id} has no revision 4" in missing.output
    assert not (tmp_path / "x").exists()


def _consenso(monkeypatch, url: str, *args: str):
    monkeypatch.setenv("CONSENSO_DATABASE_URL", url)
    get_settings.cache_clear()
    try:
        result = runner.invoke(cli, list(args))
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 0, result.output
    return result


def _footer(markdown: bytes) -> list[str]:
    return re.findall(r"(?:SHA-256 of the text|Audit-chain head): [0-9a-f]{64}", markdown.decode())


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize("target", BACKENDS)
def test_json_round_trip_from_sqlite_to_another_database_and_back_is_byte_identical(
    api, document_id, doc, empty_databases, target, tmp_path, monkeypatch
):
    negotiate(api, doc)
    first = download(api, document_id, format="json")
    compilation = download(api, document_id, format="md", variant="compilation", revision=0)
    dump = tmp_path / "first.json"
    dump.write_bytes(first)

    url = empty_databases[target]
    _consenso(monkeypatch, url, "import", str(dump))
    again = tmp_path / "again.json"
    _consenso(monkeypatch, url, "export", "--document", str(document_id), "--format", "json",
              "--variant", "agreed", "-o", str(again))  # fmt: skip
    assert again.read_bytes() == first

    back = empty_databases["back"]
    _consenso(monkeypatch, back, "import", str(again))
    last = tmp_path / "last.json"
    _consenso(monkeypatch, back, "export", "--document", str(document_id), "--format", "json",
              "--variant", "agreed", "-o", str(last))  # fmt: skip
    assert last.read_bytes() == first

    # The restored history exports the same text and chain: the same footer.
    restored = tmp_path / "restored.md"
    _consenso(monkeypatch, url, "export", "--document", str(document_id), "--format", "md",
              "--variant", "compilation", "--revision", "0", "-o", str(restored))  # fmt: skip
    assert len(_footer(compilation)) == 2
    assert _footer(restored.read_bytes()) == _footer(compilation)
