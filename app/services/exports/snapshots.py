"""What an export shows of each paragraph, read from the database: now (from the consensus
board) or at a revision (the consensus rules applied to what was on record when it was issued),
with the pending proposals attached to the paragraphs they belong to. The export decisions are
in app/services/exports/exports.py; this module only gathers the rows.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Session, select

from app.drafting import consensus
from app.drafting.consensus import ConsensusMode, PositionFact, Stance
from app.drafting.export.model import ExportDelegation, ExportProposal
from app.drafting.worddiff import word_diff
from app.models import (
    Amendment,
    AmendmentKind,
    AmendmentSponsor,
    AmendmentStatus,
    AmendmentVersion,
    Document,
    Event,
    Paragraph,
    Revision,
    RevisionEntry,
)
from app.services.consensus import board as board_service
from app.services.consensus import queries as facts_service
from app.services.positions import silence as silence_service
from app.services.revisions import revisions as revisions_service


@dataclass
class Row:
    """One exported paragraph before its proposals are attached."""

    paragraph_id: int
    section_id: int
    label: str
    text: str
    version: int
    status: str
    objections: tuple[tuple[str, str], ...] = ()
    reservations: tuple[tuple[str, str], ...] = ()
    ad_referendum: tuple[str, ...] = ()
    positions: dict[str, str] = field(default_factory=dict)
    proposals: list[ExportProposal] = field(default_factory=list)


@dataclass(frozen=True)
class Pending:
    """An amendment pending at the exported moment, as it stood then."""

    id: int
    kind: str
    paragraph_id: int | None
    section_id: int | None
    after_paragraph_id: int | None
    sponsors: tuple[str, ...]
    text: str
    rationale: str


# --- now: from the consensus board ------------------------------------------------------------


def current(session: Session, *, document: Document, now: datetime):
    """(rows, pending proposals, delegations) for the current text, as the board sees it now."""
    # days=1: the export uses none of the per-day timeline, so keep it as short as possible.
    board = board_service.board(session, document=document, now=now, days=1)
    texts = dict(
        session.execute(
            sa.select(Paragraph.id, Paragraph.head_text).where(
                Paragraph.document_id == document.id, Paragraph.deleted_at.is_(None)
            )
        ).all()
    )
    rows = []
    for p in board["paragraphs"]:
        held = {code: f for code, f in p["positions"].items() if f is not None}
        rows.append(
            Row(
                paragraph_id=p["id"],
                section_id=p["section_id"],
                label=str(p["number"]),
                text=texts[p["id"]],
                version=p["head_version"],
                status=str(p["status"]),
                objections=_noted(p["objections"], held),
                reservations=_noted(p["reservations"], held),
                ad_referendum=tuple(p["ad_referendum"]),
                positions={code: str(f["stance"]) for code, f in held.items()},
            )
        )
    listed = [a for p in board["paragraphs"] for a in p["pending_amendments"]]
    listed += board["pending_insertions"]
    # The board names each pending amendment and its sponsors; the wording and placement are
    # read here in one query.
    stored = {
        row.id: row
        for row in session.execute(
            sa.select(
                Amendment.id,
                Amendment.paragraph_id,
                Amendment.section_id,
                Amendment.after_paragraph_id,
                Amendment.text,
                Amendment.rationale,
            ).where(
                Amendment.document_id == document.id,
                Amendment.status == AmendmentStatus.PENDING,
            )
        )
    }
    pending = [
        Pending(
            id=a["id"],
            kind=a["kind"],
            paragraph_id=row.paragraph_id,
            section_id=row.section_id,
            after_paragraph_id=row.after_paragraph_id,
            sponsors=_proposer_first(a["proposer"], a["sponsors"]),
            text=row.text,
            rationale=row.rationale,
        )
        for a in sorted(listed, key=lambda a: a["id"])
        if (row := stored.get(a["id"])) is not None
    ]
    delegations = tuple(ExportDelegation(m["code"], m["bloc"], m["name"]) for m in board["members"])
    return rows, pending, delegations


def _noted(codes, held: dict) -> tuple[tuple[str, str], ...]:
    return tuple((code, (held.get(code) or {}).get("note", "")) for code in codes)


def _proposer_first(proposer: str, sponsors) -> tuple[str, ...]:
    return (proposer, *(code for code in sponsors if code != proposer))


# --- revision N: the rules applied to what was on record when it was issued --------------------


def _settled_at(amendment) -> datetime | None:
    if amendment.status == AmendmentStatus.PENDING:
        return None
    return amendment.decided_at or amendment.updated_at


def _held(facts: list[PositionFact], withdrawn: dict[str, list[datetime]], t: datetime):
    """Positions current at `t`: the latest taken by then, unless withdrawn after it (a
    withdrawal at the same instant as the position comes after it, as the board reads it)."""
    return {
        code: f
        for code, f in consensus.positions_as_of(facts, t).items()
        if not any(f.taken_at <= w <= t for w in withdrawn.get(code, ()))
    }


def at_revision(session: Session, *, document: Document, revision: Revision):
    """(rows, pending proposals, delegations) for the versions the revision froze, judged on
    what was on record at the moment it was issued."""
    t = revision.created_at
    data = facts_service.load(session, document)
    member_codes = {m.code for m in data.members}
    entries = session.exec(
        select(RevisionEntry)
        .where(RevisionEntry.revision_id == revision.id)
        .order_by(RevisionEntry.section_position, RevisionEntry.position)
    ).all()
    pinned = {e.paragraph_id: e.version_number for e in entries}
    texts = revisions_service.texts_at(session, wanted=pinned)

    history: dict[int, list[PositionFact]] = defaultdict(list)
    for row in data.positions:
        on_pinned = pinned.get(row.paragraph_id) == row.version_number
        if on_pinned and row.created_at <= t and row.participant_code in member_codes:
            history[row.paragraph_id].append(
                PositionFact(row.participant_code, Stance(row.stance), row.created_at, row.note)
            )
    withdrawn: dict[int, dict[str, list[datetime]]] = defaultdict(lambda: defaultdict(list))
    for paragraph_id, version, code, at in data.withdrawals:
        if pinned.get(paragraph_id) == version and at <= t:
            withdrawn[paragraph_id][code].append(at)

    open_then = [
        a
        for a in data.amendments
        if a.created_at <= t and ((settled := _settled_at(a)) is None or settled > t)
    ]
    counted: dict[int, int] = defaultdict(int)
    for a in open_then:
        if a.kind != AmendmentKind.INSERT_PARAGRAPH and a.paragraph_id is not None:
            counted[a.paragraph_id] += 1
    silence = {}
    for s in data.silences:  # by start: the latest started on the pinned version by then wins
        if pinned.get(s.paragraph_id) == s.version_number and s.started_at <= t:
            silence[s.paragraph_id] = s

    mode = ConsensusMode(document.consensus_mode)
    rows = []
    for e in entries:
        held = _held(history[e.paragraph_id], withdrawn[e.paragraph_id], t)
        procedure = silence.get(e.paragraph_id)
        result = consensus.evaluate_paragraph(
            members=data.members,
            positions=held,
            pending_amendments=counted[e.paragraph_id],
            silence=silence_service.fact(procedure) if procedure else None,
            mode=mode,
            now=t,
        )
        rows.append(
            Row(
                paragraph_id=e.paragraph_id,
                section_id=e.section_id,
                label=str(e.number),
                text=texts[e.paragraph_id],
                version=e.version_number,
                status=str(result.status),
                objections=tuple((c, held[c].note) for c in result.objections),
                reservations=tuple((c, held[c].note) for c in result.reservations),
                ad_referendum=tuple(result.ad_referendum),
                positions={code: str(f.stance) for code, f in held.items()},
            )
        )
    pending = _pending_as_of(session, amendments=open_then, t=t)
    delegations = tuple(ExportDelegation(m.code, m.bloc, data.names[m.code]) for m in data.members)
    return rows, pending, delegations


def _pending_as_of(session: Session, *, amendments: list, t: datetime) -> list[Pending]:
    """The amendments' wording and sponsors as they stood at `t` (later revisions and sponsors
    joining or leaving afterwards do not change a past revision)."""
    ids = [a.id for a in amendments]
    if not ids:
        return []
    wording: dict[int, tuple[int, str, str]] = {}
    for amendment_id, number, text, rationale in session.execute(
        sa.select(
            AmendmentVersion.amendment_id,
            AmendmentVersion.number,
            AmendmentVersion.text,
            AmendmentVersion.rationale,
        ).where(AmendmentVersion.amendment_id.in_(ids), AmendmentVersion.created_at <= t)
    ):
        if amendment_id not in wording or number > wording[amendment_id][0]:
            wording[amendment_id] = (number, text, rationale)
    sponsors: dict[int, list[str]] = defaultdict(list)
    for amendment_id, code in session.execute(
        sa.select(AmendmentSponsor.amendment_id, AmendmentSponsor.participant_code)
        .where(
            AmendmentSponsor.amendment_id.in_(ids),
            AmendmentSponsor.joined_at <= t,
            sa.or_(AmendmentSponsor.left_at.is_(None), AmendmentSponsor.left_at > t),
        )
        .order_by(AmendmentSponsor.joined_at, AmendmentSponsor.id)
    ):
        sponsors[amendment_id].append(code)
    full = {
        a.id: a
        for a in session.exec(select(Amendment).where(Amendment.id.in_(ids)))  # type: ignore[attr-defined]
    }
    result = []
    for a in amendments:
        row = full[a.id]
        _n, text, rationale = wording.get(a.id, (0, row.text, row.rationale))
        result.append(
            Pending(
                id=a.id,
                kind=a.kind,
                # An insertion accepted later points at the paragraph it created; at the revision
                # it was still a proposal placed by section and predecessor.
                paragraph_id=None if a.kind == AmendmentKind.INSERT_PARAGRAPH else a.paragraph_id,
                section_id=row.section_id,
                after_paragraph_id=row.after_paragraph_id,
                sponsors=_proposer_first(a.proposer_code, sponsors.get(a.id, ())),
                text=text,
                rationale=rationale,
            )
        )
    return result


def audit_head_at(session: Session, *, document: Document, revision: Revision) -> str | None:
    """The hash of the event that issued the revision, else the last event up to its moment."""
    issued = session.execute(
        sa.select(Event.hash).where(
            Event.document_id == document.id,
            Event.action == "revision.issued",
            Event.target_id == revision.id,
        )
    ).scalar()
    if issued:
        return issued
    return (
        session.execute(
            sa.select(Event.hash)
            .where(Event.document_id == document.id, Event.created_at <= revision.created_at)
            .order_by(Event.seq.desc())
            .limit(1)
        ).scalar()
        or None
    )


# --- proposals onto paragraphs ------------------------------------------------------------------


def attach(rows: list[Row], pending: list[Pending], section_order: list[int]) -> None:
    """Give each pending proposal to the paragraph it belongs to (see the module docstring)."""
    by_id = {row.paragraph_id: row for row in rows}
    first_in: dict[int, Row] = {}
    for row in rows:
        first_in.setdefault(row.section_id, row)
    for p in sorted(pending, key=lambda p: p.id):
        if p.kind == AmendmentKind.INSERT_PARAGRAPH:
            row = by_id.get(p.after_paragraph_id) or _section_anchor(
                p.section_id, first_in, rows, section_order
            )
            redline: tuple = ()
        else:
            row = by_id.get(p.paragraph_id)
            redline = (
                tuple(word_diff(row.text, p.text))
                if row is not None and p.kind == AmendmentKind.MODIFY
                else ()
            )
        if row is None:  # a proposal on a paragraph that is not in this text
            continue
        row.proposals.append(
            ExportProposal(
                amendment_id=p.id,
                kind=str(p.kind),
                sponsors=p.sponsors,
                text=p.text,
                redline=redline,
                rationale=p.rationale,
            )
        )


def _section_anchor(section_id, first_in, rows, section_order) -> Row | None:
    """The first paragraph of the section; for an empty section, the last paragraph before it
    (else the document's first), so a proposed paragraph is never left out of the compilation."""
    if section_id in first_in:
        return first_in[section_id]
    if not rows:
        return None
    if section_id in section_order:
        earlier = set(section_order[: section_order.index(section_id)])
        before = [row for row in rows if row.section_id in earlier]
        if before:
            return before[-1]
    return rows[0]
