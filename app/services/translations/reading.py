"""Reading translations: the current one per paragraph and language, stale or current, with the
redline of what moved in the negotiating text since; and a document's concordance."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlmodel import Session, col, select

from app.drafting.worddiff import redline_html, word_diff
from app.models import Document, Paragraph, ParagraphTranslation
from app.models.translation import (
    Concordance,
    ConcordanceRow,
    ParagraphTranslations,
    TranslationPublic,
    TranslationState,
)
from app.services.accounts import accounts as accounts_service
from app.services.record.rows import id_of
from app.services.text import documents as documents_service
from app.services.text import versions as versions_service
from app.services.translations import languages as languages_service

Key = tuple[int, str]  # (paragraph id, language)


def latest(
    session: Session, *, paragraph_ids: Iterable[int], langs: Sequence[str]
) -> dict[Key, ParagraphTranslation]:
    """The current (latest entered) translation of each paragraph in each language."""
    ids = list(paragraph_ids)
    if not ids or not langs:
        return {}
    rows = session.exec(
        select(ParagraphTranslation)
        .where(
            col(ParagraphTranslation.paragraph_id).in_(ids),
            col(ParagraphTranslation.lang).in_(list(langs)),
        )
        .order_by(col(ParagraphTranslation.id))
    ).all()
    return {(row.paragraph_id, row.lang): row for row in rows}


def state(row: ParagraphTranslation | None, head_version: int) -> TranslationState:
    """Current when it translates the head version; stale when an older one; else missing."""
    if row is None:
        return TranslationState.MISSING
    return TranslationState.CURRENT if row.version >= head_version else TranslationState.STALE


def _public(
    session: Session,
    paragraph: Paragraph,
    lang: str,
    row: ParagraphTranslation | None,
    authors: dict[int, str],
) -> TranslationPublic:
    shown = state(row, paragraph.head_version)
    public = TranslationPublic(
        paragraph_id=id_of(paragraph),
        lang=lang,
        state=shown,
        version=row.version if row else None,
        head_version=paragraph.head_version,
        text=row.text if row else None,
        author=authors.get(row.author_account_id or 0) if row else None,
        entered_at=row.created_at if row else None,
    )
    if row is not None and shown == TranslationState.STALE:
        old = versions_service.text_of(session, paragraph_id=id_of(paragraph), number=row.version)
        segments = word_diff(old, paragraph.head_text)
        public.changes = segments
        public.changes_html = redline_html(segments)
    return public


def for_paragraph(session: Session, *, paragraph: Paragraph) -> ParagraphTranslations:
    """Every other language of the paragraph's document: its translation and whether it lags."""
    document = session.get(Document, paragraph.document_id)
    assert document is not None
    langs = languages_service.others(document)
    rows = latest(session, paragraph_ids=[id_of(paragraph)], langs=langs)
    authors = accounts_service.usernames(session, (r.author_account_id for r in rows.values()))
    numbering = documents_service.numbering(session, document_id=document.id or 0)
    return ParagraphTranslations(
        paragraph_id=id_of(paragraph),
        label=numbering.get(id_of(paragraph), (0, ""))[1],
        negotiating_language=document.negotiating_language,
        head_version=paragraph.head_version,
        text=paragraph.head_text,
        translations=[
            _public(session, paragraph, lang, rows.get((id_of(paragraph), lang)), authors)
            for lang in langs
        ],
    )


def states(
    session: Session, *, document: Document, paragraphs: Sequence[Paragraph]
) -> dict[Key, TranslationState]:
    """The state of every paragraph's translation in every other language of the document."""
    langs = languages_service.others(document)
    rows = latest(session, paragraph_ids=[id_of(p) for p in paragraphs], langs=langs)
    return {
        (id_of(p), lang): state(rows.get((id_of(p), lang)), p.head_version)
        for p in paragraphs
        for lang in langs
    }


def concordance(session: Session, *, document: Document) -> Concordance:
    """Per paragraph and language: current, stale or missing; concordant when all current."""
    document_id = id_of(document)
    paragraphs = documents_service.live_paragraphs(session, document_id=document_id)
    numbering = documents_service.numbering(session, document_id=document_id)
    langs = languages_service.others(document)
    held = states(session, document=document, paragraphs=paragraphs)
    totals = {lang: {s.value: 0 for s in TranslationState} for lang in langs}
    rows = []
    for p in paragraphs:
        per_lang = {lang: held[(id_of(p), lang)] for lang in langs}
        for lang, s in per_lang.items():
            totals[lang][s.value] += 1
        rows.append(
            ConcordanceRow(
                paragraph_id=id_of(p),
                label=numbering[id_of(p)][1],
                head_version=p.head_version,
                concordant=all(s == TranslationState.CURRENT for s in per_lang.values()),
                languages=per_lang,
            )
        )
    return Concordance(
        **languages_service.of(document).model_dump(),
        document_id=document_id,
        paragraphs=rows,
        totals=totals,
        concordant=sum(r.concordant for r in rows),
        paragraph_count=len(rows),
    )
