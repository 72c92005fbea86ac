"""The chairs decide on amendments: accept, reject, or merge several into a compromise text.

Accepting or merging writes the new paragraph version through `versions_service.append` (the
optimistic lock on `expected_version`), naming the amendments it came from. An amendment whose
base the head has moved past is rebased at word level first; if it no longer applies the chair
gets a 409 with the conflicting passages, never a fuzzy result.

A merge marks a source amendment `accepted` when the compromise carries every change it proposed
(word by word against its own base) and `partly_accepted` otherwise.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, select

from app.drafting import rebase as rebase_core
from app.errors import Conflict, Invalid
from app.models import (
    Amendment,
    AmendmentKind,
    AmendmentStatus,
    Document,
    Paragraph,
    ParagraphVersion,
)
from app.services.accounts.actors import Actor, require_chair_side
from app.services.amendments import proposals as amendments_service
from app.services.amendments.views import BaseTexts, conflicts_public
from app.services.record import events as events_service
from app.services.text import limits
from app.services.text import paragraphs as paragraphs_service
from app.services.text import versions as versions_service
from app.services.text.cleaning import note_text, paragraph_text
from app.services.text.errors import stale


def _decide(
    amendment: Amendment, status: str, actor: Actor, now: datetime, reason: str = ""
) -> None:
    amendment.status = status
    amendment.decided_at = amendment.updated_at = now
    amendment.decided_by_account_id = actor.account_id
    amendment.decision_reason = reason


def _record(session: Session, amendment: Amendment, actor: Actor, action: str, **payload) -> None:
    events_service.record(
        session,
        document_id=amendment.document_id,
        actor=actor,
        action=action,
        target_type="amendment",
        target_id=amendment.id,
        payload=payload,
        now=amendment.decided_at,
    )


def _live_paragraph(session: Session, amendment: Amendment) -> Paragraph:
    paragraph = session.get(Paragraph, amendment.paragraph_id)
    if paragraph.deleted_at is not None:
        raise Conflict(
            f"Paragraph {paragraph.id} has been deleted; amendment {amendment.id} no longer "
            "applies. Reject it or ask its sponsors to withdraw it."
        )
    return paragraph


def _expect_head(paragraph: Paragraph, expected_version: int | None) -> None:
    if expected_version is None:
        raise Invalid("Name the expected_version: the paragraph version you are deciding on.")
    if paragraph.head_version != expected_version:
        raise stale(paragraph, expected_version)


def accept(
    session: Session,
    *,
    amendment: Amendment,
    expected_version: int | None,
    note: str = "",
    actor: Actor,
    now: datetime,
) -> Amendment:
    """Accept an amendment: a new paragraph version (or a new or deleted paragraph)."""
    require_chair_side(actor, "accept amendments")
    note = note_text(note, limits=limits.of(session), what="The note")
    amendment_ids = (amendment.id,)
    amendments_service.lock(session, amendment)
    amendments_service.require_pending(amendment, "only a pending amendment can be accepted.")
    sponsors = amendments_service.current_sponsors(session, amendment=amendment)
    if amendment.kind == AmendmentKind.INSERT_PARAGRAPH:
        return _accept_insertion(session, amendment, expected_version, note, sponsors, actor, now)
    paragraph = _live_paragraph(session, amendment)
    _expect_head(paragraph, expected_version)
    if amendment.kind == AmendmentKind.DELETE_PARAGRAPH:
        paragraphs_service.remove(
            session,
            paragraph=paragraph,
            actor=actor,
            now=now,
            note=note,
            check_role=False,
            payload={"amendment_id": amendment.id},
        )
        _decide(amendment, AmendmentStatus.ACCEPTED, actor, now)
        _record(session, amendment, actor, "amendment.accepted", sponsors=sponsors, deleted=True)
        supersede_pending(session, paragraph=paragraph, by=amendment, actor=actor, now=now)
        return amendment
    base = BaseTexts(session).text(paragraph, amendment.base_version)
    result = rebase_core.rebase(base, paragraph.head_text, amendment.text)
    if result.status == rebase_core.CONFLICT:
        raise Conflict(
            f"Amendment {amendment.id} no longer applies to version {paragraph.head_version} "
            f"of paragraph {paragraph.id}: {len(result.conflicts)} passage(s) it changes were "
            f"changed since version {amendment.base_version}. Merge it by hand or ask its "
            "sponsors to revise it.",
            head_version=paragraph.head_version,
            conflicts=[c.model_dump() for c in conflicts_public(result.conflicts)],
        )
    if result.status == rebase_core.ALREADY_APPLIED:
        # Nothing to write: the head already says it. Recording it as accepted keeps the
        # disposition true ("already in version N") instead of forcing a rejection.
        _decide(
            amendment,
            AmendmentStatus.ACCEPTED,
            actor,
            now,
            f"Version {paragraph.head_version} already contained its changes.",
        )
        amendment.result_version = paragraph.head_version
        _record(
            session,
            amendment,
            actor,
            "amendment.accepted",
            paragraph_id=paragraph.id,
            version=paragraph.head_version,
            already_applied=True,
            sponsors=sponsors,
        )
        return amendment
    text = paragraph_text(result.text, limits=limits.of(session), what="The amended paragraph")
    version = versions_service.append(
        session,
        paragraph=paragraph,
        text=text,
        expected_version=paragraph.head_version,
        actor=actor,
        now=now,
        source="amendment",
        note=note,
        amendment_ids=amendment_ids,
        delegation_code=amendment.proposer_code,
    )
    _decide(amendment, AmendmentStatus.ACCEPTED, actor, now)
    amendment.result_version = version.number
    _record(
        session,
        amendment,
        actor,
        "amendment.accepted",
        paragraph_id=paragraph.id,
        version=version.number,
        rebased=amendment.base_version != version.number - 1,
        sponsors=sponsors,
    )
    return amendment


def _accept_insertion(
    session: Session,
    amendment: Amendment,
    expected_version: int | None,
    note: str,
    sponsors: list[str],
    actor: Actor,
    now: datetime,
) -> Amendment:
    if expected_version not in (None, 0):
        raise Invalid(
            "A new paragraph has no version yet: send expected_version 0 or leave it out."
        )
    section_id = amendment.section_id
    if amendment.after_paragraph_id is not None:
        anchor = session.get(Paragraph, amendment.after_paragraph_id)
        if anchor.deleted_at is not None:
            raise Conflict(
                f"Paragraph {anchor.id}, which the new paragraph was to follow, has been deleted. "
                "Reject the amendment or ask its sponsors to propose it again."
            )
        section_id = anchor.section_id  # the chairs may have moved it: the new one follows it
    paragraph = paragraphs_service.insert(
        session,
        document=session.get(Document, amendment.document_id),
        section_ref=section_id,
        after=amendment.after_paragraph_id,
        text=amendment.text,
        actor=actor,
        now=now,
        source="amendment",
        note=note,
        amendment_ids=(amendment.id,),
        delegation_code=amendment.proposer_code,
    )
    _decide(amendment, AmendmentStatus.ACCEPTED, actor, now)
    amendment.paragraph_id, amendment.section_id, amendment.result_version = (
        paragraph.id,
        section_id,
        1,
    )
    _record(
        session,
        amendment,
        actor,
        "amendment.accepted",
        paragraph_id=paragraph.id,
        version=1,
        sponsors=sponsors,
    )
    return amendment


def supersede_pending(
    session: Session, *, paragraph: Paragraph, by: Amendment, actor: Actor, now: datetime
) -> list[int]:
    """Mark the other pending amendments on a paragraph deleted by accepting `by` superseded."""
    others = session.exec(
        select(Amendment)
        .where(
            Amendment.paragraph_id == paragraph.id,
            Amendment.status == AmendmentStatus.PENDING,
            Amendment.id != by.id,
        )
        .order_by(Amendment.id)
        .with_for_update()
    ).all()
    reason = f"paragraph {paragraph.id} was deleted by accepting amendment {by.id}."
    for other in others:
        _decide(other, AmendmentStatus.SUPERSEDED, actor, now, reason)
        session.add(other)
        session.flush()
        _record(session, other, actor, "amendment.superseded", by=by.id, paragraph_id=paragraph.id)
    return [o.id for o in others]


def reject(
    session: Session, *, amendment: Amendment, reason: str, actor: Actor, now: datetime
) -> Amendment:
    """Reject an amendment, with the reason the sponsors will read."""
    require_chair_side(actor, "reject amendments")
    reason = note_text(
        reason, limits=limits.of(session), what="A rejection's reason", required=True
    )
    amendments_service.lock(session, amendment)
    amendments_service.require_pending(amendment, "only a pending amendment can be rejected.")
    _decide(amendment, AmendmentStatus.REJECTED, actor, now, reason)
    session.add(amendment)
    session.flush()
    _record(
        session, amendment, actor, "amendment.rejected", reason=amendments_service.short(reason)
    )
    return amendment


def merge(
    session: Session,
    *,
    paragraph: Paragraph,
    amendment_ids: list[int],
    text: str,
    expected_version: int,
    note: str = "",
    actor: Actor,
    now: datetime,
) -> tuple[ParagraphVersion, list[Amendment]]:
    """Write the chair's compromise text as a new version naming every source amendment."""
    require_chair_side(actor, "merge amendments")
    if not amendment_ids:
        raise Invalid("Name at least one amendment to merge.")
    if len(set(amendment_ids)) != len(amendment_ids):
        raise Invalid("An amendment is named twice in amendment_ids.")
    note = note_text(note, limits=limits.of(session), what="The note")
    text = paragraph_text(text, limits=limits.of(session), what="The compromise text")
    rows = {
        a.id: a
        for a in session.exec(
            select(Amendment)
            .where(Amendment.id.in_(amendment_ids))
            .with_for_update()
            .execution_options(populate_existing=True)
        ).all()
    }
    sources = []
    for amendment_id in amendment_ids:
        amendment = rows.get(amendment_id)
        if amendment is None:
            raise Invalid(f"There is no amendment {amendment_id}.")
        if amendment.paragraph_id != paragraph.id:
            raise Invalid(f"Amendment {amendment_id} is not on paragraph {paragraph.id}.")
        if amendment.kind != AmendmentKind.MODIFY:
            raise Invalid(
                f"Amendment {amendment_id} proposes to delete the paragraph; only wording "
                "amendments can be merged. Accept or reject it on its own."
            )
        amendments_service.require_pending(amendment, "only pending amendments can be merged.")
        sources.append(amendment)
    _expect_head(paragraph, expected_version)
    if text == paragraph.head_text:
        raise Invalid(
            f"The compromise text is the same as version {paragraph.head_version}; "
            "nothing to merge."
        )
    bases = BaseTexts(session)
    carried = {
        a.id: rebase_core.rebase(bases.text(paragraph, a.base_version), text, a.text).status
        == rebase_core.ALREADY_APPLIED
        for a in sources
    }
    ids = sorted(amendment_ids)
    version = versions_service.append(
        session,
        paragraph=paragraph,
        text=text,
        expected_version=expected_version,
        actor=actor,
        now=now,
        source="merge",
        note=note,
        amendment_ids=ids,
    )
    for amendment in sources:
        status = (
            AmendmentStatus.ACCEPTED if carried[amendment.id] else AmendmentStatus.PARTLY_ACCEPTED
        )
        _decide(amendment, status, actor, now)
        amendment.result_version = version.number
        session.add(amendment)
    session.flush()
    events_service.record(
        session,
        document_id=paragraph.document_id,
        actor=actor,
        action="amendment.merged",
        target_type="paragraph",
        target_id=paragraph.id,
        payload={
            "version": version.number,
            "amendment_ids": ids,
            "accepted": [i for i in ids if carried[i]],
            "partly_accepted": [i for i in ids if not carried[i]],
            "text": amendments_service.short(text),
        },
        now=sources[0].decided_at,
    )
    return version, sources
