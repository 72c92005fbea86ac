"""The registry, the errors, the hash and what every format shares."""

from __future__ import annotations

import hashlib
import re

import pytest

from app.drafting.export import (
    FORMATS,
    VARIANTS,
    Rendered,
    UnknownExportOption,
    canonical_text,
    export_hash,
    render,
    renderer,
)
from app.drafting.export.common import NOTHING_AGREED
from tests.drafting.export.conftest import AGREED_1, AGREED_AD_REF, BRACKETED
from tests.drafting.export.helpers import html_text, text_of

ALL = sorted(FORMATS)
CASES = [(f, v) for f in ALL for v in VARIANTS]


def test_registry_lists_the_six_formats():
    assert set(FORMATS) == {"md", "html", "pdf", "docx", "akn", "csv"}
    for name in FORMATS:
        chosen = renderer(name)  # its module, imported on first use
        assert chosen.format == name
        assert chosen.media_type and chosen.extension


def test_render_returns_content_with_media_type_and_extension(doc):
    result = render(doc, format="csv", variant="agreed")
    assert isinstance(result, Rendered)
    assert result.media_type == "text/csv; charset=utf-8"
    assert result.extension == "csv"
    assert result.content.startswith("\ufeff".encode())


def test_unknown_format_lists_valid_formats(doc):
    with pytest.raises(UnknownExportOption) as error:
        render(doc, format="rtf", variant="agreed")
    assert str(error.value) == (
        "Unknown export format 'rtf'; valid formats: md, html, pdf, docx, akn, csv"
    )
    assert isinstance(error.value, ValueError)


def test_unknown_variant_lists_valid_variants(doc):
    expected = "Unknown export variant 'clean'; valid variants: agreed, compilation"
    with pytest.raises(UnknownExportOption, match=expected):
        render(doc, format="md", variant="clean")
    with pytest.raises(UnknownExportOption, match=expected):
        canonical_text(doc, "clean")


def test_export_hash_is_sha256_of_canonical_text(doc):
    for variant in VARIANTS:
        text = canonical_text(doc, variant)
        assert export_hash(doc, variant) == hashlib.sha256(text.encode()).hexdigest()
    assert export_hash(doc, "agreed") != export_hash(doc, "compilation")


def test_hash_ignores_export_time_but_not_text(doc):
    from dataclasses import replace
    from datetime import datetime

    later = replace(doc, generated_at=datetime(2026, 1, 1), audit_head="ab" * 32)
    assert export_hash(later, "agreed") == export_hash(doc, "agreed")
    retitled = replace(doc, title=doc.title + ".")
    assert export_hash(retitled, "agreed") != export_hash(doc, "agreed")


@pytest.mark.parametrize(("format", "variant"), CASES)
def test_every_footer_carries_the_hash_and_audit_head(rendered, doc, format, variant):
    text = text_of(format, rendered(format, variant))
    separator = "," if format == "csv" else ": "
    assert f"SHA-256 of the text{separator}{export_hash(doc, variant)}" in text
    assert f"Audit-chain head{separator}{doc.audit_head}" in text


@pytest.mark.parametrize("format", ALL)
def test_no_audit_head_no_audit_line(rendered, format):
    assert "Audit-chain head" not in text_of(format, rendered(format, "agreed", "empty"))


@pytest.mark.parametrize(("format", "variant"), CASES)
def test_same_input_same_bytes(rendered, doc, format, variant):
    assert render(doc, format=format, variant=variant).content == rendered(format, variant)


@pytest.mark.parametrize("format", ALL)
@pytest.mark.parametrize("which", ["empty", "blank"])
def test_nothing_agreed_says_so_in_every_format(rendered, format, which):
    assert NOTHING_AGREED in text_of(format, rendered(format, "agreed", which))


def test_canonical_text_of_the_agreed_variant(doc):
    assert canonical_text(doc, "agreed").splitlines() == [
        "Bi-regional common position RCM–SACM on migración & migração",
        "Agreed common position, Rev.1",
        "I. Guiding principles — Principios rectores",
        "1. Migration is a shared responsibility of countries of origin, transit & destination; "
        '"safe, orderly and regular" migración benefits all.',
        "2. States reaffirm the rights of migrants in transit (migração segura) \u200fשלום\u200f "
        "and the principle of non-refoulement. (agreed ad referendum)",
        'II. Commitments & "strategy"',
        "3. Promote regular pathways: visas, family reunification & labour mobility.",
        "2 paragraphs remain open or bracketed: 3 (I. Guiding principles — Principios rectores);"
        ' 1 (II. Commitments & "strategy").',
    ]


def _readable(format: str, content: bytes) -> str:
    """What a reader sees: Markdown rendered by CommonMark, PDF without line breaks or the
    invisible direction marks (pypdf does not extract them)."""
    if format == "md":
        markdown_it = pytest.importorskip("markdown_it")
        page = markdown_it.MarkdownIt("commonmark").render(content.decode())
        return html_text(page.encode())
    if format == "pdf":
        return re.sub(r"\s+", " ", text_of(format, content))
    return text_of(format, content)


@pytest.mark.parametrize("format", ["md", "html", "pdf", "docx", "akn"])
def test_user_text_survives_every_format_as_text(rendered, format):
    def seen(text: str) -> str:
        return text.replace("\u200f", "") if format == "pdf" else text

    agreed = _readable(format, rendered(format, "agreed"))
    compilation = _readable(format, rendered(format, "compilation"))
    for text in (AGREED_1, AGREED_AD_REF):
        assert seen(text) in agreed
    assert seen(f"[{BRACKETED}]") in compilation
    assert seen("Sovereignty over <borders> & data.") in compilation


def test_csv_keeps_accents_and_quotes(rendered):
    text = rendered("csv", "compilation").decode("utf-8-sig")
    assert "migración & migração" in text and '"II. Commitments & ""strategy"""' in text
