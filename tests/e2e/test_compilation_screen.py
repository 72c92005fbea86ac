"""The compilation screen lays the text out as the exports do: a pending proposal as the text it
would produce now (not as filed), one in conflict marked, the positions on each option, and at
a revision the proposals against that revision's text; the file of it opens in LibreOffice.

With CONSENSO_README_SCREENSHOTS=1 the compilation's PDF and DOCX, rendered by LibreOffice,
refresh docs/screenshots/compilation-pdf.png and compilation-docx-libreoffice.png."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import README_SHOTS, readme_screenshots

pytestmark = pytest.mark.e2e

BASE = "Financing should not divert resources from development cooperation."
SUR = "Financing should not divert existing resources from development cooperation."
ARG = "Financing should not divert resources from development cooperation or humanitarian aid."
NOW = (
    "Financing should not divert existing resources from development cooperation or "
    "humanitarian aid."
)
VEN = "Financing should not divert resources from cooperation for humanitarian aid."


def _ok(response, status=200):
    assert response.status_code == status, response.text
    return response.json()


def _scenario(server) -> tuple[int, dict, dict[str, int]]:
    chair = server.api("chair.rcm")
    document_id = chair.get("/documents").json()[0]["id"]
    doc = _ok(chair.get(f"/documents/{document_id}"))
    target = doc["sections"][2]["paragraphs"][0]
    edit = {"text": BASE, "expected_version": target["head_version"]}
    paragraph = _ok(chair.patch(f"/paragraphs/{target['id']}", json=edit))
    base = paragraph["head_version"]
    ids = {}
    for who, text in (("sur", SUR), ("arg", ARG), ("ven", VEN)):
        body = {"base_version": base, "text": text, "rationale": f"{who.upper()}'s reasons."}
        ids[who] = _ok(
            server.api(who).post(f"/paragraphs/{target['id']}/amendments", json=body), 201
        )["id"]
    _ok(chair.post(f"/documents/{document_id}/revisions", json={"note": "Rev."}), 201)
    _ok(chair.post(f"/amendments/{ids['arg']}/accept", json={"expected_version": base}))
    stance = {"stance": "objection", "note": "Vague."}
    _ok(server.api("chl").put(f"/amendments/{ids['sur']}/positions/mine", json=stance))
    return document_id, paragraph, ids


def test_the_compilation_screen_shows_each_option_as_it_would_apply_now(
    open_page, server, shoot, tmp_path
):
    document_id, paragraph, ids = _scenario(server)
    page = open_page("mex")
    page.get_by_role("link", name="Compilation").click()
    shown = page.locator(f'[data-key="{paragraph["id"]}"]')
    sur = shown.locator(f'[data-amendment-id="{ids["sur"]}"]')
    expect(sur.locator(".alt-label").first).to_have_text("[Alt 1 (SUR):")
    # SUR's words on the text as it is now: ARG's accepted words kept, not struck.
    expect(sur.locator(".redline")).not_to_contain_text("deleted: or humanitarian aid")
    expect(sur.locator(".redline ins")).to_have_text("inserted: existing ")
    expect(sur).to_contain_text("Positions on Alt 1 (SUR): objections by CHL (Vague.)")
    ven = shown.locator(f'[data-amendment-id="{ids["ven"]}"]')
    expect(ven).to_have_class("alt alt-conflict")
    expect(ven.locator(".alt-label").first).to_have_text("[Alt 2 (VEN), in conflict:")
    expect(page.get_by_test_id("compilation-header")).to_contain_text("Distr.")
    shoot(page, "01-compilation-now")

    # At the revision issued before ARG's was accepted: three options on that text.
    latest = server.api("chair.rcm").get(f"/documents/{document_id}/revisions").json()[-1]
    page.get_by_test_id("compilation-revision").select_option(str(latest["number"]))
    expect(shown.get_by_test_id("compiled-option")).to_have_count(3)
    expect(shown.locator(f'[data-amendment-id="{ids["arg"]}"] .alt-label').first).to_have_text(
        "[Alt 2 (ARG):"
    )
    expect(page.get_by_test_id("compilation-header")).to_contain_text(latest["label"])

    if readme_screenshots():
        _render_files(server, document_id, tmp_path)


def _render_files(server, document_id: int, folder: Path) -> None:
    """The compilation's PDF, and its DOCX as LibreOffice lays it out, first page as PNG
    (`pdftoppm`, from poppler-utils, which make office-deps installs)."""
    soffice, pdftoppm = shutil.which("soffice"), shutil.which("pdftoppm")
    assert soffice and pdftoppm, "the screenshots need LibreOffice and poppler: make office-deps"
    chair = server.api("chair.rcm")
    for fmt, shot in (("pdf", "compilation-pdf"), ("docx", "compilation-docx-libreoffice")):
        params = {"format": fmt, "variant": "compilation"}
        response = chair.get(f"/documents/{document_id}/export", params=params, timeout=120)
        assert response.status_code == 200, response.text
        source = folder / f"{shot}.{fmt}"
        source.write_bytes(response.content)
        if fmt == "docx":
            convert = [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(folder)]
            subprocess.run([*convert, str(source)], check=True, capture_output=True, timeout=180)
            source = source.with_suffix(".pdf")
        page = [pdftoppm, "-png", "-r", "70", "-f", "1", "-l", "1", "-singlefile"]
        subprocess.run([*page, str(source), str(README_SHOTS / shot)], check=True, timeout=60)
