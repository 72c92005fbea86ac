"""Positions: a member delegation's stance on a paragraph version or on a pending amendment.

Rows are never rewritten except to mark them no longer current, so the table is the history.
A withdrawal (an ad referendum the capital did not confirm, or any position taken back) marks
the current row no longer current and is recorded as a `position.withdrawn` event; the history
shown to people is the rows plus those events. The rules themselves (who may take a position,
objections need a reason, what breaks silence) live in app/drafting/consensus.py.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Session, select

from app.drafting import consensus
from app.drafting.consensus import Member, PositionFact, Stance
from app.errors import Invalid, NotFound
from app.models import Amendment, Event, Paragraph, Participant, Position
from app.models.participant import ParticipantKind
from app.models.position import (
    AmendmentPositions,
    BlocTallyPublic,
    ParagraphPositions,
    PositionHistoryEntry,
    PositionPublic,
)
from app.services.accounts import accounts as accounts_service
from app.services.accounts.actors import Actor
from app.services.accounts.members import member_code
from app.services.amendments import proposals as amendments_service
from app.services.positions import silence as silence_service
from app.services.record import events as events_service
from app.services.text.errors import stale

WITHDRAWN = "position.withdrawn"


def members(session: Session) -> list[Member]:
    """Every member delegation of the joint text, RCM first, each once."""
    rows = session.exec(
        select(Participant.code, Participant.bloc).where(Participant.kind == ParticipantKind.MEMBER)
    ).all()
    return members_from(rows)


def members_from(rows) -> list[Member]:
    """Members from (code, bloc, ...) rows, in bloc order then by code."""
    return sorted((Member(row[0], row[1] or "") for row in rows), key=_member_order)


def _member_order(member: Member) -> tuple[int, str]:
    blocs = consensus.BLOC_ORDER
    return (blocs.index(member.bloc) if member.bloc in blocs else len(blocs), member.code)


def _member(session: Session, actor: Actor) -> str:
    return member_code(
        session, actor, "take positions", refusal=consensus.OBSERVERS_TAKE_NO_POSITION
    )


def _checked(stance: Stance | str, note: str) -> tuple[Stance, str]:
    if "\x00" in note:
        raise Invalid("A note cannot contain NUL characters.")
    stance, note = Stance(stance), note.strip()
    error = consensus.position_error(member=True, stance=stance, note=note)
    if error:
        raise Invalid(error)
    return stance, note


def _lock_paragraph(session: Session, paragraph: Paragraph) -> None:
    """Serialise writers on this paragraph (PostgreSQL) and see its committed head version.

    versions_service.append moves the head with an UPDATE on the same row, so a position and a
    new version cannot cross: whichever commits second sees the other.
    """
    session.execute(
        select(Paragraph)
        .where(Paragraph.id == paragraph.id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )


def _current(session: Session, *, code: str, **target) -> Position | None:
    where = [Position.participant_code == code, Position.current.is_(True)]
    where += [getattr(Position, k) == v for k, v in target.items()]
    rows = session.exec(select(Position).where(*where).order_by(Position.id)).all()
    return rows[-1] if rows else None


def _retire(session: Session, *, code: str, target: dict) -> None:
    """Mark whatever is current for this delegation and target as history."""
    where = [Position.participant_code == code, Position.current.is_(True)]
    where += [getattr(Position, k) == v for k, v in target.items()]
    session.execute(
        sa.update(Position)
        .where(*where)
        .values(current=False)
        .execution_options(synchronize_session="fetch")
    )
    session.flush()


def _take(
    session: Session,
    *,
    document_id: int,
    code: str,
    stance: Stance,
    note: str,
    target: dict,
    event: tuple[str, int, dict],
    actor: Actor,
    now: datetime,
) -> tuple[Position, bool]:
    """Record a new current position on `target` (the old one stays as history), with its event.

    The same stance and note again changes nothing and records nothing (returns False).
    """
    held = _current(session, code=code, **target)
    if held is not None and held.stance == stance and held.note == note:
        return held, False
    row = Position(
        document_id=document_id,
        participant_code=code,
        stance=stance,
        note=note,
        account_id=actor.account_id,
        created_at=now,
        **target,
    )
    _retire(session, code=code, target=target)
    session.add(row)
    session.flush()
    target_type, target_id, extra = event
    events_service.record(
        session,
        document_id=document_id,
        actor=actor,
        action="position.taken",
        target_type=target_type,
        target_id=target_id,
        payload={
            "code": code,
            **extra,
            "stance": stance.value,
            "note": note,
            "previous": held.stance if held else None,
        },
        now=now,
    )
    return row, True


def take_on_paragraph(
    session: Session,
    *,
    paragraph: Paragraph,
    version: int,
    stance: Stance | str,
    note: str,
    actor: Actor,
    now: datetime,
) -> Position:
    """Take (or change) the delegation's position on the head version; 409 on any other."""
    code = member_code(
        session, actor, "take positions", refusal=consensus.OBSERVERS_TAKE_NO_POSITION
    )
    stance, note = _checked(stance, note)
    _lock_paragraph(session, paragraph)
    if version != paragraph.head_version:
        raise stale(paragraph, version)
    silence_service.cancel_superseded(session, paragraph=paragraph, actor=actor, now=now)
    target = {"paragraph_id": paragraph.id, "version_number": version, "amendment_id": None}
    row, changed = _take(
        session,
        document_id=paragraph.document_id,
        code=code,
        stance=stance,
        note=note,
        target=target,
        event=("paragraph", paragraph.id, {"version": version}),
        actor=actor,
        now=now,
    )
    if changed and stance == Stance.OBJECTION:
        silence_service.note_objection(
            session,
            paragraph=paragraph,
            version=version,
            code=code,
            reason=note,
            at=now,
            actor=actor,
            now=now,
        )
    return row


def withdraw_on_paragraph(
    session: Session, *, paragraph: Paragraph, actor: Actor, now: datetime
) -> Position:
    """Take back the delegation's position on the head version: it has none any more."""
    code = member_code(
        session, actor, "take positions", refusal=consensus.OBSERVERS_TAKE_NO_POSITION
    )
    _lock_paragraph(session, paragraph)
    version = paragraph.head_version
    target = {"paragraph_id": paragraph.id, "version_number": version, "amendment_id": None}
    return _withdraw(
        session,
        document_id=paragraph.document_id,
        code=code,
        target=target,
        event=("paragraph", paragraph.id, {"version": version}),
        missing=f"{code} has no position on version {version} of paragraph {paragraph.id} "
        "to withdraw.",
        actor=actor,
        now=now,
    )


def _withdraw(
    session: Session,
    *,
    document_id: int,
    code: str,
    target: dict,
    event: tuple[str, int, dict],
    missing: str,
    actor: Actor,
    now: datetime,
) -> Position:
    """Retire the delegation's current position on `target` (kept as history), with its event."""
    held = _current(session, code=code, **target)
    if held is None:
        raise NotFound(missing)
    _retire(session, code=code, target=target)
    target_type, target_id, extra = event
    events_service.record(
        session,
        document_id=document_id,
        actor=actor,
        action=WITHDRAWN,
        target_type=target_type,
        target_id=target_id,
        payload={"code": code, **extra, "stance": held.stance, "note": held.note},
        now=now,
    )
    return held


def _lock_pending(session: Session, amendment: Amendment) -> None:
    amendments_service.lock(session, amendment)
    amendments_service.require_pending(amendment, "positions are taken only on pending amendments.")


def take_on_amendment(
    session: Session,
    *,
    amendment: Amendment,
    stance: Stance | str,
    note: str,
    actor: Actor,
    now: datetime,
) -> Position:
    """Take (or change) the delegation's position on a pending amendment."""
    code = member_code(
        session, actor, "take positions", refusal=consensus.OBSERVERS_TAKE_NO_POSITION
    )
    stance, note = _checked(stance, note)
    _lock_pending(session, amendment)
    target = {"amendment_id": amendment.id, "paragraph_id": None}
    row, _ = _take(
        session,
        document_id=amendment.document_id,
        code=code,
        stance=stance,
        note=note,
        target=target,
        event=("amendment", amendment.id, {}),
        actor=actor,
        now=now,
    )
    return row


def withdraw_on_amendment(
    session: Session, *, amendment: Amendment, actor: Actor, now: datetime
) -> Position:
    """Take back the delegation's position on a pending amendment."""
    code = member_code(
        session, actor, "take positions", refusal=consensus.OBSERVERS_TAKE_NO_POSITION
    )
    _lock_pending(session, amendment)
    target = {"amendment_id": amendment.id, "paragraph_id": None}
    return _withdraw(
        session,
        document_id=amendment.document_id,
        code=code,
        target=target,
        event=("amendment", amendment.id, {}),
        missing=f"{code} has no position on amendment {amendment.id} to withdraw.",
        actor=actor,
        now=now,
    )


# --- reading ---------------------------------------------------------------------------------


def _record(session: Session, *, target_type: str, target_id: int, rows: list[Position]):
    """(current positions, tallies, history) for one paragraph or amendment."""
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
            stance=r.stance,
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
            by=names.get(e.account_id),
        )
        for e in withdrawals
    ]
    # Oldest first; a withdrawal sorts after the position it took back when the times are equal.
    history.sort(key=lambda h: (h.at, h.action == "withdrawn"))
    return names, history


def _public(row: Position, names: dict[int, str]) -> PositionPublic:
    return PositionPublic(
        code=row.participant_code,
        stance=row.stance,
        note=row.note,
        version=row.version_number,
        amendment_id=row.amendment_id,
        taken_at=row.created_at,
        by=names.get(row.account_id),
        current=row.current,
    )


def public_row(session: Session, row: Position) -> PositionPublic:
    """One position as the API shows it."""
    return _public(row, accounts_service.usernames(session, {row.account_id}))


def _current_and_tallies(session: Session, rows: list[Position], names: dict[int, str]):
    current_rows = {}
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
    rows = session.exec(
        select(Position)
        .where(Position.paragraph_id == paragraph.id, Position.amendment_id.is_(None))
        .order_by(Position.id)
    ).all()
    names, history = _record(session, target_type="paragraph", target_id=paragraph.id, rows=rows)
    on_head = [r for r in rows if r.version_number == paragraph.head_version]
    current, tallies = _current_and_tallies(session, on_head, names)
    return ParagraphPositions(
        paragraph_id=paragraph.id,
        head_version=paragraph.head_version,
        current=current,
        tallies=tallies,
        history=history,
    )


def for_amendment(session: Session, *, amendment: Amendment) -> AmendmentPositions:
    """Positions on an amendment, its tallies, and its history."""
    rows = session.exec(
        select(Position).where(Position.amendment_id == amendment.id).order_by(Position.id)
    ).all()
    names, history = _record(session, target_type="amendment", target_id=amendment.id, rows=rows)
    current, tallies = _current_and_tallies(session, rows, names)
    return AmendmentPositions(
        amendment_id=amendment.id,
        status=amendment.status,
        current=current,
        tallies=tallies,
        history=history,
    )
