"""A document's languages: the negotiating (authoritative) one and the others it is read in."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, func, select

from app.errors import Conflict, Invalid
from app.models import Document, Paragraph, ParagraphTranslation
from app.models.translation import LANGUAGES, DocumentLanguages
from app.services.accounts.actors import Actor, require_chair_side
from app.services.record import events as events_service
from app.services.record.rows import id_of
from app.services.text import locking


def of(document: Document) -> DocumentLanguages:
    """The document's language settings as the API shows them."""
    return DocumentLanguages(
        negotiating_language=document.negotiating_language,
        languages=[lang for lang in document.languages.split(",") if lang],
        agreed_requires_concordance=document.agreed_requires_concordance,
    )


def others(document: Document) -> list[str]:
    """The languages the negotiating text is translated into, in the document's order."""
    return [lang for lang in of(document).languages if lang != document.negotiating_language]


def require_translatable(document: Document, lang: str) -> None:
    """422 unless `lang` is one of the document's languages other than the negotiating one."""
    if lang == document.negotiating_language:
        raise Invalid(
            f"{lang} is the negotiating language of this document: its text is amended, "
            "not translated.",
            code="translation.negotiating_language",
            params={"lang": lang},
        )
    if lang not in others(document):
        raise Invalid(
            f"This document is not kept in {lang!r}; its languages are "
            f"{', '.join(of(document).languages)}.",
            code="translation.unknown_language",
            params={"lang": repr(lang), "languages": ", ".join(of(document).languages)},
        )


def _checked(data: DocumentLanguages) -> DocumentLanguages:
    languages = list(dict.fromkeys(data.languages))
    unknown = [lang for lang in languages if lang not in LANGUAGES]
    if unknown:
        raise Invalid(
            f"Consenso keeps texts in {', '.join(LANGUAGES)}; not in {', '.join(unknown)}.",
            code="languages.unknown",
            params={"languages": ", ".join(unknown)},
        )
    if data.negotiating_language not in languages:
        raise Invalid(
            "The negotiating language must be one of the document's languages.",
            code="languages.negotiating_not_listed",
            params={"lang": data.negotiating_language},
        )
    return data.model_copy(update={"languages": languages})


def _translated(session: Session, document_id: int) -> int:
    in_document = select(Paragraph.id).where(Paragraph.document_id == document_id)
    return session.exec(
        select(func.count())
        .select_from(ParagraphTranslation)
        .where(col(ParagraphTranslation.paragraph_id).in_(in_document))
    ).one()


def update(
    session: Session, *, document: Document, data: DocumentLanguages, actor: Actor, now: datetime
) -> DocumentLanguages:
    """The chairs (or the secretariat) set the document's languages and the concordance rule.

    The negotiating language cannot change once translations exist: they translate its text.
    """
    require_chair_side(actor, "set the languages of a document")
    data = _checked(data)
    document_id = id_of(document)
    locking.document(session, document_id=document_id)
    session.refresh(document)
    if data.negotiating_language != document.negotiating_language and _translated(
        session, document_id
    ):
        raise Conflict(
            "This document already has translations of its negotiating language "
            f"({document.negotiating_language}); it cannot change.",
            code="languages.negotiating_fixed",
            params={"lang": document.negotiating_language},
        )
    document.negotiating_language = data.negotiating_language
    document.languages = ",".join(data.languages)
    document.agreed_requires_concordance = data.agreed_requires_concordance
    session.add(document)
    session.flush()
    events_service.record(
        session,
        document_id=document_id,
        actor=actor,
        action="document.languages_set",
        target_type="document",
        target_id=document_id,
        payload=data.model_dump(),
        now=now,
    )
    return of(document)
