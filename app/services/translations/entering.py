"""Entering translations: the secretariat and the chairs translate a paragraph version."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from app.errors import NotFound
from app.models import Document, Paragraph, ParagraphTranslation
from app.services.accounts.actors import Actor, require_chair_side
from app.services.record import content as content_service
from app.services.record import events as events_service
from app.services.record.rows import id_of
from app.services.text import limits, locking
from app.services.text.cleaning import paragraph_text
from app.services.translations import languages as languages_service

ACTION = "translate the text"


@dataclass(frozen=True)
class Entry:
    """One translation to store: the paragraph, the version it translates, and its text."""

    paragraph: Paragraph
    version: int
    text: str


def _row(
    entry: Entry, *, lang: str, source: str, actor: Actor, now: datetime
) -> ParagraphTranslation:
    return ParagraphTranslation(
        paragraph_id=id_of(entry.paragraph),
        lang=lang,
        version=entry.version,
        text=entry.text,
        sha256=hashlib.sha256(entry.text.encode()).hexdigest(),
        source=source,
        author_account_id=actor.account_id,
        created_at=now,
    )


def cleaned(session: Session, text: str) -> str:
    """A translation passes the checks and limits of any paragraph text."""
    return paragraph_text(text, limits=limits.of(session), what="A translation")


def enter(
    session: Session,
    *,
    paragraph: Paragraph,
    number: int,
    lang: str,
    text: str,
    actor: Actor,
    now: datetime,
) -> ParagraphTranslation:
    """Store `text` as the `lang` translation of version `number` of the paragraph."""
    require_chair_side(actor, ACTION)
    text = cleaned(session, text)
    paragraph = locking.paragraph(session, paragraph)
    locking.require_live(paragraph)
    document = session.get(Document, paragraph.document_id)
    assert document is not None  # a paragraph's document is never deleted
    languages_service.require_translatable(document, lang)
    if not 1 <= number <= paragraph.head_version:
        raise NotFound(
            f"Paragraph {paragraph.id} has versions 1 to {paragraph.head_version}; "
            f"there is no version {number}.",
            code="paragraph.no_version",
            params={"paragraph": paragraph.id, "head": paragraph.head_version, "n": number},
        )
    (row,) = store(
        session,
        document=document,
        entries=[Entry(paragraph, number, text)],
        lang=lang,
        source="entry",
        actor=actor,
        now=now,
    )
    return row


def store(
    session: Session,
    *,
    document: Document,
    entries: Sequence[Entry],
    lang: str,
    source: str,
    actor: Actor,
    now: datetime,
) -> list[ParagraphTranslation]:
    """Write the translations (the document already locked) and the one event vouching them."""
    rows = [_row(e, lang=lang, source=source, actor=actor, now=now) for e in entries]
    session.add_all(rows)
    session.flush()
    single = len(rows) == 1
    events_service.record(
        session,
        document_id=id_of(document),
        actor=actor,
        action="translation.entered" if source == "entry" else "translation.imported",
        target_type="paragraph" if single else "document",
        target_id=rows[0].paragraph_id if single else id_of(document),
        payload={
            "lang": lang,
            "translations": [{"paragraph_id": r.paragraph_id, "version": r.version} for r in rows],
        },
        content=[content_service.of_translation(r) for r in rows],
        now=now,
    )
    return rows
