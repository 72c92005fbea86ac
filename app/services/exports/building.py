"""The worker's side of a background export (app/services/exports/jobs.py): claim the queued
job, build and render its file in stages (reading, rendering, storing: the progress the job
row reports), keep it, and keep the cache within its bound."""

from __future__ import annotations

import sqlalchemy as sa
from sqlmodel import Session, col, select

from app.drafting.export.model import ExportDocument
from app.models import Document, ExportJob, ExportJobStatus
from app.services.exports import exports as exports_service
from app.services.exports import jobs as jobs_service
from app.services.exports import moments

ERROR_CHARS = 2_000


def run(engine: sa.Engine, *, job_id: int, clock: jobs_service.Clock, cache_bytes: int) -> None:
    """Build one queued job's file (the runner calls this on a worker thread). Only one worker
    claims a job; a failure is recorded on the job and raised for the log."""
    with Session(engine, expire_on_commit=False) as session:
        claimed = session.execute(
            sa.update(ExportJob)
            .where(col(ExportJob.id) == job_id, col(ExportJob.status) == ExportJobStatus.QUEUED)
            .values(
                status=ExportJobStatus.RUNNING, stage="reading", progress=10, updated_at=clock()
            )
        )
        session.commit()
        if claimed.rowcount != 1:  # type: ignore[attr-defined]
            return
        try:
            _build(session, job_id, clock)
        except Exception as exc:
            session.rollback()
            job = jobs_service.get_or_raise(session, job_id=job_id)
            job.status, job.stage = ExportJobStatus.FAILED, "failed"
            job.error = f"{type(exc).__name__}: {exc}"[:ERROR_CHARS]
            job.updated_at = clock()
            session.add(job)
            session.commit()
            raise
        prune(session, cache_bytes=cache_bytes)
        session.commit()


def _build(session: Session, job_id: int, clock: jobs_service.Clock) -> None:
    job = jobs_service.get_or_raise(session, job_id=job_id)
    document = session.get(Document, job.document_id)
    if document is None:
        raise LookupError(f"document {job.document_id} is gone")
    built: list[ExportDocument] = []

    def rendering(doc: ExportDocument) -> None:  # the text is read: the file is laid out next
        built.append(doc)
        _advance(session, job, clock, stage="rendering", progress=40)

    exported = exports_service.export(
        session,
        document=document,
        format=job.format,
        variant=job.variant,
        now=job.created_at,
        revision=job.revision,
        lang=job.lang,
        parallel=job.parallel,
        rendering=rendering,
    )
    if job.revision is None and built:  # the key of the moment the file shows, had it moved
        job.key = jobs_service.key_of(
            session,
            document=document,
            format=job.format,
            variant=job.variant,
            revision=None,
            now=job.created_at,
            lang=job.lang,
            parallel=job.parallel,
            moment=moments.Moment(built[0].audit_seq or 0, built[0].audit_head),
        )
    _advance(session, job, clock, stage="storing", progress=90)
    job.content, job.size = exported.content, len(exported.content)
    job.media_type, job.filename = exported.media_type, exported.filename
    job.language = exported.language
    job.status, job.stage, job.progress = ExportJobStatus.DONE, "done", 100
    job.updated_at = job.finished_at = clock()
    session.add(job)
    session.commit()


def _advance(
    session: Session, job: ExportJob, clock: jobs_service.Clock, *, stage: str, progress: int
) -> None:
    job.stage, job.progress, job.updated_at = stage, progress, clock()
    session.add(job)
    session.commit()


def prune(session: Session, *, cache_bytes: int) -> int:
    """Drop the files of the oldest done jobs beyond `cache_bytes` in all (the newest is always
    kept); their rows stay, `expired`. The number dropped."""
    done = session.exec(
        select(ExportJob.id, ExportJob.size)
        .where(ExportJob.status == ExportJobStatus.DONE)
        .order_by(col(ExportJob.finished_at).desc(), col(ExportJob.id).desc())
    ).all()
    total, dropped = 0, []
    for k, (job_id, size) in enumerate(done):
        total += size
        if k > 0 and total > cache_bytes:
            dropped.append(job_id)
    if dropped:
        session.execute(
            sa.update(ExportJob)
            .where(col(ExportJob.id).in_(dropped))
            .values(content=None, status=ExportJobStatus.EXPIRED, stage="expired")
        )
    return len(dropped)
