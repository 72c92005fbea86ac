"""Amendments from the delegations' side: propose, revise and withdraw them.

An amendment stores the full proposed text, its patch against the base version the delegation
read and the text's hash; each revision appends an `AmendmentVersion` (number 1 on proposal).
Co-sponsors join and leave in `sponsors`, comments are in `discussion`; the chairs decide in
`decisions`; the read views are in `views`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel import Session

from app.drafting.patches import make_patch, text_hash
from app.errors import Conflict, Invalid
from app.models import (
    Amendment,
    AmendmentKind,
    AmendmentStatus,
    Document,
    Paragraph,
    Role,
)
from app.models.amendment import AmendmentCreate, AmendmentRevise, StructuralAmendmentCreate
from app.services.accounts.actors import Actor
from app.services.accounts.members import member_code
from app.services.amendments import chairs as chairs_service
from app.services.amendments import checks, storing
from app.services.amendments.access import current_sponsors, lock, require_pending
from app.services.amendments.rows import version_row
from app.services.record import content as content_service
from app.services.record import events as events_service
from app.services.record.rows import id_of
from app.services.text import documents as documents_service
from app.services.text import limits, locking
from app.services.text.cleaning import note_text, paragraph_text


def paragraph_of(session: Session, amendment: Amendment) -> Paragraph:
    """The paragraph a wording or deletion amendment is on (deleted or not)."""
    return session.get_one(Paragraph, amendment.paragraph_id)


def propose(
    session: Session, *, paragraph: Paragraph, data: AmendmentCreate, actor: Actor, now: datetime
) -> Amendment:
    """A member delegation proposes new wording for a paragraph, read at `base_version`; a
    co-chair tables the chairs' compromise text the same way (`chairs`)."""
    chairs = actor.role == Role.CHAIR and actor.delegation is not None
    code = actor.delegation if chairs else None
    code = code or member_code(session, actor, "propose amendments")
    checks.refuse_if_frozen(paragraph)  # as read (again under the lock): it comes first
    # Before the write lock: the text against the version read (a version never changes, and
    # the head only moves on) and the patch.
    text, base = checks.modify_text(session, paragraph, data.base_version, data.text)
    rationale = note_text(data.rationale, limits=limits.of(session), what="The rationale")
    amendment = storing.new(
        document_id=paragraph.document_id,
        kind=AmendmentKind.MODIFY,
        rationale=rationale,
        code=code,
        actor=actor,
        now=now,
    )
    amendment.paragraph_id, amendment.section_id = paragraph.id, paragraph.section_id
    amendment.base_version, amendment.text = data.base_version, text
    amendment.chairs_text = chairs
    if data.replaces and not chairs:
        raise Invalid(
            "Only the co-chairs' proposal replaces other amendments.",
            code="proposal.replaces_chairs_only",
        )
    storing.prepare(amendment=amendment, base=base)
    payload = {
        "paragraph_id": paragraph.id,
        "base_version": data.base_version,
        "text": events_service.excerpt(text),
    }
    # A delegation's proposal on PostgreSQL inserts its rows before it takes the locks (they
    # block no one: `text/locking.inserts_need_no_lock`), so the document's lock is held only for
    # the re-check and the event; a failed re-check rolls the rows back with the transaction.
    # The chairs' proposal first re-reads, under the lock, the proposals it replaces.
    early = not chairs and locking.inserts_need_no_lock(session)
    written = storing.write_rows(session, amendment=amendment, actor=actor) if early else None
    locking.paragraph(session, paragraph)  # the paragraph as the writers before this left it
    locking.require_live(paragraph)
    checks.refuse_if_frozen(paragraph)
    if chairs:
        amendment.replaces = chairs_service.replaced(
            session, paragraph=paragraph, ids=data.replaces
        )
    late = storing.late(session, amendment=amendment, now=now)
    if written is None:
        amendment.late, amendment.section_id = late, paragraph.section_id
        written = storing.write_rows(session, amendment=amendment, actor=actor)
    else:
        found = {"late": late, "section_id": paragraph.section_id}
        if changed := {k: v for k, v in found.items() if getattr(amendment, k) != v}:
            storing.correct(session, amendment=amendment, **changed)
    return storing.record(
        session, amendment=amendment, written=written, actor=actor, now=now, payload=payload
    )


def propose_structural(
    session: Session,
    *,
    document: Document,
    data: StructuralAmendmentCreate,
    actor: Actor,
    now: datetime,
) -> Amendment:
    """A member delegation proposes to add a paragraph after another, or to delete one."""
    code = member_code(session, actor, "propose amendments")
    rationale = note_text(data.rationale, limits=limits.of(session), what="The rationale")
    if data.kind not in (AmendmentKind.INSERT_PARAGRAPH, AmendmentKind.DELETE_PARAGRAPH):
        raise Invalid(
            "This endpoint takes insert_paragraph or delete_paragraph amendments; propose new "
            "wording with POST /api/paragraphs/{paragraph_id}/amendments.",
            code="proposal.structural_kind",
        )
    amendment = storing.new(
        document_id=id_of(document),
        kind=data.kind,
        rationale=rationale,
        code=code,
        actor=actor,
        now=now,
    )
    if data.kind == AmendmentKind.INSERT_PARAGRAPH:
        base, payload = _insertion(session, amendment, data)
    else:
        base, payload = _deletion(session, amendment, data)
    storing.prepare(amendment=amendment, base=base)
    amendment.late = storing.late(session, amendment=amendment, now=now)
    return storing.store(session, amendment=amendment, actor=actor, now=now, payload=payload)


def _insertion(
    session: Session, amendment: Amendment, data: StructuralAmendmentCreate
) -> tuple[str, dict[str, Any]]:
    """Place a proposed paragraph: (base text, event payload)."""
    if data.section is None:
        raise Invalid(
            "Say in which section the new paragraph goes (section id or key).",
            code="proposal.section_missing",
        )
    document_id = amendment.document_id
    locking.document(session, document_id=document_id)
    section = documents_service.get_section(session, document_id=document_id, ref=data.section)
    if data.after is not None:
        anchor = session.get(Paragraph, data.after)
        if anchor is not None and anchor.document_id == document_id:
            anchor = locking.paragraph(session, anchor)
        if anchor is None or anchor.document_id != document_id or anchor.deleted_at:
            raise Invalid(
                f"There is no paragraph {data.after} to insert after.",
                code="paragraph.no_anchor",
                params={"paragraph": data.after},
            )
        if anchor.section_id != section.id:
            raise Invalid(
                f"Paragraph {data.after} is not in section {section.key!r}.",
                code="proposal.anchor_other_section",
                params={"paragraph": data.after, "section": section.key},
            )
    text = paragraph_text(data.text, limits=limits.of(session), what="The proposed paragraph")
    amendment.section_id, amendment.after_paragraph_id, amendment.text = (
        section.id,
        data.after,
        text,
    )
    return "", {"section": section.key, "after": data.after, "text": events_service.excerpt(text)}


def _deletion(
    session: Session, amendment: Amendment, data: StructuralAmendmentCreate
) -> tuple[str, dict[str, Any]]:
    """Aim a proposed deletion at its paragraph: (base text, event payload)."""
    if data.paragraph_id is None:
        raise Invalid(
            "Name the paragraph_id of the paragraph to delete.", code="proposal.deletion_target"
        )
    paragraph = session.get(Paragraph, data.paragraph_id)
    if paragraph is not None and paragraph.document_id == amendment.document_id:
        paragraph = locking.paragraph(session, paragraph)
    if paragraph is None or paragraph.document_id != amendment.document_id or paragraph.deleted_at:
        raise Invalid(
            f"Document {amendment.document_id} has no paragraph {data.paragraph_id}.",
            code="document.no_paragraph",
            params={"document": amendment.document_id, "paragraph": data.paragraph_id},
        )
    checks.refuse_if_frozen(paragraph)
    if data.text.strip():
        raise Invalid(
            "A deletion proposes no text; leave `text` empty.", code="proposal.deletion_text"
        )
    base_version = checks.named_base(data.base_version)
    base = checks.base_text(paragraph, base_version, session)
    amendment.paragraph_id, amendment.section_id = paragraph.id, paragraph.section_id
    amendment.base_version = base_version
    return base, {"paragraph_id": paragraph.id, "base_version": base_version}


def revise(
    session: Session, *, amendment: Amendment, data: AmendmentRevise, actor: Actor, now: datetime
) -> Amendment:
    """The proposer revises the amendment: a new amendment version; the earlier ones are kept.

    The co-sponsors are told: the event names them, and each one's sponsorship says which
    revision it joined (the API view flags those who joined an earlier text).
    """
    checks.require_proposer(session, amendment, actor, "revise")
    lock(session, amendment)
    require_pending(amendment, "only a pending amendment can be revised.")
    rationale = amendment.rationale
    if data.rationale is not None:
        rationale = note_text(data.rationale, limits=limits.of(session), what="The rationale")
    text, base, base_version = _revised(session, amendment, data)
    unchanged = (amendment.text, amendment.base_version, amendment.rationale)
    if (text, base_version, rationale) == unchanged:
        raise Invalid(
            "The revision changes nothing: same text, base version and rationale.",
            code="proposal.revision_unchanged",
        )
    amendment.revision += 1
    amendment.text, amendment.base_version, amendment.rationale = text, base_version, rationale
    amendment.patch, amendment.text_sha256 = make_patch(base, text), text_hash(text)
    amendment.updated_at = now
    session.add(amendment)
    version = version_row(amendment, actor)
    session.add(version)
    session.flush()
    events_service.record(
        session,
        document_id=amendment.document_id,
        actor=actor,
        action="amendment.revised",
        target_type="amendment",
        target_id=amendment.id,
        payload={
            "revision": amendment.revision,
            "base_version": base_version,
            "text": events_service.excerpt(text),
            "co_sponsors": current_sponsors(session, amendment=amendment)[1:],
        },
        content=[
            content_service.of_amendment(amendment),
            content_service.of_amendment_version(version),
        ],
        now=amendment.updated_at,
    )
    return amendment


def _revised(session: Session, amendment: Amendment, data: AmendmentRevise) -> tuple[str, str, int]:
    """(text, base text, base version) of a revision, checked as a new proposal would be."""
    base_version = data.base_version or amendment.base_version
    text = data.text if data.text is not None else amendment.text
    if amendment.kind == AmendmentKind.MODIFY:
        paragraph = locking.paragraph(session, paragraph_of(session, amendment))
        if paragraph.deleted_at is not None:
            raise Conflict(
                f"Paragraph {paragraph.id} has been deleted; withdraw the amendment.",
                code="proposal.paragraph_deleted",
                params={"paragraph": id_of(paragraph)},
            )
        text, base = checks.modify_text(session, paragraph, base_version, text)
        return text, base, base_version
    if amendment.kind == AmendmentKind.DELETE_PARAGRAPH:
        if text.strip():
            raise Invalid(
                "A deletion proposes no text; leave `text` empty.", code="proposal.deletion_text"
            )
        base = checks.base_text(paragraph_of(session, amendment), base_version, session)
        return text, base, base_version
    if data.base_version not in (None, 0):
        raise Invalid(
            "A new paragraph has no base version; leave base_version out.",
            code="proposal.insert_base_version",
        )
    return paragraph_text(text, limits=limits.of(session), what="The proposed paragraph"), "", 0


def withdraw(
    session: Session, *, amendment: Amendment, reason: str, actor: Actor, now: datetime
) -> Amendment:
    """The proposer withdraws the amendment; a decided amendment cannot be withdrawn."""
    code = checks.require_proposer(session, amendment, actor, "withdraw")
    reason = note_text(reason, limits=limits.of(session), what="The reason")
    lock(session, amendment)
    require_pending(amendment, "only a pending amendment can be withdrawn.")
    amendment.status = AmendmentStatus.WITHDRAWN
    amendment.decided_at = amendment.updated_at = now
    amendment.decided_by_account_id = actor.account_id
    amendment.decision_reason = reason
    session.add(amendment)
    session.flush()
    events_service.record(
        session,
        document_id=amendment.document_id,
        actor=actor,
        action="amendment.withdrawn",
        target_type="amendment",
        target_id=amendment.id,
        payload={"code": code, "reason": events_service.excerpt(reason)},
        content=[content_service.of_amendment(amendment)],
        now=amendment.decided_at,
    )
    return amendment
