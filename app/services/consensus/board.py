"""The co-chairs' consensus board: every paragraph's status and who holds it, in a fixed
number of queries (one per table read, never one per paragraph), plus a timeline.

Nothing here decides a status: app/drafting/consensus.py does, from the rows loaded below. The
board reads only what holds now (current positions on head versions, pending amendments); the
timeline's history is read and kept by consensus_history. Costs: docs/performance.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session

from app.drafting import consensus
from app.drafting import timeline as consensus_timeline
from app.drafting.consensus import ConsensusMode, PositionFact
from app.drafting.labels import paragraph_label
from app.models import Document
from app.services.consensus import cache as history_service
from app.services.consensus import queries as facts_service

DAYS = 60  # the per-day timeline covers at most the last 60 days
EXCERPT = 160


def _excerpt(text: str) -> str:
    return text if len(text) <= EXCERPT else text[: EXCERPT - 1].rstrip() + "…"


@dataclass
class _Kept:
    """What the board shows that only a write can change, and what the clock can."""

    data: facts_service.Now  # sections, paragraphs, silences (the history reuses them)
    rows: list[dict]  # one per live paragraph, as evaluated when it was kept
    tallies: list[tuple[consensus.BlocTally, ...]]
    insertions: list[dict]
    # Paragraphs under a silence procedure: (row index, positions, pending, procedure); their
    # phase, and so their status and reasons, move with the clock.
    clocked: list[tuple[int, dict[str, PositionFact], int, object]] = field(default_factory=list)


def _evaluated(result: consensus.ParagraphConsensus, procedure) -> dict:
    return {
        "status": result.status,
        "reasons": result.reasons,
        "holdouts": result.holdouts,
        "objections": result.objections,
        "reservations": result.reservations,
        "ad_referendum": result.ad_referendum,
        "silence": _silence(procedure, result.silence),
        "tallies": [t.__dict__ for t in result.tallies],
    }


def _evaluate(roster, positions, pending: int, procedure, mode, clock: datetime):
    return consensus.evaluate_paragraph(
        members=roster,
        positions=positions,
        pending_amendments=pending,
        silence=history_service.silence_fact(procedure) if procedure else None,
        mode=mode,
        now=clock,
    )


def board(session: Session, *, document: Document, now: datetime, days: int = DAYS) -> dict:
    """The board for the whole document (see ConsensusBoard for the shape), ready to be
    written as JSON: timestamps are ISO 8601 UTC strings.

    What only a write can change is kept per document and event (consensus_history.kept):
    a board after a write reads and evaluates everything; the next ones re-evaluate only
    the paragraphs under silence, whose phase moves with the clock. The rows are shared with
    the next boards: read them, do not change them.
    """
    members, names = facts_service.members_and_names(session)
    mode = ConsensusMode(document.consensus_mode)
    clock = history_service.to_naive(now)  # the rows' times are naive UTC
    roster = consensus.Roster(members)
    key = history_service.key(session, document, members)
    kept = history_service.kept(
        session, document.id, "board", key, lambda: _keep(session, document, members, roster, clock)
    )
    rows, tallies = list(kept.rows), list(kept.tallies)
    for i, positions, pending, procedure in kept.clocked:
        result = _evaluate(roster, positions, pending, procedure, mode, clock)
        rows[i] = {**rows[i], **_evaluated(result, procedure)}
        tallies[i] = result.tallies

    by_section: dict[int, list] = {s.id: [] for s in kept.data.sections}
    bloc_rows: dict[str, list] = {}
    for row, row_tallies in zip(rows, tallies, strict=True):
        by_section[row["section_id"]].append(row["status"])
        for t in row_tallies:
            bloc_rows.setdefault(t.bloc, []).append(t)
    return {
        "document_id": document.id,
        "title": document.title,
        "mode": mode,
        "generated_at": history_service.iso(clock),
        "members": [{"code": m.code, "bloc": m.bloc, "name": names[m.code]} for m in members],
        "paragraphs": rows,
        "sections": [
            {
                "id": s.id,
                "key": s.key,
                "title": s.title,
                "counts": consensus.summarize(by_section[s.id]),
            }
            for s in kept.data.sections
        ],
        "blocs": [_bloc(bloc, rows) for bloc, rows in bloc_rows.items()],
        "totals": consensus.summarize(row["status"] for row in rows),
        "pending_insertions": list(kept.insertions),
        "timeline": history_service.timeline(session, document, key, now, days, kept.data),
    }


def _keep(session: Session, document: Document, members, roster, clock: datetime) -> _Kept:
    """Read what holds now (one query per table) and evaluate every paragraph."""
    data = facts_service.load_now(session, document, members=members)
    mode = ConsensusMode(document.consensus_mode)
    codes = [m.code for m in members]

    on_head: dict[int, dict[str, PositionFact]] = {}
    shown: dict[int, dict[str, dict]] = {}  # the same positions as the response shows them
    previous: dict[int, set[str]] = {}
    for pid, head, code, stance, note, at in data.on_head:  # oldest first: the later wins
        if head:
            if pid not in on_head:
                on_head[pid], shown[pid] = {}, {}
            on_head[pid][code] = PositionFact(code, stance, at, note)
            shown[pid][code] = {"stance": stance, "note": note, "taken_at": history_service.iso(at)}
        else:
            previous.setdefault(pid, set()).add(code)

    pending: dict[int, list[dict]] = {}
    insertions: list[dict] = []
    last = None
    for aid, kind, pid, section_id, after, proposer, sponsor in data.amendments:
        if aid != last:  # a row per sponsor, in the order they joined
            last, item = aid, {"id": aid, "kind": kind, "proposer": proposer, "sponsors": []}
            if pid is None:
                item.update(section_id=section_id, after_paragraph_id=after)
                insertions.append(item)
            else:
                pending.setdefault(pid, []).append(item)
        if sponsor is not None:
            item["sponsors"].append(sponsor)

    live = [p for p in data.paragraphs if p.deleted_at is None]
    heads = {p.id: p.head_version for p in live}
    silence = {}
    for s in data.silences:  # by start: the latest on the head version wins
        if heads.get(s.paragraph_id) == s.version_number:
            silence[s.paragraph_id] = s

    section_pos = {s.id: s.position for s in data.sections}
    numbers: dict[int, int] = {}
    kept = _Kept(data=data, rows=[], tallies=[], insertions=insertions)
    for p in live:
        number = numbers[p.section_id] = numbers.get(p.section_id, 0) + 1
        positions = on_head.get(p.id, {})
        amendments = pending.get(p.id, [])
        procedure = silence.get(p.id)
        if procedure is not None:
            kept.clocked.append((len(kept.rows), positions, len(amendments), procedure))
        result = _evaluate(roster, positions, len(amendments), procedure, mode, clock)
        held = shown.get(p.id, {})
        kept.tallies.append(result.tallies)
        kept.rows.append(
            {
                "id": p.id,
                "label": paragraph_label(section_pos[p.section_id], number),
                "number": number,
                "section_id": p.section_id,
                "head_version": p.head_version,
                "excerpt": _excerpt(p.head_text),
                "frozen": p.frozen,
                **_evaluated(result, procedure),
                "positions": {code: held.get(code) for code in codes},
                "previous_version_support": sorted(previous.get(p.id, ())),
                "pending_amendments": amendments,
            }
        )
    return kept


def _silence(procedure, phase) -> dict | None:
    if procedure is None:
        return None
    return {
        "id": procedure.id,
        "version": procedure.version_number,
        "revision_number": procedure.revision_number,
        "started_at": history_service.iso(procedure.started_at),
        "deadline": history_service.iso(procedure.deadline),
        "phase": phase,
        "broken_by": procedure.broken_by_code,
        "broken_at": history_service.iso(procedure.broken_at),
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
    h = history_service.history(session, session.get(Document, document_id))
    moment = history_service.to_naive(moment)
    return consensus_timeline.counts_over(h.facts, [(moment, versions)], h.evaluator)[0]


def revision_counts(session: Session, *, document_id: int) -> dict[int, dict[str, int]]:
    """Revision number -> status counts at the moment it was issued, for its versions."""
    h = history_service.history(session, session.get(Document, document_id))
    counts = h.counts([(t, rid) for rid, _n, _l, t in h.revisions], datetime.min)
    return {number: c for (_id, number, _l, _t), c in zip(h.revisions, counts, strict=True)}
