"""The server's catalogue: every code it writes has a message in English, Spanish and
Portuguese with the same placeholders, and the interface's catalogues render the board's codes."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from app import i18n
from app.drafting.messages import ENGLISH, Message, english
from tests.python_source import parse

ROOT = Path(__file__).resolve().parents[1]
PLACEHOLDER = re.compile(r"\{(\w+)\}")


def codes_in_the_code() -> set[str]:
    """Every `code="…"` an error is raised with, and every Message("…") the core makes."""
    found: set[str] = set(ENGLISH)
    for path in (ROOT / "app").rglob("*.py"):
        for node in ast.walk(parse(path)):
            if (
                isinstance(node, ast.keyword)
                and node.arg == "code"
                and isinstance(node.value, ast.Constant)
                and isinstance(node.value.value, str)
            ):
                found.add(node.value.value)
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Message":
                first = node.args[0] if node.args else None
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    found.add(first.value)
    return found


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_every_code_has_a_message_in_every_language(lang):
    catalogue = i18n.CATALOGUES[lang]
    missing = sorted(code for code in codes_in_the_code() if code not in catalogue)
    assert missing == [], f"{lang} lacks {missing}"
    assert sorted(catalogue) == sorted(i18n.CATALOGUES["en"])
    for code, template in i18n.CATALOGUES["en"].items():
        assert set(PLACEHOLDER.findall(catalogue[code])) == set(PLACEHOLDER.findall(template))


@pytest.mark.parametrize("lang", ["en", "es", "pt"])
def test_the_interface_renders_every_consensus_code(lang):
    catalogue = json.loads((ROOT / "frontend" / "i18n" / f"{lang}.json").read_text("utf-8"))
    for code, template in ENGLISH.items():
        key = f"msg.{code}"
        assert key in catalogue, key
        assert set(PLACEHOLDER.findall(catalogue[key])) == set(PLACEHOLDER.findall(template))


def test_the_english_catalogue_reads_as_the_core_writes():
    message = Message("consensus.silence_broken_by_at", {"by": "VEN", "at": "2026-12-01T18:46:00Z"})
    assert english(message) == "silence broken by VEN at 2026-12-01 18:46 UTC"
    assert i18n.text(message, "pt") == "silêncio quebrado por VEN em 2026-12-01 18:46 UTC"


def test_the_reader_language_is_chosen_from_lang_then_accept_language():
    assert i18n.negotiate("pt-BR,pt;q=0.9,en;q=0.5") == "pt"
    assert i18n.negotiate("fr, es;q=0.8, en;q=0.3") == "es"
    assert i18n.negotiate("es", "pt") == "pt"
    assert i18n.negotiate(None) == "en"
    assert i18n.negotiate("de") == "en"
