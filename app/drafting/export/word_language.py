"""The language a Word file's text is in, so spelling and hyphenation follow it: `w:lang` on the
document defaults (every run inherits it) and the core properties' language."""

from __future__ import annotations

from docx.document import Document as WordDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.run import Run

# BCP 47 tags Word knows: the variants of the two regions' delegations.
TAGS = {"en": "en-GB", "es": "es-419", "pt": "pt-BR"}


def set_language(document: WordDocument, lang: str) -> None:
    """Mark every run of `document` as written in `lang` ("es" -> es-419)."""
    tag = TAGS.get(lang, lang)
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    run_defaults = defaults.find(qn("w:rPrDefault"))
    if run_defaults is None:
        run_defaults = OxmlElement("w:rPrDefault")
        defaults.insert(0, run_defaults)
    rpr = run_defaults.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        run_defaults.append(rpr)
    element = rpr.find(qn("w:lang"))
    if element is None:
        element = OxmlElement("w:lang")
        rpr.append(element)
    for attr in ("w:val", "w:eastAsia", "w:bidi"):
        element.set(qn(attr), tag)
    document.core_properties.language = tag


def set_run_language(run: Run, lang: str) -> None:
    """Mark one run as written in `lang` (a column of a parallel text)."""
    rpr = run._r.get_or_add_rPr()
    element = OxmlElement("w:lang")
    element.set(qn("w:val"), TAGS.get(lang, lang))
    rpr.append(element)
