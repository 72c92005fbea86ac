"""Dependency aliases declared once: the session, the signed-in actor, loaded rows."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, TypeVar

from fastapi import Depends, Path, Request
from sqlmodel import Session

from app.clock import Clock
from app.db import SessionDep
from app.errors import Forbidden, NotAuthenticated
from app.models import Account, Amendment, Document, Paragraph
from app.services.accounts import accounts as accounts_service
from app.services.accounts.actors import Actor
from app.services.amendments import access as amendments_access
from app.services.text import documents as documents_service
from app.services.text import paragraphs as paragraphs_service
from app.settings import Settings

COOKIE_NAME = "consenso_session"
UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}

# The largest id, version or sequence number a column holds (INTEGER on PostgreSQL): a larger
# one in a path or query is a 422 from validation, never an overflow in the database.
MAX_INT = 2**31 - 1

DocumentId = Annotated[int, Path(ge=1, le=MAX_INT, description="The document's id", examples=[1])]
ParagraphId = Annotated[int, Path(ge=1, le=MAX_INT, description="The paragraph's id", examples=[1])]
AmendmentId = Annotated[int, Path(ge=1, le=MAX_INT, description="The amendment's id", examples=[1])]
RevisionNumber = Annotated[
    int,
    Path(ge=0, le=MAX_INT, description="0 = Zero draft, 1 = Rev.1, 2 = Rev.2 ...", examples=[0]),
]
VersionNumber = Annotated[
    int, Path(ge=1, le=MAX_INT, description="A version number, from 1", examples=[1])
]


async def get_settings_dep(request: Request) -> Settings:
    settings: Settings = request.app.state.settings  # app.state is untyped: set by create_app
    return settings


SettingsDep = Annotated[Settings, Depends(get_settings_dep)]


async def get_clock(request: Request) -> Clock:
    """The clock `create_app` was given; tests override it (or set `app.state.clock`)."""
    clock: Clock = request.app.state.clock
    return clock


ClockDep = Annotated[Clock, Depends(get_clock)]


def request_token(request: Request) -> tuple[str | None, bool]:
    """The session token and whether it came from the cookie (rather than a bearer header)."""
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        return header[7:].strip(), False
    return request.cookies.get(COOKIE_NAME), True


def _check_origin(request: Request, settings: Settings) -> None:
    """Cookie-authenticated writes must come from our own pages (CSRF defence beside SameSite).

    Our own origin is CONSENSO_PUBLIC_ORIGIN when it is set, never the request's Host header
    then (a forged Host could otherwise vouch for itself); unset, it is the request's own
    scheme and host, as a development server on any port needs."""
    origin = request.headers.get("origin")
    if origin is None:
        return
    own = settings.public_origin or f"{request.url.scheme}://{request.url.netloc}"
    if origin != own and origin not in settings.allowed_origins:
        raise Forbidden(
            "This request came from another site and was refused.", code="access.other_site"
        )


def current_account(
    request: Request, session: SessionDep, settings: SettingsDep, clock: ClockDep
) -> Account:
    return sign_in(request, session, settings, clock)


def sign_in(request: Request, session: Session, settings: Settings, clock: Clock) -> Account:
    """The signed-in account of a request, or 401; for a write made with the session cookie,
    403 unless it comes from our own pages."""
    token = _checked_token(request, settings)
    return accounts_service.authenticate(
        session, token=token, secret_key=settings.secret_key, now=clock()
    )


def signed_in_actor(request: Request, session: Session, settings: Settings, clock: Clock) -> Actor:
    """`sign_in`'s actor, read without loading the account (the hot writes)."""
    token = _checked_token(request, settings)
    return accounts_service.authenticate_actor(
        session, token=token, secret_key=settings.secret_key, now=clock()
    )


def _checked_token(request: Request, settings: Settings) -> str:
    token, from_cookie = request_token(request)
    if not token:
        raise NotAuthenticated("Sign in first.", code="auth.sign_in_first", params={})
    if from_cookie and request.method in UNSAFE_METHODS:
        _check_origin(request, settings)
    return token


CurrentAccount = Annotated[Account, Depends(current_account)]

F = TypeVar("F", bound=Callable[..., Any])
# Endpoints that sign in within their one call to the database (`db.in_one_thread`, for the
# hot writes) rather than through `CurrentActor`: the schema declares their sign-in all the same
# (api/openapi.py).
SIGNS_IN_ITSELF: set[Callable[..., Any]] = set()


def signs_in_itself(endpoint: F) -> F:
    SIGNS_IN_ITSELF.add(endpoint)
    return endpoint


async def current_actor(account: CurrentAccount) -> Actor:
    return Actor.of(account)


CurrentActor = Annotated[Actor, Depends(current_actor)]


def valid_document(document_id: DocumentId, session: SessionDep, _actor: CurrentActor) -> Document:
    return documents_service.get_or_raise(session, document_id=document_id)


DocumentDep = Annotated[Document, Depends(valid_document)]


def valid_paragraph(
    paragraph_id: ParagraphId, session: SessionDep, _actor: CurrentActor
) -> Paragraph:
    return paragraphs_service.get_or_raise(session, paragraph_id=paragraph_id)


ParagraphDep = Annotated[Paragraph, Depends(valid_paragraph)]


def any_paragraph(
    paragraph_id: ParagraphId, session: SessionDep, _actor: CurrentActor
) -> Paragraph:
    """A paragraph even if deleted: its history stays readable."""
    return paragraphs_service.get_or_raise(session, paragraph_id=paragraph_id, include_deleted=True)


AnyParagraphDep = Annotated[Paragraph, Depends(any_paragraph)]


def valid_amendment(
    amendment_id: AmendmentId, session: SessionDep, _actor: CurrentActor
) -> Amendment:
    return amendments_access.get_or_raise(session, amendment_id=amendment_id)


AmendmentDep = Annotated[Amendment, Depends(valid_amendment)]
