"""Pending proposals as they would change the exported text, and the positions taken on them.

A proposal is filed against one version of its paragraph (its base). The compilation shows it
against the text being exported (the head now, or the version a revision froze), carried over
with the same rebase the amendment view uses (`app.drafting.rebase.rebase`, as in
`app/services/amendments/rebasing.py`): words the proposal never touched stay as the exported
text has them. A proposal whose words collide with a change made since its base is shown as
filed and marked as in conflict.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Session, col

from app.drafting import rebase as rebase_core
from app.models import AmendmentKind, AmendmentVersion, Event, Position
from app.services.exports.snapshots import ParagraphSnapshot, PendingProposal
from app.services.positions.taking import AMENDMENT, WITHDRAWN
from app.services.text import versions as versions_service

StanceOn = tuple[str, str, str]  # (delegation code, stance, note)


class _BaseTexts:
    """Paragraph texts by (paragraph, version), each rebuilt at most once."""

    def __init__(self, session: Session, exported: dict[int, ParagraphSnapshot]) -> None:
        self.session = session
        self._texts = {(p.paragraph_id, p.version): p.text for p in exported.values()}

    def text(self, paragraph_id: int, number: int) -> str:
        key = (paragraph_id, number)
        if key not in self._texts:
            self._texts[key] = versions_service.text_of(
                self.session, paragraph_id=paragraph_id, number=number
            )
        return self._texts[key]


def onto_text(
    session: Session,
    *,
    paragraphs: Sequence[ParagraphSnapshot],
    proposals: Sequence[PendingProposal],
) -> list[PendingProposal]:
    """Each modify proposal's wording carried onto the exported version of its paragraph."""
    exported = {p.paragraph_id: p for p in paragraphs}
    bases = _BaseTexts(session, exported)
    return [_onto(p, exported.get(p.paragraph_id or -1), bases) for p in proposals]


def _onto(
    proposal: PendingProposal, target: ParagraphSnapshot | None, bases: _BaseTexts
) -> PendingProposal:
    filed = replace(proposal, filed_text=proposal.text)
    if proposal.kind != AmendmentKind.MODIFY or target is None:
        return filed
    if proposal.base_version == target.version:
        return filed
    base = bases.text(target.paragraph_id, proposal.base_version)
    result = rebase_core.rebase(base, target.text, proposal.text)
    if result.status == rebase_core.CONFLICT or result.text is None:
        return replace(filed, applies=rebase_core.CONFLICT, against=base)
    return replace(filed, text=result.text, applies=result.status)


def positions_on(
    session: Session, *, amendment_ids: Iterable[int], t: datetime | None = None
) -> dict[int, tuple[StanceOn, ...]]:
    """Amendment id -> the positions delegations hold on it (now, or at `t`), by code."""
    ids = sorted(set(amendment_ids))
    if not ids:
        return {}
    query = sa.select(
        col(Position.amendment_id),
        col(Position.participant_code),
        col(Position.stance),
        col(Position.note),
        col(Position.created_at),
    ).where(col(Position.amendment_id).in_(ids))
    if t is None:
        rows = session.execute(query.where(col(Position.current))).all()
        held = {(a, code): (stance, note) for a, code, stance, note, _at in rows}
    else:
        rows = session.execute(
            query.where(col(Position.created_at) <= t).order_by(col(Position.id))
        ).all()
        latest = {(a, code): (stance, note, at) for a, code, stance, note, at in rows}
        withdrawn = _withdrawals(session, ids, t)
        held = {
            key: (stance, note)
            for key, (stance, note, at) in latest.items()
            if not any(at <= w <= t for w in withdrawn.get(key, ()))
        }
    result: dict[int, list[StanceOn]] = defaultdict(list)
    for (amendment_id, code), (stance, note) in sorted(held.items()):
        if amendment_id is not None:
            result[amendment_id].append((code, stance, note))
    return {a: tuple(stances) for a, stances in result.items()}


def _withdrawals(
    session: Session, ids: list[int], t: datetime
) -> dict[tuple[int, str], list[datetime]]:
    found: dict[tuple[int, str], list[datetime]] = defaultdict(list)
    for target, payload, at in session.execute(
        sa.select(col(Event.target_id), col(Event.payload), col(Event.created_at)).where(
            col(Event.action) == WITHDRAWN,
            col(Event.target_type) == AMENDMENT,
            col(Event.target_id).in_(ids),
            col(Event.created_at) <= t,
        )
    ).all():
        code = payload.get("code") if isinstance(payload, dict) else None
        if target is not None and isinstance(code, str):
            found[(target, code)].append(at)
    return found


def filed_at(session: Session, *, amendment_ids: Iterable[int]) -> dict[int, datetime]:
    """Amendment id -> when its latest wording was filed."""
    ids = sorted(set(amendment_ids))
    if not ids:
        return {}
    latest: dict[int, tuple[int, datetime]] = {}
    for amendment_id, number, at in session.execute(
        sa.select(
            col(AmendmentVersion.amendment_id),
            col(AmendmentVersion.number),
            col(AmendmentVersion.created_at),
        ).where(col(AmendmentVersion.amendment_id).in_(ids))
    ).all():
        if amendment_id not in latest or number > latest[amendment_id][0]:
            latest[amendment_id] = (number, at)
    return {a: at for a, (_n, at) in latest.items()}
