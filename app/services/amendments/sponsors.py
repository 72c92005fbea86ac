"""Co-sponsors of an amendment: member delegations join and leave while it is pending."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from app.errors import Conflict, Forbidden, NotFound
from app.models import Amendment, AmendmentSponsor
from app.services.accounts.actors import Actor
from app.services.accounts.members import member_code
from app.services.amendments.access import lock, require_pending
from app.services.record import content as content_service
from app.services.record import events as events_service
from app.services.record.rows import id_of


def join(
    session: Session, *, amendment: Amendment, code: str | None, actor: Actor, now: datetime
) -> Amendment:
    """A member delegation co-sponsors a pending amendment (again after leaving: a new row).

    Sponsorships are history: each joining is its own row, stamped with the revision of the
    text the delegation joined, so who sponsored what and when is never rewritten.
    """
    own = member_code(session, actor, "co-sponsor amendments")
    if code is not None and code.strip().upper() != own:
        raise Forbidden(
            f"A delegate acts only for their own delegation ({own}), not for {code.strip()}.",
            code="sponsor.own_delegation",
            params={"own": own, "other": code.strip()},
        )
    lock(session, amendment)
    require_pending(amendment, "only a pending amendment takes co-sponsors.")
    if own == amendment.proposer_code:
        raise Conflict(
            f"{own} proposed amendment {amendment.id}; it is already its sponsor.",
            code="sponsor.is_proposer",
            params={"code": own, "id": amendment.id or 0},
        )
    if _current_row(session, amendment, own) is not None:
        raise Conflict(
            f"{own} already co-sponsors amendment {amendment.id}.",
            code="sponsor.already",
            params={"code": own, "id": amendment.id or 0},
        )
    row = AmendmentSponsor(
        amendment_id=id_of(amendment),
        participant_code=own,
        joined_at=now,
        joined_by_account_id=actor.account_id,
        joined_revision=amendment.revision,
    )
    session.add(row)
    try:
        session.flush()
    except IntegrityError as exc:  # one current sponsorship per delegation: a racing join
        raise Conflict(
            f"{own} already co-sponsors amendment {amendment.id}.",
            code="sponsor.already",
            params={"code": own, "id": amendment.id or 0},
        ) from exc
    events_service.record(
        session,
        document_id=amendment.document_id,
        actor=actor,
        action="amendment.sponsor_joined",
        target_type="amendment",
        target_id=amendment.id,
        payload={"code": own, "revision": amendment.revision},
        content=[content_service.of_sponsor(row)],
        now=now,
    )
    return amendment


def _current_row(session: Session, amendment: Amendment, code: str) -> AmendmentSponsor | None:
    return session.exec(
        select(AmendmentSponsor).where(
            AmendmentSponsor.amendment_id == amendment.id,
            AmendmentSponsor.participant_code == code,
            col(AmendmentSponsor.left_at).is_(None),
        )
    ).first()


def leave(
    session: Session, *, amendment: Amendment, code: str, actor: Actor, now: datetime
) -> Amendment:
    """A co-sponsor leaves (a chair may record it for them); the proposer withdraws instead."""
    code = code.strip().upper()
    if not actor.is_chair_side:
        own = member_code(session, actor, "leave amendments")
        if code != own:
            raise Forbidden(
                f"A delegate acts only for their own delegation ({own}), not for {code}.",
                code="sponsor.own_delegation",
                params={"own": own, "other": code},
            )
    lock(session, amendment)
    require_pending(amendment, "its sponsors can no longer change.")
    if code == amendment.proposer_code:
        raise Conflict(
            f"{code} proposed amendment {amendment.id} and cannot leave it; withdraw it instead.",
            code="sponsor.proposer_cannot_leave",
            params={"code": code, "id": amendment.id or 0},
        )
    row = _current_row(session, amendment, code)
    if row is None:
        raise NotFound(
            f"{code} does not co-sponsor amendment {amendment.id}.",
            code="sponsor.not_sponsor",
            params={"code": code, "id": amendment.id or 0},
        )
    row.left_at = now
    session.add(row)
    session.flush()
    events_service.record(
        session,
        document_id=amendment.document_id,
        actor=actor,
        action="amendment.sponsor_left",
        target_type="amendment",
        target_id=amendment.id,
        payload={"code": code},
        content=[content_service.of_sponsor(row)],
        now=row.left_at,
    )
    return amendment
