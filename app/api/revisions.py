from __future__ import annotations

from fastapi import APIRouter, Query, Response

from app.api.deps import (
    MAX_INT,
    AnyParagraphDep,
    ClockDep,
    CurrentActor,
    DocumentDep,
    RevisionNumber,
)
from app.db import SessionDep
from app.errors import Invalid
from app.models.revision import (
    BlamePublic,
    ComparisonPublic,
    RevisionCreate,
    RevisionDocumentPublic,
    RevisionPublic,
)
from app.services.record.rows import id_of
from app.services.revisions import blame as blame_service
from app.services.revisions import comparison as comparison_service
from app.services.revisions import comparison_docx
from app.services.revisions import revisions as revisions_service

router = APIRouter(tags=["revisions"])


@router.post("/documents/{document_id}/revisions", response_model=RevisionPublic, status_code=201)
def issue_revision(
    document: DocumentDep,
    session: SessionDep,
    actor: CurrentActor,
    data: RevisionCreate | None = None,
    *,
    clock: ClockDep,
) -> RevisionPublic:
    """Freeze the whole text as the next revision (Zero draft, then Rev.1, Rev.2 ...)."""
    revision = revisions_service.issue(
        session, document=document, actor=actor, data=data or RevisionCreate(), now=clock()
    )
    return revisions_service.public(session, revision=revision)


@router.get("/documents/{document_id}/revisions", response_model=list[RevisionPublic])
def list_revisions(document: DocumentDep, session: SessionDep) -> list[RevisionPublic]:
    return revisions_service.list(session, document_id=id_of(document))


@router.get("/documents/{document_id}/revisions/{n}", response_model=RevisionDocumentPublic)
def get_revision(
    n: RevisionNumber, document: DocumentDep, session: SessionDep
) -> RevisionDocumentPublic:
    """The whole document as it stood in revision n."""
    return revisions_service.view(session, document=document, number=n)


def _to_number(to: str | None) -> int | None:
    if to is None or to.strip().lower() == "now":
        return None
    try:
        number = int(to)
    except ValueError:
        number = -1
    if not 0 <= number <= MAX_INT:
        raise Invalid(
            f"'to' must be a revision number (0 for the Zero draft) or 'now', not {to!r}.",
            code="revision.to_invalid",
            params={"to": repr(to)},
        )
    return number


@router.get(
    "/documents/{document_id}/compare",
    response_model=ComparisonPublic,
    responses={200: {"content": {comparison_docx.MEDIA_TYPE: {}}}},
)
def compare(
    document: DocumentDep,
    session: SessionDep,
    from_: int = Query(
        ..., alias="from", ge=0, le=MAX_INT, description="The earlier revision's number"
    ),
    to: str | None = Query(
        None, description="The later revision's number, or 'now' (the default) for the current text"
    ),
    format: str | None = Query(
        None,
        pattern="^(json|docx)$",
        description="json (the default) or docx: Word with every change a tracked change",
    ),
    *,
    clock: ClockDep,
) -> ComparisonPublic | Response:
    """Added, deleted, moved and changed paragraphs with redlines, and the disposition table;
    with format=docx, the comparison as a Word file whose tracked changes are credited to the
    delegations whose amendments made them (or the chairs)."""
    if format == "docx":
        exported = comparison_docx.compare_docx(
            session, document=document, from_number=from_, to_number=_to_number(to), now=clock()
        )
        return Response(
            content=exported.content,
            media_type=exported.media_type,
            headers={
                "Content-Disposition": f'attachment; filename="{exported.filename}"',
                "Cache-Control": "no-store",
            },
        )
    return comparison_service.compare(
        session, document=document, from_number=from_, to_number=_to_number(to), now=clock()
    )


@router.get("/paragraphs/{paragraph_id}/blame", response_model=BlamePublic)
def blame(
    paragraph: AnyParagraphDep,
    session: SessionDep,
    version: int | None = Query(None, ge=0, le=MAX_INT, description="Defaults to the head version"),
) -> BlamePublic:
    """Who wrote each phrase of a paragraph version, in words a delegate can read."""
    return blame_service.paragraph(session, paragraph=paragraph, version=version)
