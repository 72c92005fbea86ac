"""Each paragraph's label under its document's numbering scheme, for the live text or a
revision (the computation is app/drafting/labels.py's `labels_for`; this reads its inputs)."""

from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa
from sqlmodel import Session, col, select

from app.drafting import labels as labels_core
from app.models import (
    Amendment,
    AmendmentKind,
    AmendmentStatus,
    Document,
    Paragraph,
    Revision,
    RevisionEntry,
    Section,
)


def labels_of(
    session: Session, *, document_id: int, paragraphs: Iterable[tuple[int, int]]
) -> dict[int, str]:
    """Paragraph id -> label under the document's numbering scheme, for `paragraphs`
    ((paragraph id, section id) in document order: the live text, or a revision's)."""
    # The scheme comes with the sections, one statement: labels are read on every hot write.
    secs = session.exec(
        select(Section.id, Section.position, Section.kind, Document.numbering)
        .join(Document, col(Document.id) == col(Section.document_id))
        .where(Section.document_id == document_id)
        .order_by(col(Section.position))
    ).all()
    scheme = secs[0][3] if secs else labels_core.SECTION  # no section: no paragraph to label
    return labels_core.labels_for(
        scheme,
        sections=[(sid, position, kind) for sid, position, kind, _ in secs if sid is not None],
        paragraphs=paragraphs,
    )


def live_labels(session: Session, *, document_id: int) -> dict[int, str]:
    """Labels of the live paragraphs, reading only their places (not their text): one
    statement, since every hot write shows a label. Every section comes (an empty one still
    takes its number), each with its live paragraphs in order and the document's scheme."""
    rows = (
        session.connection()
        .execute(
            sa.select(
                col(Section.id),
                col(Section.position),
                col(Section.kind),
                col(Document.numbering),
                col(Paragraph.id),
            )
            .join(Document, col(Document.id) == col(Section.document_id))
            .outerjoin(
                Paragraph,
                sa.and_(
                    col(Paragraph.section_id) == col(Section.id),
                    col(Paragraph.deleted_at).is_(None),
                ),
            )
            .where(col(Section.document_id) == document_id)
            .order_by(col(Section.position), col(Paragraph.position))
        )
        .all()
    )
    sections: dict[int, tuple[int, int, str | None]] = {}
    paragraphs: list[tuple[int, int]] = []
    for sid, position, kind, _scheme, pid in rows:
        if sid is None:
            continue
        sections.setdefault(sid, (sid, position, kind))
        if pid is not None:
            paragraphs.append((pid, sid))
    scheme = rows[0][3] if rows else labels_core.SECTION
    return labels_core.labels_for(scheme, sections=list(sections.values()), paragraphs=paragraphs)


def revision_labels(session: Session, *, revision: Revision) -> dict[int, str]:
    """Paragraph id -> label of a revision's paragraphs, in its order."""
    placed = session.exec(
        select(RevisionEntry.paragraph_id, RevisionEntry.section_id)
        .where(RevisionEntry.revision_id == revision.id)
        .order_by(col(RevisionEntry.section_position), col(RevisionEntry.position))
    ).all()
    return labels_of(session, document_id=revision.document_id, paragraphs=placed)


def provisional_labels(
    session: Session, *, document_id: int, labels: dict[int, str]
) -> dict[int, str]:
    """Amendment id -> the provisional label of each pending proposed new paragraph ("3bis",
    "3ter" …, after the label of the paragraph it would follow; at the start of a section,
    after the last paragraph before it, "0" at the start of the document), as the compilation
    prints them. `labels`: the live paragraphs' labels (`live_labels`)."""
    pending = session.exec(
        select(Amendment.id, Amendment.section_id, Amendment.after_paragraph_id)
        .where(
            Amendment.document_id == document_id,
            Amendment.kind == AmendmentKind.INSERT_PARAGRAPH,
            Amendment.status == AmendmentStatus.PENDING,
        )
        .order_by(col(Amendment.id))
    ).all()
    if not pending:
        return {}
    placed = session.exec(
        select(Paragraph.id, Section.id)
        .join(Section, col(Section.id) == col(Paragraph.section_id))
        .where(Paragraph.document_id == document_id, col(Paragraph.deleted_at).is_(None))
        .order_by(col(Section.position), col(Paragraph.position))
    ).all()
    sections = session.exec(
        select(Section.id, Section.position).where(Section.document_id == document_id)
    ).all()
    positions = {sid: position for sid, position in sections}
    counts: dict[str, int] = {}
    result: dict[int, str] = {}
    for amendment_id, section_id, after in pending:
        if after is not None and after in labels:
            anchor = labels[after]
        else:  # the start of its section: after the last paragraph of the sections before it
            start = positions.get(section_id, 0) if section_id is not None else 0
            before = [p for p, s in placed if p is not None and positions.get(s, 0) < start]
            anchor = labels.get(before[-1], "0") if before else "0"
        counts[anchor] = counts.get(anchor, 0) + 1
        if amendment_id is not None:
            result[amendment_id] = labels_core.provisional_label(anchor, counts[anchor])
    return result
