"""Revisions (Zero draft, Rev.1 ...): issue, list, show, and compare two of them.

A revision is a frozen map of every live paragraph to a version and a place; texts are rebuilt
from the immutable version history, so later edits never change what a revision says.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, func, select

from app.drafting import history
from app.drafting.compare import ParagraphChange, ParagraphState, compare_documents
from app.drafting.errors import CorruptHistory
from app.drafting.worddiff import redline_html
from app.errors import Conflict, Invalid, NotFound
from app.models import (
    Account,
    Document,
    Paragraph,
    ParagraphVersion,
    Revision,
    RevisionEntry,
    revision_label,
    utcnow,
)
from app.models.revision import (
    ComparisonPublic,
    ParagraphChangePublic,
    ParagraphSide,
    RevisionCreate,
    RevisionDocumentPublic,
    RevisionParagraphPublic,
    RevisionPublic,
    RevisionRef,
    RevisionSectionPublic,
)
from app.services.accounts.actors import Actor, require_chair_side
from app.services.record import events as events_service
from app.services.revisions import disposition as disposition_service
from app.services.text import documents as documents_service
from app.services.text import versions as versions_service


def _latest_number(session: Session, *, document_id: int) -> int | None:
    return session.exec(
        select(func.max(Revision.number)).where(Revision.document_id == document_id)
    ).one()


def issue(session: Session, *, document: Document, actor: Actor, data: RevisionCreate) -> Revision:
    """Freeze every live paragraph's current version as the next revision (chair side only)."""
    require_chair_side(actor, "issue revisions")
    latest = _latest_number(session, document_id=document.id)
    number = 0 if latest is None else latest + 1
    if data.number is not None and data.number != number:
        raise Conflict(
            f"{revision_label(data.number)} cannot be issued: the next revision of this document "
            f"is {revision_label(number)}."
            + (f" {revision_label(latest)} is already issued." if latest is not None else ""),
            next_number=number,
        )
    paragraphs = documents_service.live_paragraphs(session, document_id=document.id)
    if not paragraphs:
        raise Invalid("This document has no paragraphs yet; there is nothing to issue.")
    revision = Revision(
        document_id=document.id,
        number=number,
        label=revision_label(number),
        note=data.note.strip(),
        created_by_account_id=actor.account_id,
    )
    session.add(revision)
    try:
        session.flush()
    except IntegrityError as exc:  # unique (document, number): another chair issued it first
        raise Conflict(
            f"{revision_label(number)} was issued by someone else a moment ago; reload the "
            "revisions before issuing another.",
            next_number=number + 1,
        ) from exc
    section_pos = {
        s.id: s.position for s in documents_service.sections(session, document_id=document.id)
    }
    counters: dict[int, int] = {}
    for p in paragraphs:
        n = counters[p.section_id] = counters.get(p.section_id, 0) + 1
        session.add(
            RevisionEntry(
                revision_id=revision.id,
                paragraph_id=p.id,
                version_number=p.head_version,
                section_id=p.section_id,
                section_position=section_pos[p.section_id],
                position=p.position,
                number=n,
            )
        )
    session.flush()
    events_service.record(
        session,
        document_id=document.id,
        actor=actor,
        action="revision.issued",
        target_type="revision",
        target_id=revision.id,
        payload={
            "number": number,
            "label": revision.label,
            "note": revision.note,
            "paragraphs": len(paragraphs),
        },
    )
    return revision


def _usernames(session: Session, ids: set[int]) -> dict[int, str]:
    return dict(session.exec(select(Account.id, Account.username).where(Account.id.in_(ids))).all())


def list(session: Session, *, document_id: int) -> list[RevisionPublic]:  # noqa: A001
    """Every revision of a document, Zero draft first."""
    rows = session.exec(
        select(Revision, func.count(RevisionEntry.id))
        .join(RevisionEntry, RevisionEntry.revision_id == Revision.id, isouter=True)
        .where(Revision.document_id == document_id)
        .group_by(Revision.id)
        .order_by(Revision.number)
    ).all()
    names = _usernames(session, {r.created_by_account_id for r, _ in rows})
    return [_public(r, names, count) for r, count in rows]


def public(session: Session, *, revision: Revision) -> RevisionPublic:
    """One revision as the list shows it."""
    count = session.exec(select(func.count()).where(RevisionEntry.revision_id == revision.id)).one()
    return _public(revision, _usernames(session, {revision.created_by_account_id}), count)


def _public(revision: Revision, names: dict[int, str], count: int) -> RevisionPublic:
    return RevisionPublic(
        number=revision.number,
        label=revision.label,
        note=revision.note,
        created_at=revision.created_at,
        created_by=names.get(revision.created_by_account_id),
        paragraph_count=count,
    )


def get_or_raise(session: Session, *, document_id: int, number: int) -> Revision:
    revision = session.exec(
        select(Revision).where(Revision.document_id == document_id, Revision.number == number)
    ).first()
    if revision is None:
        latest = _latest_number(session, document_id=document_id)
        issued = (
            "it has no revisions yet"
            if latest is None
            else f"its revisions are {revision_label(0)} to {revision_label(latest)}"
            if latest
            else f"only the {revision_label(0)} is issued"
        )
        raise NotFound(f"Document {document_id} has no revision {number}: {issued}.")
    return revision


def texts_at(session: Session, *, wanted: dict[int, int]) -> dict[int, str]:
    """paragraph id -> text at the wanted version; heads from the cache, others in one query."""
    heads = {
        pid: (version, text)
        for pid, version, text in session.exec(
            select(Paragraph.id, Paragraph.head_version, Paragraph.head_text).where(
                Paragraph.id.in_(wanted)
            )
        )
    }
    texts = {pid: heads[pid][1] for pid, n in wanted.items() if heads[pid][0] == n}
    older = {pid: n for pid, n in wanted.items() if pid not in texts}
    if not older:
        return texts
    stored: dict[int, list[history.StoredVersion]] = {pid: [] for pid in older}
    for v in session.exec(
        select(ParagraphVersion)
        .where(
            ParagraphVersion.paragraph_id.in_(older),
            ParagraphVersion.number <= max(older.values()),
        )
        .order_by(ParagraphVersion.paragraph_id, ParagraphVersion.number)
    ):
        if v.number <= older[v.paragraph_id]:
            stored[v.paragraph_id].append(
                history.StoredVersion(v.number, v.patch, v.sha256, v.snapshot)
            )
    for pid, n in older.items():
        try:
            texts[pid] = history.rebuild(stored[pid], n)
        except CorruptHistory as exc:
            raise versions_service.HistoryDamaged(
                f"Version {n} of paragraph {pid} does not rebuild to its stored hash; the "
                "secretariat has to restore it from a backup. Nothing was guessed."
            ) from exc
    return texts


def _entries(session: Session, *, revision: Revision) -> list[RevisionEntry]:
    return session.exec(
        select(RevisionEntry)
        .where(RevisionEntry.revision_id == revision.id)
        .order_by(RevisionEntry.section_position, RevisionEntry.position)
    ).all()


def view(session: Session, *, document: Document, number: int) -> RevisionDocumentPublic:
    """The whole document as it stood in revision `number`."""
    revision = get_or_raise(session, document_id=document.id, number=number)
    entries = _entries(session, revision=revision)
    texts = texts_at(session, wanted={e.paragraph_id: e.version_number for e in entries})
    sections = documents_service.sections(session, document_id=document.id)
    by_section: dict[int, list[RevisionParagraphPublic]] = {s.id: [] for s in sections}
    for e in entries:
        by_section[e.section_id].append(
            RevisionParagraphPublic(
                id=e.paragraph_id,
                section_id=e.section_id,
                number=e.number,
                label=f"{e.section_position}.{e.number}",
                version=e.version_number,
                text=texts[e.paragraph_id],
            )
        )
    names = _usernames(session, {revision.created_by_account_id})
    return RevisionDocumentPublic(
        **_public(revision, names, len(entries)).model_dump(),
        document_id=document.id,
        title=document.title,
        sections=[
            RevisionSectionPublic(
                id=s.id, key=s.key, title=s.title, position=s.position, paragraphs=by_section[s.id]
            )
            for s in sections
        ],
    )


@dataclass(frozen=True)
class Side:
    """One side of a comparison: a revision or the current text, in document order."""

    ref: RevisionRef
    moment: datetime
    is_now: bool
    states: list[ParagraphState]

    @property
    def by_id(self) -> dict[int, ParagraphState]:
        return {s.paragraph_id: s for s in self.states}


def _revision_side(session: Session, *, revision: Revision) -> Side:
    entries = _entries(session, revision=revision)
    texts = texts_at(session, wanted={e.paragraph_id: e.version_number for e in entries})
    states = [
        ParagraphState(
            paragraph_id=e.paragraph_id,
            section_id=e.section_id,
            label=f"{e.section_position}.{e.number}",
            text=texts[e.paragraph_id],
            version=e.version_number,
        )
        for e in entries
    ]
    ref = RevisionRef(number=revision.number, label=revision.label, created_at=revision.created_at)
    return Side(ref=ref, moment=revision.created_at, is_now=False, states=states)


def _current_side(session: Session, *, document: Document) -> Side:
    numbers = documents_service.numbering(session, document_id=document.id)
    states = [
        ParagraphState(
            paragraph_id=p.id,
            section_id=p.section_id,
            label=numbers[p.id][1],
            text=p.head_text,
            version=p.head_version,
        )
        for p in documents_service.live_paragraphs(session, document_id=document.id)
    ]
    now = utcnow()
    return Side(
        ref=RevisionRef(number=None, label="now", created_at=now),
        moment=now,
        is_now=True,
        states=states,
    )


def _change(change: ParagraphChange) -> ParagraphChangePublic:
    def side(state: ParagraphState | None) -> ParagraphSide | None:
        if state is None:
            return None
        return ParagraphSide(
            section_id=state.section_id, label=state.label, version=state.version, text=state.text
        )

    segments = [tuple(s) for s in change.redline]
    return ParagraphChangePublic(
        paragraph_id=change.paragraph_id,
        old=side(change.old),
        new=side(change.new),
        segments=segments,
        html=redline_html(segments),
    )


def compare(
    session: Session, *, document: Document, from_number: int, to_number: int | None
) -> ComparisonPublic:
    """What changed between two revisions (or a revision and now), and what became of each
    amendment filed in between."""
    if to_number is not None and from_number > to_number:
        raise Invalid(
            f"Compare an earlier revision with a later one: from={from_number} comes after "
            f"to={to_number}."
        )
    earlier = get_or_raise(session, document_id=document.id, number=from_number)
    later = (
        None
        if to_number is None
        else get_or_raise(session, document_id=document.id, number=to_number)
    )
    old = _revision_side(session, revision=earlier)
    new = (
        _current_side(session, document=document)
        if later is None
        else _revision_side(session, revision=later)
    )
    result = compare_documents(old.states, new.states)
    return ComparisonPublic(
        document_id=document.id,
        from_revision=old.ref,
        to_revision=new.ref,
        added=[_change(c) for c in result.added],
        deleted=[_change(c) for c in result.deleted],
        moved=[_change(c) for c in result.moved],
        changed=[_change(c) for c in result.changed],
        unchanged_count=len(result.unchanged),
        dispositions=disposition_service.table(session, document_id=document.id, old=old, new=new),
    )
