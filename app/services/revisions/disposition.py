"""The disposition table: what became of every amendment filed between two sides of a comparison.

Status is read as it stood at the later side: an amendment decided after that moment was still
pending then. "Where its words landed" is the blame of the paragraph at the later side, keeping
the spans written by the version(s) the amendment produced.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, select

from app.drafting.blame import BlameSpan
from app.drafting.compare import ParagraphState
from app.drafting.worddiff import word_diff
from app.models import (
    Amendment,
    AmendmentKind,
    AmendmentSponsor,
    AmendmentStatus,
    ParagraphVersion,
    VersionAmendment,
)
from app.models.revision import DispositionRow
from app.services.amendments.outcome import decision_message
from app.services.record.rows import id_of
from app.services.revisions import blame as blame_service
from app.services.revisions.sides import Side
from app.services.text import versions as versions_service

_LANDS = {AmendmentStatus.ACCEPTED, AmendmentStatus.PARTLY_ACCEPTED}


@dataclass(frozen=True)
class _Between:
    """What every row of one table reads: both sides, each amendment's sponsors and the versions
    it produced by the later side, and the blame of the paragraphs its words landed in."""

    old: Side
    new: Side
    sponsors: dict[int, list[AmendmentSponsor]]
    produced: dict[int, list[tuple[int, int]]]
    spans: dict[int, list[BlameSpan]]
    merged_with: dict[int, list[int]]  # amendment id -> the others merged into its versions
    own_words: dict[int, list[str]]  # amendment id -> the phrases it inserted into its base


def _status_at(amendment: Amendment, new: Side) -> tuple[str, bool]:
    """(status shown, decided by then) as things stood at the later side."""
    if amendment.status == AmendmentStatus.PENDING:
        return "pending", False
    # Withdrawals may not stamp decided_at; their last update is when they happened.
    moment = amendment.decided_at or amendment.updated_at
    if not new.is_now and moment > new.moment:
        return "pending", False
    return str(amendment.status), True


def table(session: Session, *, document_id: int, old: Side, new: Side) -> list[DispositionRow]:
    """One row per amendment filed after `old` and by `new`, oldest first."""
    query = select(Amendment).where(
        Amendment.document_id == document_id, Amendment.created_at > old.moment
    )
    if not new.is_now:
        query = query.where(Amendment.created_at <= new.moment)
    amendments = session.exec(query.order_by(col(Amendment.created_at), col(Amendment.id))).all()
    if not amendments:
        return []
    ids = [id_of(a) for a in amendments]
    sponsors: dict[int, list[AmendmentSponsor]] = {}
    for row in session.exec(
        select(AmendmentSponsor).where(col(AmendmentSponsor.amendment_id).in_(ids))
    ):
        sponsors.setdefault(row.amendment_id, []).append(row)
    produced = _produced(session, ids, new)
    statuses = {id_of(a): _status_at(a, new) for a in amendments}
    landing = {
        pid
        for amendment_id, (status, _) in statuses.items()
        if status in _LANDS
        for pid, _ in produced.get(amendment_id, [])
        if pid in new.by_id
    }
    texts = blame_service.histories(session, paragraph_ids=landing)
    new_by_id = new.by_id
    spans = {pid: blame_service.spans_at(texts[pid], new_by_id[pid].version) for pid in landing}
    merged_with = _merged_with(session, produced)
    between = _Between(
        old=old,
        new=new,
        sponsors=sponsors,
        produced=produced,
        spans=spans,
        merged_with=merged_with,
        own_words={id_of(a): _own_words(session, a) for a in amendments if id_of(a) in merged_with},
    )
    return [_row(a, *statuses[id_of(a)], between) for a in amendments]


def _produced(session: Session, ids: list[int], new: Side) -> dict[int, list[tuple[int, int]]]:
    """amendment id -> [(paragraph id, version number)] of the versions it produced by then."""
    new_by_id = new.by_id
    produced: dict[int, list[tuple[int, int]]] = {}
    for amendment_id, paragraph_id, number, created_at in session.exec(
        select(
            VersionAmendment.amendment_id,
            ParagraphVersion.paragraph_id,
            ParagraphVersion.number,
            ParagraphVersion.created_at,
        )
        .join(ParagraphVersion, col(ParagraphVersion.id) == col(VersionAmendment.version_id))
        .where(col(VersionAmendment.amendment_id).in_(ids))
    ):
        state = new_by_id.get(paragraph_id)
        counted = number <= state.version if state else new.is_now or created_at <= new.moment
        if counted:
            produced.setdefault(amendment_id, []).append((paragraph_id, number))
    return produced


def _merged_with(
    session: Session, produced: dict[int, list[tuple[int, int]]]
) -> dict[int, list[int]]:
    """Amendment id -> the other amendments that produced the same version (a merge)."""
    wanted = {key for versions in produced.values() for key in versions}
    if not wanted:
        return {}
    by_version: dict[tuple[int, int], set[int]] = {}
    for amendment_id, paragraph_id, number in session.exec(
        select(
            VersionAmendment.amendment_id, ParagraphVersion.paragraph_id, ParagraphVersion.number
        )
        .join(ParagraphVersion, col(ParagraphVersion.id) == col(VersionAmendment.version_id))
        .where(col(ParagraphVersion.paragraph_id).in_({pid for pid, _ in wanted}))
    ):
        if (paragraph_id, number) in wanted:
            by_version.setdefault((paragraph_id, number), set()).add(amendment_id)
    merged: dict[int, list[int]] = {}
    for amendment_id, versions in produced.items():
        others = {o for v in versions for o in by_version.get(v, ()) if o != amendment_id}
        if others:
            merged[amendment_id] = sorted(others)
    return merged


def _own_words(session: Session, amendment: Amendment) -> list[str]:
    """The phrases the amendment itself wrote into the text it was proposed on."""
    if amendment.kind != AmendmentKind.MODIFY or amendment.paragraph_id is None:
        return [amendment.text.strip()] if amendment.text.strip() else []
    base = versions_service.text_of(
        session, paragraph_id=amendment.paragraph_id, number=amendment.base_version
    )
    return [
        text.strip()
        for op, text in word_diff(base, amendment.text)
        if op == "insert" and text.strip()
    ]


def _row(amendment: Amendment, status: str, decided: bool, between: _Between) -> DispositionRow:
    a, new = amendment, between.new
    versions = between.produced.get(id_of(a), []) if decided else []
    paragraph_id = a.paragraph_id or next((pid for pid, _ in versions), None)
    landed = _landed(versions, between.spans) if status in _LANDS else []
    merged = between.merged_with.get(id_of(a), []) if status in _LANDS else []
    note = ""
    if merged:
        # A compromise: credit only the words this amendment wrote that are in it.
        status = AmendmentStatus.PARTLY_ACCEPTED
        own = between.own_words.get(id_of(a), [])
        landed = [phrase for phrase in own if any(phrase in span for span in landed)]
        others = ", ".join(str(o) for o in merged)
        note = f"Merged with amendment {others} into a compromise; only its own words are listed."
    result: int | None = next((n for pid, n in versions if pid == paragraph_id), None)
    if result is None and decided and status in _LANDS:
        result = a.result_version
    moment = a.decided_at or a.updated_at
    return DispositionRow(
        amendment_id=id_of(a),
        kind=a.kind,
        status=status,
        paragraph_id=paragraph_id,
        paragraph_label=_label(a, paragraph_id, between.old.by_id, new.by_id),
        proposer=a.proposer_code,
        sponsors=blame_service.sponsors_at(
            between.sponsors.get(id_of(a), []), a.proposer_code, moment if decided else new.moment
        ),
        created_at=a.created_at,
        decided_at=a.decided_at if decided else None,
        decision_reason=a.decision_reason if decided else "",
        decision_message=decision_message(a) if decided else None,
        result_version=result,
        landed=landed,
        note=note,
    )


def _landed(versions: list[tuple[int, int]], spans: dict[int, list[BlameSpan]]) -> list[str]:
    """The phrases of the later side that the amendment's own versions wrote."""
    return [
        span.text.strip()
        for pid, number in versions
        for span in spans.get(pid, [])
        if span.version == number and span.text.strip()
    ]


def _label(
    amendment: Amendment,
    paragraph_id: int | None,
    old_by_id: dict[int, ParagraphState],
    new_by_id: dict[int, ParagraphState],
) -> str | None:
    """The paragraph's label on the later side, else the earlier one; for a paragraph still to be
    inserted, where it would go."""
    if paragraph_id is not None:
        for side in (new_by_id, old_by_id):
            if paragraph_id in side:
                return side[paragraph_id].label
        return None
    if amendment.kind == AmendmentKind.INSERT_PARAGRAPH:
        anchor = amendment.after_paragraph_id
        for side in (new_by_id, old_by_id):
            if anchor is not None and anchor in side:
                return f"new, after {side[anchor].label}"
        return "new"
    return None
