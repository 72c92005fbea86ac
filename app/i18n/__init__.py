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


# Parameters whose value is itself a code (or the end of one after this prefix), shown in the
# reader's language: `access.chair_side` with `action` "action.accept_amendments" reads
# "Solo la copresidencia o la secretaría pueden aceptar enmiendas." whole in Spanish.
TERMS = {
    "action": "action.",
    "why": "not_pending.",
    "amendment_status": "amendment_status.",
    "floor_status": "floor_status.",
    "silence_phase": "silence_phase.",
    "target": "target.",
}
# Parameters that hold a revision's label ("Zero draft", "Rev.2"): the Zero draft is named in
# the reader's language ("Borrador cero"); "Rev.N" reads the same in every language.
REVISIONS = frozenset({"revision", "latest", "next", "wanted", "first"})
ZERO_DRAFT = "export.revision.zero"
# The English phrase of each such code -> the code, so a helper given "accept amendments" (as
# the services write it) can name its code.
_PHRASES = {
    (prefix, template): code
    for prefix in TERMS.values()
    for code, template in CATALOGUES[DEFAULT].items()
    if code.startswith(prefix)
}


def code_of(prefix: str, phrase: str) -> str:
    """The code under `prefix` whose English is `phrase` ("accept amendments" ->
    "action.accept_amendments"), or the phrase itself when the catalogue has none (it is then
    shown in English in every language)."""
    return _PHRASES.get((prefix, phrase), phrase)


def _shown(params: Mapping[str, Param], lang: str) -> dict[str, Param]:
    """The parameters as `lang` shows them: a field a text check names (`what`: "The
    rationale"), the terms in TERMS and the Zero draft, named in `lang`; the rest as it is."""
    chosen = CATALOGUES.get(lang, CATALOGUES[DEFAULT])
    shown = dict(params)
    what = shown.get("what")
    if isinstance(what, str) and what in errors.FIELDS:
        shown["what"] = chosen[errors.FIELDS[what]]
    for name, prefix in TERMS.items():
        value = shown.get(name)
        if isinstance(value, str):
            term = value if value.startswith(prefix) else prefix + value
            if has(term):
                shown[name] = chosen.get(term) or CATALOGUES[DEFAULT][term]
    for name in REVISIONS & shown.keys():
        if shown[name] == CATALOGUES[DEFAULT][ZERO_DRAFT]:
            shown[name] = chosen[ZERO_DRAFT]
    return shown


def render(code: str, params: Mapping[str, Param], lang: str) -> str:
    """The message in `lang` (English when that language lacks it); KeyError if unknown. The
    fields and terms its parameters name are shown in `lang` too (`_shown`)."""
    template = CATALOGUES.get(lang, {}).get(code) or CATALOGUES[DEFAULT][code]
    return fill(template, _shown(params, lang))


def text(message: Message, lang: str) -> str:
    return render(message.code, message.params, lang)


def export_strings(lang: str) -> dict[str, str]:
    """The strings an export in `lang` is rendered with (keys as in export/strings.py)."""
    prefix = "export."
    chosen = CATALOGUES.get(lang, CATALOGUES[DEFAULT])
    return {k[len(prefix) :]: v for k, v in chosen.items() if k.startswith(prefix)}
