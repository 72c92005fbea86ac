"""The disposition table: what became of every amendment filed between two sides of a comparison.

Status is read as it stood at the later side: an amendment decided after that moment was still
pending then. "Where its words landed" is the blame of the paragraph at the later side, keeping
the spans written by the version(s) the amendment produced.
"""

from __future__ import annotations

from sqlmodel import Session, select

from app.models import (
    Amendment,
    AmendmentKind,
    AmendmentSponsor,
    AmendmentStatus,
    ParagraphVersion,
    VersionAmendment,
)
from app.models.revision import DispositionRow
from app.services.revisions import blame as blame_service
from app.services.revisions.sides import Side

# What the table calls each stored status: a partly accepted amendment went into a compromise.
_SHOWN = {AmendmentStatus.PARTLY_ACCEPTED: "merged"}
_LANDS = {"accepted", "merged"}


def _status_at(amendment: Amendment, new: Side) -> tuple[str, bool]:
    """(status shown, decided by then) as things stood at the later side."""
    if amendment.status == AmendmentStatus.PENDING:
        return "pending", False
    # Withdrawals may not stamp decided_at; their last update is when they happened.
    moment = amendment.decided_at or amendment.updated_at
    if not new.is_now and moment > new.moment:
        return "pending", False
    return _SHOWN.get(amendment.status, str(amendment.status)), True


def table(session: Session, *, document_id: int, old: Side, new: Side) -> list[DispositionRow]:
    """One row per amendment filed after `old` and by `new`, oldest first."""
    query = select(Amendment).where(
        Amendment.document_id == document_id, Amendment.created_at > old.moment
    )
    if not new.is_now:
        query = query.where(Amendment.created_at <= new.moment)
    amendments = session.exec(query.order_by(Amendment.created_at, Amendment.id)).all()
    if not amendments:
        return []
    ids = [a.id for a in amendments]
    sponsors: dict[int, list[AmendmentSponsor]] = {}
    for row in session.exec(select(AmendmentSponsor).where(AmendmentSponsor.amendment_id.in_(ids))):
        sponsors.setdefault(row.amendment_id, []).append(row)
    new_by_id, old_by_id = new.by_id, old.by_id
    # amendment id -> [(paragraph id, version number)] of the versions it produced by then.
    produced: dict[int, list[tuple[int, int]]] = {}
    for amendment_id, paragraph_id, number, created_at in session.exec(
        select(
            VersionAmendment.amendment_id,
            ParagraphVersion.paragraph_id,
            ParagraphVersion.number,
            ParagraphVersion.created_at,
        )
        .join(ParagraphVersion, ParagraphVersion.id == VersionAmendment.version_id)
        .where(VersionAmendment.amendment_id.in_(ids))
    ):
        state = new_by_id.get(paragraph_id)
        counted = number <= state.version if state else new.is_now or created_at <= new.moment
        if counted:
            produced.setdefault(amendment_id, []).append((paragraph_id, number))

    statuses = {a.id: _status_at(a, new) for a in amendments}
    landing = {
        pid
        for a in amendments
        if statuses[a.id][0] in _LANDS
        for pid, _ in produced.get(a.id, [])
        if pid in new_by_id
    }
    texts = blame_service.histories(session, paragraph_ids=landing)
    spans = {pid: blame_service.spans_at(texts[pid], new_by_id[pid].version) for pid in landing}

    rows = []
    for a in amendments:
        status, decided = statuses[a.id]
        versions = produced.get(a.id, []) if decided else []
        paragraph_id = a.paragraph_id or next((pid for pid, _ in versions), None)
        landed: list[str] = []
        if status in _LANDS:
            for pid, number in versions:
                for span in spans.get(pid, []):
                    fragment = span.text.strip()
                    if span.version == number and fragment:
                        landed.append(fragment)
        result = next((n for pid, n in versions if pid == paragraph_id), None)
        if result is None and decided and status in _LANDS:
            result = a.result_version
        moment = a.decided_at or a.updated_at
        rows.append(
            DispositionRow(
                amendment_id=a.id,
                kind=a.kind,
                status=status,
                paragraph_id=paragraph_id,
                paragraph_label=_label(a, paragraph_id, old_by_id, new_by_id),
                proposer=a.proposer_code,
                sponsors=blame_service.sponsors_at(
                    sponsors.get(a.id, []), a.proposer_code, moment if decided else new.moment
                ),
                created_at=a.created_at,
                decided_at=a.decided_at if decided else None,
                decision_reason=a.decision_reason if decided else "",
                result_version=result,
                landed=landed,
            )
        )
    return rows


def _label(amendment: Amendment, paragraph_id: int | None, old_by_id, new_by_id) -> str | None:
    """The paragraph's label on the later side, else the earlier one; for a paragraph still to be
    inserted, where it would go."""
    for side in (new_by_id, old_by_id):
        if paragraph_id in side:
            return side[paragraph_id].label
    if amendment.kind == AmendmentKind.INSERT_PARAGRAPH and paragraph_id is None:
        anchor = amendment.after_paragraph_id
        for side in (new_by_id, old_by_id):
            if anchor in side:
                return f"new, after {side[anchor].label}"
        return "new"
    return None
