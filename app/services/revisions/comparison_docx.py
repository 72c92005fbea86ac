"""A comparison of two revisions (or a revision and now) as a Word file with tracked changes:
each change credited to the delegation(s) whose accepted amendment produced it, or the chairs."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlmodel import Session

from app.drafting.export import DOCX_MEDIA_TYPE
from app.models import Document
from app.models.revision import DispositionRow
from app.services.exports import exports as exports_service
from app.services.record.rows import id_of
from app.services.revisions import disposition as disposition_service
from app.services.revisions import revisions as revisions_service
from app.services.revisions import sides
from app.services.revisions.comparison import check_order

if TYPE_CHECKING:
    from app.drafting.export.docx_compare import Credit

CHAIRS = "Chairs"
MEDIA_TYPE = DOCX_MEDIA_TYPE
_LANDED = ("accepted", "partly_accepted")


def credits(rows: list[DispositionRow]) -> dict[int, Credit]:
    """Paragraph id -> the sponsors of the amendments that landed in it, and when the last of
    them was decided."""
    from app.drafting.export.docx_compare import Credit  # python-docx, loaded when asked for

    authors: dict[int, list[str]] = {}
    moments: dict[int, datetime] = {}
    for row in rows:
        if row.status not in _LANDED or row.paragraph_id is None:
            continue
        names = authors.setdefault(row.paragraph_id, [])
        names.extend(code for code in row.sponsors if code not in names)
        moment = row.decided_at or row.created_at
        if row.paragraph_id not in moments or moment > moments[row.paragraph_id]:
            moments[row.paragraph_id] = moment
    return {pid: Credit(", ".join(names), moments[pid]) for pid, names in authors.items()}


def compare_docx(
    session: Session,
    *,
    document: Document,
    from_number: int,
    to_number: int | None,
    now: datetime,
) -> exports_service.Exported:
    """The comparison as .docx bytes, with its file name."""
    from app.drafting.export import docx_compare  # python-docx, loaded when first asked for

    check_order(from_number, to_number)
    document_id = id_of(document)
    earlier = revisions_service.get_or_raise(session, document_id=document_id, number=from_number)
    old = sides.of_revision(session, revision=earlier)
    if to_number is None:
        new = sides.of_now(session, document=document, now=now)
    else:
        later = revisions_service.get_or_raise(session, document_id=document_id, number=to_number)
        new = sides.of_revision(session, revision=later)
    rows = disposition_service.table(session, document_id=document_id, old=old, new=new)
    chairs = docx_compare.Credit(CHAIRS, new.moment)
    paragraphs = docx_compare.sequence(old.states, new.states, credits(rows), chairs)
    to_label = new.ref.label if new.ref.number is not None else "Current text"
    content = docx_compare.render(
        docx_compare.ComparisonFile(
            title=document.title,
            symbol=document.symbol,
            from_label=old.ref.label,
            to_label=to_label,
            generated_at=new.moment,
            paragraphs=paragraphs,
        )
    )
    slug = exports_service.slug(document.title, fallback=f"document-{document_id}")
    to_part = "now" if to_number is None else str(to_number)
    return exports_service.Exported(
        content=content,
        media_type=MEDIA_TYPE,
        filename=f"{slug}-compare-{from_number}-{to_part}.docx",
        language=document.negotiating_language,
    )
