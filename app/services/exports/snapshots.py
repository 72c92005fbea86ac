"""What an export shows of each paragraph, read from the database: now from the consensus board
(here), or at a revision from what was on record when it was issued
(app/services/exports/on_record.py); then the pending proposals are attached to the paragraphs
they belong to (here). The export decisions are in app/services/exports/exports.py; these
modules only gather the rows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import NamedTuple

import sqlalchemy as sa
from sqlmodel import Session, col

from app.drafting.export.model import ExportDelegation, ExportProposal, Segment
from app.drafting.worddiff import word_diff
from app.models import Amendment, AmendmentKind, AmendmentStatus, Document, Paragraph
from app.services.consensus import board as board_service
from app.services.consensus.queries import required_int, saved_id
from app.services.consensus.view import HeldPosition, ParagraphRow, PendingAmendment

Noted = tuple[tuple[str, str], ...]  # (delegation code, its note), in the order the rules list them


@dataclass(frozen=True)
class ParagraphSnapshot:
    """One exported paragraph as it stood at the exported moment, with the proposals on it."""

    paragraph_id: int
    section_id: int
    label: str
    text: str
    version: int
    status: str
    objections: Noted = ()
    reservations: Noted = ()
    ad_referendum: tuple[str, ...] = ()
    positions: dict[str, str] = field(default_factory=dict)  # delegation code -> stance
    proposals: tuple[ExportProposal, ...] = ()


@dataclass(frozen=True)
class PendingProposal:
    """An amendment pending at the exported moment, as it stood then."""

    id: int
    kind: str
    paragraph_id: int | None
    section_id: int | None
    after_paragraph_id: int | None
    sponsors: tuple[str, ...]  # the proposer first
    text: str  # as shown: the filed wording carried onto the exported text (see applying.py)
    rationale: str
    base_version: int = 0
    proposed_at: datetime | None = None
    applies: str = "applies_cleanly"
    filed_text: str = ""
    against: str | None = None  # a conflict: the base text the filed wording is shown against
    positions: tuple[tuple[str, str, str], ...] = ()  # (code, stance, note) on the proposal


@dataclass(frozen=True)
class DocumentSnapshot:
    """The paragraphs (before their proposals are attached), the pending proposals and the
    member delegations of an export."""

    paragraphs: list[ParagraphSnapshot]
    proposals: list[PendingProposal]
    delegations: tuple[ExportDelegation, ...]


def proposer_first(proposer: str, sponsors: Iterable[str]) -> tuple[str, ...]:
    return (proposer, *(code for code in sponsors if code != proposer))


# --- now: from the consensus board ------------------------------------------------------------


def current(session: Session, *, document: Document, now: datetime) -> DocumentSnapshot:
    """The current text, as the board sees it now."""
    # days=1: the export uses none of the per-day timeline, so keep it as short as possible.
    board = board_service.board(session, document=document, now=now, days=1)
    texts = dict(
        session.execute(
            sa.select(required_int(col(Paragraph.id)), col(Paragraph.head_text)).where(
                col(Paragraph.document_id) == saved_id(document),
                col(Paragraph.deleted_at).is_(None),
            )
        ).all()
    )
    listed = [
        *(a for row in board.paragraphs for a in row.pending_amendments),
        *board.pending_insertions,
    ]
    return DocumentSnapshot(
        paragraphs=[_from_board(row, texts[row.id]) for row in board.paragraphs],
        proposals=_with_wording(session, saved_id(document), listed),
        delegations=tuple(ExportDelegation(m.code, m.bloc, m.name) for m in board.members),
    )


def _from_board(row: ParagraphRow, text: str) -> ParagraphSnapshot:
    held = {code: p for code, p in row.positions.items() if p is not None}
    return ParagraphSnapshot(
        paragraph_id=row.id,
        section_id=row.section_id,
        label=row.label,  # the board's label: the room and the paper number alike
        text=text,
        version=row.head_version,
        status=str(row.status),
        objections=_noted(row.objections, held),
        reservations=_noted(row.reservations, held),
        ad_referendum=tuple(row.ad_referendum),
        positions={code: str(p.stance) for code, p in held.items()},
    )


def _noted(codes: Iterable[str], held: Mapping[str, HeldPosition]) -> Noted:
    return tuple((code, p.note if (p := held.get(code)) is not None else "") for code in codes)


class _StoredProposal(NamedTuple):
    paragraph_id: int | None
    section_id: int | None
    after_paragraph_id: int | None
    text: str
    rationale: str
    base_version: int


def _with_wording(
    session: Session, document_id: int, listed: Sequence[PendingAmendment]
) -> list[PendingProposal]:
    """The pending amendments the board lists, by id, with their wording and placement."""
    # The board names each pending amendment and its sponsors; the wording and placement are
    # read here in one query.
    stored = {
        amendment_id: _StoredProposal(paragraph_id, section_id, after, text, rationale, base)
        for amendment_id, paragraph_id, section_id, after, text, rationale, base in session.execute(
            sa.select(
                required_int(col(Amendment.id)),
                col(Amendment.paragraph_id),
                col(Amendment.section_id),
                col(Amendment.after_paragraph_id),
                col(Amendment.text),
                col(Amendment.rationale),
                col(Amendment.base_version),
            ).where(
                col(Amendment.document_id) == document_id,
                col(Amendment.status) == AmendmentStatus.PENDING,
            )
        ).all()
    }
    return [
        PendingProposal(
            id=a.id,
            kind=a.kind,
            paragraph_id=proposal.paragraph_id,
            section_id=proposal.section_id,
            after_paragraph_id=proposal.after_paragraph_id,
            sponsors=proposer_first(a.proposer, a.sponsors),
            text=proposal.text,
            rationale=proposal.rationale,
            base_version=proposal.base_version,
        )
        for a in sorted(listed, key=lambda a: a.id)
        if (proposal := stored.get(a.id)) is not None
    ]


# --- proposals onto paragraphs ------------------------------------------------------------------


def attach(
    paragraphs: list[ParagraphSnapshot],
    proposals: list[PendingProposal],
    section_order: list[int],
) -> list[ParagraphSnapshot]:
    """The paragraphs, each with the pending proposals that belong to it (see the docstring of
    app/services/exports/exports.py)."""
    by_id = {p.paragraph_id: p for p in paragraphs}
    first_in: dict[int, ParagraphSnapshot] = {}
    for p in paragraphs:
        first_in.setdefault(p.section_id, p)
    attached: dict[int, list[ExportProposal]] = defaultdict(list)
    for proposal in sorted(proposals, key=lambda p: p.id):
        redline: tuple[Segment, ...] = ()
        before = False
        if proposal.kind == AmendmentKind.INSERT_PARAGRAPH:
            after = proposal.after_paragraph_id
            target = by_id.get(after) if after is not None else None
            if target is None:
                target = _section_anchor(proposal.section_id, first_in, paragraphs, section_order)
                # At the start of a section that has paragraphs: it goes before the first.
                before = target is not None and target is first_in.get(proposal.section_id or -1)
        else:
            amended = proposal.paragraph_id
            target = by_id.get(amended) if amended is not None else None
            if target is not None and proposal.kind == AmendmentKind.MODIFY:
                against = target.text if proposal.against is None else proposal.against
                redline = tuple(word_diff(against, proposal.text))
        if target is None:  # a proposal on a paragraph that is not in this text
            continue
        attached[target.paragraph_id].append(
            ExportProposal(
                amendment_id=proposal.id,
                kind=str(proposal.kind),
                sponsors=proposal.sponsors,
                text=proposal.text,
                redline=redline,
                rationale=proposal.rationale,
                applies=proposal.applies,
                filed_text=proposal.filed_text or proposal.text,
                base_version=proposal.base_version,
                proposed_at=proposal.proposed_at,
                positions=proposal.positions,
                placed_before=before,
            )
        )
    return [
        replace(p, proposals=(*p.proposals, *attached[p.paragraph_id]))
        if p.paragraph_id in attached
        else p
        for p in paragraphs
    ]


def _section_anchor(
    section_id: int | None,
    first_in: Mapping[int, ParagraphSnapshot],
    paragraphs: Sequence[ParagraphSnapshot],
    section_order: list[int],
) -> ParagraphSnapshot | None:
    """The first paragraph of the section; for an empty section, the last paragraph before it
    (else the document's first), so a proposed paragraph is never left out of the compilation."""
    if section_id is not None and section_id in first_in:
        return first_in[section_id]
    if not paragraphs:
        return None
    if section_id in section_order:
        earlier = set(section_order[: section_order.index(section_id)])
        before = [p for p in paragraphs if p.section_id in earlier]
        if before:
            return before[-1]
    return paragraphs[0]
