"""create_app(): routers under /api, problem-details errors, limits, and the frontend at /."""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from fastapi import FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app import heap, problems
from app.admission import Admission
from app.api import ROUTERS
from app.api import openapi as openapi_schema
from app.api.throttle import LoginThrottle
from app.clock import Clock, system_clock
from app.db import SESSION_INFO, engine_for
from app.services.exports.runner import runner_for
from app.services.text import cleaning, limits
from app.settings import Settings, get_settings

FRONTEND = Path(__file__).resolve().parent.parent / "frontend"
DOCS_UI = Path(__file__).resolve().parent / "docs_ui"
FRONTEND_FOLDERS = ("js", "css", "i18n", "vendor")

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
    "form-action 'self'"
)
HSTS = "max-age=31536000"  # a year; no includeSubDomains: the host's siblings are not ours


class BodyLimit:
    """Read the body before the app does, at most `limit` bytes whether declared or chunked
    (413 past it), and refuse a JSON body that is not UTF-8 or holds an escaped lone surrogate
    (422): neither is text that can be stored, and neither may reach a route as a 500."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers: dict[bytes, bytes] = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            return await self._too_large(scope, receive, send)
        chunks: list[bytes] = []
        size, more = 0, True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return  # the client went away: nobody to answer
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.limit:
                return await self._too_large(scope, receive, send)
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        content_type = headers.get(b"content-type")
        refusal = None
        if body and (content_type is None or _is_json(content_type)):
            refusal = _json_refusal(body, declared=content_type is not None)
        if refusal is not None:
            response = problems.problem(422, refusal, title="Invalid input")
            return await response(scope, receive, send)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if replayed:
                return await receive()  # after the body: the disconnect, when it comes
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)

    async def _too_large(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = problems.problem(
            413,
            f"The request body is larger than the limit of {self.limit:,} bytes.",
            title="Request too large",
        )
        await response(scope, receive, send)


def _is_json(content_type: bytes) -> bool:
    media = content_type.split(b";")[0].strip().lower()
    return media == b"application/json" or media.endswith(b"+json")


_ESCAPED_SURROGATE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


def _json_refusal(body: bytes, *, declared: bool) -> str | None:
    """Why this JSON body cannot be text (not UTF-8, a lone surrogate), or None. A body with no
    content type is read as JSON by a route that takes JSON, and as bytes by one that takes a
    file: it is refused only for an escaped lone surrogate, never for not being UTF-8."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        if not declared:
            return None
        return (
            f"The request body is not valid UTF-8 (byte {exc.start + 1} is not part of a "
            "character). Send JSON encoded as UTF-8."
        )
    if not _ESCAPED_SURROGATE.search(text):
        return None
    try:
        value = json.loads(text)
    except ValueError:
        return None  # not JSON at all: the route's validation says so
    found = _lone_surrogate(value, "")
    if found is None:
        return None  # escaped pairs: characters beyond the BMP, as JSON spells them
    field, character, position = found
    return (
        f"The request body holds {cleaning.describe(character)} at character {position} of "
        f"{field or 'the body'}: a surrogate is not a character. Send valid Unicode text."
    )


def _lone_surrogate(value: object, path: str) -> tuple[str, str, int] | None:
    """(field, surrogate, 1-based position) of the first lone surrogate in a JSON value."""
    if isinstance(value, str):
        at = next((i for i, c in enumerate(value) if 0xD800 <= ord(c) <= 0xDFFF), None)
        return None if at is None else (path, value[at], at + 1)
    items: list[tuple[str, object]] = []
    if isinstance(value, dict):
        for key, item in value.items():
            where = f"{path}.{key}" if path else str(key)
            items += [(f"{where} (its name)", key), (where, item)]
    elif isinstance(value, list):
        items = [(f"{path}[{i}]", item) for i, item in enumerate(value)]
    for where, item in items:
        found = _lone_surrogate(item, where)
        if found is not None:
            return found
    return None


class SecurityHeaders:
    """The headers every response carries; `no-store` on the API (its answers are a moving,
    per-account text), HSTS on requests that came over HTTPS."""

    def __init__(self, app: ASGIApp, *, trust_proxy_headers: bool = False) -> None:
        self.app = app
        self.trust_proxy_headers = trust_proxy_headers

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        added = [
            (b"content-security-policy", CSP.encode()),
            (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", b"same-origin"),
            (b"x-frame-options", b"DENY"),
        ]
        if self._over_https(scope):
            added.append((b"strict-transport-security", HSTS.encode()))
        api = scope["path"] == "/api" or scope["path"].startswith("/api/")

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                if api:
                    headers = [(k, v) for k, v in headers if k.lower() != b"cache-control"]
                    headers.append((b"cache-control", b"no-store"))
                message["headers"] = headers + added
            await send(message)

        await self.app(scope, receive, with_headers)

    def _over_https(self, scope: Scope) -> bool:
        if scope.get("scheme") == "https":
            return True
        if not self.trust_proxy_headers:
            return False
        headers: dict[bytes, bytes] = dict(scope.get("headers") or [])
        proto = headers.get(b"x-forwarded-proto", b"").split(b",")[0].strip().lower()
        return proto == b"https"


@asynccontextmanager
async def _lifespan(_app: FastAPI) -> AsyncIterator[None]:
    heap.started()  # a served worker: what it has loaded stays out of the collector (app/heap.py)
    yield


def create_app(settings: Settings | None = None, clock: Clock = system_clock) -> FastAPI:
    """The app for these settings (read from the environment when not given), on this clock."""
    settings = settings or get_settings()
    app = FastAPI(
        title="Consenso",
        summary="The drafting room where governments reach consensus on a shared text.",
        version="0.1.0",
        docs_url=None,  # served below from vendored assets: no CDN
        redoc_url=None,
        openapi_url="/api/openapi.json",
        lifespan=_lifespan,
    )
    app.state.settings = settings
    app.state.engine = engine_for(settings)
    app.state.clock = clock
    app.state.export_runner = runner_for(settings.export_workers or 0)
    app.state.login_throttle = LoginThrottle(settings)
    setattr(app.state, SESSION_INFO, {limits.KEY: limits.from_settings(settings)})
    problems.install(app)
    for router in ROUTERS:
        app.include_router(router, prefix="/api")
    # The schema declares the problem responses and the sign-in of every operation.
    app.openapi = partial(  # type: ignore[method-assign]
        openapi_schema.openapi, app, routers=ROUTERS, prefix="/api"
    )

    app.mount("/docs-assets", StaticFiles(directory=DOCS_UI), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    def api_docs() -> FileResponse:
        return FileResponse(DOCS_UI / "index.html")

    if (FRONTEND / "index.html").exists():
        # Only what the browser loads: never the linter's node_modules or package files.
        for folder in FRONTEND_FOLDERS:
            app.mount(
                f"/static/{folder}",
                StaticFiles(directory=FRONTEND / folder),
                name=f"static-{folder}",
            )

        @app.get("/", include_in_schema=False)
        def index() -> FileResponse:
            return FileResponse(FRONTEND / "index.html")

    # Innermost: a request is admitted once its body is read (app/admission.py).
    app.add_middleware(Admission, active=settings.requests_at_work)
    app.add_middleware(BodyLimit, limit=settings.max_body_bytes)
    app.add_middleware(SecurityHeaders, trust_proxy_headers=settings.trust_proxy_headers)
    return app


if TYPE_CHECKING:
    app: FastAPI  # `app.main:app` for uvicorn: built by __getattr__ below


def __getattr__(name: str) -> FastAPI:
    # `app.main:app` for uvicorn, built on first use so importing this module has no side effects.
    if name == "app":
        global app
        app = create_app()
        return app
    raise AttributeError(name)
