"""Paragraph versions: append (with optimistic locking), rebuild, list and diff.

Every change to a paragraph's text goes through `append`, whether a chair edits it or an
amendment is accepted or merged; nothing else writes `paragraph_version`.
"""

from __future__ import annotations

import builtins
from collections.abc import Sequence
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import Session, col, select

from app.drafting import history
from app.drafting.worddiff import redline_html, word_diff
from app.errors import NotFound
from app.models import Paragraph, ParagraphVersion, VersionAmendment
from app.models.document import DiffPublic, VersionPublic, VersionSummary
from app.services.accounts import accounts as accounts_service
from app.services.accounts.actors import Actor
from app.services.positions import silence as silence_service
from app.services.record.rows import id_of
from app.services.text import limits, rebuilding
from app.services.text.errors import stale


def append(
    session: Session,
    *,
    paragraph: Paragraph,
    text: str,
    expected_version: int,
    actor: Actor,
    now: datetime,
    source: str,
    note: str = "",
    amendment_ids: Sequence[int] = (),
    delegation_code: str | None = None,
) -> ParagraphVersion:
    """Store the next version as a patch from the head; 409 unless the head is expected."""
    if paragraph.head_version != expected_version:
        raise stale(paragraph, expected_version)
    number = expected_version + 1
    previous = paragraph.head_text if expected_version else ""
    paragraph_id = id_of(paragraph)
    # Compare-and-set on the head: of two concurrent writers on the same version, the second
    # matches no row (PostgreSQL re-checks the WHERE after the first commits) and gets a 409.
    moved = session.exec(
        sa.update(Paragraph)
        .where(col(Paragraph.id) == paragraph_id, col(Paragraph.head_version) == expected_version)
        .values(head_version=number, head_text=text)
        .execution_options(synchronize_session=False)
    ).rowcount
    if moved != 1:
        session.refresh(paragraph)
        raise stale(paragraph, expected_version)
    stored = history.record_version(previous, text, number, limits.of(session).snapshot_every)
    version = ParagraphVersion(
        paragraph_id=paragraph_id,
        number=number,
        patch=stored.patch,
        sha256=stored.sha256,
        snapshot=stored.snapshot,
        source=source,
        note=note,
        author_account_id=actor.account_id,
        delegation_code=delegation_code or actor.delegation,
        created_at=now,
    )
    session.add(version)
    try:
        session.flush()
    except IntegrityError as exc:  # the unique (paragraph, number) constraint: a racing writer
        raise stale(paragraph, expected_version) from exc
    for amendment_id in amendment_ids:
        session.add(VersionAmendment(version_id=id_of(version), amendment_id=amendment_id))
    # The compare-and-set above stored the head: the loaded row says so without an UPDATE more.
    set_committed_value(paragraph, "head_version", number)
    set_committed_value(paragraph, "head_text", text)
    session.flush()
    # A new version ends any silence procedure running on the old one.
    silence_service.cancel_superseded(
        session, paragraph=paragraph, actor=actor, now=version.created_at
    )
    return version


def text_of(session: Session, *, paragraph_id: int, number: int) -> str:
    """The exact text of one version: nearest snapshot, then at most N-1 patches."""
    snapshot_at = session.exec(
        select(sa.func.max(ParagraphVersion.number)).where(
            ParagraphVersion.paragraph_id == paragraph_id,
            ParagraphVersion.number <= number,
            col(ParagraphVersion.snapshot).is_not(None),
        )
    ).one()
    if snapshot_at is None:
        raise NotFound(
            f"Paragraph {paragraph_id} has no version {number}.",
            code="paragraph.version_missing",
            params={"paragraph": paragraph_id, "n": number},
        )
    rows = session.exec(
        select(ParagraphVersion)
        .where(
            ParagraphVersion.paragraph_id == paragraph_id,
            ParagraphVersion.number >= snapshot_at,
            ParagraphVersion.number <= number,
        )
        .order_by(col(ParagraphVersion.number))
    ).all()
    if not rows or rows[-1].number != number:
        raise NotFound(
            f"Paragraph {paragraph_id} has no version {number}.",
            code="paragraph.version_missing",
            params={"paragraph": paragraph_id, "n": number},
        )
    return rebuilding.text(paragraph_id, rebuilding.stored(rows), number)


def all_texts(session: Session, *, paragraph_id: int) -> dict[int, str]:
    """Every version's text in one forward pass (for blame and history views)."""
    rows = session.exec(
        select(ParagraphVersion)
        .where(ParagraphVersion.paragraph_id == paragraph_id)
        .order_by(col(ParagraphVersion.number))
    ).all()
    return rebuilding.texts(paragraph_id, rebuilding.stored(rows))


def _summaries(session: Session, rows: Sequence[ParagraphVersion]) -> builtins.list[VersionSummary]:
    ids = [id_of(v) for v in rows]
    links: dict[int, builtins.list[int]] = {}
    query = select(VersionAmendment).where(col(VersionAmendment.version_id).in_(ids))
    for link in session.exec(query):
        links.setdefault(link.version_id, []).append(link.amendment_id)
    authors = accounts_service.usernames(session, (v.author_account_id for v in rows))
    return [
        VersionSummary(
            number=v.number,
            sha256=v.sha256,
            source=v.source,
            note=v.note,
            author=authors.get(v.author_account_id) if v.author_account_id is not None else None,
            delegation_code=v.delegation_code,
            created_at=v.created_at,
            amendment_ids=sorted(links.get(id_of(v), [])),
        )
        for v in rows
    ]


def list(session: Session, *, paragraph_id: int) -> builtins.list[VersionSummary]:  # noqa: A001
    """Every version of a paragraph, oldest first, with who made it and from which amendments."""
    rows = session.exec(
        select(ParagraphVersion)
        .where(ParagraphVersion.paragraph_id == paragraph_id)
        .order_by(col(ParagraphVersion.number))
    ).all()
    return _summaries(session, rows)


def get(session: Session, *, paragraph_id: int, number: int) -> VersionPublic:
    """One version with its full (rebuilt and hash-checked) text."""
    row = session.exec(
        select(ParagraphVersion).where(
            ParagraphVersion.paragraph_id == paragraph_id, ParagraphVersion.number == number
        )
    ).first()
    if row is None:
        raise NotFound(
            f"Paragraph {paragraph_id} has no version {number}.",
            code="paragraph.version_missing",
            params={"paragraph": paragraph_id, "n": number},
        )
    summary = _summaries(session, [row])[0]
    return VersionPublic(
        **summary.model_dump(),
        paragraph_id=paragraph_id,
        text=text_of(session, paragraph_id=paragraph_id, number=number),
        patch=row.patch,
    )


def diff(
    session: Session, *, paragraph: Paragraph, from_version: int, to_version: int
) -> DiffPublic:
    """The word-level redline between two versions of a paragraph."""
    for n in (from_version, to_version):
        if n < 1 or n > paragraph.head_version:
            raise NotFound(
                f"Paragraph {paragraph.id} has versions 1 to {paragraph.head_version}; "
                f"there is no version {n}.",
                code="paragraph.no_version",
                params={"paragraph": id_of(paragraph), "head": paragraph.head_version, "n": n},
            )
    paragraph_id = id_of(paragraph)
    old = text_of(session, paragraph_id=paragraph_id, number=from_version)
    new = text_of(session, paragraph_id=paragraph_id, number=to_version)
    segments = word_diff(old, new)
    return DiffPublic(
        paragraph_id=paragraph_id,
        from_version=from_version,
        to_version=to_version,
        segments=segments,
        html=redline_html(segments),
    )
