"""Paragraphs: the chairs' and secretariat's direct edits to the text and its structure."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm.util import identity_key
from sqlmodel import Session, col, func, select

from app.errors import Invalid, NotFound
from app.models import Document, Paragraph
from app.models.document import ParagraphCreate, ParagraphMove, ParagraphPublic
from app.services.accounts.actors import Actor, require_chair_side
from app.services.amendments import deciding
from app.services.record import content as content_service
from app.services.record import events as events_service
from app.services.record import rows
from app.services.record.rows import id_of
from app.services.text import documents as documents_service
from app.services.text import limits, locking
from app.services.text import versions as versions_service
from app.services.text.cleaning import note_text, paragraph_text
from app.services.text.errors import stale

# Built once (every paragraph route loads its paragraph first): `session.get` builds its
# statement on every call that misses the identity map. Core columns, attached as loaded
# (`rows.loaded`): an ORM load of the row costs more Python than the statement.
_PARAGRAPHS: sa.Table = Paragraph.__table__  # type: ignore[attr-defined]
_BY_ID = sa.select(*_PARAGRAPHS.columns).where(_PARAGRAPHS.c.id == sa.bindparam("id"))


def get_or_raise(
    session: Session, *, paragraph_id: int, include_deleted: bool = False
) -> Paragraph:
    paragraph = session.identity_map.get(identity_key(Paragraph, paragraph_id))
    if paragraph is None:
        found = session.connection().execute(_BY_ID, {"id": paragraph_id}).first()
        paragraph = None if found is None else rows.loaded(session, Paragraph, found._asdict())
    if paragraph is None or (paragraph.deleted_at is not None and not include_deleted):
        raise NotFound(
            f"There is no paragraph {paragraph_id}.",
            code="paragraph.not_found",
            params={"id": paragraph_id},
        )
    return paragraph


def _position_after(
    session: Session, *, section_id: int, after: int | None, document_id: int
) -> int:
    """Open a slot in the section right after paragraph `after` (or at its start)."""
    if after is None:
        position = 1
    else:
        anchor = session.get(Paragraph, after)
        if anchor is None or anchor.document_id != document_id or anchor.deleted_at is not None:
            raise Invalid(
                f"There is no paragraph {after} to insert after.",
                code="paragraph.no_anchor",
                params={"paragraph": after},
            )
        if anchor.section_id != section_id:
            raise Invalid(
                f"Paragraph {after} is not in that section.",
                code="paragraph.anchor_other_section",
                params={"paragraph": after},
            )
        position = anchor.position + 1
    session.execute(
        sa.update(Paragraph)
        .where(col(Paragraph.section_id) == section_id, col(Paragraph.position) >= position)
        .values(position=col(Paragraph.position) + 1)
        .execution_options(synchronize_session=False)
    )
    return position


def insert(
    session: Session,
    *,
    document: Document,
    section_ref: int | str,
    after: int | None,
    text: str,
    actor: Actor,
    now: datetime,
    source: str = "create",
    note: str = "",
    amendment_ids: tuple[int, ...] = (),
    delegation_code: str | None = None,
) -> Paragraph:
    """Add a paragraph (version 1) to a section; later paragraphs move down one number."""
    text = paragraph_text(text, limits=limits.of(session))
    note = note_text(note, limits=limits.of(session), what="The note")
    document_id = id_of(document)
    locking.document(session, document_id=document_id)
    section = documents_service.get_section(session, document_id=document_id, ref=section_ref)
    section_id = id_of(section)
    position = _position_after(session, section_id=section_id, after=after, document_id=document_id)
    paragraph = Paragraph(
        document_id=document_id, section_id=section_id, position=position, created_at=now
    )
    session.add(paragraph)
    session.flush()
    version = versions_service.append(
        session,
        paragraph=paragraph,
        text=text,
        expected_version=0,
        actor=actor,
        now=now,
        source=source,
        note=note,
        amendment_ids=amendment_ids,
        delegation_code=delegation_code,
    )
    events_service.record(
        session,
        document_id=document_id,
        actor=actor,
        action="paragraph.created",
        target_type="paragraph",
        target_id=paragraph.id,
        payload={
            "section": section.key,
            "after": after,
            "version": 1,
            "amendment_ids": list(amendment_ids),
        },
        content=[content_service.of_version(version)],
        now=now,
    )
    return paragraph


def create(
    session: Session, *, document: Document, data: ParagraphCreate, actor: Actor, now: datetime
) -> Paragraph:
    """A chair or the secretariat adds a paragraph directly."""
    require_chair_side(actor, "add paragraphs directly (delegations propose them as amendments)")
    return insert(
        session,
        document=document,
        section_ref=data.section,
        after=data.after,
        text=data.text,
        actor=actor,
        now=now,
        note=data.note,
    )


def edit(
    session: Session,
    *,
    paragraph: Paragraph,
    text: str,
    expected_version: int,
    note: str,
    actor: Actor,
    now: datetime,
) -> Paragraph:
    """A chair or the secretariat edits the text: a new version naming the one it was based on."""
    require_chair_side(actor, "edit the text directly (delegations propose amendments)")
    text = paragraph_text(text, limits=limits.of(session))
    note = note_text(note, limits=limits.of(session), what="The note")
    locking.paragraph(session, paragraph)
    locking.require_live(paragraph)
    if paragraph.head_version != expected_version:
        raise stale(paragraph, expected_version)
    if text == paragraph.head_text:
        raise Invalid(
            "The new text is the same as the current version; nothing to save.",
            code="paragraph.unchanged",
        )
    version = versions_service.append(
        session,
        paragraph=paragraph,
        text=text,
        expected_version=expected_version,
        actor=actor,
        now=now,
        source="edit",
        note=note,
    )
    events_service.record(
        session,
        document_id=paragraph.document_id,
        actor=actor,
        action="paragraph.edited",
        target_type="paragraph",
        target_id=paragraph.id,
        payload={"version": version.number, "note": note},
        content=[content_service.of_version(version)],
        now=now,
    )
    return paragraph


def remove(
    session: Session,
    *,
    paragraph: Paragraph,
    actor: Actor,
    now: datetime,
    note: str = "",
    check_role: bool = True,
    payload: dict[str, Any] | None = None,
) -> Paragraph:
    """Delete a paragraph from the text; it keeps its versions and can be read in history.

    A chair's direct deletion supersedes the amendments pending on it (none stays pending on a
    paragraph that is gone); accepting a deletion (`check_role=False`) does that itself.
    """
    if check_role:
        require_chair_side(actor, "delete paragraphs directly (delegations propose deletions)")
    locking.paragraph(session, paragraph)
    locking.require_live(paragraph)
    paragraph.deleted_at = now
    session.add(paragraph)
    session.flush()
    events_service.record(
        session,
        document_id=paragraph.document_id,
        actor=actor,
        action="paragraph.deleted",
        target_type="paragraph",
        target_id=paragraph.id,
        payload={"note": note, **(payload or {})},
        now=now,
    )
    if check_role:
        deciding.supersede_pending(
            session,
            paragraph=paragraph,
            reason=f"paragraph {paragraph.id} was deleted by the chairs.",
            actor=actor,
            now=now,
            deleted_by=actor.username,
        )
    return paragraph


def move(
    session: Session, *, paragraph: Paragraph, data: ParagraphMove, actor: Actor, now: datetime
) -> Paragraph:
    """Move a paragraph after another one (or to the start of a section)."""
    require_chair_side(actor, "move paragraphs")
    if data.after == paragraph.id:
        raise Invalid("A paragraph cannot be moved after itself.", code="paragraph.after_itself")
    locking.paragraph(session, paragraph)
    locking.require_live(paragraph)
    # Optional, as before it was honoured; when sent, a stale version is a 409 like an edit's.
    if data.expected_version is not None and data.expected_version != paragraph.head_version:
        raise stale(paragraph, data.expected_version)
    document_id = paragraph.document_id
    if data.section is not None:
        section = documents_service.get_section(session, document_id=document_id, ref=data.section)
    elif data.after is not None:
        anchor = session.get(Paragraph, data.after)
        if anchor is None or anchor.document_id != document_id or anchor.deleted_at is not None:
            raise Invalid(
                f"There is no paragraph {data.after} to move after.",
                code="paragraph.no_move_anchor",
                params={"paragraph": data.after},
            )
        section = documents_service.get_section(
            session, document_id=document_id, ref=anchor.section_id
        )
    else:
        raise Invalid(
            "Say where to move the paragraph: a section, a paragraph to follow, or both.",
            code="paragraph.move_where",
        )
    old_section = paragraph.section_id
    # Park the paragraph outside every section's numbering while the slot opens.
    paragraph.position = -1
    session.flush()
    section_id = id_of(section)
    paragraph.position = _position_after(
        session, section_id=section_id, after=data.after, document_id=document_id
    )
    paragraph.section_id = section_id
    session.add(paragraph)
    session.flush()
    events_service.record(
        session,
        document_id=document_id,
        actor=actor,
        action="paragraph.moved",
        target_type="paragraph",
        target_id=paragraph.id,
        payload={"from_section": old_section, "to_section": section_id, "after": data.after},
        now=now,
    )
    return paragraph


def count_live(session: Session, *, document_id: int) -> int:
    return session.exec(
        select(func.count()).where(
            Paragraph.document_id == document_id, col(Paragraph.deleted_at).is_(None)
        )
    ).one()


def public(session: Session, *, paragraph: Paragraph) -> ParagraphPublic:
    """The paragraph as the API shows it, with its current number and label."""
    numbers = documents_service.numbering(session, document_id=paragraph.document_id)
    number, label = numbers.get(id_of(paragraph), (0, "deleted"))
    return placed(paragraph, number=number, label=label)


def placed(paragraph: Paragraph, *, number: int, label: str) -> ParagraphPublic:
    """The paragraph as the API shows it, at a place already known (the board's row)."""
    return ParagraphPublic(
        id=id_of(paragraph),
        section_id=paragraph.section_id,
        number=number,
        label=label,
        head_version=paragraph.head_version,
        text=paragraph.head_text,
        frozen=paragraph.frozen,
    )
