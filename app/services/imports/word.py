"""Word in: a delegation's edited copy of a Consenso DOCX becomes its draft amendments.

Two steps, both given the same file (the confirmation is stateless: nothing is stored between
them, and nothing is filed without it):

1. `preview`: each paragraph the file changed (tracked changes accepted, or plain edited text),
   matched to its paragraph by the bookmark the export embedded (`docx_ids.py`), never by
   position or wording, as the draft amendment it would be: against the version the file was
   exported from, with its redline and whether it still applies to the head.
2. `file`: the paragraphs the delegate chose are proposed as that delegation's amendments,
   each on the version it was exported from (a stale base is the amendments contract's: filed
   on it, the rebase shows whether it still applies).

Refused with a message naming the cause: a file that cannot be read or carries no Consenso
identifiers, one from another document, one from a revision that has been superseded (export
the latest and edit that), a paragraph whose identifier is missing or names no paragraph of the
document or a version the revision did not pin.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, func, select

from app.drafting import rebase, worddiff
from app.drafting.export import docx_ids
from app.errors import Conflict, Invalid
from app.models import Amendment, Document, Paragraph, Revision, revision_label
from app.models.amendment import AmendmentCreate
from app.models.word_import import ImportedParagraph, ImportPreview
from app.services.accounts.actors import Actor
from app.services.accounts.members import member_code
from app.services.amendments import proposals as proposals_service
from app.services.record.rows import id_of
from app.services.revisions import revisions as revisions_service
from app.services.text import documents as documents_service

ACTION = "import amendments from Word"
CURRENT_LABEL = "Current text"
EXCERPT = 60


@dataclass(frozen=True)
class _Read:
    revision: int | None
    label: str
    paragraphs: tuple[docx_ids.ReadParagraph, ...]


def _excerpt(text: str) -> str:
    return text if len(text) <= EXCERPT else text[: EXCERPT - 1] + "…"


def _open(content: bytes) -> docx_ids.ReadFile:
    try:
        return docx_ids.read(content)
    except docx_ids.Unreadable as exc:
        raise Invalid(
            f"The file is not a DOCX that can be read: {exc}.",
            code="word_import.unreadable",
            params={"reason": str(exc)},
        ) from None


def _revision_of(session: Session, document_id: int, value: str) -> tuple[int | None, str]:
    """(revision number or None for the current text, its label); 409 if superseded."""
    if value == docx_ids.CURRENT:
        return None, CURRENT_LABEL
    if not value.isdigit():
        raise Invalid(
            f"The file names no revision Consenso knows ({value!r}).",
            code="word_import.unknown_revision",
            params={"value": repr(value)},
        )
    number = int(value)
    revisions_service.get_or_raise(session, document_id=document_id, number=number)
    latest = session.exec(
        select(func.max(Revision.number)).where(Revision.document_id == document_id)
    ).one()
    if latest is not None and latest > number:
        raise Conflict(
            f"The file was exported from {revision_label(number)}, and {revision_label(latest)} "
            f"has been issued since: export {revision_label(latest)} and make the changes there.",
            code="word_import.stale_revision",
            params={"revision": revision_label(number), "latest": revision_label(latest)},
        )
    return number, revision_label(number)


def _checked(session: Session, document: Document, read: docx_ids.ReadFile) -> _Read:
    document_id = id_of(document)
    claimed = read.properties.get(docx_ids.DOCUMENT_ID)
    if claimed is None or not read.paragraphs and not read.unmarked:
        raise Invalid(
            "The file carries no Consenso identifiers: export the text as DOCX from Consenso "
            "and make the changes in that file.",
            code="word_import.not_consenso",
            params={},
        )
    if claimed != str(document_id):
        raise Conflict(
            f"The file was exported from document {claimed}, not from this one ({document_id}).",
            code="word_import.other_document",
            params={"file_document": claimed, "document": document_id},
        )
    number, label = _revision_of(session, document_id, read.properties.get(docx_ids.REVISION, ""))
    if read.unmarked:
        shown = "; ".join(f"“{_excerpt(text)}”" for text in read.unmarked)
        raise Invalid(
            f"These paragraphs lost the identifier the export gave them: {shown}. Keep each "
            "paragraph's bookmark (consenso-p…) and propose new paragraphs in Consenso.",
            code="word_import.identifier_missing",
            params={"paragraphs": shown},
        )
    return _Read(number, label, read.paragraphs)


def _matched(
    session: Session, document_id: int, read: _Read
) -> list[tuple[docx_ids.ReadParagraph, Paragraph]]:
    """Each read paragraph with its row; 422 naming identifiers that match nothing."""
    ids = [p.paragraph_id for p in read.paragraphs]
    rows = {
        id_of(p): p
        for p in session.exec(
            select(Paragraph).where(
                col(Paragraph.id).in_(ids), Paragraph.document_id == document_id
            )
        ).all()
    }
    pinned: dict[int, int] | None = None
    if read.revision is not None:
        revision = revisions_service.get_or_raise(
            session, document_id=document_id, number=read.revision
        )
        entries = revisions_service.entries_of(session, revision=revision)
        pinned = {e.paragraph_id: e.version_number for e in entries}
        missing = sorted(set(pinned) - set(ids))
        if missing:
            _missing(session, document_id, missing)
    unknown = [
        docx_ids.bookmark_name(p.paragraph_id, p.version)
        for p in read.paragraphs
        if p.paragraph_id not in rows
        or not 1 <= p.version <= rows[p.paragraph_id].head_version
        or (pinned is not None and pinned.get(p.paragraph_id) != p.version)
    ]
    if unknown:
        raise Invalid(
            f"These identifiers name no paragraph version of {read.label} of this document: "
            f"{', '.join(unknown)}.",
            code="word_import.identifier_unknown",
            params={"identifiers": ", ".join(unknown), "revision": read.label},
        )
    return [(p, rows[p.paragraph_id]) for p in read.paragraphs]


def _missing(session: Session, document_id: int, missing: Sequence[int]) -> None:
    labels = documents_service.numbering(session, document_id=document_id)
    shown = ", ".join(labels[pid][1] if pid in labels else str(pid) for pid in missing)
    raise Invalid(
        f"These paragraphs lost the identifier the export gave them: {shown}. Keep each "
        "paragraph's bookmark (consenso-p…) and propose new paragraphs in Consenso.",
        code="word_import.identifier_missing",
        params={"paragraphs": shown},
    )


def preview(session: Session, *, document: Document, content: bytes, actor: Actor) -> ImportPreview:
    """The draft amendments the file holds, for the actor's delegation; nothing is written."""
    code = member_code(session, actor, ACTION)
    document_id = id_of(document)
    read = _checked(session, document, _open(content))
    matched = _matched(session, document_id, read)
    bases = revisions_service.texts_at(
        session, wanted={id_of(row): p.version for p, row in matched}
    )
    labels = documents_service.numbering(session, document_id=document_id)
    changed = []
    for p, row in matched:
        base = bases[p.paragraph_id]
        if p.text == base.strip():
            continue
        applied = rebase.rebase(base, row.head_text, p.text)
        changed.append(
            ImportedParagraph(
                paragraph_id=p.paragraph_id,
                label=labels.get(p.paragraph_id, (0, str(p.paragraph_id)))[1],
                base_version=p.version,
                base_text=base,
                text=p.text,
                redline=worddiff.word_diff(base, p.text),
                tracked=p.tracked,
                head_version=row.head_version,
                applies=applied.status,
            )
        )
    return ImportPreview(
        document_id=document_id,
        revision=read.revision,
        revision_label=read.label,
        file_sha256=hashlib.sha256(content).hexdigest(),
        delegation=code,
        paragraphs=changed,
        unchanged=len(matched) - len(changed),
    )


def file(
    session: Session,
    *,
    document: Document,
    content: bytes,
    paragraph_ids: Sequence[int] | None,
    actor: Actor,
    now: datetime,
) -> list[Amendment]:
    """File the file's changes (all, or those of `paragraph_ids`) as the delegation's amendments."""
    shown = preview(session, document=document, content=content, actor=actor)
    by_id = {p.paragraph_id: p for p in shown.paragraphs}
    wanted = list(by_id) if paragraph_ids is None else list(dict.fromkeys(paragraph_ids))
    absent = [pid for pid in wanted if pid not in by_id]
    if absent or not wanted:
        listed = ", ".join(str(pid) for pid in absent) or "none"
        raise Invalid(
            f"The file changes no paragraph with these ids: {listed}; file the paragraphs its "
            "preview lists.",
            code="word_import.not_in_file",
            params={"paragraph_ids": listed},
        )
    filed = []
    for pid in wanted:
        item = by_id[pid]
        paragraph = session.get(Paragraph, pid)
        assert paragraph is not None  # matched in the preview, in this transaction
        data = AmendmentCreate(base_version=item.base_version, text=item.text)
        filed.append(
            proposals_service.propose(session, paragraph=paragraph, data=data, actor=actor, now=now)
        )
    return filed
