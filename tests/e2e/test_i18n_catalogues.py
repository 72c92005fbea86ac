"""The EN / ES / PT catalogues say the same things: same keys, same placeholders, and every key
the frontend asks for by name exists (a missing one would show the raw key to a delegate)."""

from __future__ import annotations

import json
import re

import pytest

from tests.e2e.conftest import ROOT

pytestmark = pytest.mark.e2e

FRONTEND = ROOT / "frontend"
CATALOGUES = {lang: FRONTEND / "i18n" / f"{lang}.json" for lang in ("en", "es", "pt")}
PLACEHOLDER = re.compile(r"\{(\w+)\}")
# t("literal.key" ...) in the modules; keys built at run time (`status.${s}`) are checked below.
LITERAL_KEY = re.compile(r"""\bt\(\s*"([a-z_]+(?:\.[a-z_]+)+)\"""")


def load(lang: str) -> dict[str, str]:
    return json.loads(CATALOGUES[lang].read_text(encoding="utf-8"))


@pytest.mark.parametrize("lang", ["es", "pt"])
def test_translations_have_every_key_and_placeholder(lang):
    english, other = load("en"), load(lang)
    assert sorted(other) == sorted(english)
    for key, text in english.items():
        assert set(PLACEHOLDER.findall(other[key])) == set(PLACEHOLDER.findall(text)), key
        assert other[key].strip(), key


def test_every_key_the_modules_name_exists():
    english = load("en")
    used = set()
    for module in (FRONTEND / "js").glob("*.js"):
        used |= set(LITERAL_KEY.findall(module.read_text(encoding="utf-8")))
    assert used, "no keys found: the pattern no longer matches the modules"
    assert sorted(used - set(english)) == []


def test_keys_built_from_server_values_cover_every_value():
    english = load("en")
    families = {
        "status": ["agreed", "agreed_ad_ref", "bracketed", "open"],
        "stance": ["support", "ad_referendum", "reservation", "objection", "none"],
        "role": ["chair", "secretariat", "delegate", "observer"],
        "amendment.status": [
            "pending",
            "accepted",
            "partly_accepted",
            "rejected",
            "withdrawn",
            "superseded",
        ],
        "silence.phase": ["running", "held", "broken", "cancelled", "none"],
        "source": ["create", "edit", "amendment", "merge", "restore"],
        "export.format": ["md", "html", "pdf", "docx", "akn", "csv", "json"],
    }
    missing = [
        f"{family}.{value}"
        for family, values in families.items()
        for value in values
        if f"{family}.{value}" not in english
    ]
    assert missing == []
