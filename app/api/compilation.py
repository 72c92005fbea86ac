"""The compilation text as the screen shows it (the exports' layout, as JSON)."""

from __future__ import annotations

from fastapi import APIRouter, Query, Request

from app import i18n
from app.api.deps import ClockDep, CurrentActor, DocumentDep
from app.api.exports import RevisionQuery
from app.db import SessionDep
from app.models.compilation import CompilationPublic
from app.services.exports import compilation_view

router = APIRouter(tags=["exports"])


@router.get("/documents/{document_id}/compilation", response_model=CompilationPublic)
def compilation(
    request: Request,
    document: DocumentDep,
    session: SessionDep,
    actor: CurrentActor,
    clock: ClockDep,
    revision: RevisionQuery = None,
    lang: str | None = Query(None, pattern="^[a-z]{2}$", description="en, es or pt"),
) -> CompilationPublic:
    """Every paragraph with its pending proposals as the text each would produce now (or at
    `revision`), laid out as the compilation export; labels and notes in the reader's
    language (`lang`, else Accept-Language)."""
    return compilation_view.compilation(
        session,
        document=document,
        now=clock(),
        revision=revision,
        ui_lang=i18n.negotiate(request.headers.get("accept-language"), lang),
    )
