"""The co-chairs' consensus board: every paragraph's status and who holds it, in a fixed
number of queries (one per table read, never one per paragraph), plus a timeline.

Nothing here decides a status: app/drafting/consensus.py does, from the rows loaded below.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time, timedelta

from sqlmodel import Session

from app.drafting import consensus
from app.drafting.consensus import AGREEING, ConsensusMode, PositionFact, Stance
from app.models import (
    AmendmentStatus,
    Document,
    SilenceProcedure,
)
from app.services import consensus_facts as facts_service
from app.services import consensus_timeline as timeline
from app.services import silence as silence_service

DAYS = 60  # the per-day timeline covers at most the last 60 days
EXCERPT = 160


def _settled_at(amendment) -> datetime | None:
    """When an amendment stopped being pending (None while it is)."""
    if amendment.status == AmendmentStatus.PENDING:
        return None
    return amendment.decided_at or amendment.updated_at


def _facts(data: facts_service.Loaded) -> list[timeline.ParagraphFacts]:
    takes = defaultdict(list)
    for row in data.positions:
        takes[row.paragraph_id].append(
            (row.version_number, row.created_at, row.participant_code, row.stance, row.note)
        )
    for paragraph_id, version, code, at in data.withdrawals:
        takes[paragraph_id].append((version, at, code, None, ""))
    amendments = defaultdict(list)
    for a in data.amendments:
        if a.paragraph_id is not None and a.kind != "insert_paragraph":
            amendments[a.paragraph_id].append((a.created_at, _settled_at(a)))
    silences = defaultdict(list)
    for s in data.silences:
        silences[s.paragraph_id].append((s.version_number, silence_service.fact(s)))
    codes = frozenset(m.code for m in data.members)
    return [
        timeline.build(
            paragraph_id=p.id,
            section_id=p.section_id,
            created_at=p.created_at,
            deleted_at=p.deleted_at,
            version_times=data.version_times.get(p.id, []),
            takes=takes.get(p.id, ()),
            amendments=amendments.get(p.id, ()),
            silences=silences.get(p.id, ()),
            member_codes=codes,
        )
        for p in data.paragraphs
    ]


def _days(data: facts_service.Loaded, now: datetime, days: int) -> list[tuple[date, datetime]]:
    """(day, the moment its status is read: the end of the day, or now for today)."""
    times = [t[0] for t in data.version_times.values() if t]
    if not times:
        return []
    first = max(min(times).date(), now.date() - timedelta(days=days - 1))
    result = []
    day = first
    while day <= now.date():
        end = datetime.combine(day + timedelta(days=1), time(), tzinfo=now.tzinfo)
        result.append((day, min(end - timedelta(microseconds=1), now)))
        day += timedelta(days=1)
    return result


def _timeline(data: facts_service.Loaded, facts, evaluator, now: datetime, days: int) -> dict:
    day_moments = _days(data, now, days)
    moments = [(r.created_at, data.entries.get(r.id, {})) for r in data.revisions]
    moments += [(t, None) for _day, t in day_moments]
    counts = timeline.counts_over(facts, moments, evaluator)
    n = len(data.revisions)
    return {
        "revisions": [
            {"number": r.number, "label": r.label, "created_at": r.created_at, "counts": c}
            for r, c in zip(data.revisions, counts[:n], strict=True)
        ],
        "days": [
            {"date": day, "counts": c} for (day, _t), c in zip(day_moments, counts[n:], strict=True)
        ],
    }


def _excerpt(text: str) -> str:
    return text if len(text) <= EXCERPT else text[: EXCERPT - 1].rstrip() + "…"


def board(session: Session, *, document: Document, now: datetime, days: int = DAYS) -> dict:
    """The board for the whole document (see ConsensusBoard for the shape)."""
    data = facts_service.load(session, document)
    mode = ConsensusMode(document.consensus_mode)
    live = [p for p in data.paragraphs if p.deleted_at is None]
    heads = {p.id: p.head_version for p in live}

    on_head: dict[int, dict[str, PositionFact]] = defaultdict(dict)
    previous: dict[int, set[str]] = defaultdict(set)
    for row in data.positions:  # oldest first: if a race left two current rows, the later wins
        head = heads.get(row.paragraph_id)
        if head is None or not row.current:
            continue
        if row.version_number == head:
            on_head[row.paragraph_id][row.participant_code] = PositionFact(
                row.participant_code, Stance(row.stance), row.created_at, row.note
            )
        elif row.version_number == head - 1 and row.stance in AGREEING:
            previous[row.paragraph_id].add(row.participant_code)

    pending: dict[int, list[dict]] = defaultdict(list)
    insertions = []
    for a in data.amendments:
        if a.status != AmendmentStatus.PENDING:
            continue
        item = {
            "id": a.id,
            "kind": a.kind,
            "proposer": a.proposer_code,
            "sponsors": data.sponsors.get(a.id, []),
        }
        if a.paragraph_id is None:
            insertions.append(
                {**item, "section_id": a.section_id, "after_paragraph_id": a.after_paragraph_id}
            )
        else:
            pending[a.paragraph_id].append(item)

    silence = {}
    for s in data.silences:  # by start: the latest on the head version wins
        if heads.get(s.paragraph_id) == s.version_number:
            silence[s.paragraph_id] = s

    section_pos = {s.id: s.position for s in data.sections}
    numbers: dict[int, int] = defaultdict(int)
    paragraphs, by_section, bloc_rows = [], defaultdict(list), defaultdict(list)
    for p in live:
        numbers[p.section_id] += 1
        positions = on_head[p.id]
        procedure = silence.get(p.id)
        result = consensus.evaluate_paragraph(
            members=data.members,
            positions=positions,
            pending_amendments=len(pending[p.id]),
            silence=silence_service.fact(procedure) if procedure else None,
            mode=mode,
            now=now,
        )
        by_section[p.section_id].append(result.status)
        for t in result.tallies:
            bloc_rows[t.bloc].append(t)
        paragraphs.append(
            {
                "id": p.id,
                "label": f"{section_pos[p.section_id]}.{numbers[p.section_id]}",
                "number": numbers[p.section_id],
                "section_id": p.section_id,
                "head_version": p.head_version,
                "excerpt": _excerpt(p.head_text),
                "frozen": p.frozen,
                "status": result.status,
                "reasons": result.reasons,
                "holdouts": result.holdouts,
                "objections": result.objections,
                "reservations": result.reservations,
                "ad_referendum": result.ad_referendum,
                "positions": {
                    m.code: (
                        {"stance": f.stance, "note": f.note, "taken_at": f.taken_at}
                        if (f := positions.get(m.code))
                        else None
                    )
                    for m in data.members
                },
                "previous_version_support": sorted(previous[p.id]),
                "pending_amendments": pending[p.id],
                "silence": _silence(procedure, result.silence),
                "tallies": [t.__dict__ for t in result.tallies],
            }
        )

    evaluator = timeline.Evaluator(data.members, mode)
    return {
        "document_id": document.id,
        "title": document.title,
        "mode": mode,
        "generated_at": now,
        "members": [
            {"code": m.code, "bloc": m.bloc, "name": data.names[m.code]} for m in data.members
        ],
        "paragraphs": paragraphs,
        "sections": [
            {
                "id": s.id,
                "key": s.key,
                "title": s.title,
                "counts": consensus.summarize(by_section[s.id]),
            }
            for s in data.sections
        ],
        "blocs": [_bloc(bloc, rows) for bloc, rows in bloc_rows.items()],
        "totals": consensus.summarize(st for sts in by_section.values() for st in sts),
        "pending_insertions": insertions,
        "timeline": _timeline(data, _facts(data), evaluator, now, days),
    }


def _silence(procedure: SilenceProcedure | None, phase) -> dict | None:
    if procedure is None:
        return None
    return {
        "id": procedure.id,
        "version": procedure.version_number,
        "revision_number": procedure.revision_number,
        "started_at": procedure.started_at,
        "deadline": procedure.deadline,
        "phase": phase,
        "broken_by": procedure.broken_by_code,
        "broken_at": procedure.broken_at,
    }


def _bloc(bloc: str, tallies: list) -> dict:
    return {
        "bloc": bloc,
        "members": tallies[0].members if tallies else 0,
        **{
            k: sum(getattr(t, k) for t in tallies)
            for k in ("support", "ad_referendum", "reservation", "objection", "none")
        },
        "paragraphs_all_agree": sum(1 for t in tallies if t.members and t.agreeing == t.members),
        "paragraphs_objected": sum(1 for t in tallies if t.objection),
        "paragraphs_reserved": sum(1 for t in tallies if t.reservation),
    }


def status_counts_at(
    session: Session,
    *,
    document_id: int,
    moment: datetime,
    versions: dict[int, int] | None = None,
) -> dict[str, int]:
    """How many paragraphs were agreed, agreed ad ref, bracketed and open at `moment`.

    `versions` (paragraph id -> version, e.g. a revision's entries) counts exactly those
    paragraph versions; without it, the paragraphs that existed at `moment` at their version then.
    For many moments at once, use `revision_counts` (one load for all).
    """
    document = session.get(Document, document_id)
    data = facts_service.load(session, document)
    evaluator = timeline.Evaluator(data.members, ConsensusMode(document.consensus_mode))
    return timeline.counts_over(_facts(data), [(moment, versions)], evaluator)[0]


def revision_counts(session: Session, *, document_id: int) -> dict[int, dict[str, int]]:
    """Revision number -> status counts at the moment it was issued, for its versions."""
    document = session.get(Document, document_id)
    data = facts_service.load(session, document)
    evaluator = timeline.Evaluator(data.members, ConsensusMode(document.consensus_mode))
    moments = [(r.created_at, data.entries.get(r.id, {})) for r in data.revisions]
    counts = timeline.counts_over(_facts(data), moments, evaluator)
    return {r.number: c for r, c in zip(data.revisions, counts, strict=True)}
