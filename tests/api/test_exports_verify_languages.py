"""POST /api/verify for exports in Spanish and Portuguese: the record names the export's
language (and "parallel"), so each format is rebuilt in it and matches, now and after the text
moved on; a translation changed after the export makes the file no longer match."""

from __future__ import annotations

import pytest

from tests.api.test_exports import FORMATS
from tests.api.test_exports_history import issue_revision
from tests.api.test_exports_languages import ES, PT, translate
from tests.api.test_exports_verify import _check, _export, _moved_on, _opened
from tests.conftest import first_paragraph

TEXTS = {"es": ES, "pt": PT}
LANGUAGE_FORMATS = [f for f in FORMATS if f != "json"]


def _translated(api, doc, lang):
    translate(api.as_("secretariat"), first_paragraph(doc)["id"], 1, lang, TEXTS[lang])


@pytest.mark.parametrize("lang", ["es", "pt"])
@pytest.mark.parametrize("format", LANGUAGE_FORMATS)
def test_an_export_in_spanish_or_portuguese_matches(api, doc, format, lang):
    _opened(api, doc)
    _translated(api, doc, lang)
    content = _export(api, doc["id"], format, lang=lang)
    result = _check(api, content)
    assert result["verdict"] == "matches", result["message"]
    assert result["record"]["format"] == format
    assert result["record"]["language"] == lang
    _moved_on(api, doc)
    later = _check(api, content)
    assert later["verdict"] == "matches", later["message"]


@pytest.mark.parametrize("lang", ["es", "pt"])
@pytest.mark.parametrize("format", ["md", "docx"])
def test_an_export_at_a_revision_in_another_language_matches(api, doc, format, lang):
    _opened(api, doc)
    _translated(api, doc, lang)
    number = issue_revision(api, doc["id"])
    content = _export(api, doc["id"], format, variant="agreed", revision=number, lang=lang)
    _moved_on(api, doc)
    result = _check(api, content)
    assert result["verdict"] == "matches", result["message"]


@pytest.mark.parametrize("lang", ["es", "pt"])
@pytest.mark.parametrize("format", ["html", "docx"])
def test_a_parallel_export_matches(api, doc, format, lang):
    _translated(api, doc, lang)
    content = _export(api, doc["id"], format, lang=lang, parallel="true")
    result = _check(api, content)
    assert result["verdict"] == "matches", result["message"]
    assert result["record"]["parallel"] is True
    assert result["record"]["language"] == lang


def test_an_english_record_says_en_and_an_unknown_language_does_not_match(api, doc):
    content = _export(api, doc["id"], "md")
    assert _check(api, content)["record"]["language"] == "en"
    forged = content.replace(b" / en\n", b" / xx\n", 1)
    assert forged != content
    result = _check(api, forged)
    assert result["verdict"] == "does not match"
    assert "'xx'" in result["reason"]


def test_a_spanish_export_whose_translation_was_rewritten_since_the_record_does_not_match(api, doc):
    _translated(api, doc, "es")
    content = _export(api, doc["id"], "md", lang="es")
    edited = content.replace(ES.encode(), ES.replace("niñez", "NIÑEZ").encode(), 1)
    assert edited != content
    result = _check(api, edited)
    assert result["verdict"] == "does not match"
