"""Reading positions: the current ones on a paragraph or an amendment, their tallies by bloc,
and the history of every position taken or withdrawn there."""

from __future__ import annotations

from collections.abc import Sequence

from sqlmodel import Session, col, select

from app.drafting import consensus
from app.drafting.consensus import PositionFact, Stance
from app.models import Amendment, Event, Paragraph, Position
from app.models.position import (
    AmendmentPositions,
    BlocTallyPublic,
    ParagraphPositions,
    PositionHistoryEntry,
    PositionPublic,
)
from app.services.accounts import accounts as accounts_service
from app.services.positions.roster import members
from app.services.positions.taking import AMENDMENT, PARAGRAPH, WITHDRAWN
from app.services.record.rows import id_of


def _history(
    session: Session, *, target_type: str, target_id: int, rows: Sequence[Position]
) -> tuple[dict[int, str], list[PositionHistoryEntry]]:
    """(usernames by account id, history) for one paragraph or amendment."""
    withdrawals = session.exec(
        select(Event).where(
            Event.action == WITHDRAWN,
            Event.target_type == target_type,
            Event.target_id == target_id,
        )
    ).all()
    names = accounts_service.usernames(
        session,
        {r.account_id for r in rows} | {e.account_id for e in withdrawals if e.account_id},
    )
    history = [
        PositionHistoryEntry(
            code=r.participant_code,
            action="taken",
            stance=Stance(r.stance),
            note=r.note,
            version=r.version_number,
            at=r.created_at,
            by=names.get(r.account_id),
        )
        for r in rows
    ] + [
        PositionHistoryEntry(
            code=e.payload["code"],
            action="withdrawn",
            stance=e.payload["stance"],
            note=e.payload.get("note", ""),
            version=e.payload.get("version"),
            at=e.created_at,
            by=names.get(e.account_id) if e.account_id is not None else None,
        )
        for e in withdrawals
    ]
    # Oldest first; a withdrawal sorts after the position it took back when the times are equal.
    history.sort(key=lambda h: (h.at, h.action == "withdrawn"))
    return names, history


def _public(row: Position, names: dict[int, str]) -> PositionPublic:
    return PositionPublic(
        code=row.participant_code,
        stance=Stance(row.stance),
        note=row.note,
        version=row.version_number,
        amendment_id=row.amendment_id,
        taken_at=row.created_at,
        by=names.get(row.account_id),
        current=row.current,
    )


def public_row(session: Session, row: Position, *, author: str | None = None) -> PositionPublic:
    """One position as the API shows it; `author`, the username of the account that took it,
    when the request already knows it (the one that just wrote it)."""
    if author is not None:
        return _public(row, {row.account_id: author})
    return _public(row, accounts_service.usernames(session, {row.account_id}))


def _current_and_tallies(
    session: Session, rows: Sequence[Position], names: dict[int, str]
) -> tuple[list[PositionPublic], list[BlocTallyPublic]]:
    current_rows: dict[str, Position] = {}
    for row in rows:  # ordered by id: a later current row (a race) wins
        if row.current:
            current_rows[row.participant_code] = row
    facts = {
        code: PositionFact(code, Stance(r.stance), r.created_at, r.note)
        for code, r in current_rows.items()
    }
    tallies = consensus.tally(members=members(session), positions=facts)
    current = [_public(current_rows[code], names) for code in sorted(current_rows)]
    return current, [BlocTallyPublic(**t.__dict__) for t in tallies]


def for_paragraph(session: Session, *, paragraph: Paragraph) -> ParagraphPositions:
    """Positions on the head version, its tallies, and every position ever taken on any version."""
    paragraph_id = id_of(paragraph)
    rows = session.exec(
        select(Position)
        .where(Position.paragraph_id == paragraph_id, col(Position.amendment_id).is_(None))
        .order_by(col(Position.id))
    ).all()
    names, history = _history(session, target_type=PARAGRAPH, target_id=paragraph_id, rows=rows)
    on_head = [r for r in rows if r.version_number == paragraph.head_version]
    current, tallies = _current_and_tallies(session, on_head, names)
    return ParagraphPositions(
        paragraph_id=paragraph_id,
        head_version=paragraph.head_version,
        current=current,
        tallies=tallies,
        history=history,
    )


def for_amendment(session: Session, *, amendment: Amendment) -> AmendmentPositions:
    """Positions on an amendment, its tallies, and its history."""
    amendment_id = id_of(amendment)
    rows = session.exec(
        select(Position).where(Position.amendment_id == amendment_id).order_by(col(Position.id))
    ).all()
    names, history = _history(session, target_type=AMENDMENT, target_id=amendment_id, rows=rows)
    current, tallies = _current_and_tallies(session, rows, names)
    return AmendmentPositions(
        amendment_id=amendment_id,
        status=amendment.status,
        current=current,
        tallies=tallies,
        history=history,
    )
