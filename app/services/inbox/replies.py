"""Comments answering the delegation's own: on an amendment's discussion where the delegation has
commented, each later comment by someone of another delegation (or the chairs, the secretariat,
an observer). A reply needs no action: it disappears once the delegation marks it seen, or once
the delegation comments again on that thread (it has answered)."""

from __future__ import annotations

from collections import defaultdict

from sqlmodel import Session, col, select

from app.models import Comment
from app.models.calendar import InboxItem
from app.services.record.rows import id_of


def items(session: Session, *, code: str, document_id: int) -> list[InboxItem]:
    """Replies on every thread the delegation took part in (dismissals not applied)."""
    threads = select(Comment.amendment_id).where(
        Comment.document_id == document_id,
        Comment.participant_code == code,
        col(Comment.amendment_id).is_not(None),
    )
    rows = session.exec(
        select(Comment)
        .where(Comment.document_id == document_id, col(Comment.amendment_id).in_(threads))
        .order_by(col(Comment.created_at), col(Comment.id))
    ).all()
    by_thread: dict[int, list[Comment]] = defaultdict(list)
    for row in rows:
        if row.amendment_id is not None:
            by_thread[row.amendment_id].append(row)
    found: list[InboxItem] = []
    for thread in by_thread.values():
        waiting: list[Comment] = []
        seen_mine = False
        for row in thread:
            if row.participant_code == code:
                seen_mine, waiting = True, []  # answered: what came before is done
            elif seen_mine:
                waiting.append(row)
        found += [_reply(row) for row in waiting]
    return found


def _reply(row: Comment) -> InboxItem:
    who = row.participant_code or "The secretariat"
    return InboxItem(
        kind="reply",
        key=f"reply/{id_of(row)}",
        document_id=row.document_id,
        paragraph_id=row.paragraph_id,
        amendment_id=row.amendment_id,
        comment_id=row.id,
        dismissible=True,
        text=f"{who} answered your comment on amendment {row.amendment_id}.",
    )
