"""Languages, keyboard, zoom, screen-reader labels, observers and exports, in the browser."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import PASSWORD, sign_in

pytestmark = pytest.mark.e2e

# Form controls with no accessible name (label, aria-label or aria-labelledby).
UNLABELLED = """() => [...document.querySelectorAll('input, select, textarea, button')]
  .filter((el) => !(el.labels && el.labels.length) && !el.getAttribute('aria-label')
    && !el.getAttribute('aria-labelledby') && !(el.tagName === 'BUTTON' && el.textContent.trim()))
  .map((el) => el.outerHTML.slice(0, 120))"""

OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


def test_language_switch_translates_the_interface_not_the_text(open_page, server):
    page = open_page(None)
    page.get_by_test_id("lang").select_option("es")
    expect(page.get_by_role("heading", name="Iniciar sesión")).to_be_visible()
    page.get_by_label("Cuenta").fill("mex")
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.get_by_role("button", name="Entrar").click()
    page.locator("main[data-ready=true]").wait_for()
    expect(page.get_by_test_id("delegation")).to_have_text("MEX México")
    expect(page.get_by_test_id("role")).to_have_text("Delegado/a")
    expect(page.get_by_role("link", name="Tablero de consenso")).to_be_visible()
    card = page.locator('article[data-label="2.3"]')
    expect(card.get_by_role("button", name="Proponer enmienda")).to_be_visible()
    expect(card.get_by_test_id("status")).to_have_text(re.compile("Abierto"))
    # The negotiated text is never translated.
    expect(card.get_by_test_id("paragraph-text")).to_contain_text("We commit to prevent")

    page.get_by_test_id("lang").select_option("pt")
    expect(page.get_by_role("link", name="Painel de consenso")).to_be_visible()
    expect(card.get_by_role("button", name="Propor emenda")).to_be_visible()
    expect(page.locator('article[data-label="1.2"]').locator(".sponsor-line").first).to_have_text(
        "Patrocinadores: MEX, BRA, COL"
    )
    page.get_by_role("link", name="Painel de consenso").click()
    expect(page.locator('th abbr[title="Brasil"]')).to_have_text("BRA")
    # The choice survives a reload.
    page.reload()
    expect(page.get_by_role("link", name="Painel de consenso")).to_be_visible()


def test_a_delegate_can_propose_with_the_keyboard_alone(open_page):
    page = open_page("mex")
    card = page.locator('article[data-label="3.2"]')
    card.get_by_role("button", name="Propose amendment").focus()
    page.keyboard.press("Enter")
    textarea = card.get_by_label("Proposed text")
    expect(textarea).to_be_focused()
    page.keyboard.press("End")
    page.keyboard.press("ArrowLeft")  # before the final full stop
    page.keyboard.type(", as the Compact itself states")
    expect(card.get_by_test_id("editor-preview").locator("ins")).to_have_text(
        "inserted: , as the Compact itself states"
    )
    page.keyboard.press("Tab")
    expect(card.get_by_label("Rationale")).to_be_focused()
    page.keyboard.type("Quote the Compact.")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(card.get_by_test_id("amendment").filter(has_text="Quote the Compact.")).to_have_count(1)


def test_every_control_is_labelled_and_nothing_overflows(open_page):
    chair = open_page("chair.rcm")
    card = chair.locator('article[data-label="2.1"]')
    card.get_by_role("button", name="Merge amendments…").click()
    expect(chair.get_by_test_id("merge-panel").get_by_test_id("editor")).to_be_visible()
    assert chair.evaluate(UNLABELLED) == []
    assert chair.evaluate(OVERFLOW) <= 0
    chair.get_by_role("link", name="Consensus board").click()
    chair.locator('tr[data-label="1.3"]').get_by_role("button", name="1.3").click()
    assert chair.evaluate(UNLABELLED) == []
    assert chair.evaluate(OVERFLOW) <= 0  # the heatmap scrolls inside its own frame

    # 200% zoom on a 1024x768 screen is a 512x384 CSS viewport: the text reflows.
    zoomed = open_page("mex", viewport={"width": 512, "height": 384})
    card = zoomed.locator('article[data-label="2.3"]')
    card.get_by_role("button", name="Propose amendment").click()
    assert zoomed.evaluate(UNLABELLED) == []
    assert zoomed.evaluate(OVERFLOW) <= 0
    for route in ("#/board", "#/compilation", "#/compare"):
        zoomed.goto(zoomed.url.split("#")[0] + route)
        zoomed.locator("main[data-ready=true]").wait_for()
        assert zoomed.evaluate(OVERFLOW) <= 0, route


def test_the_merge_editor_is_seeded_with_the_combined_text(open_page, server):
    page = open_page("chair.rcm")
    card = page.locator('article[data-label="1.2"]')
    card.get_by_role("button", name="Merge amendments…").click()
    panel = card.get_by_test_id("merge-panel")
    text = panel.get_by_label("Proposed text")
    # Mexico's and the United States' edits touch different words: both are in the seed.
    expect(text).to_have_value(re.compile("should be respected and protected"))
    expect(text).to_have_value(re.compile("with special attention to children and adolescents"))
    panel.get_by_role("button", name="Adopt compromise text").click()
    # The merged text, against the current version, is confirmed before it is written.
    merge = page.get_by_test_id("merge-dialog")
    expect(merge.locator(".redline")).to_be_visible()
    merge.get_by_test_id("confirm").click()
    expect(card.get_by_test_id("amendment")).to_have_count(0)
    expect(card.get_by_test_id("paragraph-text")).to_contain_text("should be respected")
    page.goto(f"{server.url}/#/compare")
    expect(page.get_by_test_id("dispositions")).to_contain_text("Merged into a compromise")


def test_observers_read_and_comment_but_never_decide(open_page):
    page = open_page("iom")
    expect(page.get_by_test_id("role")).to_have_text("Observer")
    expect(page.get_by_role("button", name="Propose amendment")).to_have_count(0)
    expect(page.get_by_role("button", name="Co-sponsor")).to_have_count(0)
    expect(page.locator(".my-position")).to_have_count(0)
    amendment = page.locator('article[data-label="2.1"]').get_by_test_id("amendment")
    amendment.locator("details.comments summary").click()
    amendment.get_by_label("Your comment").fill("IOM data on humanitarian visas is available.")
    amendment.get_by_role("button", name="Post comment").click()
    expect(amendment.locator(".comment-list")).to_contain_text("IOM data on humanitarian visas")


def test_exports_menu_offers_each_format_and_downloads(open_page, server):
    page = open_page("bra")
    page.get_by_text("Export", exact=True).click()
    menu = page.locator(".exports")
    link = menu.get_by_role("link", name="Word (DOCX)").first
    expect(link).to_have_attribute("href", re.compile(r"format=docx&variant=agreed"))
    with page.expect_download() as download:
        menu.get_by_role("link", name="Markdown").nth(1).click()
    assert download.value.suggested_filename.endswith(".md")


def test_sign_out_and_back_in(open_page):
    page = open_page("mex")
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    page.reload()
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    page.get_by_label("Account").fill("mex")
    page.get_by_label("Password").fill("wrong password")
    button = page.get_by_role("button", name="Sign in")
    button.click()
    error = page.get_by_test_id("login-error")
    expect(error).to_contain_text(re.compile(r"\w"))
    expect(button).to_have_attribute("aria-describedby", "login-error")
    expect(button).to_be_focused()
    sign_in(page, "mex")
    expect(page.get_by_test_id("delegation")).to_have_text("MEX Mexico")
