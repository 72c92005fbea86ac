"""The chairs decide on amendments: accept or reject one (a merge of several: `merging`).

Accepting writes the new paragraph version through `versions_service.append` (the optimistic
lock on `expected_version`), naming the amendment it came from. An amendment whose base the
head has moved past is rebased at word level first; if it no longer applies the chair gets a
409 with the conflicting passages, never a fuzzy result.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from app.drafting import rebase as rebase_core
from app.drafting.messages import Message
from app.errors import Conflict, Invalid
from app.models import Amendment, AmendmentKind, AmendmentStatus, Document, Paragraph
from app.services.accounts.actors import Actor, require_chair_side
from app.services.amendments import access, deciding
from app.services.amendments import chairs as chairs_service
from app.services.amendments.proposals import paragraph_of
from app.services.amendments.rebasing import BaseTexts, conflicts_public
from app.services.record import events as events_service
from app.services.record.rows import id_of
from app.services.text import limits, locking
from app.services.text import paragraphs as paragraphs_service
from app.services.text import versions as versions_service
from app.services.text.cleaning import note_text, paragraph_text


@dataclass(frozen=True)
class _Acceptance:
    """Who accepts, when and with which note; and the sponsors the decision records."""

    actor: Actor
    now: datetime
    note: str
    sponsors: list[str]


def _live_paragraph(session: Session, amendment: Amendment) -> Paragraph:
    paragraph = locking.paragraph(session, paragraph_of(session, amendment))
    if paragraph.deleted_at is not None:
        raise Conflict(
            f"Paragraph {paragraph.id} has been deleted; amendment {amendment.id} no longer "
            "applies. Reject it or ask its sponsors to withdraw it.",
            code="decision.paragraph_deleted",
            params={"paragraph": id_of(paragraph), "id": id_of(amendment)},
        )
    return paragraph


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
    access.lock(session, amendment)
    access.require_pending(amendment, "only a pending amendment can be accepted.")
    sponsors = access.current_sponsors(session, amendment=amendment)
    by = _Acceptance(actor=actor, now=now, note=note, sponsors=sponsors)
    if amendment.kind == AmendmentKind.INSERT_PARAGRAPH:
        return _accept_insertion(session, amendment, expected_version, by)
    paragraph = _live_paragraph(session, amendment)
    if amendment.chairs_text:  # adopting the chairs' text is the merge of what it replaces
        return chairs_service.adopt(
            session,
            amendment=amendment,
            paragraph=paragraph,
            expected_version=expected_version,
            note=note,
            actor=actor,
            now=now,
        )
    deciding.expect_head(paragraph, expected_version)
    if amendment.kind == AmendmentKind.DELETE_PARAGRAPH:
        return _accept_deletion(session, amendment, paragraph, by)
    return _accept_wording(session, amendment, paragraph, by)


def _accept_deletion(
    session: Session, amendment: Amendment, paragraph: Paragraph, by: _Acceptance
) -> Amendment:
    paragraphs_service.remove(
        session,
        paragraph=paragraph,
        actor=by.actor,
        now=by.now,
        note=by.note,
        check_role=False,
        payload={"amendment_id": amendment.id},
    )
    deciding.stamp(amendment, AmendmentStatus.ACCEPTED, by.actor, by.now)
    deciding.record(
        session,
        amendment,
        by.actor,
        by.now,
        "amendment.accepted",
        sponsors=by.sponsors,
        deleted=True,
    )
    deciding.supersede_pending(
        session,
        paragraph=paragraph,
        reason=Message(
            "decision.superseded_by_deletion",
            {"paragraph": id_of(paragraph), "amendment": id_of(amendment)},
        ),
        actor=by.actor,
        now=by.now,
        keep=id_of(amendment),
        by=amendment.id,
    )
    return amendment


def _accept_wording(
    session: Session, amendment: Amendment, paragraph: Paragraph, by: _Acceptance
) -> Amendment:
    base = BaseTexts(session).text(paragraph, amendment.base_version)
    result = rebase_core.rebase(base, paragraph.head_text, amendment.text)
    if result.status == rebase_core.CONFLICT or result.text is None:
        raise _no_longer_applies(amendment, paragraph, result.conflicts)
    if result.status == rebase_core.ALREADY_APPLIED:
        return _accept_already_applied(session, amendment, paragraph, by)
    text = paragraph_text(result.text, limits=limits.of(session), what="The amended paragraph")
    version = versions_service.append(
        session,
        paragraph=paragraph,
        text=text,
        expected_version=paragraph.head_version,
        actor=by.actor,
        now=by.now,
        source="amendment",
        note=by.note,
        amendment_ids=(id_of(amendment),),
        delegation_code=amendment.proposer_code,
    )
    deciding.stamp(amendment, AmendmentStatus.ACCEPTED, by.actor, by.now)
    amendment.result_version = version.number
    deciding.record(
        session,
        amendment,
        by.actor,
        by.now,
        "amendment.accepted",
        wrote=version,
        paragraph_id=paragraph.id,
        version=version.number,
        rebased=amendment.base_version != version.number - 1,
        sponsors=by.sponsors,
    )
    return amendment


def _no_longer_applies(
    amendment: Amendment, paragraph: Paragraph, conflicts: Sequence[rebase_core.Conflict]
) -> Conflict:
    return Conflict(
        f"Amendment {amendment.id} no longer applies to version {paragraph.head_version} "
        f"of paragraph {paragraph.id}: {len(conflicts)} passage(s) it changes were "
        f"changed since version {amendment.base_version}. Merge it by hand or ask its "
        "sponsors to revise it.",
        code="decision.no_longer_applies",
        params={
            "id": id_of(amendment),
            "head": paragraph.head_version,
            "paragraph": id_of(paragraph),
            "count": len(conflicts),
            "base": amendment.base_version,
        },
        head_version=paragraph.head_version,
        conflicts=[c.model_dump() for c in conflicts_public(conflicts)],
    )


def _accept_already_applied(
    session: Session, amendment: Amendment, paragraph: Paragraph, by: _Acceptance
) -> Amendment:
    # Nothing to write: the head already says it. Recording it as accepted keeps the
    # disposition true ("already in version N") instead of forcing a rejection.
    deciding.stamp(
        amendment,
        AmendmentStatus.ACCEPTED,
        by.actor,
        by.now,
        Message("decision.already_contained", {"version": paragraph.head_version}),
    )
    amendment.result_version = paragraph.head_version
    deciding.record(
        session,
        amendment,
        by.actor,
        by.now,
        "amendment.accepted",
        paragraph_id=paragraph.id,
        version=paragraph.head_version,
        already_applied=True,
        sponsors=by.sponsors,
    )
    return amendment


def _insertion_section(session: Session, amendment: Amendment) -> int:
    """The section the new paragraph goes into: its anchor's, wherever the chairs moved it."""
    if amendment.after_paragraph_id is not None:
        anchor = locking.paragraph(
            session, session.get_one(Paragraph, amendment.after_paragraph_id)
        )
        if anchor.deleted_at is not None:
            raise Conflict(
                f"Paragraph {anchor.id}, which the new paragraph was to follow, has been deleted. "
                "Reject the amendment or ask its sponsors to propose it again.",
                code="decision.anchor_deleted",
                params={"paragraph": id_of(anchor)},
            )
        return anchor.section_id
    if amendment.section_id is None:
        raise RuntimeError(f"Amendment {amendment.id} inserts a paragraph but names no section.")
    return amendment.section_id


def _accept_insertion(
    session: Session, amendment: Amendment, expected_version: int | None, by: _Acceptance
) -> Amendment:
    if expected_version not in (None, 0):
        raise Invalid(
            "A new paragraph has no version yet: send expected_version 0 or leave it out.",
            code="decision.new_paragraph_version",
        )
    section_id = _insertion_section(session, amendment)
    paragraph = paragraphs_service.insert(
        session,
        document=session.get_one(Document, amendment.document_id),
        section_ref=section_id,
        after=amendment.after_paragraph_id,
        text=amendment.text,
        actor=by.actor,
        now=by.now,
        source="amendment",
        note=by.note,
        amendment_ids=(id_of(amendment),),
        delegation_code=amendment.proposer_code,
    )
    deciding.stamp(amendment, AmendmentStatus.ACCEPTED, by.actor, by.now)
    amendment.paragraph_id, amendment.section_id, amendment.result_version = (
        paragraph.id,
        section_id,
        1,
    )
    deciding.record(
        session,
        amendment,
        by.actor,
        by.now,
        "amendment.accepted",
        paragraph_id=paragraph.id,
        version=1,
        sponsors=by.sponsors,
    )
    return amendment


def reject(
    session: Session, *, amendment: Amendment, reason: str, actor: Actor, now: datetime
) -> Amendment:
    """Reject an amendment, with the reason the sponsors will read."""
    require_chair_side(actor, "reject amendments")
    reason = note_text(
        reason, limits=limits.of(session), what="A rejection's reason", required=True
    )
    access.lock(session, amendment)
    access.require_pending(amendment, "only a pending amendment can be rejected.")
    deciding.stamp(amendment, AmendmentStatus.REJECTED, actor, now, reason)
    session.add(amendment)
    session.flush()
    deciding.record(
        session,
        amendment,
        actor,
        now,
        "amendment.rejected",
        reason=events_service.excerpt(reason),
    )
    return amendment
