"""The server's catalogue: every message it writes, by code, in English, Spanish and Portuguese.

Services raise errors and the core gives reasons as a code with parameters (`Message`); what a
reader sees is rendered here in the language they asked for (`Accept-Language`, or a `lang`
parameter, which wins), falling back to English. Moments are shown with their zone.
"""

from __future__ import annotations

from collections.abc import Mapping

from app.drafting.messages import Message, Param, fill
from app.i18n import en, errors, es, pt

DEFAULT = "en"
CATALOGUES: dict[str, dict[str, str]] = {
    "en": en.CATALOGUE,
    "es": es.CATALOGUE,
    "pt": pt.CATALOGUE,
}
LANGUAGES = tuple(CATALOGUES)


def negotiate(accept_language: str | None, lang: str | None = None) -> str:
    """The reader's language: `lang` if we have it, else the best of Accept-Language."""
    if lang and lang.lower()[:2] in CATALOGUES:
        return lang.lower()[:2]
    ranked: list[tuple[float, int, str]] = []
    for i, part in enumerate((accept_language or "").split(",")):
        tag, _, rest = part.strip().partition(";")
        quality = 1.0
        if rest.strip().startswith("q="):
            try:
                quality = float(rest.strip()[2:])
            except ValueError:
                quality = 0.0
        code = tag.strip().lower()[:2]
        if code in CATALOGUES and quality > 0:
            ranked.append((-quality, i, code))
    return min(ranked)[2] if ranked else DEFAULT


def has(code: str) -> bool:
    return code in CATALOGUES[DEFAULT]


def render_template(code: str) -> str:
    """The English template of `code` (its placeholders are those of every language)."""
    return CATALOGUES[DEFAULT][code]


def render(code: str, params: Mapping[str, Param], lang: str) -> str:
    """The message in `lang` (English when that language lacks it); KeyError if unknown. A
    field a text check names (`what`: "The rationale") is named in `lang` too."""
    template = CATALOGUES.get(lang, {}).get(code) or CATALOGUES[DEFAULT][code]
    shown = dict(params)
    what = shown.get("what")
    if isinstance(what, str) and what in errors.FIELDS:
        shown["what"] = CATALOGUES.get(lang, CATALOGUES[DEFAULT])[errors.FIELDS[what]]
    return fill(template, shown)


def text(message: Message, lang: str) -> str:
    return render(message.code, message.params, lang)


def export_strings(lang: str) -> dict[str, str]:
    """The strings an export in `lang` is rendered with (keys as in export/strings.py)."""
    prefix = "export."
    chosen = CATALOGUES.get(lang, CATALOGUES[DEFAULT])
    return {k[len(prefix) :]: v for k, v in chosen.items() if k.startswith(prefix)}
