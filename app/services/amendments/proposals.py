"""Amendments from the delegations' side: propose, co-sponsor, revise, withdraw, discuss.

An amendment stores the full proposed text, its patch against the base version the delegation
read and the text's hash; each revision appends an `AmendmentVersion` (number 1 on proposal).
The chairs' decisions live in `amendment_decisions`; the read views in `amendment_views`.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, select

from app.drafting import consensus
from app.drafting.patches import make_patch, text_hash
from app.errors import Conflict, Forbidden, Invalid, NotFound
from app.models import (
    Account,
    Amendment,
    AmendmentKind,
    AmendmentSponsor,
    AmendmentStatus,
    AmendmentVersion,
    Comment,
    Document,
    Paragraph,
)
from app.models.amendment import (
    AmendmentCreate,
    AmendmentRevise,
    CommentPublic,
    StructuralAmendmentCreate,
)
from app.services.accounts.actors import Actor
from app.services.accounts.members import member_code
from app.services.record import events as events_service
from app.services.text import documents as documents_service
from app.services.text import limits
from app.services.text import versions as versions_service
from app.services.text.cleaning import note_text, paragraph_text

SHORT = 200  # characters of text kept in event payloads


def get_or_raise(session: Session, *, amendment_id: int) -> Amendment:
    amendment = session.get(Amendment, amendment_id)
    if amendment is None:
        raise NotFound(f"There is no amendment {amendment_id}.")
    return amendment


def lock(session: Session, amendment: Amendment) -> None:
    """Re-read the row under a write lock: two decisions on one amendment cannot cross."""
    session.execute(
        select(Amendment)
        .where(Amendment.id == amendment.id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )


def require_pending(amendment: Amendment, what: str) -> None:
    if amendment.status != AmendmentStatus.PENDING:
        raise Conflict(
            f"Amendment {amendment.id} is {amendment.status}: {what}",
            amendment_status=amendment.status,
        )


def short(text: str) -> str:
    return text if len(text) <= SHORT else text[: SHORT - 1] + "…"


def current_sponsors(session: Session, *, amendment: Amendment) -> list[str]:
    """Codes of the current sponsors, the proposer first."""
    rows = session.exec(
        select(AmendmentSponsor.participant_code)
        .where(AmendmentSponsor.amendment_id == amendment.id, AmendmentSponsor.left_at.is_(None))
        .order_by(AmendmentSponsor.joined_at, AmendmentSponsor.id)
    ).all()
    return [amendment.proposer_code] + [c for c in rows if c != amendment.proposer_code]


def _require_sponsor(session: Session, amendment: Amendment, actor: Actor, action: str) -> str:
    code = member_code(session, actor, f"{action} amendments")
    sponsors = current_sponsors(session, amendment=amendment)
    if code not in sponsors:
        raise Forbidden(
            f"Only the sponsors of amendment {amendment.id} ({', '.join(sponsors)}) can "
            f"{action} it."
        )
    return code


def _base_text(paragraph: Paragraph, base_version: int | None, session: Session) -> str:
    if base_version is None:
        raise Invalid("Name the base_version: the version of the paragraph you are amending.")
    if not 1 <= base_version <= paragraph.head_version:
        raise Invalid(
            f"Paragraph {paragraph.id} has versions 1 to {paragraph.head_version}; "
            f"there is no version {base_version}."
        )
    if base_version == paragraph.head_version:
        return paragraph.head_text
    return versions_service.text_of(session, paragraph_id=paragraph.id, number=base_version)


def _modify_text(session: Session, paragraph: Paragraph, base_version: int, text: str):
    """(cleaned text, base text) of a wording amendment, or 422 if it changes nothing."""
    text = paragraph_text(text, limits=limits.of(session), what="The proposed text")
    base = _base_text(paragraph, base_version, session)
    if text == base:
        raise Invalid(
            f"The amendment changes nothing: the proposed text is the same as version "
            f"{base_version}."
        )
    return text, base


def _refuse_if_frozen(paragraph: Paragraph) -> None:
    error = consensus.amendment_error(frozen=paragraph.frozen)
    if error:
        raise Conflict(error)


def _store(
    session: Session, *, amendment: Amendment, base: str, actor: Actor, now: datetime, payload: dict
) -> Amendment:
    """Write the amendment, its version 1, its first sponsor and the event."""
    amendment.patch = make_patch(base, amendment.text)
    amendment.text_sha256 = text_hash(amendment.text)
    session.add(amendment)
    session.flush()
    session.add(_version_row(amendment, actor))
    session.add(
        AmendmentSponsor(
            amendment_id=amendment.id,
            participant_code=amendment.proposer_code,
            joined_by_account_id=actor.account_id,
            joined_at=amendment.created_at,
        )
    )
    session.flush()
    events_service.record(
        session,
        document_id=amendment.document_id,
        actor=actor,
        action="amendment.proposed",
        target_type="amendment",
        target_id=amendment.id,
        payload={"kind": amendment.kind, "code": amendment.proposer_code, **payload},
        now=now,
    )
    return amendment


def _version_row(amendment: Amendment, actor: Actor) -> AmendmentVersion:
    return AmendmentVersion(
        amendment_id=amendment.id,
        number=amendment.revision,
        base_version=amendment.base_version,
        text=amendment.text,
        patch=amendment.patch,
        text_sha256=amendment.text_sha256,
        rationale=amendment.rationale,
        author_account_id=actor.account_id,
        created_at=amendment.updated_at,
    )


def propose(
    session: Session, *, paragraph: Paragraph, data: AmendmentCreate, actor: Actor, now: datetime
) -> Amendment:
    """A member delegation proposes new wording for a paragraph, read at `base_version`."""
    code = member_code(session, actor, "propose amendments")
    _refuse_if_frozen(paragraph)
    text, base = _modify_text(session, paragraph, data.base_version, data.text)
    rationale = note_text(data.rationale, limits=limits.of(session), what="The rationale")
    amendment = Amendment(
        document_id=paragraph.document_id,
        kind=AmendmentKind.MODIFY,
        paragraph_id=paragraph.id,
        section_id=paragraph.section_id,
        base_version=data.base_version,
        text=text,
        rationale=rationale,
        proposer_code=code,
        author_account_id=actor.account_id,
        created_at=now,
        updated_at=now,
    )
    payload = {"paragraph_id": paragraph.id, "base_version": data.base_version, "text": short(text)}
    return _store(session, amendment=amendment, base=base, actor=actor, now=now, payload=payload)


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
    fields = dict(
        document_id=document.id,
        kind=data.kind,
        rationale=rationale,
        proposer_code=code,
        author_account_id=actor.account_id,
        created_at=now,
        updated_at=now,
    )
    if data.kind == AmendmentKind.INSERT_PARAGRAPH:
        if data.section is None:
            raise Invalid("Say in which section the new paragraph goes (section id or key).")
        section = documents_service.get_section(session, document_id=document.id, ref=data.section)
        if data.after is not None:
            anchor = session.get(Paragraph, data.after)
            if anchor is None or anchor.document_id != document.id or anchor.deleted_at:
                raise Invalid(f"There is no paragraph {data.after} to insert after.")
            if anchor.section_id != section.id:
                raise Invalid(f"Paragraph {data.after} is not in section {section.key!r}.")
        text = paragraph_text(data.text, limits=limits.of(session), what="The proposed paragraph")
        amendment = Amendment(
            **fields, section_id=section.id, after_paragraph_id=data.after, text=text
        )
        payload = {"section": section.key, "after": data.after, "text": short(text)}
        return _store(session, amendment=amendment, base="", actor=actor, now=now, payload=payload)
    if data.kind == AmendmentKind.DELETE_PARAGRAPH:
        if data.paragraph_id is None:
            raise Invalid("Name the paragraph_id of the paragraph to delete.")
        paragraph = session.get(Paragraph, data.paragraph_id)
        if paragraph is None or paragraph.document_id != document.id or paragraph.deleted_at:
            raise Invalid(f"Document {document.id} has no paragraph {data.paragraph_id}.")
        _refuse_if_frozen(paragraph)
        if data.text.strip():
            raise Invalid("A deletion proposes no text; leave `text` empty.")
        base = _base_text(paragraph, data.base_version, session)
        amendment = Amendment(
            **fields,
            paragraph_id=paragraph.id,
            section_id=paragraph.section_id,
            base_version=data.base_version,
        )
        payload = {"paragraph_id": paragraph.id, "base_version": data.base_version}
        return _store(
            session, amendment=amendment, base=base, actor=actor, now=now, payload=payload
        )
    raise Invalid(
        "This endpoint takes insert_paragraph or delete_paragraph amendments; propose new "
        "wording with POST /api/paragraphs/{paragraph_id}/amendments."
    )


def revise(
    session: Session, *, amendment: Amendment, data: AmendmentRevise, actor: Actor, now: datetime
) -> Amendment:
    """A sponsor revises the amendment: a new amendment version; the earlier ones are kept."""
    _require_sponsor(session, amendment, actor, "revise")
    lock(session, amendment)
    require_pending(amendment, "only a pending amendment can be revised.")
    changes = data.model_dump(exclude_unset=True)
    rationale = amendment.rationale
    if changes.get("rationale") is not None:
        rationale = note_text(changes["rationale"], limits=limits.of(session), what="The rationale")
    base_version = changes.get("base_version") or amendment.base_version
    text = changes.get("text") if changes.get("text") is not None else amendment.text
    if amendment.kind == AmendmentKind.MODIFY:
        paragraph = session.get(Paragraph, amendment.paragraph_id)
        if paragraph.deleted_at is not None:
            raise Conflict(f"Paragraph {paragraph.id} has been deleted; withdraw the amendment.")
        text, base = _modify_text(session, paragraph, base_version, text)
    elif amendment.kind == AmendmentKind.DELETE_PARAGRAPH:
        if text.strip():
            raise Invalid("A deletion proposes no text; leave `text` empty.")
        paragraph = session.get(Paragraph, amendment.paragraph_id)
        base = _base_text(paragraph, base_version, session)
    else:
        if "base_version" in changes and changes["base_version"] not in (None, 0):
            raise Invalid("A new paragraph has no base version; leave base_version out.")
        text = paragraph_text(text, limits=limits.of(session), what="The proposed paragraph")
        base, base_version = "", 0
    unchanged = (amendment.text, amendment.base_version, amendment.rationale)
    if (text, base_version, rationale) == unchanged:
        raise Invalid("The revision changes nothing: same text, base version and rationale.")
    amendment.revision += 1
    amendment.text, amendment.base_version, amendment.rationale = text, base_version, rationale
    amendment.patch, amendment.text_sha256 = make_patch(base, text), text_hash(text)
    amendment.updated_at = now
    session.add(amendment)
    session.add(_version_row(amendment, actor))
    session.flush()
    events_service.record(
        session,
        document_id=amendment.document_id,
        actor=actor,
        action="amendment.revised",
        target_type="amendment",
        target_id=amendment.id,
        payload={"revision": amendment.revision, "base_version": base_version, "text": short(text)},
        now=amendment.updated_at,
    )
    return amendment


def withdraw(
    session: Session, *, amendment: Amendment, reason: str, actor: Actor, now: datetime
) -> Amendment:
    """A sponsor withdraws the amendment; a decided amendment cannot be withdrawn."""
    code = _require_sponsor(session, amendment, actor, "withdraw")
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
        payload={"code": code, "reason": short(reason)},
        now=amendment.decided_at,
    )
    return amendment


def comment(
    session: Session, *, amendment: Amendment, body: str, actor: Actor, now: datetime
) -> CommentPublic:
    """Anyone signed in (members, observers, chairs, secretariat) adds to the discussion."""
    body = note_text(body, limits=limits.of(session), what="A comment", required=True)
    row = Comment(
        document_id=amendment.document_id,
        amendment_id=amendment.id,
        paragraph_id=amendment.paragraph_id,
        author_account_id=actor.account_id,
        participant_code=actor.delegation,
        body=body,
        created_at=now,
    )
    session.add(row)
    session.flush()
    events_service.record(
        session,
        document_id=amendment.document_id,
        actor=actor,
        action="comment.added",
        target_type="amendment",
        target_id=amendment.id,
        payload={"comment_id": row.id, "body": short(body)},
        now=row.created_at,
    )
    return _comment_public(row, actor.username)


def _comment_public(row: Comment, author: str | None) -> CommentPublic:
    return CommentPublic(
        id=row.id,
        amendment_id=row.amendment_id,
        paragraph_id=row.paragraph_id,
        author=author,
        participant_code=row.participant_code,
        body=row.body,
        created_at=row.created_at,
    )


def comments(session: Session, *, amendment: Amendment) -> list[CommentPublic]:
    """The discussion on an amendment, oldest first."""
    rows = session.exec(
        select(Comment, Account.username)
        .join(Account, Account.id == Comment.author_account_id)
        .where(Comment.amendment_id == amendment.id)
        .order_by(Comment.id)
    ).all()
    return [_comment_public(row, username) for row, username in rows]
