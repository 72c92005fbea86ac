"""Markdown: escaped so a CommonMark/GFM renderer shows exactly the text typed."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.drafting.export.markdown import escape
from tests.drafting.export.conftest import AGREED_1, AGREED_AD_REF, BRACKETED, OPEN
from tests.drafting.export.helpers import html_text

markdown_it = pytest.importorskip("markdown_it")


def to_html(markdown: str) -> str:
    return markdown_it.MarkdownIt("commonmark").enable(["strikethrough", "table"]).render(markdown)


@settings(max_examples=150, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40))
def test_escaped_text_renders_as_itself(text):
    text = text.strip()
    rendered = to_html(f"x {escape(text)} x")
    assert html_text(rendered.encode()).strip() == f"x {text} x".strip()
    assert re.fullmatch(r"<p>[^<]*</p>\n", rendered)


def test_line_starts_cannot_become_blocks():
    rendered = to_html("x " + escape("a\n# not a heading\n- nor a list\n1. nor this\n> no\n==="))
    assert re.findall(r"<(\w+)", rendered) == ["p", "br", "br", "br", "br", "br"]
    lines = html_text(rendered.encode()).splitlines()
    assert lines == ["x a", "# not a heading", "- nor a list", "1. nor this", "> no", "==="]


def test_agreed_is_an_ordered_list_numbered_through_the_document(rendered):
    markdown = rendered("md", "agreed").decode()
    page = to_html(markdown)
    assert page.count("<ol>") == 1 and '<ol start="3">' in page
    text = html_text(page.encode())
    assert AGREED_1 in text and f"{AGREED_AD_REF} (agreed ad referendum)" in text
    assert "<script" not in page


def test_compilation_redlines_and_options(rendered):
    markdown = rendered("md", "compilation").decode()
    assert (
        "- \\[Alt 1 (MEX, BRA): Strengthen <ins>regional</ins> cooperation on "
        '\\<script\\>alert("x")\\</script\\> data \\& '
        "~~border management~~<ins>protection</ins>.\\]"
    ) in markdown
    page = to_html(markdown)
    assert "<script" not in page
    text = html_text(page.encode())
    assert f"[{BRACKETED}]" in text and f"[{OPEN}]" in text
    assert "Objections: VEN: Sovereignty over <borders> & data." in text
    assert "<s>border management</s><ins>protection</ins>" in page


def test_title_and_sections_are_escaped(doc):
    from app.drafting.export import render

    changed = replace(doc, title="# *not* [a](link) <b>")
    markdown = render(changed, format="md", variant="agreed").content.decode()
    assert markdown.startswith("# \\# \\*not\\* \\[a\\](link) \\<b\\>\n")
