"""Revisions (Zero draft, Rev.1 ...): issue, list and show them (comparison: `comparison`).

A revision is a frozen map of every live paragraph to a version and a place; texts are rebuilt
from the immutable version history, so later edits never change what a revision says.
"""

from __future__ import annotations

import builtins
from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, func, select

from app.drafting import history
from app.errors import Conflict, Invalid, NotFound
from app.models import (
    Document,
    Paragraph,
    ParagraphVersion,
    Revision,
    RevisionEntry,
    revision_label,
)
from app.models.revision import (
    RevisionCreate,
    RevisionDocumentPublic,
    RevisionParagraphPublic,
    RevisionPublic,
    RevisionSectionPublic,
)
from app.services.accounts import accounts as accounts_service
from app.services.accounts.actors import Actor, require_chair_side
from app.services.record import content as content_service
from app.services.record import events as events_service
from app.services.record.rows import id_of
from app.services.text import documents as documents_service
from app.services.text import numbering as numbering_service
from app.services.text import rebuilding


def _latest_number(session: Session, *, document_id: int) -> int | None:
    return session.exec(
        select(func.max(Revision.number)).where(Revision.document_id == document_id)
    ).one()


def _next_number(session: Session, *, document_id: int, wanted: int | None) -> int:
    """The number the next revision takes; 409 if the chair meant to issue another."""
    latest = _latest_number(session, document_id=document_id)
    number = 0 if latest is None else latest + 1
    if wanted is not None and wanted != number:
        labels = {"wanted": revision_label(wanted), "next": revision_label(number)}
        refusal = f"{labels['wanted']} cannot be issued: the next revision of this document is "
        if latest is None:
            raise Conflict(
                f"{refusal}{labels['next']}.",
                code="revision.not_next",
                params=labels,
                next_number=number,
            )
        labels["latest"] = revision_label(latest)
        raise Conflict(
            f"{refusal}{labels['next']}. {labels['latest']} is already issued.",
            code="revision.not_next_issued",
            params=labels,
            next_number=number,
        )
    return number


def issue(
    session: Session, *, document: Document, actor: Actor, now: datetime, data: RevisionCreate
) -> Revision:
    """Freeze every live paragraph's current version as the next revision (chair side only)."""
    require_chair_side(actor, "issue revisions")
    document_id = id_of(document)
    number = _next_number(session, document_id=document_id, wanted=data.number)
    paragraphs = documents_service.live_paragraphs(session, document_id=document_id)
    if not paragraphs:
        raise Invalid(
            "This document has no paragraphs yet; there is nothing to issue.",
            code="revision.nothing_to_issue",
        )
    revision = Revision(
        document_id=document_id,
        number=number,
        label=revision_label(number),
        note=data.note.strip(),
        created_by_account_id=actor.account_id,
        created_at=now,
    )
    session.add(revision)
    try:
        session.flush()
    except IntegrityError as exc:  # unique (document, number): another chair issued it first
        raise Conflict(
            f"{revision_label(number)} was issued by someone else a moment ago; reload the "
            "revisions before issuing another.",
            code="revision.issued_meanwhile",
            params={"revision": revision_label(number)},
            next_number=number + 1,
        ) from exc
    entries = _add_entries(session, revision=revision, paragraphs=paragraphs)
    events_service.record(
        session,
        document_id=document_id,
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
        content=[content_service.of_revision(revision, entries)],
        now=now,
    )
    return revision


def _add_entries(
    session: Session, *, revision: Revision, paragraphs: builtins.list[Paragraph]
) -> builtins.list[RevisionEntry]:
    """Where each paragraph stands in the revision: its version, place and number."""
    sections = documents_service.sections(session, document_id=revision.document_id)
    section_pos = {id_of(s): s.position for s in sections}
    counters: dict[int, int] = {}
    entries = []
    for p in paragraphs:
        n = counters[p.section_id] = counters.get(p.section_id, 0) + 1
        entries.append(
            RevisionEntry(
                revision_id=id_of(revision),
                paragraph_id=id_of(p),
                version_number=p.head_version,
                section_id=p.section_id,
                section_position=section_pos[p.section_id],
                position=p.position,
                number=n,
            )
        )
    session.add_all(entries)
    session.flush()
    return entries


def list(session: Session, *, document_id: int) -> builtins.list[RevisionPublic]:  # noqa: A001
    """Every revision of a document, Zero draft first."""
    rows = session.exec(
        select(Revision, func.count(col(RevisionEntry.id)))
        .join(RevisionEntry, col(RevisionEntry.revision_id) == col(Revision.id), isouter=True)
        .where(Revision.document_id == document_id)
        .group_by(col(Revision.id))
        .order_by(col(Revision.number))
    ).all()
    names = accounts_service.usernames(session, {r.created_by_account_id for r, _ in rows})
    return [_public(r, names, count) for r, count in rows]


def public(session: Session, *, revision: Revision) -> RevisionPublic:
    """One revision as the list shows it."""
    count = session.exec(select(func.count()).where(RevisionEntry.revision_id == revision.id)).one()
    return _public(
        revision, accounts_service.usernames(session, {revision.created_by_account_id}), count
    )


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
        raise _no_revision(session, document_id=document_id, number=number)
    return revision


def _no_revision(session: Session, *, document_id: int, number: int) -> NotFound:
    """The 404 for a revision not issued, saying which ones are."""
    latest = _latest_number(session, document_id=document_id)
    missing = f"Document {document_id} has no revision {number}:"
    where: dict[str, str | int] = {"document": document_id, "n": number}
    if latest is None:
        return NotFound(
            f"{missing} it has no revisions yet.", code="revision.not_found_none", params=where
        )
    first = revision_label(0)
    if not latest:
        return NotFound(
            f"{missing} only the {first} is issued.",
            code="revision.not_found_zero",
            params={**where, "first": first},
        )
    last = revision_label(latest)
    return NotFound(
        f"{missing} its revisions are {first} to {last}.",
        code="revision.not_found_range",
        params={**where, "first": first, "latest": last},
    )


def texts_at(session: Session, *, wanted: dict[int, int]) -> dict[int, str]:
    """paragraph id -> text at the wanted version; heads from the cache, others in one query."""
    heads = {
        pid: (version, text)
        for pid, version, text in session.exec(
            select(Paragraph.id, Paragraph.head_version, Paragraph.head_text).where(
                col(Paragraph.id).in_(wanted)
            )
        )
    }
    texts = {pid: heads[pid][1] for pid, n in wanted.items() if heads[pid][0] == n}
    older = {pid: n for pid, n in wanted.items() if pid not in texts}
    if not older:
        return texts
    stored: dict[int, builtins.list[history.StoredVersion]] = {pid: [] for pid in older}
    for v in session.exec(
        select(ParagraphVersion)
        .where(
            col(ParagraphVersion.paragraph_id).in_(older),
            ParagraphVersion.number <= max(older.values()),
        )
        .order_by(col(ParagraphVersion.paragraph_id), col(ParagraphVersion.number))
    ):
        if v.number <= older[v.paragraph_id]:
            stored[v.paragraph_id].append(
                history.StoredVersion(v.number, v.patch, v.sha256, v.snapshot)
            )
    for pid, n in older.items():
        texts[pid] = rebuilding.text(pid, stored[pid], n)
    return texts


def entries_of(session: Session, *, revision: Revision) -> builtins.list[RevisionEntry]:
    return builtins.list(
        session.exec(
            select(RevisionEntry)
            .where(RevisionEntry.revision_id == revision.id)
            .order_by(col(RevisionEntry.section_position), col(RevisionEntry.position))
        ).all()
    )


def view(session: Session, *, document: Document, number: int) -> RevisionDocumentPublic:
    """The whole document as it stood in revision `number`."""
    document_id = id_of(document)
    revision = get_or_raise(session, document_id=document_id, number=number)
    entries = entries_of(session, revision=revision)
    texts = texts_at(session, wanted={e.paragraph_id: e.version_number for e in entries})
    sections = documents_service.sections(session, document_id=document_id)
    by_section: dict[int, builtins.list[RevisionParagraphPublic]] = {id_of(s): [] for s in sections}
    placed = [(e.paragraph_id, e.section_id) for e in entries]
    names = numbering_service.labels_of(
        session, document_id=revision.document_id, paragraphs=placed
    )
    for e in entries:
        by_section[e.section_id].append(
            RevisionParagraphPublic(
                id=e.paragraph_id,
                section_id=e.section_id,
                number=e.number,
                label=names[e.paragraph_id],
                version=e.version_number,
                text=texts[e.paragraph_id],
            )
        )
    names = accounts_service.usernames(session, {revision.created_by_account_id})
    return RevisionDocumentPublic(
        **_public(revision, names, len(entries)).model_dump(),
        document_id=document_id,
        title=document.title,
        sections=[
            RevisionSectionPublic(
                id=id_of(s),
                key=s.key,
                title=s.title,
                position=s.position,
                paragraphs=by_section[id_of(s)],
            )
            for s in sections
        ],
    )
