"""Exports built in the background: request one, follow its progress, download its file."""

from __future__ import annotations

from functools import partial
from typing import Annotated

from fastapi import APIRouter, BackgroundTasks, Path, Request, Response
from fastapi.responses import JSONResponse

from app.api.deps import MAX_INT, ClockDep, CurrentActor, DocumentDep, SettingsDep
from app.db import SessionDep
from app.models import ExportJob
from app.models.export_job import ExportJobCreate, ExportJobPublic
from app.services.exports import building
from app.services.exports import jobs as jobs_service
from app.services.exports.runner import Runner

router = APIRouter(tags=["exports"])

JobId = Annotated[int, Path(ge=1, le=MAX_INT, description="The export job's id", examples=[1])]


def schedule(
    request: Request, background: BackgroundTasks, job: ExportJob, cache_bytes: int
) -> None:
    """Hand the job to the process's runner once the request's transaction has committed
    (background tasks run after the response, which is after the commit)."""
    runner: Runner = request.app.state.export_runner
    task = partial(
        building.run,
        request.app.state.engine,
        job_id=job.id or 0,
        clock=request.app.state.clock,
        cache_bytes=cache_bytes,
    )
    background.add_task(runner.submit, task)


def answer(job: ExportJob, *, created: bool, response: Response) -> ExportJobPublic:
    """202 with `Location` while the file is built; 200 when it is there (from the cache)."""
    shown = jobs_service.public(job, cached=not created and job.status == "done")
    response.status_code = 200 if shown.status == "done" else 202
    response.headers["Location"] = f"/api/exports/{shown.id}"
    response.headers["Cache-Control"] = "no-store"
    return shown


def accepted(job: ExportJob) -> JSONResponse:
    """202 with the job and its `Location` (the export route's answer for a large export)."""
    shown = jobs_service.public(job)
    headers = {"Location": f"/api/exports/{shown.id}", "Cache-Control": "no-store"}
    return JSONResponse(shown.model_dump(mode="json"), status_code=202, headers=headers)


@router.post(
    "/documents/{document_id}/exports",
    response_model=ExportJobPublic,
    status_code=202,
    responses={200: {"description": "The same state was built before: served from the cache"}},
)
def request_export(
    data: ExportJobCreate,
    document: DocumentDep,
    session: SessionDep,
    actor: CurrentActor,
    clock: ClockDep,
    settings: SettingsDep,
    request: Request,
    background: BackgroundTasks,
    response: Response,
) -> ExportJobPublic:
    """Build an export in the background (any format but the JSON dump): 202 with the job and
    its `Location`; a state built before is answered at once, 200, from the cache."""
    job, created = jobs_service.request(
        session, document=document, actor=actor, now=clock(), data=data
    )
    if created:
        schedule(request, background, job, settings.export_cache_bytes)
    return answer(job, created=created, response=response)


@router.get("/exports/{job_id}", response_model=ExportJobPublic)
def get_export_job(job_id: JobId, session: SessionDep, _actor: CurrentActor) -> ExportJobPublic:
    """The job's status (`queued`, `running`, `done`, `failed`, `expired`), stage and progress."""
    return jobs_service.public(jobs_service.get_or_raise(session, job_id=job_id))


@router.get(
    "/exports/{job_id}/file",
    response_class=Response,
    responses={200: {"description": "The file, as `GET .../export` would send it"}},
)
def get_export_file(job_id: JobId, session: SessionDep, _actor: CurrentActor) -> Response:
    """The finished file; 409 while it is being built (or when it failed or expired)."""
    exported = jobs_service.file_of(jobs_service.get_or_raise(session, job_id=job_id))
    return Response(
        content=exported.content,
        media_type=exported.media_type,
        headers={
            "Content-Disposition": f'attachment; filename="{exported.filename}"',
            "Cache-Control": "no-store",
            "Content-Language": exported.language,
        },
    )
