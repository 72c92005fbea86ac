"""HTML: every user string escaped, the text back intact through html.parser, print CSS."""

from __future__ import annotations

import re
from dataclasses import replace
from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from app.drafting.export import render
from tests.drafting.export.conftest import (
    AGREED_1,
    AGREED_AD_REF,
    BRACKETED,
    MODIFY,
    OPEN,
)
from tests.drafting.export.helpers import html_text

OUR_TAGS = {
    "html", "head", "meta", "title", "style", "body", "header", "p", "h1", "dl", "dt", "dd",
    "main", "section", "h2", "div", "span", "ul", "li", "ins", "del", "footer", "code",
}  # fmt: skip


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)


def _tags(content: bytes) -> set[str]:
    parser = Tags()
    parser.feed(content.decode())
    return parser.tags


def test_user_markup_is_escaped(rendered):
    for variant in ("agreed", "compilation"):
        content = rendered("html", variant)
        assert b"<script" not in content
        assert _tags(content) <= OUR_TAGS
    assert b"&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in rendered("html", "compilation")


def test_text_round_trips_through_html_parser(rendered, doc):
    agreed = html_text(rendered("html", "agreed"))
    assert f"1. {AGREED_1}" in agreed
    assert f"2. {AGREED_AD_REF} (agreed ad referendum)" in agreed
    compilation = html_text(rendered("html", "compilation"))
    for text in (f"[{BRACKETED}]", f"[{OPEN}]", f"Rationale: {MODIFY.rationale}", doc.title):
        assert text in compilation
    # the option read without its struck-out words is the proposed text
    accepted = re.sub(rb"<del>.*?</del>", b"", rendered("html", "compilation"))
    assert f"[Alt 1 (MEX, BRA): {MODIFY.text}]" in html_text(accepted)


def test_redline_marks(rendered):
    content = rendered("html", "compilation").decode()
    assert "Strengthen <ins>regional </ins>cooperation" in content
    assert "<del>border management</del><ins>protection</ins>" in content


def test_print_ready_css(rendered):
    content = rendered("html", "agreed").decode()
    assert "size: A4" in content
    assert 'content: "Page " counter(page) " of " counter(pages)' in content
    assert "http" not in content.split("<style>")[1].split("</style>")[0]  # nothing to fetch


@settings(max_examples=60, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40))
def test_any_text_survives(doc, text):
    section = doc.sections[1]
    paragraph = replace(section.paragraphs[1], text=text)
    changed = replace(doc, title=text, sections=(replace(section, paragraphs=(paragraph,)),))
    content = render(changed, format="html", variant="agreed").content
    assert _tags(content) <= OUR_TAGS
    assert f"1. {text}\n" in html_text(content)
