"""Taking and withdrawing positions: a member delegation's stance on a version or an amendment.

Rows are never rewritten except to mark them no longer current, so the table is the history.
A withdrawal (an ad referendum the capital did not confirm, or any position taken back) marks
the current row no longer current and is recorded as a `position.withdrawn` event; the history
shown to people is the rows plus those events. The rules themselves (who may take a position,
objections need a reason, what breaks silence) live in app/drafting/consensus.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final, Literal

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col

from app.drafting import consensus
from app.drafting.consensus import Stance
from app.errors import Conflict, Invalid, NotFound
from app.i18n.errors_core import core_code
from app.models import Amendment, Paragraph, Position
from app.services.accounts.actors import Actor
from app.services.accounts.members import member_code
from app.services.amendments import access as amendments_access
from app.services.positions import silence as silence_service
from app.services.record import content as content_service
from app.services.record import events as events_service
from app.services.record import rows
from app.services.record.rows import id_of
from app.services.text import limits, locking
from app.services.text.cleaning import note_text
from app.services.text.errors import stale

WITHDRAWN = "position.withdrawn"
PARAGRAPH: Final = "paragraph"
AMENDMENT: Final = "amendment"
TargetKind = Literal["paragraph", "amendment"]
POSITIONS: sa.Table = Position.__table__  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Target:
    """What a position is on: one version of a paragraph, or an amendment.

    `kind` and `id` are also how the position's events name it (target_type, target_id).
    """

    document_id: int
    kind: TargetKind
    id: int
    version_number: int | None = None

    @classmethod
    def version_of(cls, paragraph: Paragraph, version: int) -> Target:
        return cls(paragraph.document_id, PARAGRAPH, id_of(paragraph), version)

    @classmethod
    def amendment(cls, amendment: Amendment) -> Target:
        return cls(amendment.document_id, AMENDMENT, id_of(amendment))

    def new_row(
        self, *, code: str, stance: Stance, note: str, actor: Actor, now: datetime
    ) -> Position:
        on_paragraph = self.kind == PARAGRAPH
        return rows.new(
            Position,
            document_id=self.document_id,
            paragraph_id=self.id if on_paragraph else None,
            version_number=self.version_number,
            amendment_id=None if on_paragraph else self.id,
            participant_code=code,
            stance=stance,
            note=note,
            account_id=actor.account_id,
            created_at=now,
        )

    def event_fields(self) -> dict[str, Any]:
        """What the position's events add after the code to say what it was on."""
        return {"version": self.version_number} if self.kind == PARAGRAPH else {}


def _member(session: Session, actor: Actor) -> str:
    return member_code(
        session, actor, "take positions", refusal=consensus.OBSERVERS_TAKE_NO_POSITION
    )


def _checked(session: Session, stance: Stance | str, note: str) -> tuple[Stance, str]:
    stance = Stance(stance)
    note = note_text(note, limits=limits.of(session), what="A note")
    error = consensus.position_error(member=True, stance=stance, note=note)
    if error:
        raise Invalid(error, code=core_code(error))
    return stance, note


def _lock_paragraph(session: Session, paragraph: Paragraph) -> None:
    """Lock the paragraph and re-read it: the head version a position is checked against.

    versions_service.append moves the head on the same row, so a position and a new version
    cannot cross: whichever comes second sees the other (a position on the old head is a 409).
    """
    locking.paragraph(session, paragraph)
    locking.require_live(paragraph)


def _lock_pending(session: Session, amendment: Amendment) -> None:
    amendments_access.lock(session, amendment)
    amendments_access.require_pending(amendment, "positions are taken only on pending amendments.")


def _held_by(kind: TargetKind) -> list[sa.ColumnElement[bool]]:
    """The conditions matching a delegation's current rows on a target of this kind, with the
    parameters `code`, `target` (its id) and, on a paragraph, `version` (`_params`)."""
    held = [col(Position.participant_code) == sa.bindparam("code"), col(Position.current).is_(True)]
    if kind == AMENDMENT:
        return [
            *held,
            col(Position.amendment_id) == sa.bindparam("target"),
            col(Position.paragraph_id).is_(None),
        ]
    return [
        *held,
        col(Position.paragraph_id) == sa.bindparam("target"),
        col(Position.version_number) == sa.bindparam("version"),
        col(Position.amendment_id).is_(None),
    ]


# Built once, per kind of target: every position runs it. One statement reads and retires what
# the delegation holds: the held row comes back as it was; it stays current only when it says
# what the new one would (`same_stance` and `same_note`; with None it is retired whatever it
# says).
_SAME = sa.and_(
    POSITIONS.c.stance == sa.bindparam("same_stance"),
    POSITIONS.c.note == sa.bindparam("same_note"),
)
_RETIRE = {
    kind: sa.update(POSITIONS)
    .where(*_held_by(kind))
    .values(current=sa.case((_SAME, POSITIONS.c.current), else_=sa.false()))
    .returning(*POSITIONS.c)
    for kind in (PARAGRAPH, AMENDMENT)
}


def _params(code: str, target: Target) -> dict[str, Any]:
    params: dict[str, Any] = {"code": code, "target": target.id}
    if target.kind == PARAGRAPH:
        params["version"] = target.version_number
    return params


def _retire(
    session: Session,
    *,
    code: str,
    target: Target,
    unless: tuple[Stance, str] | None = None,
) -> Position | None:
    """The delegation's current row on `target` as it was (None: it holds none), marked history
    unless it holds `unless` (its stance and note): then it stays current and nothing changed."""
    if session.new or session.dirty or session.deleted:
        session.flush()
    stance, note = unless or (None, None)
    params = {**_params(code, target), "same_stance": stance, "same_note": note}
    found = session.connection().execute(_RETIRE[target.kind], params).mappings().first()
    return None if found is None else rows.read(Position, dict(found))


def _take(
    session: Session,
    *,
    code: str,
    stance: Stance,
    note: str,
    target: Target,
    actor: Actor,
    now: datetime,
) -> tuple[Position, bool]:
    """Record a new current position on `target` (the old one stays as history), with its event.

    The same stance and note again changes nothing and records nothing (returns False).
    """
    held = _retire(session, code=code, target=target, unless=(stance, note))
    if held is not None and held.current:  # the same stance and note again
        return held, False
    row = target.new_row(code=code, stance=stance, note=note, actor=actor, now=now)
    try:
        rows.insert(session, row)
    except IntegrityError as exc:  # one current position per delegation and target
        raise Conflict(
            f"{code}'s position on this {target.kind} changed at the same moment; reload it.",
            code="position.changed_meanwhile",
            params={"code": code, "target": target.kind},
        ) from exc
    events_service.record(
        session,
        document_id=target.document_id,
        actor=actor,
        action="position.taken",
        target_type=target.kind,
        target_id=target.id,
        payload={
            "code": code,
            **target.event_fields(),
            "stance": stance.value,
            "note": note,
            "previous": held.stance if held else None,
        },
        content=[content_service.of_position(row)],
        now=now,
    )
    return row, True


def _withdraw(
    session: Session,
    *,
    code: str,
    target: Target,
    missing: NotFound,
    actor: Actor,
    now: datetime,
) -> Position:
    """Retire the delegation's current position on `target` (kept as history), with its event."""
    held = _retire(session, code=code, target=target)
    if held is None:
        raise missing
    events_service.record(
        session,
        document_id=target.document_id,
        actor=actor,
        action=WITHDRAWN,
        target_type=target.kind,
        target_id=target.id,
        payload={"code": code, **target.event_fields(), "stance": held.stance, "note": held.note},
        now=now,
    )
    return held


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
    code = _member(session, actor)
    stance, note = _checked(session, stance, note)
    _lock_paragraph(session, paragraph)
    if version != paragraph.head_version:
        raise stale(paragraph, version)
    # No `silence_service.cancel_superseded` here: a procedure on an older version was ended
    # when the newer one was stored (`versions_service.append`), in that version's transaction.
    target = Target.version_of(paragraph, version)
    row, changed = _take(
        session, code=code, stance=stance, note=note, target=target, actor=actor, now=now
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
    code = _member(session, actor)
    _lock_paragraph(session, paragraph)
    version = paragraph.head_version
    return _withdraw(
        session,
        code=code,
        target=Target.version_of(paragraph, version),
        missing=NotFound(
            f"{code} has no position on version {version} of paragraph {paragraph.id} to withdraw.",
            code="position.none_on_version",
            params={"code": code, "version": version, "paragraph": id_of(paragraph)},
        ),
        actor=actor,
        now=now,
    )


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
    code = _member(session, actor)
    stance, note = _checked(session, stance, note)
    _lock_pending(session, amendment)
    row, _ = _take(
        session,
        code=code,
        stance=stance,
        note=note,
        target=Target.amendment(amendment),
        actor=actor,
        now=now,
    )
    return row


def withdraw_on_amendment(
    session: Session, *, amendment: Amendment, actor: Actor, now: datetime
) -> Position:
    """Take back the delegation's position on a pending amendment."""
    code = _member(session, actor)
    _lock_pending(session, amendment)
    return _withdraw(
        session,
        code=code,
        target=Target.amendment(amendment),
        missing=NotFound(
            f"{code} has no position on amendment {amendment.id} to withdraw.",
            code="position.none_on_amendment",
            params={"code": code, "id": id_of(amendment)},
        ),
        actor=actor,
        now=now,
    )
