"""The chairs merge several amendments on one paragraph into a compromise text of their own.

The compromise is written through `versions_service.append` as one new version naming every
source amendment. A source is marked `accepted` when the compromise carries every change it
proposed (word by word against its own base) and `partly_accepted` otherwise.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from app.drafting import rebase as rebase_core
from app.errors import Invalid
from app.models import Amendment, AmendmentKind, AmendmentStatus, Paragraph, ParagraphVersion
from app.services.accounts.actors import Actor, require_chair_side
from app.services.amendments import access, deciding
from app.services.amendments.rebasing import BaseTexts
from app.services.record import content as content_service
from app.services.record import events as events_service
from app.services.record.rows import id_of
from app.services.text import limits, locking
from app.services.text import versions as versions_service
from app.services.text.cleaning import note_text, paragraph_text


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
    _require_named_once(amendment_ids)
    note = note_text(note, limits=limits.of(session), what="The note")
    text = paragraph_text(text, limits=limits.of(session), what="The compromise text")
    sources = _sources(session, paragraph, amendment_ids)
    deciding.expect_head(paragraph, expected_version)
    if text == paragraph.head_text:
        raise Invalid(
            f"The compromise text is the same as version {paragraph.head_version}; "
            "nothing to merge.",
            code="merge.same_text",
            params={"version": paragraph.head_version},
        )
    carried = _carried(session, paragraph, text, sources)
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
        carries_all = carried[id_of(amendment)]
        status = AmendmentStatus.ACCEPTED if carries_all else AmendmentStatus.PARTLY_ACCEPTED
        deciding.stamp(amendment, status, actor, now)
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
        payload=_payload(version, ids, carried, text),
        content=[content_service.of_version(version)]
        + [content_service.of_amendment(a) for a in sources],
        now=now,
    )
    return version, sources


def _require_named_once(amendment_ids: list[int]) -> None:
    """422 unless at least one amendment is named, and none twice."""
    if not amendment_ids:
        raise Invalid("Name at least one amendment to merge.", code="merge.none")
    if len(set(amendment_ids)) != len(amendment_ids):
        raise Invalid(
            "An amendment is named twice in amendment_ids.",
            code="amendment.named_twice",
            params={"field": "amendment_ids"},
        )


def _payload(
    version: ParagraphVersion, ids: list[int], carried: dict[int, bool], text: str
) -> dict[str, Any]:
    return {
        "version": version.number,
        "amendment_ids": ids,
        "accepted": [i for i in ids if carried[i]],
        "partly_accepted": [i for i in ids if not carried[i]],
        "text": events_service.excerpt(text),
    }


def _sources(session: Session, paragraph: Paragraph, amendment_ids: list[int]) -> list[Amendment]:
    """The amendments to merge, locked after the paragraph (both re-read), in the order named;
    422 for any that cannot be."""
    locking.paragraph(session, paragraph)
    locking.require_live(paragraph)
    rows = {
        id_of(a): a
        for a in session.exec(
            select(Amendment)
            .where(col(Amendment.id).in_(amendment_ids))
            .order_by(col(Amendment.id))
            .with_for_update(key_share=True)
            .execution_options(populate_existing=True)
        ).all()
    }
    sources = []
    for amendment_id in amendment_ids:
        amendment = rows.get(amendment_id)
        if amendment is None:
            raise Invalid(
                f"There is no amendment {amendment_id}.",
                code="amendment.not_found",
                params={"id": amendment_id},
            )
        if amendment.paragraph_id != paragraph.id:
            raise Invalid(
                f"Amendment {amendment_id} is not on paragraph {paragraph.id}.",
                code="amendment.not_on_paragraph",
                params={"id": amendment_id, "paragraph": id_of(paragraph)},
            )
        if amendment.kind != AmendmentKind.MODIFY:
            raise Invalid(
                f"Amendment {amendment_id} proposes to delete the paragraph; only wording "
                "amendments can be merged. Accept or reject it on its own.",
                code="merge.deletion",
                params={"id": amendment_id},
            )
        access.require_pending(amendment, "only pending amendments can be merged.")
        sources.append(amendment)
    return sources


def _carried(
    session: Session, paragraph: Paragraph, text: str, sources: list[Amendment]
) -> dict[int, bool]:
    """amendment id -> whether the compromise carries every change it proposed."""
    bases = BaseTexts(session)
    return {
        id_of(a): rebase_core.rebase(bases.text(paragraph, a.base_version), text, a.text).status
        == rebase_core.ALREADY_APPLIED
        for a in sources
    }
