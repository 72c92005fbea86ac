"""What accepting an amendment now would write: the exact text, as a redline on the head."""

from __future__ import annotations

from sqlmodel import Session

from app.drafting.worddiff import word_diff
from app.models import Amendment, AmendmentKind, Paragraph
from app.models.amendment import PreviewPublic
from app.services.amendments.rebasing import BaseTexts, rebase_status


def preview(session: Session, *, amendment: Amendment) -> PreviewPublic:
    """The amendment rebased onto the head (nothing is written)."""
    paragraph = session.get(Paragraph, amendment.paragraph_id) if amendment.paragraph_id else None
    anchor = (
        session.get(Paragraph, amendment.after_paragraph_id)
        if amendment.after_paragraph_id
        else None
    )
    status = rebase_status(
        amendment,
        paragraph,
        BaseTexts(session),
        anchor_live=anchor is None or anchor.deleted_at is None,
    )
    head_text = (
        ""
        if amendment.kind == AmendmentKind.INSERT_PARAGRAPH or paragraph is None
        else (paragraph.head_text)
    )
    text = status.text
    redline = [] if text is None else [(op, t) for op, t in word_diff(head_text, text)]
    return PreviewPublic(
        amendment_id=amendment.id or 0,
        paragraph_id=amendment.paragraph_id,
        status=status.status,
        head_version=status.head_version,
        head_text=head_text,
        text=text,
        redline=redline,
        conflicts=status.conflicts,
        reason=status.reason,
        reason_code=status.reason_code,
        replaces=list(amendment.replaces or []),
    )
