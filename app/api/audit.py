"""The record that proves itself: the audit log with its verification, and checking a file."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query
from pydantic import BaseModel

from app.api.deps import MAX_INT, CurrentActor, DocumentDep
from app.db import SessionDep
from app.services.record import audit as audit_service

router = APIRouter(tags=["audit"])


class ProblemPublic(BaseModel):
    where: str  # e.g. "paragraph 12 version 3", "event 41", "position 7"
    what: str


class VerificationPublic(BaseModel):
    document_id: int
    intact: bool
    events: int
    head: str
    paragraphs: int
    versions: int
    problem: ProblemPublic | None
    summary: str


class AuditEventPublic(BaseModel):
    """One event with every field its hash covers (`content` only when not empty)."""

    document_id: int | None
    seq: int
    created_at: str  # exactly as hashed: ISO 8601 with its offset
    account_id: int | None
    actor: str | None
    delegation_code: str | None
    action: str
    target_type: str
    target_id: int | None
    payload: dict[str, Any]
    content: dict[str, str]
    prev_hash: str
    hash: str


class AuditPublic(BaseModel):
    verification: VerificationPublic
    events: list[AuditEventPublic]
    next_after: int | None  # pass as `after` for the next page; null on the last page


def verification_public(result: audit_service.Verification) -> VerificationPublic:
    problem = result.problem
    return VerificationPublic(
        document_id=result.document_id,
        intact=result.intact,
        events=result.events,
        head=result.head,
        paragraphs=result.paragraphs,
        versions=result.versions,
        problem=ProblemPublic(where=problem.where, what=problem.what) if problem else None,
        summary=result.summary,
    )


@router.get("/documents/{document_id}/audit", response_model=AuditPublic)
def audit(
    document: DocumentDep,
    session: SessionDep,
    actor: CurrentActor,
    after: int = Query(0, ge=0, le=MAX_INT, description="Only events after this sequence number"),
    limit: int = Query(500, ge=1, le=1000),
) -> AuditPublic:
    """The hash-chained log (oldest first, paged with `after`) and whether the whole record
    verifies: chain, versions, cached heads and the rows the events vouch for. Chair side only."""
    log = audit_service.log(session, actor=actor, document=document, after=after, limit=limit)
    events = [AuditEventPublic(**entry) for entry in log.events]
    more = len(events) == limit and events[-1].seq < document.event_seq
    return AuditPublic(
        verification=verification_public(log.verification),
        events=events,
        next_after=events[-1].seq if more else None,
    )
