"""The chairs' compromise proposal: the co-chairs table their own text on a paragraph.

It is an amendment like any other (members take positions on it, the same endpoints read it),
proposed by the co-chair's PPT and marked `chairs_text`, and it may name pending amendments it
would replace. Adopting it is a merge (`merging.merge`): one new version naming the proposal
and every amendment it replaces still pending, each marked accepted or merged in the
disposition table, with a reason that says it went in through the chairs' text.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, select

from app.drafting import rebase as rebase_core
from app.drafting.messages import Message
from app.errors import Conflict, Invalid
from app.models import Amendment, AmendmentKind, AmendmentStatus, Paragraph
from app.services.accounts.actors import Actor
from app.services.amendments import deciding, merging
from app.services.amendments.rebasing import BaseTexts, conflicts_public
from app.services.record.rows import id_of


def replaced(session: Session, *, paragraph: Paragraph, ids: list[int]) -> list[int]:
    """The pending wording amendments on the paragraph that the chairs' text would replace."""
    if len(set(ids)) != len(ids):
        raise Invalid(
            "An amendment is named twice in replaces.",
            code="amendment.named_twice",
            params={"field": "replaces"},
        )
    if not ids:
        return []
    rows = {
        id_of(a): a for a in session.exec(select(Amendment).where(col(Amendment.id).in_(ids))).all()
    }
    for amendment_id in ids:
        amendment = rows.get(amendment_id)
        if amendment is None or amendment.paragraph_id != paragraph.id:
            raise Invalid(
                f"Amendment {amendment_id} is not on paragraph {paragraph.id}.",
                code="amendment.not_on_paragraph",
                params={"id": amendment_id, "paragraph": id_of(paragraph)},
            )
        if amendment.kind != AmendmentKind.MODIFY or amendment.chairs_text:
            raise Invalid(
                f"Amendment {amendment_id} is not a delegation's wording amendment.",
                code="chairs.not_wording_amendment",
                params={"id": amendment_id},
            )
        if amendment.status != AmendmentStatus.PENDING:
            raise Invalid(
                f"Amendment {amendment_id} is {amendment.status}; it replaces nothing.",
                code="chairs.replaces_decided",
                params={"id": amendment_id, "amendment_status": str(amendment.status)},
            )
    return sorted(ids)


def adopt(
    session: Session,
    *,
    amendment: Amendment,
    paragraph: Paragraph,
    expected_version: int | None,
    note: str,
    actor: Actor,
    now: datetime,
) -> Amendment:
    """Adopt the chairs' proposal as the merge of it and the amendments it replaces."""
    deciding.expect_head(paragraph, expected_version)
    base = BaseTexts(session).text(paragraph, amendment.base_version)
    result = rebase_core.rebase(base, paragraph.head_text, amendment.text)
    if result.status == rebase_core.CONFLICT or result.text is None:
        raise Conflict(
            f"The chairs' proposal {amendment.id} no longer applies to version "
            f"{paragraph.head_version} of paragraph {paragraph.id}: table a new one on it.",
            code="chairs.proposal_no_longer_applies",
            params={
                "id": id_of(amendment),
                "head": paragraph.head_version,
                "paragraph": id_of(paragraph),
            },
            head_version=paragraph.head_version,
            conflicts=[c.model_dump() for c in conflicts_public(result.conflicts)],
        )
    still = _still_pending(session, amendment)
    version, sources = merging.merge(
        session,
        paragraph=paragraph,
        amendment_ids=[id_of(amendment), *still],
        text=result.text,
        expected_version=paragraph.head_version,
        note=note or f"The chairs' proposal (amendment {amendment.id})",
        actor=actor,
        now=now,
    )
    for source in sources:
        deciding.given(source, _reason(source, amendment, still, version.number))
        session.add(source)
    session.flush()
    return amendment


def _reason(source: Amendment, proposal: Amendment, still: list[int], version: int) -> Message:
    if source.id != proposal.id:
        return Message(
            "decision.replaced_by_chairs", {"amendment": id_of(proposal), "version": version}
        )
    if still:
        replaced = ", ".join(map(str, still))
        return Message("decision.adopted_replacing", {"version": version, "amendments": replaced})
    return Message("decision.adopted", {"version": version})


def _still_pending(session: Session, amendment: Amendment) -> list[int]:
    if not amendment.replaces:
        return []
    rows = session.exec(
        select(Amendment.id).where(
            col(Amendment.id).in_(amendment.replaces),
            Amendment.status == AmendmentStatus.PENDING,
        )
    ).all()
    return sorted(i for i in rows if i is not None)
