"""Does the stored record prove itself? The event chain, every version and the cached heads.

`verify` recomputes a document's hash chain (a log cut short is caught against the document
row's count and head), replays every paragraph's versions from version 1 checking each text
against its hash, compares each paragraph's cached head (number and text) with what the
versions give, and checks every version, amendment, position and sponsorship against the hash
its event vouched for (`vouching.py`). It names the first bad entry; the secretariat restores
from a backup.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, select

from app.drafting.history import StoredVersion
from app.drafting.integrity import ChainedEvent, Problem, check_chain, check_versions
from app.errors import ConsensoError
from app.models import Account, Document, Event, Paragraph, ParagraphVersion
from app.services.accounts.actors import Actor, require_chair_side
from app.services.record import events as events_service
from app.services.record import vouching
from app.services.text import rebuilding


@dataclass(frozen=True)
class Verification:
    document_id: int
    intact: bool
    events: int
    head: str
    paragraphs: int
    versions: int
    problem: Problem | None

    @property
    def summary(self) -> str:
        if self.problem is None:
            return (
                f"Document {self.document_id}: the record verifies — {self.events} events "
                f"chained to {self.head[:12]}, {self.versions} versions of {self.paragraphs} "
                "paragraphs rebuilt to their hashes, every cached head matches."
            )
        return f"Document {self.document_id}: {self.problem.where}: {self.problem.what}."


class RecordDamaged(ConsensoError):
    """The document's record does not verify: what depends on it (the JSON dump, checking an
    export) is refused until the secretariat restores it. 503 like `HistoryDamaged`; the
    problem carries `where` and `what`."""

    status = 503
    title = "The record does not verify"


def require_intact(session: Session, *, document: Document, refusing: str) -> Verification:
    """The verification, or RecordDamaged naming the first bad entry and what is refused."""
    result = verify(session, document=document)
    if result.problem is not None:
        raise RecordDamaged(
            f"{result.summary} {refusing} The secretariat has to restore the database from a "
            "backup (`consenso audit verify` names what is wrong).",
            where=result.problem.where,
            what=result.problem.what,
        )
    return result


def verify(session: Session, *, document: Document) -> Verification:
    """Check the document's whole record; the first problem found is named."""
    assert document.id is not None
    events = list(
        session.exec(select(Event).where(Event.document_id == document.id).order_by(col(Event.seq)))
    )
    chained = (
        ChainedEvent(e.seq, e.prev_hash, e.hash, events_service.chained_fields(e)) for e in events
    )
    problem, count, head = check_chain(
        chained, expected_count=document.event_seq, expected_head=document.event_head
    )
    paragraphs, versions = _texts(session, document_id=document.id)
    problem = problem or _first_text_problem(paragraphs, versions)
    if problem is None:
        problem = vouching.first_problem(
            session, document_id=document.id, vouched=vouching.vouched(events)
        )
    return Verification(
        document_id=document.id,
        intact=problem is None,
        events=count,
        head=head,
        paragraphs=len(paragraphs),
        versions=sum(len(v) for v in versions.values()),
        problem=problem,
    )


def verify_all(session: Session) -> list[Verification]:
    """Every document's record, by id."""
    documents = session.exec(select(Document).order_by(col(Document.id))).all()
    return [verify(session, document=document) for document in documents]


@dataclass(frozen=True)
class AuditLog:
    """A page of the log with every field its hashes cover, and the whole record's check."""

    verification: Verification
    events: list[dict[str, Any]]


def log(
    session: Session, *, actor: Actor, document: Document, after: int = 0, limit: int = 500
) -> AuditLog:
    """The events after `after` (oldest first, at most `limit`), each with what its hash covers
    and the hash it links to, so a copy can be checked without Consenso; and the verification
    of the whole record. Chairs and secretariat only."""
    require_chair_side(actor, "read the audit log")
    assert document.id is not None
    rows = session.exec(
        select(Event, Account.username)
        .join(Account, col(Account.id) == col(Event.account_id), isouter=True)
        .where(Event.document_id == document.id, Event.seq > after)
        .order_by(col(Event.seq))
        .limit(limit)
    ).all()
    entries = [
        {
            **events_service.chained_fields(event),
            "created_at": event.created_at.isoformat(),
            "content": event.content,
            "actor": username,
            "prev_hash": event.prev_hash,
            "hash": event.hash,
        }
        for event, username in rows
    ]
    return AuditLog(verification=verify(session, document=document), events=entries)


def _texts(
    session: Session, *, document_id: int
) -> tuple[list[Paragraph], dict[int, list[StoredVersion]]]:
    paragraphs = list(
        session.exec(
            select(Paragraph)
            .where(Paragraph.document_id == document_id)
            .order_by(col(Paragraph.id))
        )
    )
    versions: dict[int, list[StoredVersion]] = defaultdict(list)
    rows = session.exec(
        select(ParagraphVersion)
        .join(Paragraph, col(Paragraph.id) == col(ParagraphVersion.paragraph_id))
        .where(Paragraph.document_id == document_id)
        .order_by(col(ParagraphVersion.paragraph_id), col(ParagraphVersion.number))
    )
    for row in rows:
        versions[row.paragraph_id] += rebuilding.stored([row])
    return paragraphs, versions


def _first_text_problem(
    paragraphs: list[Paragraph], versions: dict[int, list[StoredVersion]]
) -> Problem | None:
    for paragraph in paragraphs:
        assert paragraph.id is not None
        stored = versions.get(paragraph.id, [])
        problem, latest = check_versions(paragraph.id, stored)
        if problem is not None:
            return problem
        where = f"paragraph {paragraph.id}"
        if paragraph.head_version != len(stored):
            return Problem(
                where,
                f"its cached head says version {paragraph.head_version}, "
                f"its history ends at version {len(stored)}",
            )
        if (latest or "") != paragraph.head_text:
            return Problem(where, "its cached head text differs from its latest version's text")
    return None
