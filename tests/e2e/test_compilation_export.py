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
