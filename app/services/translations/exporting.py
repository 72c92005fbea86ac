"""An export in one of a document's languages: each paragraph's text in that language, as the
translation of the very version exported (current), of an older one (stale, marked) or none
(missing, the negotiating text marked); and the concordance rule applied to the statuses.

A translation is read "as of" a paragraph version: the latest one entered for that version or
an earlier one, so a revision's export shows the translations that matched its text.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from sqlmodel import Session, col, select

from app import i18n
from app.drafting.export.model import ExportDocument, ExportParagraph
from app.errors import Invalid
from app.models import Document, ParagraphTranslation
from app.models.translation import LANGUAGES
from app.services.translations import languages as languages_service

AGREED = frozenset({"agreed", "agreed_ad_ref"})
Held = dict[tuple[int, str], ParagraphTranslation]


def checked_language(document: Document, lang: str | None) -> str:
    """The export's language: `lang` when the document is kept in it, else the negotiating one;
    422 for a language Consenso does not keep."""
    if lang is None:
        return document.negotiating_language
    if lang not in LANGUAGES:
        raise Invalid(
            f"Consenso keeps texts in en, es, pt; not in {lang}.",
            code="languages.unknown",
            params={"languages": lang},
        )
    return lang


def held(session: Session, *, versions: Mapping[int, int], langs: Sequence[str]) -> Held:
    """(paragraph, language) -> the translation of the version exported or the latest before."""
    if not versions or not langs:
        return {}
    rows = session.exec(
        select(ParagraphTranslation)
        .where(
            col(ParagraphTranslation.paragraph_id).in_(list(versions)),
            col(ParagraphTranslation.lang).in_(list(langs)),
        )
        .order_by(col(ParagraphTranslation.id))
    ).all()
    found: Held = {}
    for row in rows:
        if row.version <= versions[row.paragraph_id]:
            found[(row.paragraph_id, row.lang)] = row
    return found


def _state(row: ParagraphTranslation | None, version: int) -> str:
    if row is None:
        return "missing"
    return "current" if row.version >= version else "stale"


def localized(
    session: Session, *, document: Document, paragraphs: Sequence[ExportParagraph], lang: str
) -> list[ExportParagraph]:
    """The paragraphs in `lang`, with the concordance rule applied when the document has it
    (a paragraph agreed in substance but not current in every language shows as open)."""
    others = languages_service.others(document)
    versions = {p.paragraph_id: p.version for p in paragraphs}
    translating = lang != document.negotiating_language
    needed = others if document.agreed_requires_concordance else [lang] if translating else []
    rows = held(session, versions=versions, langs=needed)
    shown = []
    for p in paragraphs:
        states = {o: _state(rows.get((p.paragraph_id, o)), p.version) for o in others}
        concordant = all(s == "current" for s in states.values())
        if document.agreed_requires_concordance and p.status in AGREED and not concordant:
            p = replace(p, status="open")
        if translating:
            row = rows.get((p.paragraph_id, lang))
            p = replace(
                p,
                text=row.text if row is not None else p.text,
                translation=_state(row, p.version),
                translated_version=row.version if row is not None else 0,
            )
        shown.append(p)
    return shown


def revision_label(strings: Mapping[str, str], number: int | None, label: str) -> str:
    """ "Zero draft", "Rev.2", "Current text" in the export's language."""
    if number is None:
        return strings.get("revision.current", label)
    if number == 0:
        return strings.get("revision.zero", label)
    return strings.get("revision.n", label).format(n=number)


def in_language(
    session: Session, *, document: Document, doc: ExportDocument, lang: str | None
) -> ExportDocument:
    """`doc` as an export in `lang` (None: the negotiating language): texts, labels, marks."""
    chosen = checked_language(document, lang)
    sections = []
    for section in doc.sections:
        paragraphs = localized(
            session, document=document, paragraphs=section.paragraphs, lang=chosen
        )
        sections.append(replace(section, paragraphs=tuple(paragraphs)))
    strings = i18n.export_strings(chosen)
    return replace(
        doc,
        sections=tuple(sections),
        language=chosen,
        negotiating_language=document.negotiating_language,
        strings=strings if chosen != "en" else {},
        revision=revision_label(strings, doc.revision_number, doc.revision),
    )


PARALLEL_FORMATS = ("html", "docx")


def require_parallel(document: Document, *, format: str, lang: str) -> None:
    """422 unless a parallel export can be made: html or docx, in another language than the
    negotiating one (which is the left column)."""
    if format not in PARALLEL_FORMATS:
        raise Invalid(
            f"A parallel export is made in html or docx, not {format}.",
            code="exports.parallel_format",
            params={"format": format},
        )
    if lang == document.negotiating_language:
        raise Invalid(
            f"A parallel export puts the negotiating language ({lang}) beside another: "
            "choose it with lang.",
            code="exports.parallel_language",
            params={"lang": lang},
        )
