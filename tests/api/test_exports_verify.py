"""POST /api/verify: does a file match the database's history at the moment it shows?"""

import io
import json
import re
import zipfile

import pytest
import sqlalchemy as sa

from tests.api.test_exports import FORMATS, agree, download, paragraphs_of, propose
from tests.api.test_exports_history import issue_revision
from tests.conftest import problem_of

TEXT_FORMATS = ["md", "html", "akn", "csv"]


def _check(api, content, who="mex", *, multipart=False):
    client = api.as_(who)
    if multipart:
        response = client.post("/api/verify", files={"file": ("export.bin", content)})
    else:
        response = client.post(
            "/api/verify", content=content, headers={"Content-Type": "application/octet-stream"}
        )
    assert response.status_code == 200, response.text
    return response.json()


def _opened(api, doc):
    """Some negotiation on record: an agreed paragraph, a co-sponsored proposal, an objection."""
    a, b, c, _ = paragraphs_of(doc)[:4]
    agree(api, a["id"])
    propose(api, b, b["text"] + " Without discrimination.", cosponsors=["bra"], rationale="Why.")
    objected = api.as_("ven").put(
        f"/api/paragraphs/{c['id']}/positions/mine",
        json={"version": 1, "stance": "objection", "note": "Prejudges the outcome."},
    )
    assert objected.status_code == 200, objected.text


def _moved_on(api, doc):
    """What happens after the export: an edit, a withdrawal, a new proposal, a revision."""
    a, _, c, d = paragraphs_of(doc)[:4]
    chair = api.as_("chair.rcm")
    edited = chair.patch(
        f"/api/paragraphs/{a['id']}", json={"text": a["text"] + " Edited.", "expected_version": 1}
    )
    assert edited.status_code == 200, edited.text
    withdrawn = api.as_("ven").delete(f"/api/paragraphs/{c['id']}/positions/mine")
    assert withdrawn.status_code in (200, 204), withdrawn.text
    propose(api, d, d["text"] + " And integration.", by="usa")
    issue_revision(api, doc["id"])


def _export(api, document_id, format, variant="compilation", **params):
    who = "secretariat" if format == "json" else "mex"
    response = api.as_(who).get(
        f"/api/documents/{document_id}/export",
        params={"format": format, "variant": variant, **params},
    )
    assert response.status_code == 200, response.text
    return response.content


@pytest.mark.parametrize("format", FORMATS)
def test_a_real_export_matches_now_and_after_the_text_moved_on(api, doc, format):
    _opened(api, doc)
    content = _export(api, doc["id"], format)
    result = _check(api, content)
    assert result["verdict"] == "matches", result["message"]
    assert result["record"]["format"] == format
    assert result["record"]["document_id"] == doc["id"]
    _moved_on(api, doc)
    later = _check(api, content, multipart=True)
    assert later["verdict"] == "matches", later["message"]
    assert later["message"].startswith("matches: ")


@pytest.mark.parametrize("variant", ["agreed", "compilation"])
def test_an_export_at_a_revision_matches_after_the_text_moved_on(api, doc, variant):
    _opened(api, doc)
    number = issue_revision(api, doc["id"])
    content = _export(api, doc["id"], "md", variant=variant, revision=number)
    _moved_on(api, doc)
    result = _check(api, content, who="iom")
    assert result["verdict"] == "matches", result["message"]
    assert result["record"]["revision_number"] == number
    assert f"revision {number}" in result["message"]


@pytest.mark.parametrize("format", TEXT_FORMATS)
def test_an_export_whose_text_was_edited_does_not_match(api, doc, format):
    _opened(api, doc)
    content = _export(api, doc["id"], format)
    if format == "csv":  # the positions matrix: a support turned into an objection
        edited = content.replace(b",support", b",objection", 1)
    else:  # a word of the first paragraph's text
        word = max(paragraphs_of(doc)[0]["text"].split(), key=len).encode()
        edited = content.replace(word, word.upper(), 1)
    assert edited != content
    result = _check(api, edited)
    assert result["verdict"] == "does not match"
    assert "edited after it was exported" in result["reason"]
    assert "differ from line" in result["reason"]


def test_a_docx_whose_text_was_edited_does_not_match(api, doc):
    content = _export(api, doc["id"], "docx")
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                data = data.replace(b"igra", b"IGRA", 1)
            dst.writestr(item, data)
    result = _check(api, out.getvalue())
    assert result["verdict"] == "does not match"
    assert "differ from byte" in result["reason"]


def test_an_edited_text_with_its_hash_changed_too_does_not_match(api, doc):
    content = _export(api, doc["id"], "md").decode()
    printed = re.search(r"SHA-256 of the text: ([0-9a-f]{64})", content).group(1)
    forged = content.replace(printed, "0" * 64)
    result = _check(api, forged.encode())
    assert result["verdict"] == "does not match"
    assert "the text was changed" in result["reason"]


def test_a_file_from_another_database_does_not_match(api, app, doc):
    content = _export(api, doc["id"], "md").decode()
    head = re.search(r"Audit-chain head: ([0-9a-f]{64})", content).group(1)
    seq = int(re.search(r"Audit-chain sequence: (\d+)", content).group(1))
    elsewhere = content.replace(head, "ab" * 32)
    result = _check(api, elsewhere.encode())
    assert result["verdict"] == "does not match"
    assert f"event {seq} of document {doc['id']} has hash {head[:12]}" in result["reason"]
    later = content.replace(f"Audit-chain sequence: {seq}", f"Audit-chain sequence: {seq + 50}")
    assert "comes from another database" in _check(api, later.encode())["reason"]
    other = content.replace(f"document {doc['id']} / ", "document 77 / ")
    assert "this database has no document 77" in _check(api, other.encode())["reason"]


@pytest.mark.parametrize("format", ["md", "pdf", "docx", "json"])
def test_a_truncated_file_is_unreadable(api, doc, format):
    content = _export(api, doc["id"], format)
    result = _check(api, content[: len(content) // 2])
    assert result["verdict"] == "unreadable", result
    assert result["record"] is None
    assert result["message"].startswith("unreadable: ")


def test_what_is_not_an_export_is_unreadable(api):
    assert _check(api, b"")["verdict"] == "unreadable"
    assert _check(api, b"\x00\x01binary")["verdict"] == "unreadable"
    assert "not a Consenso dump" in _check(api, b'{"hello": 1}')["reason"]


def test_an_older_dump_matches_and_an_edited_one_does_not(api, doc):
    _opened(api, doc)
    content = _export(api, doc["id"], "json")
    _moved_on(api, doc)
    assert _check(api, content)["verdict"] == "matches"
    data = json.loads(content)
    data["tables"]["position"][0]["note"] = "Forged."
    forged = _check(api, json.dumps(data).encode())
    assert forged["verdict"] == "does not match"
    assert "it differs from what its event recorded" in forged["reason"]
    data = json.loads(content)
    data["tables"]["event"][2]["action"] = "forged"
    assert _check(api, json.dumps(data).encode())["reason"] == (
        "event 3: its content does not match its hash."
    )


def test_a_dump_of_the_last_event_must_be_the_databases_dump(api, doc):
    content = _export(api, doc["id"], "json")
    assert _check(api, content)["verdict"] == "matches"
    edited = content.replace(b'"note": "', b'"note": "Forged ', 1)
    result = _check(api, edited)
    assert result["verdict"] == "does not match" and "it was edited" in result["reason"]


def test_checking_needs_a_signed_in_account_and_an_intact_record(api, app, doc):
    content = _export(api, doc["id"], "md")
    assert api.anonymous.post("/api/verify", content=content).status_code == 401
    with app.state.engine.begin() as conn:
        conn.execute(sa.text("UPDATE event SET action = 'forged' WHERE seq = 2"))
    response = api.as_("mex").post("/api/verify", content=content)
    assert response.status_code == 503
    assert "event 2: its content does not match its hash" in problem_of(response)["detail"]


def test_a_multipart_upload_without_a_file_is_a_400(api):
    body = b'--b\r\nContent-Disposition: form-data; name="other"\r\n\r\nx\r\n--b--\r\n'
    response = api.as_("mex").post(
        "/api/verify", content=body, headers={"Content-Type": "multipart/form-data; boundary=b"}
    )
    assert response.status_code == 400
    assert "form field 'file'" in problem_of(response)["detail"]


def test_the_same_export_downloaded_twice_is_the_same_file(api, doc):
    """What the check relies on: an export is a function of its moment and its export time."""
    app_clock = api.app.state.clock
    moment = app_clock()
    api.app.state.clock = lambda: moment
    first = download(api, doc["id"], format="pdf")
    assert download(api, doc["id"], format="pdf") == first


def test_a_current_text_export_cannot_be_rebuilt_once_a_paragraph_moved(api, doc):
    content = _export(api, doc["id"], "md")
    first, second = paragraphs_of(doc)[:2]
    moved = api.as_("chair.rcm").post(
        f"/api/paragraphs/{first['id']}/move", json={"after": second["id"]}
    )
    assert moved.status_code == 200, moved.text
    result = _check(api, content)
    assert result["verdict"] == "does not match"
    assert f"paragraph {first['id']} was moved after event" in result["reason"]


HUGE_FOOTER = (
    "# T\nSHA-256 of the text: {h}\nAudit-chain head: {h}\nAudit-chain sequence: 1\n"
    "Export record: document 99999999999 / agreed / current text / 2026-01-01T00:00:00\n"
).format(h="0" * 64)
DUMP = '{{"format": "consenso-dump", "document_id": {}, "audit_seq": 1, "audit_head": ""}}'


@pytest.mark.parametrize(
    "content",
    [
        b"%PDF-1.7\nstream\n\x78\x9c garbage",
        b"PK\x03\x04 not a zip",
        DUMP.format(99999999999).encode(),
        DUMP.format("true").encode(),
        b"[" * 100_000,
        HUGE_FOOTER.encode(),
    ],
    ids=["pdf", "docx", "huge-id", "bool-id", "deep-json", "huge-in-footer"],
)
def test_hostile_files_are_unreadable_not_errors(api, content):
    assert _check(api, content)["verdict"] == "unreadable"
