"""Word in: export a revision as DOCX, change it as a delegation would in Word (tracked changes
in one paragraph, plain edited text in another), import it: the preview shows exactly those
changes as draft amendments against the revision's versions, and filing proposes them."""

from __future__ import annotations

import io
import zipfile

import pytest
from lxml import etree

from tests.conftest import problem_of

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def issue_revision(api, document_id) -> int:
    response = api.as_("chair.rcm").post(f"/api/documents/{document_id}/revisions", json={})
    assert response.status_code == 201, response.text
    return response.json()["number"]


def export_docx(api, document_id, revision=None, who="mex") -> bytes:
    query = "" if revision is None else f"&revision={revision}"
    response = api.as_(who).get(
        f"/api/documents/{document_id}/export?format=docx&variant=compilation{query}"
    )
    assert response.status_code == 200, response.text
    return response.content


def _rewrite(content: bytes, change) -> bytes:
    """The package with word/document.xml passed through `change(root)`."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                root = etree.fromstring(data)
                change(root)
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
            dst.writestr(item, data)
    return out.getvalue()


def _paragraph(root, paragraph_id: int):
    for start in root.iter(q("bookmarkStart")):
        if start.get(q("name"), "").startswith(f"consenso-p{paragraph_id}-v"):
            return start.getparent()
    raise AssertionError(f"no paragraph {paragraph_id}")


def _text_run(p):
    """The run holding the paragraph's own words (not a Consenso Mark run)."""
    for run in p.findall("w:r", NS):
        style = run.find("w:rPr/w:rStyle", NS)
        if run.find("w:t", NS) is not None and style is None:
            return run
    raise AssertionError("no text run")


def track_replace(root, paragraph_id: int, old: str, new: str, author="MEX") -> None:
    """What Word writes when a delegate with Track Changes on replaces `old` by `new`."""
    run = _text_run(_paragraph(root, paragraph_id))
    text = run.find("w:t", NS).text
    before, after = text.split(old, 1)
    pieces = []
    for kind, words in (("plain", before), ("del", old), ("ins", new), ("plain", after)):
        r = etree.Element(q("r"))
        t = etree.SubElement(r, q("delText" if kind == "del" else "t"))
        t.text = words
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        if kind == "plain":
            pieces.append(r)
            continue
        wrapper = etree.Element(q(kind))
        wrapper.set(q("id"), str(900 + len(pieces)))
        wrapper.set(q("author"), author)
        wrapper.set(q("date"), "2026-01-05T10:00:00Z")
        wrapper.append(r)
        pieces.append(wrapper)
    for piece in reversed(pieces):
        run.addnext(piece)
    run.getparent().remove(run)


def edit_text(root, paragraph_id: int, new_text: str) -> None:
    """A delegate who simply retypes the paragraph (Track Changes off)."""
    _text_run(_paragraph(root, paragraph_id)).find("w:t", NS).text = new_text


def preview(api, document_id, content, who="mex"):
    return api.as_(who).post(
        f"/api/documents/{document_id}/imports/docx",
        files={"file": ("rev.docx", content, "application/octet-stream")},
    )


def file_import(api, document_id, content, ids=None, who="mex"):
    query = "" if ids is None else "?" + "&".join(f"paragraph_ids={i}" for i in ids)
    return api.as_(who).post(
        f"/api/documents/{document_id}/imports/docx/file{query}",
        files={"file": ("rev.docx", content, "application/octet-stream")},
    )


def chair_edit(api, paragraph, text) -> dict:
    body = {"text": text, "expected_version": paragraph["head_version"]}
    response = api.as_("chair.rcm").patch(f"/api/paragraphs/{paragraph['id']}", json=body)
    assert response.status_code == 200, response.text
    return response.json()


@pytest.fixture
def revision_export(api, document_id, doc):
    """(revision number, the two paragraphs changed, the edited file): Rev.1, issued after the
    Zero draft and a change to the first paragraph, exported and edited as a delegate would."""
    zero = issue_revision(api, document_id)
    first, second = [p for s in doc["sections"] for p in s["paragraphs"]][:2]
    first = chair_edit(api, first, first["text"] + " As agreed in the Zero draft's reading.")
    number = issue_revision(api, document_id)
    assert (zero, number, first["head_version"]) == (0, 1, 2)
    content = export_docx(api, document_id, number)
    word = first["text"].split()[2]
    edited_second = second["text"] + " Migration is a right."

    def change(root):
        track_replace(root, first["id"], word, "CHANGED")
        edit_text(root, second["id"], edited_second)

    edited = _rewrite(content, change)
    expected = {
        first["id"]: (first, first["text"].replace(word, "CHANGED", 1)),
        second["id"]: (second, edited_second),
    }
    return number, expected, edited


def test_round_trip_previews_exactly_the_changes_against_the_revision(
    api, document_id, revision_export
):
    number, expected, edited = revision_export
    response = preview(api, document_id, edited)
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["revision"], body["delegation"]) == (number, "MEX")
    got = {p["paragraph_id"]: p for p in body["paragraphs"]}
    assert set(got) == set(expected)
    for pid, (paragraph, text) in expected.items():
        item = got[pid]
        assert item["text"] == text
        assert item["base_version"] == paragraph["head_version"] == item["head_version"]
        assert item["label"] == paragraph["label"]
        assert item["applies"] == "applies_cleanly"
        assert any(op == "insert" for op, _ in item["redline"])
    assert [got[pid]["tracked"] for pid in expected] == [True, False]
    # nothing filed by the preview
    amendments = api.as_("mex").get(f"/api/paragraphs/{next(iter(expected))}/amendments")
    assert all(a["text"] not in {t for _, t in expected.values()} for a in amendments.json())


def test_filing_some_then_all_proposes_draft_amendments_of_the_delegation(
    api, document_id, revision_export
):
    _, expected, edited = revision_export
    first, second = expected
    response = file_import(api, document_id, edited, ids=[second])
    assert response.status_code == 200, response.text
    (amendment,) = response.json()["amendments"]
    assert amendment["paragraph_id"] == second
    assert amendment["text"] == expected[second][1]
    assert amendment["base_version"] == expected[second][0]["head_version"]
    assert amendment["sponsors"][0] == "MEX"
    again = file_import(api, document_id, edited, ids=[first])
    assert again.status_code == 200, again.text
    assert again.json()["amendments"][0]["text"] == expected[first][1]


def test_a_file_of_another_document_or_a_superseded_revision_is_refused(
    api, document_id, revision_export
):
    number, _, edited = revision_export
    other = _rewrite_props(edited, "consenso.document_id", "999")
    refused = problem_of(preview(api, document_id, other))
    assert (refused["status"], refused["code"]) == (409, "word_import.other_document")
    issue_revision(api, document_id)
    stale = problem_of(preview(api, document_id, edited))
    assert (stale["status"], stale["code"]) == (409, "word_import.stale_revision")
    assert f"Rev.{number}" in stale["detail"] or "Zero draft" in stale["detail"]


def test_unreadable_files_and_lost_identifiers_are_named(api, document_id, revision_export, doc):
    _, expected, edited = revision_export
    broken = problem_of(preview(api, document_id, b"PK\x03\x04 broken"))
    assert (broken["status"], broken["code"]) == (422, "word_import.unreadable")
    plain = problem_of(preview(api, document_id, b"just text"))
    assert plain["code"] == "word_import.unreadable"
    first = next(iter(expected))

    def drop_bookmark(root):
        p = _paragraph(root, first)
        for start in p.findall("w:bookmarkStart", NS):
            p.remove(start)

    lost = problem_of(preview(api, document_id, _rewrite(edited, drop_bookmark)))
    assert (lost["status"], lost["code"]) == (422, "word_import.identifier_missing")
    assert expected[first][0]["text"][:10] in lost["detail"]

    def wrong_version(root):
        start = _paragraph(root, first).find("w:bookmarkStart", NS)
        start.set(q("name"), f"consenso-p{first}-v99")

    unknown = problem_of(preview(api, document_id, _rewrite(edited, wrong_version)))
    assert (unknown["status"], unknown["code"]) == (422, "word_import.identifier_unknown")
    assert f"consenso-p{first}-v99" in unknown["detail"]
    absent = problem_of(file_import(api, document_id, edited, ids=[123456]))
    assert absent["code"] == "word_import.not_in_file"


def test_only_member_delegations_import(api, document_id, revision_export):
    _, _, edited = revision_export
    for who in ("chair.rcm", "secretariat"):
        assert preview(api, document_id, edited, who=who).status_code == 403
        assert file_import(api, document_id, edited, who=who).status_code == 403


def test_a_current_text_export_files_against_the_exported_version_when_stale(api, document_id, doc):
    paragraph = doc["sections"][0]["paragraphs"][0]
    content = export_docx(api, document_id)
    edited = _rewrite(content, lambda root: edit_text(root, paragraph["id"], "Wholly new text."))
    # The paragraph moves on after the export: the draft stays on the version exported.
    moved = chair_edit(api, paragraph, paragraph["text"] + " Amended meanwhile.")
    body = preview(api, document_id, edited).json()
    (item,) = body["paragraphs"]
    assert (body["revision"], item["base_version"]) == (None, paragraph["head_version"])
    assert item["head_version"] == moved["head_version"] == paragraph["head_version"] + 1
    assert item["text"] == "Wholly new text."
    filed = file_import(api, document_id, edited)
    assert filed.status_code == 200, filed.text
    (amendment,) = filed.json()["amendments"]
    assert amendment["base_version"] == paragraph["head_version"]


def test_a_revision_export_imported_after_the_text_moved_on_stays_on_the_revision(
    api, document_id, revision_export
):
    number, expected, edited = revision_export
    first_id = next(iter(expected))
    first, text = expected[first_id]
    chair_edit(api, first, first["text"] + " Later words.")
    body = preview(api, document_id, edited).json()
    item = next(p for p in body["paragraphs"] if p["paragraph_id"] == first_id)
    assert (body["revision"], item["base_version"], item["head_version"]) == (number, 2, 3)
    assert item["text"] == text
    # Its change (a word early on) still carries onto the head (words added at the end).
    assert item["applies"] == "applies_cleanly"


def _rewrite_props(content: bytes, name: str, value: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "docProps/custom.xml":
                root = etree.fromstring(data)
                for prop in root:
                    if prop.get("name") == name:
                        prop[0].text = value
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
            dst.writestr(item, data)
    return out.getvalue()
