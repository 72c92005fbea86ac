"""The refusals' catalogues by domain, merged in this order into each language's catalogue
(en.py, es.py, pt.py), and checked together by tests/test_error_codes.py."""

from __future__ import annotations

from types import ModuleType

from app.i18n import (
    errors_access,
    errors_accounts,
    errors_amendments,
    errors_calendar,
    errors_core,
    errors_exports,
    errors_plenary,
    errors_text,
)

DOMAINS: tuple[ModuleType, ...] = (
    errors_access,
    errors_core,
    errors_amendments,
    errors_text,
    errors_plenary,
    errors_accounts,
    errors_calendar,
    errors_exports,
)


def merged(language: str) -> dict[str, str]:
    """Every domain's messages in `language` ("EN", "ES" or "PT")."""
    found: dict[str, str] = {}
    for module in DOMAINS:
        found.update(getattr(module, language))
    return found
