"""The co-chairs set how the text is numbered and what the exports' UN header says, from the
compilation screen; every screen then labels paragraphs the new way, and delegates are not
offered the settings."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def test_a_chair_numbers_the_text_consecutively_and_sets_the_header(open_page, server):
    chair = open_page("chair.rcm")
    chair.get_by_role("link", name="Compilation").click()
    chair.get_by_text("Document settings: numbering and export header").click()
    form = chair.get_by_test_id("document-settings")
    form.get_by_test_id("settings-numbering").select_option("consecutive")
    form.get_by_test_id("settings-symbol").fill("RCM-SACM/2018/L.1")
    form.get_by_test_id("settings-distribution").select_option("restricted")
    form.get_by_role("button", name="Save settings").click()
    header = chair.get_by_test_id("compilation-header")
    expect(header).to_contain_text("RCM-SACM/2018/L.1")
    expect(header).to_contain_text("Restricted")
    labels = chair.get_by_test_id("compiled-paragraph").locator(".label")
    expect(labels.nth(0)).to_have_text("1")
    expect(labels.nth(3)).to_have_text("4")  # across sections: the first of the second

    # Preambular and operative, the first section marked preambular.
    form.get_by_test_id("settings-numbering").select_option("pp_op")
    first = server.api("chair.rcm").get("/documents").json()[0]
    sections = server.api("chair.rcm").get(f"/documents/{first['id']}").json()["sections"]
    form.get_by_test_id(f"settings-kind-{sections[0]['id']}").select_option("preambular")
    form.get_by_role("button", name="Save settings").click()
    expect(labels.nth(0)).to_have_text("PP1")
    expect(labels.nth(3)).to_have_text("OP1")

    mex = open_page("mex")
    expect(mex.locator("article[data-label='PP1']")).to_have_count(1)
    mex.get_by_role("link", name="Compilation").click()
    expect(mex.get_by_test_id("compilation")).to_be_visible()
    expect(mex.get_by_test_id("document-settings")).to_have_count(0)
    expect(mex.get_by_text("Document settings: numbering and export header")).to_have_count(0)
