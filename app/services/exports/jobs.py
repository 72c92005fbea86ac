"""Large exports built in the background, cached by what they show.

A request names a format, a variant and a moment (the current text, or revision N). Its
**key** is the SHA-256 of what the file will show: the document and its settings, the format,
variant and options, and the state of the text — a revision's number (revisions never change),
or for the current text the last event (every write moves it), the silence deadlines passed
(a deadline changes a status without an event) and the date printed. A done job with the same
key is the cache: its file is served again, built once. Otherwise a queued job row is written
and the API hands `run` to the process's runner (app/services/exports/runner.py); the row and
the finished file are in the database, so any worker answers for any job, on SQLite and
PostgreSQL alike. The files kept are bounded (`prune`): the oldest beyond the bound expire.

Which exports go to the background (`in_background`): every PDF of a document larger than
`PDF_INLINE_UNITS`, and any format past `INLINE_UNITS` (a unit is a live paragraph or a pending
amendment); the rest are rendered inside the request, as before. The JSON dump never is.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlmodel import Session, col, func, select

from app.drafting import export as export_core
from app.errors import Conflict, Invalid, NotFound
from app.models import (
    Amendment,
    AmendmentStatus,
    Document,
    ExportJob,
    ExportJobStatus,
    Paragraph,
    SilenceProcedure,
)
from app.models.export_job import ExportJobCreate, ExportJobPublic
from app.services.accounts.actors import Actor
from app.services.exports import exports as exports_service
from app.services.exports import moments
from app.services.record.rows import id_of
from app.services.revisions import revisions as revisions_service
from app.services.translations import exporting as translated_service

PDF_INLINE_UNITS = 150
INLINE_UNITS = 2_000
# A queued or running job not heard from for this long is taken for lost (its worker stopped).
LOST_AFTER = timedelta(minutes=15)
Clock = Callable[[], datetime]


# --- what goes to the background, and its key -----------------------------------------------


def size_of(session: Session, *, document_id: int) -> int:
    """Live paragraphs plus pending amendments: what an export's time grows with."""
    paragraphs = session.exec(
        select(func.count()).where(
            Paragraph.document_id == document_id, col(Paragraph.deleted_at).is_(None)
        )
    ).one()
    amendments = session.exec(
        select(func.count()).where(
            Amendment.document_id == document_id, Amendment.status == AmendmentStatus.PENDING
        )
    ).one()
    return int(paragraphs) + int(amendments)


def in_background(session: Session, *, document: Document, format: str | None) -> bool:
    """Whether an export in `format` of this document is built by a job, not in the request."""
    if format not in export_core.FORMATS:
        return False
    units = size_of(session, document_id=id_of(document))
    return units > (PDF_INLINE_UNITS if format == "pdf" else INLINE_UNITS)


def _state(
    session: Session,
    document: Document,
    revision: int | None,
    now: datetime,
    moment: moments.Moment | None,
) -> object:
    if revision is not None:
        return {"revision": revision}
    if moment is None:
        moment = moments.read_latest(session, document_id=id_of(document))
    passed = session.exec(
        select(func.count()).where(
            SilenceProcedure.document_id == id_of(document), SilenceProcedure.deadline <= now
        )
    ).one()
    return {
        "seq": moment.seq if moment.head else None,
        "head": moment.head,
        "silences_passed": int(passed),
        "date": now.date().isoformat(),
    }


def key_of(
    session: Session, *, document: Document, format: str, variant: str, revision: int | None,
    now: datetime, lang: str | None = None, parallel: bool = False,
    moment: moments.Moment | None = None,
) -> str:  # fmt: skip
    """The SHA-256 (hex) of what the export will show (see the module's docstring); the
    current text at `moment` (an export's own) or at the last event now."""
    settings = {
        name: getattr(document, name)
        for name in (
            "title", "consensus_mode", "numbering", "symbol", "distribution",
            "original_language", "negotiating_language", "languages",
            "agreed_requires_concordance",
        )
    }  # fmt: skip
    described = {
        "document": id_of(document),
        "settings": settings,
        "format": format,
        "variant": variant,
        "lang": lang,
        "parallel": parallel,
        "state": _state(session, document, revision, now, moment),
    }
    return hashlib.sha256(json.dumps(described, sort_keys=True).encode()).hexdigest()


# --- requests and answers ------------------------------------------------------------------------


def request(
    session: Session, *, document: Document, actor: Actor, now: datetime, data: ExportJobCreate
) -> tuple[ExportJob, bool]:
    """(the job, whether it is new): a done job with the same key (the cache), one still being
    built, or a new queued job the caller must hand to the runner once committed."""
    format, variant = exports_service.checked_options(format=data.format, variant=data.variant)
    if format not in export_core.FORMATS:
        raise Invalid(
            "The JSON dump is downloaded directly (GET .../export?format=json).",
            code="export_jobs.json",
        )
    if data.revision is not None:
        revisions_service.get_or_raise(session, document_id=id_of(document), number=data.revision)
    # Refused now, not queued to fail later: a language Consenso does not keep, a parallel
    # export it cannot lay out.
    lang = translated_service.checked_language(document, data.lang)
    if data.parallel:
        translated_service.require_parallel(document, format=format, lang=lang)
    key = key_of(
        session,
        document=document,
        format=format,
        variant=variant,
        revision=data.revision,
        now=now,
        lang=data.lang,
        parallel=data.parallel,
    )
    for job in session.exec(
        select(ExportJob).where(ExportJob.key == key).order_by(col(ExportJob.id).desc())
    ):
        if job.status == ExportJobStatus.DONE:
            return job, False
        in_flight = job.status in (ExportJobStatus.QUEUED, ExportJobStatus.RUNNING)
        if in_flight and job.updated_at > now - LOST_AFTER:
            return job, False
    job = ExportJob(
        document_id=id_of(document),
        key=key,
        format=format,
        variant=variant,
        revision=data.revision,
        lang=data.lang,
        parallel=data.parallel,
        created_by_account_id=actor.account_id,
        created_at=now,
        updated_at=now,
    )
    session.add(job)
    session.flush()
    return job, True


def get_or_raise(session: Session, *, job_id: int) -> ExportJob:
    job = session.get(ExportJob, job_id)
    if job is None:
        raise NotFound(
            f"There is no export job {job_id}.", code="export_jobs.not_found", params={"id": job_id}
        )
    return job


def public(job: ExportJob, *, cached: bool = False) -> ExportJobPublic:
    done = job.status == ExportJobStatus.DONE
    return ExportJobPublic(
        id=id_of(job),
        document_id=job.document_id,
        format=job.format,
        variant=job.variant,
        revision=job.revision,
        lang=job.lang,
        parallel=job.parallel,
        key=job.key,
        status=job.status,
        stage=job.stage,
        progress=job.progress,
        error=job.error,
        filename=job.filename,
        media_type=job.media_type,
        language=job.language,
        size=job.size,
        cached=cached,
        file=f"/api/exports/{id_of(job)}/file" if done else None,
        created_at=job.created_at,
        finished_at=job.finished_at,
    )


def file_of(job: ExportJob) -> exports_service.Exported:
    """The finished file, or 409 saying how far the job is (or why it failed)."""
    if job.status == ExportJobStatus.DONE and job.content is not None:
        return exports_service.Exported(job.content, job.media_type, job.filename, job.language)
    params = {"status": job.status, "progress": job.progress}
    if job.status == ExportJobStatus.FAILED:
        raise Conflict(
            f"This export failed ({job.error}); request it again or tell the secretariat.",
            code="export_jobs.failed",
            params={**params, "error": job.error},
        )
    if job.status == ExportJobStatus.EXPIRED:
        raise Conflict(
            "This export's file was dropped from the cache; request the export again.",
            code="export_jobs.expired",
            params=params,
        )
    raise Conflict(
        f"This export is not ready yet ({job.status}, {job.progress}%).",
        code="export_jobs.not_ready",
        params=params,
    )
