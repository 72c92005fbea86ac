"""The discussion on an amendment: comments from anyone signed in, observers included."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, select

from app.models import Account, Amendment, Comment
from app.models.amendment import CommentPublic
from app.services.accounts.actors import Actor
from app.services.record import content as content_service
from app.services.record import events as events_service
from app.services.record.rows import id_of
from app.services.text import limits
from app.services.text.cleaning import note_text


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
        payload={"comment_id": row.id, "body": events_service.excerpt(body)},
        content=[content_service.of_comment(row)],
        now=row.created_at,
    )
    return _comment_public(row, actor.username)


def _comment_public(row: Comment, author: str | None) -> CommentPublic:
    return CommentPublic(
        id=id_of(row),
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
        .join(Account, col(Account.id) == col(Comment.author_account_id))
        .where(Comment.amendment_id == amendment.id)
        .order_by(col(Comment.id))
    ).all()
    return [_comment_public(row, username) for row, username in rows]
