"""What a streamed event carries: the event as GET .../events shows it, and the change itself.

Each event names the rows it wrote (`event.content`, app/services/record/content.py). From them
the stream sends what a screen needs to apply the change in place: the paragraph as the API
shows it and its new version with the redline from the one before, the amendment as the API
shows it, the position, and the consensus board's row of every paragraph touched, with the
board's totals. A change of structure (a paragraph added, deleted or moved: the numbers of the
others change; a revision issued) says `"structure": true`, and a screen reloads instead.

Built once per event per worker (`live/hub.py`), from the rows as they stand when it is built:
a screen that applies the events in order ends with the state of the last one.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, NamedTuple, TypeVar

import sqlalchemy as sa
from pydantic import TypeAdapter
from sqlmodel import Session, col, select

from app.drafting.worddiff import redline_html, word_diff
from app.models import (
    Account,
    Amendment,
    AmendmentSponsor,
    AmendmentStatus,
    Document,
    Event,
    Paragraph,
    ParagraphVersion,
    Position,
)
from app.services.amendments import views as amendment_views
from app.services.consensus import board as board_service
from app.services.consensus.delta import STRUCTURE
from app.services.consensus.view import (
    BlocSummary,
    Board,
    ParagraphRow,
    SectionSummary,
    StatusCounts,
    Timeline,
)
from app.services.positions import reading as positions_reading
from app.services.record.rows import id_of
from app.services.text import paragraphs as paragraphs_service
from app.services.text import versions as versions_service

_ROW = TypeAdapter(ParagraphRow)


@dataclass(frozen=True, slots=True)
class _Summaries:
    """What the board counts over all its rows."""

    totals: StatusCounts
    sections: tuple[SectionSummary, ...]
    blocs: tuple[BlocSummary, ...]
    timeline: Timeline


_SUMMARIES = TypeAdapter(_Summaries)


class Built(NamedTuple):
    seq: int
    action: str
    data: str  # JSON


def head_of(engine: sa.Engine, document_id: int) -> int:
    """The document's last event number."""
    with Session(engine) as session:
        seq = session.exec(
            select(Document.event_seq).where(col(Document.id) == document_id)
        ).first()
    return seq or 0


def warm(engine: sa.Engine, document_id: int, now: datetime) -> None:
    """Bring this worker's kept board of the document up to date (`live/hub.py`)."""
    with Session(engine) as session:
        document = session.get(Document, document_id)
        if document is not None:
            board_service.board(session, document=document, now=now)


@dataclass
class _Batch:
    """What the events of one batch share: the board is evaluated once for all of them."""

    session: Session
    document: Document
    now: datetime
    _board: Board | None = None
    rows: dict[int, ParagraphRow] = field(default_factory=dict)

    def board(self) -> Board:
        if self._board is None:
            self._board = board_service.board(self.session, document=self.document, now=self.now)
            self.rows = {row.id: row for row in self._board.paragraphs}
        return self._board


def build_after(
    engine: sa.Engine, document_id: int, after: int, limit: int, now: datetime
) -> list[Built]:
    """The document's events after `after` (at most `limit`), oldest first, each with its change."""
    with Session(engine) as session:
        rows = session.exec(
            select(Event, Account.username)
            .join(Account, col(Account.id) == col(Event.account_id), isouter=True)
            .where(Event.document_id == document_id, Event.seq > after)
            .order_by(col(Event.seq))
            .limit(limit)
        ).all()
        document = session.get(Document, document_id)
        if not rows or document is None:
            return []
        batch = _Batch(session, document, now)
        return [
            Built(e.seq, e.action, _json({**_listed(e, username), "change": _change(batch, e)}))
            for e, username in rows
        ]


def _json(value: dict[str, Any]) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=_default)


def _default(value: object) -> str:
    if isinstance(value, datetime):
        return value.isoformat().replace("+00:00", "Z")
    raise TypeError(f"not JSON: {type(value).__name__}")


def _listed(e: Event, username: str | None) -> dict[str, Any]:
    """The event as GET /api/documents/{id}/events lists it."""
    return {
        "seq": e.seq,
        "created_at": e.created_at,
        "actor": username,
        "delegation_code": e.delegation_code,
        "action": e.action,
        "target_type": e.target_type,
        "target_id": e.target_id,
        "payload": e.payload,
        "hash": e.hash,
    }


def _vouched(e: Event) -> dict[str, list[int]]:
    """Table -> ids of the rows the event vouches for."""
    found: dict[str, list[int]] = {}
    for ref in e.content or {}:
        table, _, row_id = ref.partition("/")
        if row_id.isdigit():
            found.setdefault(table, []).append(int(row_id))
    return found


def _change(batch: _Batch, e: Event) -> dict[str, Any]:
    session = batch.session
    vouched = _vouched(e)
    paragraphs: set[int] = set()
    if e.target_type == "paragraph" and e.target_id is not None:
        paragraphs.add(e.target_id)
    change: dict[str, Any] = {"structure": e.action in STRUCTURE}
    versions = _rows(session, ParagraphVersion, vouched.get("paragraph_version", ()))
    if versions:
        change["versions"] = [_version(session, v) for v in versions]
        paragraphs.update(v.paragraph_id for v in versions)
        change["structure"] |= any(v.number == 1 for v in versions)
    amendment_ids = set(vouched.get("amendment", ()))
    amendment_ids.update(
        s.amendment_id
        for s in _rows(session, AmendmentSponsor, vouched.get("amendment_sponsor", ()))
    )
    if e.target_type == "amendment" and e.target_id is not None:
        amendment_ids.add(e.target_id)
    # A new version moves what every pending amendment on the paragraph applies to (its rebase
    # status, clashes, the text it would give): they travel with it.
    amendment_ids.update(_pending_on(session, {v.paragraph_id for v in versions}))
    amendments = _rows(session, Amendment, amendment_ids)
    if amendments:
        shown = amendment_views.public_many(session, amendments)
        change["amendments"] = [a.model_dump(mode="json") for a in shown]
        paragraphs.update(a.paragraph_id for a in amendments if a.paragraph_id is not None)
    positions = _rows(session, Position, vouched.get("position", ()))
    if positions:
        change["positions"] = [
            {
                "paragraph_id": p.paragraph_id,
                **positions_reading.public_row(session, p).model_dump(mode="json"),
            }
            for p in positions
        ]
        paragraphs.update(p.paragraph_id for p in positions if p.paragraph_id is not None)
    if paragraphs:
        change.update(_paragraphs(batch, sorted(paragraphs)))
    return change


def _pending_on(session: Session, paragraph_ids: set[int]) -> list[int]:
    if not paragraph_ids:
        return []
    return [
        amendment_id
        for amendment_id in session.exec(
            select(Amendment.id).where(
                col(Amendment.paragraph_id).in_(sorted(paragraph_ids)),
                col(Amendment.status) == AmendmentStatus.PENDING,
            )
        )
        if amendment_id is not None
    ]


_Row = TypeVar("_Row", ParagraphVersion, Amendment, AmendmentSponsor, Position)


def _rows(session: Session, table: type[_Row], ids: Iterable[int]) -> list[_Row]:
    wanted = sorted(set(ids))
    if not wanted:
        return []
    return list(
        session.exec(select(table).where(col(table.id).in_(wanted)).order_by(col(table.id)))
    )


def _version(session: Session, v: ParagraphVersion) -> dict[str, Any]:
    """A new paragraph version, with its redline from the version before it."""
    text = versions_service.text_of(session, paragraph_id=v.paragraph_id, number=v.number)
    before = (
        versions_service.text_of(session, paragraph_id=v.paragraph_id, number=v.number - 1)
        if v.number > 1
        else ""
    )
    segments = word_diff(before, text)
    return {
        "paragraph_id": v.paragraph_id,
        "number": v.number,
        "text": text,
        "source": v.source,
        "delegation_code": v.delegation_code,
        "created_at": v.created_at,
        "redline": {"segments": segments, "html": redline_html(segments)},
    }


def _paragraphs(batch: _Batch, ids: list[int]) -> dict[str, Any]:
    """The paragraphs as the API shows them, and their rows on the board with its totals."""
    board = batch.board()
    shown = []
    for paragraph in _paragraph_rows(batch.session, ids):
        # A live paragraph's place is its board row's (numbering every paragraph again costs
        # more than the rest of the event at UN scale); one not on the board is deleted.
        row = batch.rows.get(id_of(paragraph)) if paragraph.deleted_at is None else None
        public = paragraphs_service.placed(
            paragraph,
            number=row.number if row else 0,
            label=row.label if row else "deleted",
        )
        shown.append(
            {**public.model_dump(mode="json"), "deleted": paragraph.deleted_at is not None}
        )
    return {
        "paragraphs": shown,
        "board": {
            "rows": [_ROW.dump_python(batch.rows[i], mode="json") for i in ids if i in batch.rows],
            "removed": [i for i in ids if i not in batch.rows],
            **_SUMMARIES.dump_python(
                _Summaries(board.totals, board.sections, board.blocs, board.timeline),
                mode="json",
            ),
        },
    }


def _paragraph_rows(session: Session, ids: list[int]) -> list[Paragraph]:
    return list(session.exec(select(Paragraph).where(col(Paragraph.id).in_(ids))))
