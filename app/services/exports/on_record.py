"""An export at revision N: each paragraph version the revision froze, judged by the consensus
rules on what was on record at the moment the revision was issued (positions taken by then and
not withdrawn, amendments filed by then and not yet settled, with their wording and sponsors as
they stood, the silence procedure started on that version). `at_moment` does the same for any
paragraph versions at any moment (a current-text export checked later, see `moments.py`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple, Protocol

import sqlalchemy as sa
from sqlmodel import Session, col, select

from app.drafting import consensus
from app.drafting.consensus import ConsensusMode, Member, PositionFact, Stance
from app.drafting.export.model import ExportDelegation
from app.models import (
    Amendment,
    AmendmentKind,
    AmendmentSponsor,
    AmendmentStatus,
    AmendmentVersion,
    Document,
    Event,
    Position,
    Revision,
    RevisionEntry,
    SilenceProcedure,
)
from app.services.consensus import queries as board_queries
from app.services.consensus.queries import required_int, saved_id
from app.services.exports.snapshots import (
    DocumentSnapshot,
    ParagraphSnapshot,
    PendingProposal,
    proposer_first,
)
from app.services.positions import silence as silence_service
from app.services.positions.roster import members_from
from app.services.positions.taking import WITHDRAWN
from app.services.revisions import revisions as revisions_service
from app.services.text import numbering as numbering_service

# A position on a paragraph version: (paragraph id, version, code, stance, note, taken at).
PositionRecord = tuple[int, int, str, str, str, datetime]
# A withdrawal of a position: (paragraph id, version, code, at).
Withdrawal = tuple[int, int | None, str | None, datetime]


class AmendmentRecord(NamedTuple):
    id: int
    kind: str
    status: str
    paragraph_id: int | None
    section_id: int | None
    after_paragraph_id: int | None
    proposer_code: str
    created_at: datetime
    decided_at: datetime | None
    updated_at: datetime

    @property
    def settled_at(self) -> datetime | None:
        if self.status == AmendmentStatus.PENDING:
            return None
        return self.decided_at or self.updated_at

    def open_at(self, t: datetime) -> bool:
        return self.created_at <= t and ((settled := self.settled_at) is None or settled > t)


@dataclass(frozen=True)
class DocumentFacts:
    """Every fact on record about a document's paragraphs that the rules judge, in one query
    per table, settled amendments included (aware UTC)."""

    members: list[Member]
    names: dict[str, str]  # delegation code -> name
    positions: Sequence[PositionRecord]  # every position on a paragraph version, oldest first
    withdrawals: list[Withdrawal]
    amendments: list[AmendmentRecord]  # by id
    silences: Sequence[SilenceProcedure]  # by start


def load_document_facts(session: Session, document: Document) -> DocumentFacts:
    document_id = saved_id(document)
    participants = board_queries.read_participants(board_queries.plain_connection(session))
    positions = session.execute(
        sa.select(
            required_int(col(Position.paragraph_id)),
            required_int(col(Position.version_number)),
            col(Position.participant_code),
            col(Position.stance),
            col(Position.note),
            col(Position.created_at),
        )
        .where(col(Position.document_id) == document_id, col(Position.amendment_id).is_(None))
        .order_by(col(Position.id))
    ).all()
    withdrawals: list[Withdrawal] = [
        (target, payload.get("version"), payload.get("code"), at)
        for target, payload, at in session.execute(
            sa.select(
                required_int(col(Event.target_id)), col(Event.payload), col(Event.created_at)
            ).where(
                col(Event.document_id) == document_id,
                col(Event.action) == WITHDRAWN,
                col(Event.target_type) == "paragraph",
            )
        ).all()
    ]
    silences = session.exec(
        select(SilenceProcedure)
        .where(SilenceProcedure.document_id == document_id)
        .order_by(col(SilenceProcedure.started_at), col(SilenceProcedure.id))
    ).all()
    return DocumentFacts(
        members=members_from(participants),
        names={code: name for code, _bloc, name in participants},
        positions=positions,
        withdrawals=withdrawals,
        amendments=_amendments(session, document_id),
        silences=silences,
    )


def _amendments(session: Session, document_id: int) -> list[AmendmentRecord]:
    return [
        AmendmentRecord(*row)
        for row in session.execute(
            sa.select(
                required_int(col(Amendment.id)),
                col(Amendment.kind),
                col(Amendment.status),
                col(Amendment.paragraph_id),
                col(Amendment.section_id),
                col(Amendment.after_paragraph_id),
                col(Amendment.proposer_code),
                col(Amendment.created_at),
                col(Amendment.decided_at),
                col(Amendment.updated_at),
            )
            .where(col(Amendment.document_id) == document_id)
            .order_by(col(Amendment.id))
        ).all()
    ]


# --- revision N: the rules applied to what was on record when it was issued --------------------


class Pinned(Protocol):
    """A paragraph version in a text: a revision's entry, or one rebuilt for a past moment."""

    @property
    def paragraph_id(self) -> int: ...
    @property
    def section_id(self) -> int: ...
    @property
    def number(self) -> int: ...  # within its section
    @property
    def version_number(self) -> int: ...
    @property
    def section_position(self) -> int: ...


def at_revision(session: Session, *, document: Document, revision: Revision) -> DocumentSnapshot:
    """The versions the revision froze, judged on what was on record at the moment it was
    issued."""
    entries = session.exec(
        select(RevisionEntry)
        .where(RevisionEntry.revision_id == revision.id)
        .order_by(col(RevisionEntry.section_position), col(RevisionEntry.position))
    ).all()
    return at_moment(session, document=document, entries=entries, t=revision.created_at)


def at_moment(
    session: Session, *, document: Document, entries: Sequence[Pinned], t: datetime
) -> DocumentSnapshot:
    """These paragraph versions (in this order), judged on what was on record at `t`."""
    facts = load_document_facts(session, document)
    pinned = {e.paragraph_id: e.version_number for e in entries}
    texts = revisions_service.texts_at(session, wanted=pinned)
    history = _positions_then(facts, pinned, t)
    withdrawn = _withdrawn_then(facts, pinned, t)
    open_then = [a for a in facts.amendments if a.open_at(t)]
    pending = _pending_counts(open_then)
    silence = _silences_then(facts.silences, pinned, t)
    mode = ConsensusMode(document.consensus_mode)
    placed = [(e.paragraph_id, e.section_id) for e in entries]
    names = numbering_service.labels_of(session, document_id=saved_id(document), paragraphs=placed)
    paragraphs = []
    for e in entries:
        held = _held(history.get(e.paragraph_id, []), withdrawn.get(e.paragraph_id, {}), t)
        procedure = silence.get(e.paragraph_id)
        result = consensus.evaluate_paragraph(
            members=facts.members,
            positions=held,
            pending_amendments=pending.get(e.paragraph_id, 0),
            silence=silence_service.fact(procedure) if procedure else None,
            mode=mode,
            now=t,
        )
        paragraphs.append(_judged(e, names[e.paragraph_id], texts[e.paragraph_id], held, result))
    return DocumentSnapshot(
        paragraphs=paragraphs,
        proposals=_pending_as_of(session, amendments=open_then, t=t),
        delegations=tuple(
            ExportDelegation(m.code, m.bloc, facts.names[m.code]) for m in facts.members
        ),
    )


def _positions_then(
    facts: DocumentFacts, pinned: dict[int, int], t: datetime
) -> dict[int, list[PositionFact]]:
    """Members' positions on the pinned versions taken by `t`, oldest first."""
    member_codes = {m.code for m in facts.members}
    history: dict[int, list[PositionFact]] = defaultdict(list)
    for paragraph_id, version, code, stance, note, at in facts.positions:
        if pinned.get(paragraph_id) == version and at <= t and code in member_codes:
            history[paragraph_id].append(PositionFact(code, Stance(stance), at, note))
    return history


def _withdrawn_then(
    facts: DocumentFacts, pinned: dict[int, int], t: datetime
) -> dict[int, dict[str, list[datetime]]]:
    """Paragraph id -> code -> when it withdrew a position on the pinned version by `t`."""
    withdrawn: dict[int, dict[str, list[datetime]]] = defaultdict(lambda: defaultdict(list))
    for paragraph_id, version, code, at in facts.withdrawals:
        if pinned.get(paragraph_id) == version and at <= t and code is not None:
            withdrawn[paragraph_id][code].append(at)
    return withdrawn


def _held(
    facts: list[PositionFact], withdrawn: dict[str, list[datetime]], t: datetime
) -> dict[str, PositionFact]:
    """Positions current at `t`: the latest taken by then, unless withdrawn after it (a
    withdrawal at the same instant as the position comes after it, as the board reads it)."""
    return {
        code: f
        for code, f in consensus.positions_as_of(facts, t).items()
        if not any(f.taken_at <= w <= t for w in withdrawn.get(code, ()))
    }


def _pending_counts(open_then: list[AmendmentRecord]) -> dict[int, int]:
    """Paragraph id -> amendments to it pending then (proposed new paragraphs count nowhere)."""
    counted: dict[int, int] = defaultdict(int)
    for a in open_then:
        if a.kind != AmendmentKind.INSERT_PARAGRAPH and a.paragraph_id is not None:
            counted[a.paragraph_id] += 1
    return counted


def _silences_then(
    silences: Sequence[SilenceProcedure], pinned: dict[int, int], t: datetime
) -> dict[int, SilenceProcedure]:
    silence = {}
    for s in silences:  # by start: the latest started on the pinned version by then wins
        if pinned.get(s.paragraph_id) == s.version_number and s.started_at <= t:
            silence[s.paragraph_id] = s
    return silence


def _judged(
    entry: Pinned,
    label: str,
    text: str,
    held: dict[str, PositionFact],
    result: consensus.ParagraphConsensus,
) -> ParagraphSnapshot:
    return ParagraphSnapshot(
        paragraph_id=entry.paragraph_id,
        section_id=entry.section_id,
        label=label,
        text=text,
        version=entry.version_number,
        status=str(result.status),
        objections=tuple((c, held[c].note) for c in result.objections),
        reservations=tuple((c, held[c].note) for c in result.reservations),
        ad_referendum=tuple(result.ad_referendum),
        positions={code: str(f.stance) for code, f in held.items()},
    )


class _StoredAmendment(NamedTuple):
    """An amendment's placement, and its wording now (when no version was on record yet)."""

    section_id: int | None
    after_paragraph_id: int | None
    text: str
    rationale: str


def _pending_as_of(
    session: Session, *, amendments: list[AmendmentRecord], t: datetime
) -> list[PendingProposal]:
    """The amendments' wording and sponsors as they stood at `t` (later revisions and sponsors
    joining or leaving afterwards do not change a past revision)."""
    ids = [a.id for a in amendments]
    if not ids:
        return []
    wording = _wording_as_of(session, ids, t)
    amended = dict(
        session.execute(
            sa.select(required_int(col(Amendment.id)), col(Amendment.base_version)).where(
                col(Amendment.id).in_(ids)
            )
        ).all()
    )
    sponsors = _sponsors_as_of(session, ids, t)
    stored = {
        amendment_id: _StoredAmendment(section_id, after, text, rationale)
        for amendment_id, section_id, after, text, rationale in session.execute(
            sa.select(
                required_int(col(Amendment.id)),
                col(Amendment.section_id),
                col(Amendment.after_paragraph_id),
                col(Amendment.text),
                col(Amendment.rationale),
            ).where(col(Amendment.id).in_(ids))
        ).all()
    }
    result = []
    for a in amendments:
        row = stored[a.id]
        filed = wording.get(a.id)
        text, rationale = (filed.text, filed.rationale) if filed else (row.text, row.rationale)
        result.append(
            PendingProposal(
                id=a.id,
                kind=a.kind,
                # An insertion accepted later points at the paragraph it created; at the revision
                # it was still a proposal placed by section and predecessor.
                paragraph_id=None if a.kind == AmendmentKind.INSERT_PARAGRAPH else a.paragraph_id,
                section_id=row.section_id,
                after_paragraph_id=row.after_paragraph_id,
                sponsors=proposer_first(a.proposer_code, sponsors.get(a.id, ())),
                text=text,
                rationale=rationale,
                base_version=filed.base_version if filed else amended.get(a.id, 0),
                proposed_at=filed.created_at if filed else a.created_at,
            )
        )
    return result


class _Wording(NamedTuple):
    number: int
    text: str
    rationale: str
    base_version: int
    created_at: datetime


def _wording_as_of(session: Session, ids: list[int], t: datetime) -> dict[int, _Wording]:
    """Amendment id -> its latest version written by `t`."""
    latest: dict[int, _Wording] = {}
    for amendment_id, *fields in session.execute(
        sa.select(
            col(AmendmentVersion.amendment_id),
            col(AmendmentVersion.number),
            col(AmendmentVersion.text),
            col(AmendmentVersion.rationale),
            col(AmendmentVersion.base_version),
            col(AmendmentVersion.created_at),
        ).where(col(AmendmentVersion.amendment_id).in_(ids), col(AmendmentVersion.created_at) <= t)
    ).all():
        wording = _Wording(*fields)
        if amendment_id not in latest or wording.number > latest[amendment_id].number:
            latest[amendment_id] = wording
    return latest


def _sponsors_as_of(session: Session, ids: list[int], t: datetime) -> dict[int, list[str]]:
    """Amendment id -> the delegations sponsoring it at `t`, in the order they joined."""
    sponsors: dict[int, list[str]] = defaultdict(list)
    left_at = col(AmendmentSponsor.left_at)
    for amendment_id, code in session.execute(
        sa.select(col(AmendmentSponsor.amendment_id), col(AmendmentSponsor.participant_code))
        .where(
            col(AmendmentSponsor.amendment_id).in_(ids),
            col(AmendmentSponsor.joined_at) <= t,
            sa.or_(left_at.is_(None), left_at > t),
        )
        .order_by(col(AmendmentSponsor.joined_at), col(AmendmentSponsor.id))
    ).all():
        sponsors[amendment_id].append(code)
    return sponsors
