"""Silence procedures as the API shows them: each with its phase now and its deadline in the
zone the chairs set it in."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, select

from app.drafting import consensus
from app.models import Paragraph, SilenceProcedure
from app.models.position import RevisionSilencePublic, SilencePublic, SilenceSkipped
from app.services.accounts import accounts as accounts_service
from app.services.calendar import zones
from app.services.positions.silence import as_utc, fact
from app.services.record.rows import id_of


def public(procedure: SilenceProcedure, *, now: datetime, names: dict[int, str]) -> SilencePublic:
    return SilencePublic(
        id=id_of(procedure),
        paragraph_id=procedure.paragraph_id,
        version=procedure.version_number,
        revision_number=procedure.revision_number,
        deadline=procedure.deadline,
        started_at=procedure.started_at,
        started_by=names.get(procedure.started_by_account_id),
        phase=consensus.silence_phase(fact(procedure), now),
        cancelled_at=procedure.cancelled_at,
        broken_by=procedure.broken_by_code,
        broken_at=procedure.broken_at,
        broken_reason=procedure.broken_reason,
        cancelled_by=procedure.cancelled_by_code,
        cancel_reason=procedure.cancel_reason,
        timezone=procedure.timezone,
        deadline_local=zones.local(procedure.deadline, procedure.timezone),
    )


def publics(
    session: Session, procedures: list[SilenceProcedure], *, now: datetime
) -> list[SilencePublic]:
    ids = {p.started_by_account_id for p in procedures}
    names = accounts_service.usernames(session, ids)
    return [public(p, now=now, names=names) for p in procedures]


def revision_public(
    session: Session,
    *,
    number: int,
    deadline: datetime,
    started: list[SilenceProcedure],
    skipped: list[SilenceSkipped],
    now: datetime,
) -> RevisionSilencePublic:
    return RevisionSilencePublic(
        revision_number=number,
        deadline=as_utc(deadline),
        started=publics(session, started, now=now),
        skipped=skipped,
    )


def list_for_paragraph(
    session: Session, *, paragraph: Paragraph, now: datetime
) -> list[SilencePublic]:
    """Every procedure ever run on the paragraph, oldest first, with its phase now."""
    procedures = session.exec(
        select(SilenceProcedure)
        .where(SilenceProcedure.paragraph_id == paragraph.id)
        .order_by(col(SilenceProcedure.started_at), col(SilenceProcedure.id))
    ).all()
    return publics(session, list(procedures), now=now)
