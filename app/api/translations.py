"""Translations of the negotiated text, a document's languages and its concordance."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path

from app.api.audit import uploaded
from app.api.deps import ClockDep, CurrentActor, DocumentDep, ParagraphDep, VersionNumber
from app.db import SessionDep
from app.models.translation import (
    Concordance,
    DocumentLanguages,
    ImportResult,
    ParagraphTranslations,
    TranslationEntry,
    TranslationPublic,
)
from app.services.translations import entering, importing, reading
from app.services.translations import languages as languages_service

router = APIRouter(tags=["translations"])

Lang = Annotated[
    str,
    Path(
        pattern="^[a-z]{2}$",
        description="A language of the document (en, es, pt)",
        examples=["es"],
    ),
]


@router.put(
    "/paragraphs/{paragraph_id}/versions/{n}/translations/{lang}",
    response_model=TranslationPublic,
)
def enter_translation(
    n: VersionNumber,
    lang: Lang,
    data: TranslationEntry,
    paragraph: ParagraphDep,
    session: SessionDep,
    actor: CurrentActor,
    clock: ClockDep,
) -> TranslationPublic:
    """The secretariat or a co-chair enters the `lang` translation of version `n`."""
    entering.enter(
        session, paragraph=paragraph, number=n, lang=lang, text=data.text, actor=actor, now=clock()
    )
    shown = reading.for_paragraph(session, paragraph=paragraph)
    return next(t for t in shown.translations if t.lang == lang)


@router.get("/paragraphs/{paragraph_id}/translations", response_model=ParagraphTranslations)
def list_translations(paragraph: ParagraphDep, session: SessionDep) -> ParagraphTranslations:
    """Each other language: its translation, the version it translates, current or stale (with
    the redline of what changed in the negotiating language since), or missing."""
    return reading.for_paragraph(session, paragraph=paragraph)


@router.get("/documents/{document_id}/concordance", response_model=Concordance)
def concordance(document: DocumentDep, session: SessionDep) -> Concordance:
    """Per paragraph and language: current, stale or missing; concordant when all are current."""
    return reading.concordance(session, document=document)


@router.get("/documents/{document_id}/languages", response_model=DocumentLanguages)
def get_languages(document: DocumentDep) -> DocumentLanguages:
    return languages_service.of(document)


@router.put("/documents/{document_id}/languages", response_model=DocumentLanguages)
def set_languages(
    data: DocumentLanguages,
    document: DocumentDep,
    session: SessionDep,
    actor: CurrentActor,
    clock: ClockDep,
) -> DocumentLanguages:
    """The negotiating language, every language of the document, and whether exports show a
    paragraph as agreed only when it is concordant."""
    return languages_service.update(session, document=document, data=data, actor=actor, now=clock())


@router.post("/documents/{document_id}/translations/{lang}/import", response_model=ImportResult)
def import_translations(
    lang: Lang,
    content: Annotated[bytes, Depends(uploaded)],
    document: DocumentDep,
    session: SessionDep,
    actor: CurrentActor,
    clock: ClockDep,
) -> ImportResult:
    """A text file (one paragraph per line, keyed by its label: `1.2<TAB>text`) or a DOCX
    exported by Consenso in `lang`, as a multipart upload (field `file`) or the raw body."""
    return importing.import_file(
        session, document=document, lang=lang, content=content, actor=actor, now=clock()
    )
