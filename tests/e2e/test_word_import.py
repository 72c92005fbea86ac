"""Import from Word in the browser: a delegate uploads the DOCX it edited, sees each changed
paragraph's redline with a checkbox, and files only the ones it keeps ticked."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.api.test_imports_docx import _rewrite, edit_text

pytestmark = pytest.mark.e2e


def test_a_delegate_previews_and_files_some_of_a_word_file(open_page, server, shoot):
    mex = server.api("mex")
    document_id = mex.get("/documents").json()[0]["id"]
    doc = mex.get(f"/documents/{document_id}").json()
    first, second = [p for s in doc["sections"] for p in s["paragraphs"]][:2]
    exported = mex.get(f"/documents/{document_id}/export?format=docx&variant=compilation")
    assert exported.status_code == 200, exported.text
    edited = _rewrite(
        exported.content,
        lambda root: (
            edit_text(root, first["id"], first["text"] + " Word edit one."),
            edit_text(root, second["id"], second["text"] + " Word edit two."),
        ),
    )

    page = open_page("mex")
    page.get_by_role("link", name="Compilation").click()
    panel = page.get_by_test_id("word-import")
    panel.get_by_test_id("word-import-input").set_input_files(
        files=[{"name": "edited.docx", "mimeType": "application/octet-stream", "buffer": edited}]
    )
    rows = panel.get_by_test_id("word-import-row")
    expect(rows).to_have_count(2)
    expect(rows.nth(0).locator("ins")).to_contain_text("Word edit one")
    shoot(page, "word-import-preview")
    rows.nth(1).get_by_test_id("word-import-check").uncheck()
    panel.get_by_test_id("word-import-file").click()
    expect(panel.get_by_test_id("word-import-done")).to_contain_text("1 amendment(s) filed")

    filed = mex.get(f"/paragraphs/{first['id']}/amendments").json()
    assert [a["text"] for a in filed if a["text"].endswith("Word edit one.")]
    untouched = mex.get(f"/paragraphs/{second['id']}/amendments").json()
    assert not [a for a in untouched if a["text"].endswith("Word edit two.")]


def test_a_foreign_file_is_refused_beside_the_control(open_page):
    page = open_page("mex")
    page.get_by_role("link", name="Compilation").click()
    panel = page.get_by_test_id("word-import")
    panel.get_by_test_id("word-import-input").set_input_files(
        files=[{"name": "notes.docx", "mimeType": "application/octet-stream", "buffer": b"hello"}]
    )
    expect(panel.get_by_test_id("action-error").first).to_contain_text("not a DOCX")


def test_observers_and_chairs_have_no_import_control(open_page):
    for who in ("iom", "chair.rcm"):
        page = open_page(who)
        page.get_by_role("link", name="Compilation").click()
        expect(page.get_by_test_id("compilation")).to_be_visible()
        expect(page.get_by_test_id("word-import")).to_have_count(0)
