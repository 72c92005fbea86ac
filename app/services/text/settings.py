"""A document's settings (numbering scheme, symbol, distribution, original language) and the
kind of each section (preambular or operative), set by the chairs or the secretariat."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from app.drafting import labels as labels_core
from app.errors import Invalid, NotFound
from app.models import Document, Section
from app.models.document import DocumentUpdate, SectionUpdate
from app.services.accounts.actors import Actor, require_chair_side
from app.services.record import events as events_service
from app.services.record.rows import id_of
from app.services.text import locking
from app.services.text.cleaning import line_text

DISTRIBUTIONS = ("general", "restricted")
SYMBOL_CHARS = 64  # the column's length
LANGUAGE_CHARS = 8


def checked(data: DocumentUpdate) -> dict[str, str]:
    """The settings sent, each checked (422 naming the valid values)."""
    sent = data.model_dump(exclude_unset=True, exclude_none=True)
    if "numbering" in sent and sent["numbering"] not in labels_core.SCHEMES:
        raise Invalid(
            f"Unknown numbering {sent['numbering']!r}; choose one of: "
            f"{', '.join(labels_core.SCHEMES)}.",
            code="settings.numbering",
            params={"value": repr(sent["numbering"]), "valid": ", ".join(labels_core.SCHEMES)},
        )
    if "distribution" in sent and sent["distribution"] not in DISTRIBUTIONS:
        raise Invalid(
            f"Unknown distribution {sent['distribution']!r}; choose one of: "
            f"{', '.join(DISTRIBUTIONS)}.",
            code="settings.distribution",
            params={"value": repr(sent["distribution"]), "valid": ", ".join(DISTRIBUTIONS)},
        )
    if "symbol" in sent:
        sent["symbol"] = line_text(sent["symbol"], limit=SYMBOL_CHARS, what="The symbol")
    if "original_language" in sent:
        language = sent["original_language"].strip().lower()
        if len(language) > LANGUAGE_CHARS or not (language.isalpha() or language == ""):
            raise Invalid(
                f"{sent['original_language']!r} is not a language code (e.g. en, es, pt).",
                code="settings.language",
                params={"value": repr(sent["original_language"])},
            )
        sent["original_language"] = language
    return sent


def update(
    session: Session, *, document: Document, actor: Actor, now: datetime, data: DocumentUpdate
) -> Document:
    """Change the settings sent (chairs and secretariat only); recorded as one event."""
    require_chair_side(actor, "change the settings of a document")
    sent = checked(data)
    document_id = id_of(document)
    locking.document(session, document_id=document_id)
    session.refresh(document)
    changed = {k: v for k, v in sent.items() if getattr(document, k) != v}
    if not changed:
        return document
    for name, value in changed.items():
        setattr(document, name, value)
    session.add(document)
    session.flush()
    events_service.record(
        session,
        document_id=document_id,
        actor=actor,
        action="document.settings_set",
        target_type="document",
        target_id=document_id,
        payload=changed,
        now=now,
    )
    return document


def get_section_or_raise(session: Session, *, section_id: int) -> Section:
    section = session.get(Section, section_id)
    if section is None:
        raise NotFound(
            f"There is no section {section_id}.",
            code="section.not_found",
            params={"id": section_id},
        )
    return section


def update_section(
    session: Session, *, section: Section, actor: Actor, now: datetime, data: SectionUpdate
) -> Section:
    """Mark a section preambular or operative (or unmark it: None)."""
    require_chair_side(actor, "change the settings of a document")
    if data.kind is not None and data.kind not in labels_core.SECTION_KINDS:
        valid = ", ".join(labels_core.SECTION_KINDS)
        raise Invalid(
            f"Unknown section kind {data.kind!r}; choose one of: {valid} (or null).",
            code="settings.section_kind",
            params={"value": repr(data.kind), "valid": valid},
        )
    locking.document(session, document_id=section.document_id)
    session.refresh(section)
    if section.kind == data.kind:
        return section
    section.kind = data.kind
    session.add(section)
    session.flush()
    events_service.record(
        session,
        document_id=section.document_id,
        actor=actor,
        action="section.updated",
        target_type="section",
        target_id=id_of(section),
        payload={"kind": data.kind},
        now=now,
    )
    return section
