"""Silence procedures: the co-chairs' way to adopt a paragraph unless someone objects.

Who may do what (see docs/consensus.md, "The API"): only a co-chair starts a silence procedure,
as it adopts text; the secretariat, which never decides, cannot. (Freezing: in `freezing`.)

A procedure belongs to a version. Whether it is running, held, broken or cancelled is computed
from its stored times and the clock (consensus.silence_phase); nothing runs at the deadline.
The service records a break when an objection arrives, and a cancellation when the paragraph
moves on to a new version (`cancel_superseded`: in the new version's transaction,
`versions_service.append`, and again before this module starts a procedure).
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from app.drafting import consensus
from app.drafting.consensus import ConsensusMode, SilenceFact, SilencePhase, Stance
from app.drafting.messages import iso
from app.errors import Conflict, Invalid, NotFound
from app.i18n.errors_core import core_code
from app.models import (
    Document,
    Paragraph,
    ParagraphVersion,
    Revision,
    RevisionEntry,
    SilenceProcedure,
    revision_label,
)
from app.models.position import SilenceSkipped
from app.services.accounts.actors import Actor, require_chair
from app.services.calendar import zones
from app.services.record import content as content_service
from app.services.record import events as events_service
from app.services.record.rows import id_of
from app.services.text import locking
from app.services.text import numbering as numbering_service
from app.services.text.errors import stale


def as_utc(moment: datetime) -> datetime:
    """A moment without a zone is read as UTC (as everywhere in the API)."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def fact(procedure: SilenceProcedure) -> SilenceFact:
    return SilenceFact(
        deadline=procedure.deadline,
        started_at=procedure.started_at,
        cancelled_at=procedure.cancelled_at,
        broken_by=procedure.broken_by_code,
        broken_at=procedure.broken_at,
    )


def latest_on(session: Session, *, paragraph_id: int, version: int) -> SilenceProcedure | None:
    """The most recent procedure on one version of a paragraph."""
    return session.exec(
        select(SilenceProcedure)
        .where(
            SilenceProcedure.paragraph_id == paragraph_id,
            SilenceProcedure.version_number == version,
        )
        .order_by(col(SilenceProcedure.started_at).desc(), col(SilenceProcedure.id).desc())
    ).first()


# Built once: every position on a paragraph runs it.
_OPEN_ON_OLDER = select(SilenceProcedure).where(
    col(SilenceProcedure.paragraph_id) == sa.bindparam("paragraph"),
    col(SilenceProcedure.version_number) < sa.bindparam("head"),
    col(SilenceProcedure.cancelled_at).is_(None),
    col(SilenceProcedure.broken_at).is_(None),
)


def cancel_superseded(
    session: Session, *, paragraph: Paragraph, actor: Actor | None, now: datetime
) -> list[SilenceProcedure]:
    """Record the cancellation of procedures on older versions, at the time the next came.

    Safe to call at any time; also the hook versions_service.append could call right after a
    new version is stored. A procedure that had already held before the next version is left
    alone: its text was adopted, and a later cancellation would not count anyway.
    """
    stale = (
        session.execute(_OPEN_ON_OLDER, {"paragraph": paragraph.id, "head": paragraph.head_version})
        .scalars()
        .all()
    )
    if not stale:
        return []
    superseded_at = dict(
        session.exec(
            select(ParagraphVersion.number, ParagraphVersion.created_at).where(
                ParagraphVersion.paragraph_id == paragraph.id,
                col(ParagraphVersion.number).in_([p.version_number + 1 for p in stale]),
            )
        ).all()
    )
    cancelled = []
    for procedure in stale:
        at = superseded_at.get(procedure.version_number + 1, now)
        if at >= procedure.deadline:
            continue
        procedure.cancelled_at = at
        session.add(procedure)
        cancelled.append(procedure)
        events_service.record(
            session,
            document_id=paragraph.document_id,
            actor=actor,
            action="silence.cancelled",
            target_type="paragraph",
            target_id=paragraph.id,
            payload={
                "silence_id": procedure.id,
                "version": procedure.version_number,
                "cancelled_at": at.isoformat(),
                "because": f"version {procedure.version_number + 1}",
            },
            content=[content_service.of_silence(procedure)],
            now=now,
        )
    session.flush()
    return cancelled


def note_objection(
    session: Session,
    *,
    paragraph: Paragraph,
    version: int,
    code: str,
    reason: str,
    at: datetime,
    actor: Actor,
    now: datetime,
) -> SilenceProcedure | None:
    """If this objection breaks a running procedure on the version, record who broke it."""
    procedure = latest_on(session, paragraph_id=id_of(paragraph), version=version)
    if procedure is None or not consensus.breaks_silence(fact(procedure), Stance.OBJECTION, at):
        return None
    procedure.broken_by_code = code
    procedure.broken_at = at
    procedure.broken_reason = reason
    session.add(procedure)
    session.flush()
    events_service.record(
        session,
        document_id=paragraph.document_id,
        actor=actor,
        action="silence.broken",
        target_type="paragraph",
        target_id=paragraph.id,
        payload={"silence_id": procedure.id, "version": version, "code": code, "reason": reason},
        content=[content_service.of_silence(procedure)],
        now=at,
    )
    return procedure


def _already(procedure: SilenceProcedure | None, now: datetime) -> tuple[str, str] | None:
    """Why a new procedure on this version would be pointless, as (code, English), or None."""
    if procedure is None:
        return None
    phase = consensus.silence_phase(fact(procedure), now)
    deadline = consensus.format_time(procedure.deadline)
    if phase == SilencePhase.RUNNING:
        return "silence.already_running", (
            f"a silence procedure is already running until {deadline}"
        )
    if phase == SilencePhase.HELD:
        return "silence.already_held", f"silence already held on this version at {deadline}"
    return None  # broken or cancelled: the chairs may try again


def _check_start(document: Document, deadline: datetime, now: datetime) -> None:
    error = consensus.silence_error(
        mode=ConsensusMode(document.consensus_mode), started_at=now, deadline=deadline
    )
    if error == consensus.EXPLICIT_MODE_NO_SILENCE:
        raise Conflict(error, code=core_code(error), consensus_mode=document.consensus_mode)
    if error:
        raise Invalid(error, code=core_code(error), now=now.isoformat())


def _start(
    session: Session,
    *,
    paragraph: Paragraph,
    deadline: datetime,
    actor: Actor,
    now: datetime,
    revision_number: int | None = None,
    timezone: str = "UTC",
) -> SilenceProcedure:
    procedure = SilenceProcedure(
        document_id=paragraph.document_id,
        paragraph_id=id_of(paragraph),
        version_number=paragraph.head_version,
        revision_number=revision_number,
        deadline=deadline,
        started_at=now,
        started_by_account_id=actor.account_id,
        timezone=timezone,
    )
    session.add(procedure)
    try:
        session.flush()
    except IntegrityError as exc:  # one running procedure per version: a racing start
        raise Conflict(
            f"Paragraph {paragraph.id}, version {paragraph.head_version}: a silence procedure "
            "was started on it at the same moment.",
            code="silence.started_meanwhile",
            params={"paragraph": id_of(paragraph), "version": paragraph.head_version},
        ) from exc
    events_service.record(
        session,
        document_id=paragraph.document_id,
        actor=actor,
        action="silence.started",
        target_type="paragraph",
        target_id=paragraph.id,
        payload={
            "silence_id": procedure.id,
            "version": paragraph.head_version,
            "deadline": deadline.isoformat(),
            "timezone": timezone,
            "revision": revision_number,
        },
        content=[content_service.of_silence(procedure)],
        now=now,
    )
    return procedure


def start_on_paragraph(
    session: Session,
    *,
    paragraph: Paragraph,
    version: int,
    deadline: datetime,
    actor: Actor,
    now: datetime,
    timezone: str = "UTC",
) -> SilenceProcedure:
    """A co-chair circulates the head version under silence until `deadline` (IANA `timezone`)."""
    require_chair(actor, "start a silence procedure")
    timezone = timezone.strip()
    deadline = zones.in_zone(deadline, timezone)
    _check_start(session.get_one(Document, paragraph.document_id), deadline, now)
    locking.paragraph(session, paragraph)
    locking.require_live(paragraph)
    if version != paragraph.head_version:
        raise stale(paragraph, version)
    cancel_superseded(session, paragraph=paragraph, actor=actor, now=now)
    latest = latest_on(session, paragraph_id=id_of(paragraph), version=version)
    already = _already(latest, now)
    if already and latest:
        code, why = already
        raise Conflict(
            f"Paragraph {paragraph.id}, version {version}: {why}.",
            code=code,
            params={
                "paragraph": id_of(paragraph),
                "version": version,
                "deadline": iso(latest.deadline),
            },
        )
    return _start(
        session, paragraph=paragraph, deadline=deadline, actor=actor, now=now, timezone=timezone
    )


def start_on_revision(
    session: Session,
    *,
    document: Document,
    number: int,
    deadline: datetime,
    actor: Actor,
    now: datetime,
) -> tuple[list[SilenceProcedure], list[SilenceSkipped]]:
    """One procedure per paragraph of the revision still at the revision's version.

    Paragraphs deleted or changed since, or already under (or past) silence, are skipped and
    reported; if none is left, nothing is started and the answer is a 409 listing why.
    """
    require_chair(actor, "start a silence procedure")
    deadline = as_utc(deadline)
    _check_start(document, deadline, now)
    locking.document(session, document_id=id_of(document))
    revision = _revision(session, document, number)
    rows = session.exec(
        select(RevisionEntry, Paragraph)
        .join(Paragraph, col(Paragraph.id) == col(RevisionEntry.paragraph_id))
        .where(RevisionEntry.revision_id == revision.id)
        .order_by(col(RevisionEntry.position))
        .execution_options(populate_existing=True)
    ).all()
    latest = _latest_by_paragraph(session, [id_of(p) for _, p in rows])
    names = numbering_service.revision_labels(session, revision=revision)
    started: list[SilenceProcedure] = []
    skipped: list[SilenceSkipped] = []
    for entry, paragraph in rows:
        why = _not_startable(revision, entry, paragraph, latest, now)
        if why:
            label = names[entry.paragraph_id]
            skipped.append(SilenceSkipped(paragraph_id=id_of(paragraph), label=label, reason=why))
            continue
        cancel_superseded(session, paragraph=paragraph, actor=actor, now=now)
        started.append(
            _start(
                session,
                paragraph=paragraph,
                deadline=deadline,
                actor=actor,
                now=now,
                revision_number=number,
            )
        )
    if not started:
        raise Conflict(
            f"No paragraph of {revision_label(number)} can be put under silence.",
            code="silence.none_startable",
            params={"revision": revision_label(number)},
            skipped=[s.model_dump() for s in skipped],
        )
    return started, skipped


def _revision(session: Session, document: Document, number: int) -> Revision:
    """The document's revision `number`, or 404."""
    revision = session.exec(
        select(Revision).where(Revision.document_id == document.id, Revision.number == number)
    ).first()
    if revision is None:
        raise NotFound(
            f"Document {document.id} has no revision {number}.",
            code="document.no_revision",
            params={"document": id_of(document), "n": number},
        )
    return revision


def _not_startable(
    revision: Revision,
    entry: RevisionEntry,
    paragraph: Paragraph,
    latest: dict[tuple[int, int], SilenceProcedure],
    now: datetime,
) -> str | None:
    """Why this paragraph of the revision is left out of the procedure, or None."""
    if paragraph.deleted_at is not None:
        return "deleted since the revision"
    if paragraph.head_version != entry.version_number:
        return (
            f"now at version {paragraph.head_version}; {revision.label} has version "
            f"{entry.version_number}"
        )
    already = _already(latest.get((id_of(paragraph), paragraph.head_version)), now)
    return already[1] if already else None


def _latest_by_paragraph(
    session: Session, paragraph_ids: list[int]
) -> dict[tuple[int, int], SilenceProcedure]:
    latest: dict[tuple[int, int], SilenceProcedure] = {}
    for procedure in session.exec(
        select(SilenceProcedure)
        .where(col(SilenceProcedure.paragraph_id).in_(paragraph_ids))
        .order_by(col(SilenceProcedure.started_at), col(SilenceProcedure.id))
    ):
        latest[(procedure.paragraph_id, procedure.version_number)] = procedure
    return latest
