"""A co-chair cancels a running silence procedure, with a reason (kept beside `silence`, which
cancels lazily when a paragraph moves on; this is the chairs' own decision, recorded)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, select

from app.drafting import consensus
from app.drafting.consensus import SilencePhase
from app.errors import Conflict, NotFound
from app.models import SilenceProcedure
from app.services.accounts.actors import Actor, require_chair
from app.services.positions.silence import fact
from app.services.record import content as content_service
from app.services.record import events as events_service
from app.services.text import limits, locking
from app.services.text.cleaning import note_text


def get_or_raise(session: Session, *, procedure_id: int) -> SilenceProcedure:
    row = session.get(SilenceProcedure, procedure_id)
    if row is None:
        raise NotFound(
            f"There is no silence procedure {procedure_id}.",
            code="silence.not_found",
            params={"id": procedure_id},
        )
    return row


def cancel(
    session: Session, *, procedure: SilenceProcedure, reason: str, actor: Actor, now: datetime
) -> SilenceProcedure:
    """Stop a running procedure before its deadline; the reason is required and recorded."""
    require_chair(actor, "cancel a silence procedure")
    reason = note_text(reason, limits=limits.of(session), what="The reason", required=True)
    locking.document(session, document_id=procedure.document_id)
    procedure = session.exec(
        select(SilenceProcedure)
        .where(SilenceProcedure.id == procedure.id)
        .with_for_update(key_share=True)
        .execution_options(populate_existing=True)
    ).one()
    phase = consensus.silence_phase(fact(procedure), now)
    if phase != SilencePhase.RUNNING:
        raise Conflict(
            f"Silence procedure {procedure.id} is {phase}; only a running one can be cancelled.",
            code="silence.not_running",
            params={"id": procedure.id or 0, "silence_phase": str(phase)},
            phase=phase,
        )
    procedure.cancelled_at = now
    procedure.cancelled_by_code = actor.delegation
    procedure.cancel_reason = reason
    session.add(procedure)
    session.flush()
    events_service.record(
        session,
        document_id=procedure.document_id,
        actor=actor,
        action="silence.cancelled",
        target_type="paragraph",
        target_id=procedure.paragraph_id,
        payload={
            "silence_id": procedure.id,
            "version": procedure.version_number,
            "cancelled_at": now.isoformat(),
            "reason": events_service.excerpt(reason),
        },
        content=[content_service.of_silence(procedure)],
        now=now,
    )
    return procedure
