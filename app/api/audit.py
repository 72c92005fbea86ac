"""The record that proves itself: the audit log with its verification, and checking a file."""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel

from app.api.deps import MAX_INT, CurrentActor, DocumentDep
from app.db import SessionDep
from app.errors import BadRequest
from app.services.exports import verifying
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


class RecordPublic(BaseModel):
    """What the file says it shows."""

    format: str
    document_id: int
    audit_seq: int
    audit_head: str
    text_hash: str | None
    variant: str | None
    revision_number: int | None
    language: str | None = None  # the export's language (None: an older file, not said)
    parallel: bool = False  # the negotiating text beside the translation


class FileCheckPublic(BaseModel):
    verdict: str  # "matches", "does not match" or "unreadable"
    matches: bool
    reason: str
    message: str  # "<verdict>: <reason>"
    record: RecordPublic | None


_BOUNDARY = re.compile(r'boundary="?([^";]+)"?', re.IGNORECASE)


def _file_part(body: bytes, content_type: str) -> bytes:
    """The first file (or the field "file") of a multipart/form-data body."""
    match = _BOUNDARY.search(content_type)
    if match is None:
        raise BadRequest(
            "This multipart upload has no boundary in its Content-Type.", code="upload.no_boundary"
        )
    for part in body.split(b"--" + match.group(1).encode("latin-1"))[1:]:
        if part.startswith(b"--"):
            break
        headers, found, data = part.partition(b"\r\n\r\n")
        if found and (b"filename=" in headers or b'name="file"' in headers):
            return data[:-2] if data.endswith(b"\r\n") else data
    raise BadRequest(
        "This upload holds no file: send the export as the form field 'file'.",
        code="upload.no_file",
    )


async def uploaded(request: Request) -> bytes:
    """The file to check: a multipart/form-data upload, or the request body itself."""
    body = await request.body()
    content_type = request.headers.get("content-type", "")
    if content_type.lower().startswith("multipart/form-data"):
        return _file_part(body, content_type)
    return body


@router.post("/verify", response_model=FileCheckPublic)
def verify_file(
    content: Annotated[bytes, Depends(uploaded)], session: SessionDep, _actor: CurrentActor
) -> FileCheckPublic:
    """Does this export (md, html, pdf, docx, akn, csv) or JSON dump match the database's
    history at the moment it shows? Send it as a multipart upload (field `file`) or as the raw
    body. 200 with the verdict; 503 when the document's own record does not verify."""
    result = verifying.check(session, content=content)
    record = result.record
    return FileCheckPublic(
        verdict=result.verdict,
        matches=result.matches,
        reason=result.reason,
        message=result.message,
        record=RecordPublic(
            format=record.format,
            document_id=record.document_id,
            audit_seq=record.audit_seq,
            audit_head=record.audit_head,
            text_hash=record.text_hash,
            language=record.language,
            parallel=record.parallel,
            variant=record.variant,
            revision_number=record.revision_number,
        )
        if record
        else None,
    )
