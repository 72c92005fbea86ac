"""Word in: a delegation's edited Consenso DOCX, previewed as draft amendments, then filed."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from app.api.audit import uploaded
from app.api.deps import MAX_INT, ClockDep, CurrentActor, DocumentDep
from app.db import SessionDep
from app.models.word_import import ImportFiled, ImportPreview
from app.services.amendments import views as amendment_views
from app.services.imports import word as word_import

router = APIRouter(tags=["imports"])


@router.post("/documents/{document_id}/imports/docx", response_model=ImportPreview)
def preview_docx(
    content: Annotated[bytes, Depends(uploaded)],
    document: DocumentDep,
    session: SessionDep,
    actor: CurrentActor,
) -> ImportPreview:
    """What the file would file: each changed paragraph as the delegation's draft amendment
    (label, base version, proposed text, redline, whether it applies to the head). Nothing is
    written. The DOCX goes as a multipart upload (field `file`) or as the raw body.
    Member delegations only."""
    return word_import.preview(session, document=document, content=content, actor=actor)


@router.post("/documents/{document_id}/imports/docx/file", response_model=ImportFiled)
def file_docx(
    content: Annotated[bytes, Depends(uploaded)],
    document: DocumentDep,
    session: SessionDep,
    actor: CurrentActor,
    clock: ClockDep,
    paragraph_ids: Annotated[
        list[Annotated[int, Query(ge=1, le=MAX_INT)]] | None,
        Query(description="The previewed paragraphs to file (repeat it); absent = all of them"),
    ] = None,
) -> ImportFiled:
    """File the same file's changes (all, or those of `paragraph_ids`) as the delegation's
    amendments, each against the version the file was exported from. Send the same file as
    the preview (multipart field `file` or raw body); nothing is kept between the two."""
    filed = word_import.file(
        session,
        document=document,
        content=content,
        paragraph_ids=paragraph_ids,
        actor=actor,
        now=clock(),
    )
    return ImportFiled(amendments=amendment_views.public_many(session, filed))
