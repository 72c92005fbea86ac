"""What an event vouches for: the hash of each row it wrote, keyed by the row.

Every write puts `{"content": {"<table>/<id>": sha256, …}}` in its event's payload, so the hash
chain covers the texts, positions, amendments and sponsorships themselves, not only the fact
that something happened. The audit (`record/audit.py`) recomputes each row's hash and compares
it with the last event that vouched for that row: a hand edit to any of them is named.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from app.models import (
    Amendment,
    AmendmentSponsor,
    AmendmentVersion,
    Comment,
    FloorRequest,
    Invitation,
    ParagraphTranslation,
    ParagraphVersion,
    PlenaryReading,
    Position,
    Revision,
    RevisionEntry,
    Round,
    SilenceProcedure,
)
from app.services.record.rows import id_of

Content = tuple[str, str]  # (row reference such as "position/12", sha256 of what it holds)


def digest(fields: dict[str, Any]) -> str:
    body = json.dumps(
        fields, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str
    )
    return hashlib.sha256(body.encode()).hexdigest()


def of_version(version: ParagraphVersion) -> Content:
    """A paragraph version is its text; its stored hash is already the text's SHA-256."""
    return f"paragraph_version/{id_of(version)}", digest(
        {"paragraph_id": version.paragraph_id, "number": version.number, "sha256": version.sha256}
    )


def of_amendment(amendment: Amendment) -> Content:
    return f"amendment/{id_of(amendment)}", digest(
        {
            "kind": amendment.kind,
            "status": amendment.status,
            "paragraph_id": amendment.paragraph_id,
            "base_version": amendment.base_version,
            "text": amendment.text,
            "rationale": amendment.rationale,
            "revision": amendment.revision,
            "proposer_code": amendment.proposer_code,
            "result_version": amendment.result_version,
        }
    )


def of_position(position: Position) -> Content:
    return f"position/{id_of(position)}", digest(
        {
            "paragraph_id": position.paragraph_id,
            "version_number": position.version_number,
            "amendment_id": position.amendment_id,
            "participant_code": position.participant_code,
            "stance": position.stance,
            "note": position.note,
            "account_id": position.account_id,
        }
    )


def of_sponsor(sponsor: AmendmentSponsor) -> Content:
    return f"amendment_sponsor/{id_of(sponsor)}", digest(
        {
            "amendment_id": sponsor.amendment_id,
            "participant_code": sponsor.participant_code,
            "joined_at": sponsor.joined_at.isoformat(),
            "left_at": sponsor.left_at.isoformat() if sponsor.left_at else None,
        }
    )


def of_translation(translation: ParagraphTranslation) -> Content:
    return f"paragraph_translation/{id_of(translation)}", digest(
        {
            "paragraph_id": translation.paragraph_id,
            "lang": translation.lang,
            "version": translation.version,
            "text": _sha(translation.text),
            "account_id": translation.author_account_id,
        }
    )


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def of_amendment_version(version: AmendmentVersion) -> Content:
    """An amendment's earlier text, kept when its sponsors revise it."""
    return f"amendment_version/{id_of(version)}", digest(
        {
            "amendment_id": version.amendment_id,
            "number": version.number,
            "base_version": version.base_version,
            "text": _sha(version.text),
            "rationale": _sha(version.rationale),
            "account_id": version.author_account_id,
        }
    )


def of_comment(comment: Comment) -> Content:
    return f"comment/{id_of(comment)}", digest(
        {
            "amendment_id": comment.amendment_id,
            "paragraph_id": comment.paragraph_id,
            "participant_code": comment.participant_code,
            "account_id": comment.author_account_id,
            "body": _sha(comment.body),
        }
    )


def of_silence(procedure: SilenceProcedure) -> Content:
    """A silence procedure with how it ended (broken by whom and why, or cancelled)."""
    return f"silence_procedure/{id_of(procedure)}", digest(
        {
            "paragraph_id": procedure.paragraph_id,
            "version_number": procedure.version_number,
            "revision_number": procedure.revision_number,
            "deadline": _iso(procedure.deadline),
            "timezone": procedure.timezone,
            "cancelled_at": _iso(procedure.cancelled_at),
            "cancelled_by_code": procedure.cancelled_by_code,
            "cancel_reason": procedure.cancel_reason,
            "broken_at": _iso(procedure.broken_at),
            "broken_by_code": procedure.broken_by_code,
            "broken_reason": procedure.broken_reason,
        }
    )


def of_revision(revision: Revision, entries: Iterable[RevisionEntry]) -> Content:
    """A revision is its number and label and the version, place and number of each paragraph
    in it: a hand edit to any entry changes what the revision's exports say was issued."""
    placed = sorted(
        (e.paragraph_id, e.version_number, e.section_id, e.section_position, e.position, e.number)
        for e in entries
    )
    return f"revision/{id_of(revision)}", digest(
        {
            "number": revision.number,
            "label": revision.label,
            "note": _sha(revision.note),
            "created_at": _iso(revision.created_at),
            "entries": placed,
        }
    )


def of_round(row: Round) -> Content:
    """A round of the calendar: its dates and, above all, its amendment deadline."""
    return f"round/{id_of(row)}", digest(
        {
            "name": row.name,
            "place": row.place,
            "room": row.room,
            "timezone": row.timezone,
            "starts_on": row.starts_on.isoformat(),
            "ends_on": row.ends_on.isoformat(),
            "days": list(row.days),
            "amendment_deadline": _iso(row.amendment_deadline),
            "revision_due": _iso(row.revision_due),
            "late_allowed": row.late_allowed,
        }
    )


def of_invitation(invitation: Invitation) -> Content:
    return f"invitation/{id_of(invitation)}", digest(
        {
            "amendment_id": invitation.amendment_id,
            "participant_code": invitation.participant_code,
            "invited_by_code": invitation.invited_by_code,
            "status": invitation.status,
            "answered_at": _iso(invitation.answered_at),
        }
    )


def of_reading(reading: PlenaryReading) -> Content:
    """A paragraph's reading in plenary: when it was taken up, its list closed, and it ended."""
    return f"plenary_reading/{id_of(reading)}", digest(
        {
            "document_id": reading.document_id,
            "paragraph_id": reading.paragraph_id,
            "started_at": _iso(reading.started_at),
            "list_closed_at": _iso(reading.list_closed_at),
            "ended_at": _iso(reading.ended_at),
        }
    )


def of_request(request: FloorRequest) -> Content:
    """A request for the floor: who asked, and when the floor was given and ended."""
    stamps = {
        "requested_at": _iso(request.requested_at),
        "given_at": _iso(request.given_at),
        "ended_at": _iso(request.ended_at),
    }
    return f"floor_request/{id_of(request)}", digest(
        {
            "reading_id": request.reading_id,
            "participant_code": request.participant_code,
            "status": request.status,
            **stamps,
        }
    )
