"""Exports: the agreed common position, the compilation text and the JSON dump, as files."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, BackgroundTasks, Query, Request, Response

from app.api import export_jobs
from app.api.deps import MAX_INT, ClockDep, CurrentActor, DocumentDep, SettingsDep
from app.db import SessionDep
from app.models.export_job import ExportJobCreate
from app.services.accounts.actors import require_chair_side
from app.services.exports import exports as exports_service
from app.services.exports import jobs as jobs_service

router = APIRouter(tags=["exports"])

_FILES = {
    "content": {
        "application/octet-stream": {},
        "text/markdown": {},
        "text/html": {},
        "application/pdf": {},
        "application/akn+xml": {},
        "text/csv": {},
        "application/json": {},
    },
    "description": 'The file, with `Content-Disposition: attachment; filename="..."`.',
}


FormatQuery = Annotated[
    str | None,
    Query(description=f"One of: {', '.join(exports_service.FORMATS)}"),
]

VariantQuery = Annotated[
    str,
    Query(
        description="agreed (only paragraphs with consensus) or compilation (everything, "
        "with pending proposals and positions); ignored by format=json"
    ),
]

RevisionQuery = Annotated[
    int | None,
    Query(ge=0, le=MAX_INT, description="0 = Zero draft, 1 = Rev.1 ...; absent = the current text"),
]

LangQuery = Annotated[
    str | None,
    Query(
        pattern="^[a-z]{2}$",
        description="en, es or pt: labels and text in that language (each paragraph's "
        "translation, a stale or missing one marked); absent = the negotiating language",
    ),
]

ParallelQuery = Annotated[
    bool,
    Query(description="html or docx: the negotiating text beside its `lang` translation"),
]


@router.get(
    "/documents/{document_id}/export",
    response_class=Response,
    responses={
        200: _FILES,
        202: {"description": "A large export: the background job building it (`Location`)"},
        404: {"description": "No such document or revision"},
    },
)
def export(
    document: DocumentDep,
    session: SessionDep,
    actor: CurrentActor,
    clock: ClockDep,
    settings: SettingsDep,
    request: Request,
    background: BackgroundTasks,
    format: FormatQuery = None,
    variant: VariantQuery = "compilation",
    revision: RevisionQuery = None,
    lang: LangQuery = None,
    parallel: ParallelQuery = False,
) -> Response:
    """Download the document, now or as it stood at a revision, in one format and variant.
    The JSON dump (the whole record, with the accounts) is for the chair side only. A large
    document's PDF (or any format past a size, see docs/api.md) is built in the background:
    202 with the job and its `Location`, or the file at once when that state was built before."""
    if format == exports_service.JSON:
        require_chair_side(actor, "download the full JSON dump (it holds every account)")
    if jobs_service.in_background(session, document=document, format=format):
        wanted = ExportJobCreate(
            format=format or "", variant=variant, revision=revision, lang=lang, parallel=parallel
        )
        job, created = jobs_service.request(
            session, document=document, actor=actor, now=clock(), data=wanted
        )
        if job.status != "done":
            if created:
                export_jobs.schedule(request, background, job, settings.export_cache_bytes)
            return export_jobs.accepted(job)
        exported = jobs_service.file_of(job)
    else:
        exported = exports_service.export(
            session,
            document=document,
            format=format,
            variant=variant,
            now=clock(),
            revision=revision,
            lang=lang,
            parallel=parallel,
        )
    return Response(
        content=exported.content,
        media_type=exported.media_type,
        headers={
            "Content-Disposition": f'attachment; filename="{exported.filename}"',
            # A copy is a snapshot of a moving text: never serve a stale one from a cache.
            "Cache-Control": "no-store",
            "Content-Language": exported.language,
        },
    )
