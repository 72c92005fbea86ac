from __future__ import annotations

from fastapi import APIRouter, Request, Response

from app.api.deps import COOKIE_NAME, ClockDep, CurrentAccount, SettingsDep, request_token
from app.api.throttle import ThrottleDep, client_address
from app.db import SessionDep
from app.errors import NotAuthenticated
from app.models import Participant
from app.models.account import AccountPublic, LoginRequest, LoginResponse
from app.services.accounts import accounts as accounts_service

router = APIRouter(tags=["accounts"])


@router.post("/auth/login", response_model=LoginResponse)
def login(
    data: LoginRequest,
    request: Request,
    response: Response,
    session: SessionDep,
    settings: SettingsDep,
    clock: ClockDep,
    throttle: ThrottleDep,
) -> LoginResponse:
    """Sign in; after too many failures for the account or the address, 429 (app/api/throttle)."""
    address = client_address(request, settings)
    throttle.check(username=data.username, address=address)
    try:
        token, auth, account = accounts_service.login(
            session,
            username=data.username,
            password=data.password,
            secret_key=settings.secret_key,
            hours=settings.session_hours,
            now=clock(),
        )
    except NotAuthenticated:
        throttle.failed(username=data.username, address=address)
        raise
    throttle.succeeded(username=data.username)
    response.set_cookie(
        COOKIE_NAME,
        token,
        max_age=settings.session_hours * 3600,
        httponly=True,
        samesite="lax",
        secure=settings.cookie_secure,
        path="/",
    )
    participant = (
        session.get(Participant, account.participant_code) if account.participant_code else None
    )
    return LoginResponse(
        token=token,
        expires_at=auth.expires_at,
        account=accounts_service.public(account, participant),
    )


@router.post("/auth/logout", status_code=204)
def logout(
    request: Request,
    response: Response,
    session: SessionDep,
    settings: SettingsDep,
    clock: ClockDep,
) -> Response:
    token, _ = request_token(request)
    if token:
        accounts_service.logout(session, token=token, secret_key=settings.secret_key, now=clock())
    response.delete_cookie(
        COOKIE_NAME, path="/", secure=settings.cookie_secure, httponly=True, samesite="lax"
    )
    response.status_code = 204
    return response


@router.get("/me", response_model=AccountPublic)
def me(account: CurrentAccount, session: SessionDep) -> AccountPublic:
    participant = (
        session.get(Participant, account.participant_code) if account.participant_code else None
    )
    return accounts_service.public(account, participant)
