"""Co-sponsor invitations: a proposer invites named member delegations; each accepts (and
becomes a co-sponsor, through `sponsors.join`) or declines; the proposer sees the answers."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from app.errors import Conflict, Forbidden, Invalid, NotFound
from app.models import Amendment, Invitation, InvitationStatus, Participant, ParticipantKind
from app.models.calendar import InvitationPublic
from app.services.accounts.actors import Actor
from app.services.accounts.members import member_code
from app.services.amendments import access, sponsors
from app.services.record import content as content_service
from app.services.record import events as events_service
from app.services.record.rows import id_of

MAX_CODES = 30


def _invitees(session: Session, amendment: Amendment, codes: list[str]) -> list[str]:
    wanted = sorted({c.strip().upper() for c in codes if c.strip()})
    if not wanted:
        raise Invalid(
            "Name at least one delegation to invite (codes).", code="invitation.none", params={}
        )
    if len(wanted) > MAX_CODES:
        raise Invalid(
            f"Invite at most {MAX_CODES} delegations at once.",
            code="invitation.too_many",
            params={"max": MAX_CODES},
        )
    members = set(
        session.exec(
            select(Participant.code).where(
                col(Participant.code).in_(wanted), Participant.kind == ParticipantKind.MEMBER
            )
        ).all()
    )
    unknown = [c for c in wanted if c not in members]
    if unknown:
        raise Invalid(
            f"Only member delegations co-sponsor; not {', '.join(unknown)}.",
            code="invitation.not_member",
            params={"codes": ", ".join(unknown)},
        )
    current = set(access.current_sponsors(session, amendment=amendment))
    already = [c for c in wanted if c in current]
    if already:
        raise Conflict(
            f"{', '.join(already)} already sponsor amendment {amendment.id}.",
            code="invitation.already_sponsor",
            params={"codes": ", ".join(already), "id": id_of(amendment)},
        )
    return wanted


def invite(
    session: Session, *, amendment: Amendment, codes: list[str], actor: Actor, now: datetime
) -> list[Invitation]:
    """The proposer invites delegations to co-sponsor its pending amendment."""
    own = member_code(session, actor, "invite co-sponsors")
    if own != amendment.proposer_code:
        raise Forbidden(
            f"Only the proposer of amendment {amendment.id} ({amendment.proposer_code}) "
            "invites co-sponsors.",
            code="invitation.proposer_only",
            params={"id": id_of(amendment), "proposer": amendment.proposer_code},
        )
    access.lock(session, amendment)
    access.require_pending(amendment, "only a pending amendment takes co-sponsors.")
    rows = [
        Invitation(
            document_id=amendment.document_id,
            amendment_id=id_of(amendment),
            participant_code=code,
            invited_by_code=own,
            invited_by_account_id=actor.account_id,
            invited_at=now,
        )
        for code in _invitees(session, amendment, codes)
    ]
    session.add_all(rows)
    try:
        session.flush()
    except IntegrityError as exc:  # one pending invitation per delegation and amendment
        raise Conflict(
            "A delegation named has already been invited and has not answered.",
            code="invitation.duplicate",
            params={},
        ) from exc
    events_service.record(
        session,
        document_id=amendment.document_id,
        actor=actor,
        action="amendment.invited",
        target_type="amendment",
        target_id=amendment.id,
        payload={"codes": [r.participant_code for r in rows], "ids": [r.id for r in rows]},
        content=[content_service.of_invitation(r) for r in rows],
        now=now,
    )
    return rows


def get_or_raise(session: Session, *, invitation_id: int) -> Invitation:
    row = session.get(Invitation, invitation_id)
    if row is None:
        raise NotFound(
            f"There is no invitation {invitation_id}.",
            code="invitation.not_found",
            params={"id": invitation_id},
        )
    return row


def answer(
    session: Session, *, invitation: Invitation, accept: bool, actor: Actor, now: datetime
) -> Invitation:
    """The invited delegation accepts (it co-sponsors the amendment) or declines."""
    own = member_code(session, actor, "answer invitations")
    if own != invitation.participant_code:
        raise Forbidden(
            f"Invitation {invitation.id} is addressed to {invitation.participant_code}, not {own}.",
            code="invitation.not_addressed",
            params={"id": id_of(invitation), "to": invitation.participant_code, "code": own},
        )
    amendment = access.lock(
        session, access.get_or_raise(session, amendment_id=invitation.amendment_id)
    )
    session.refresh(invitation)
    if invitation.status != InvitationStatus.PENDING:
        raise Conflict(
            f"Invitation {invitation.id} was already answered: {invitation.status}.",
            code="invitation.answered",
            params={"id": id_of(invitation), "status": invitation.status},
        )
    if accept:
        sponsors.join(session, amendment=amendment, code=own, actor=actor, now=now)
    invitation.status = InvitationStatus.ACCEPTED if accept else InvitationStatus.DECLINED
    invitation.answered_at, invitation.answered_by_account_id = now, actor.account_id
    session.add(invitation)
    session.flush()
    events_service.record(
        session,
        document_id=invitation.document_id,
        actor=actor,
        action="invitation.accepted" if accept else "invitation.declined",
        target_type="amendment",
        target_id=invitation.amendment_id,
        payload={"invitation_id": invitation.id, "code": own},
        content=[content_service.of_invitation(invitation)],
        now=now,
    )
    return invitation


def list_for_amendment(session: Session, *, amendment: Amendment) -> list[Invitation]:
    return list(
        session.exec(
            select(Invitation)
            .where(Invitation.amendment_id == amendment.id)
            .order_by(col(Invitation.invited_at), col(Invitation.id))
        ).all()
    )


def pending_for(session: Session, *, code: str) -> list[Invitation]:
    """Invitations still awaiting this delegation's answer, on amendments still pending."""
    return list(
        session.exec(
            select(Invitation)
            .join(Amendment, col(Amendment.id) == col(Invitation.amendment_id))
            .where(
                Invitation.participant_code == code,
                Invitation.status == InvitationStatus.PENDING,
                Amendment.status == "pending",
            )
            .order_by(col(Invitation.invited_at), col(Invitation.id))
        ).all()
    )


def public(row: Invitation) -> InvitationPublic:
    return InvitationPublic(
        id=id_of(row),
        amendment_id=row.amendment_id,
        code=row.participant_code,
        invited_by=row.invited_by_code,
        invited_at=row.invited_at,
        status=row.status,
        answered_at=row.answered_at,
    )
