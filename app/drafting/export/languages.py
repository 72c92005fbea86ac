"""An export in a language: its labels' names and each paragraph's text in that language.

The text of a paragraph in another language than the negotiating one is its translation of
the version exported; a stale translation (of an older version) is printed under a mark saying
so, and a missing one as the negotiating text under a mark: never silently another language.
"""

from __future__ import annotations

from app.drafting.export.model import ExportParagraph
from app.drafting.export.strings import LANGUAGES, t


def language_names() -> dict[str, str]:
    """{"en": "English", ...} in the export's language ("Inglés" in Spanish)."""
    return {code: t(f"language.{code}") for code in LANGUAGES}


def status_label(status: str) -> str:
    """ "Agreed", "Bracketed"... in the export's language."""
    try:
        return t(f"status.{status}")
    except KeyError:
        return status


def translation_mark(paragraph: ExportParagraph, language: str, original: str) -> str:
    """ "[Translation out of date: ...]", "[Not yet translated into Spanish; ...]" or ""."""
    if paragraph.translation == "stale":
        return t("translation.stale", version=paragraph.translated_version, head=paragraph.version)
    if paragraph.translation == "missing":
        names = language_names()
        return t(
            "translation.missing",
            language=names.get(language, language),
            original=names.get(original, original),
        )
    return ""


def translated_text(paragraph: ExportParagraph, language: str, original: str) -> str:
    """The paragraph's text as the export prints it, behind its mark when not current."""
    mark = translation_mark(paragraph, language, original)
    return f"{mark} {paragraph.text}" if mark else paragraph.text
