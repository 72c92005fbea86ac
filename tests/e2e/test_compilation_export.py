"""The compilation screen's export panel: choose a format and a text, watch the job, download
the file; the same state asked again is the file built before."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

BUILD_MS = 30_000  # a worker thread of the served app builds it (a shared CI machine)


def test_the_compilation_is_built_in_the_background_and_downloaded(open_page, shoot):
    page = open_page("mex")
    page.get_by_role("link", name="Compilation").click()
    panel = page.get_by_test_id("export-panel")
    panel.get_by_test_id("export-format").select_option("md")
    panel.get_by_test_id("export-variant").select_option("compilation")
    panel.get_by_test_id("export-build").click()
    link = panel.get_by_test_id("export-download")
    expect(link).to_be_visible(timeout=BUILD_MS)
    expect(link).to_contain_text("-current-compilation.md")
    with page.expect_download() as download:
        link.click()
    path = download.value.path()
    assert "Compilation text" in path.read_text(encoding="utf-8")
    shoot(page, "compilation-export")

    panel.get_by_test_id("export-build").click()  # the same state again: from the cache
    expect(panel.get_by_test_id("export-ready")).to_contain_text("built earlier", timeout=BUILD_MS)


def test_a_large_export_from_the_menu_follows_its_job_instead_of_saving_it(open_page, server):
    """The header's export links: a document too large to render in the request answers 202
    with its background job; the menu shows the job's progress and then its file."""
    page = open_page("bra")
    client = server.api("bra")
    document_id = client.get("/documents").json()[0]["id"]
    job = client.post(f"/documents/{document_id}/exports", json={"format": "pdf"})
    assert job.status_code in (200, 202), job.text
    # The demo text is small, so its PDF comes inline; this one click is answered as a large
    # document's is: 202 with a real job, which the served app then builds for real.
    page.route(
        "**/api/documents/*/export?format=pdf&variant=agreed*",
        lambda route: route.fulfill(status=202, json=job.json()),
    )
    page.get_by_text("Export", exact=True).click()
    menu = page.locator(".exports")
    menu.get_by_role("link", name="PDF").first.click()
    link = menu.get_by_test_id("export-job").get_by_test_id("export-download")
    expect(link).to_be_visible(timeout=BUILD_MS)
    with page.expect_download() as download:
        link.click()
    assert download.value.path().read_bytes().startswith(b"%PDF")
