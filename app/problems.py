"""One place that renders every error as RFC 9457 problem details (application/problem+json)."""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DataError, IntegrityError, OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

from app import i18n
from app.errors import ConsensoError

log = logging.getLogger("consenso")
PLACEHOLDER = re.compile(r"\{(\w+)\}")
PROBLEM = "application/problem+json"
OUT_OF_RANGE = (
    "A value in the request cannot be stored or looked up: a number out of range "
    "or a text too long. Nothing was saved."
)


def problem(
    status: int,
    detail: str,
    *,
    title: str | None = None,
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> JSONResponse:
    body = {
        "type": "about:blank",
        "title": title or HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        **extra,
    }
    headers = dict(headers or {})
    if status == 401:
        headers["WWW-Authenticate"] = "Bearer"
    return JSONResponse(body, status_code=status, media_type=PROBLEM, headers=headers)


def localized(
    request: Request, status: int, detail: str, extra: dict[str, Any]
) -> tuple[str, dict[str, Any]]:
    """The reader's language and the problem's fields in it: `title`, and `message` (the
    detail rendered from its `code` and `params`); `detail` stays English for API clients."""
    lang = i18n.negotiate(request.headers.get("accept-language"), request.query_params.get("lang"))
    code, params = extra.get("code"), extra.get("params") or {}
    message = detail
    if isinstance(code, str) and i18n.has(code):
        message = i18n.render(code, params, lang)
    title_code = f"title.{status}"
    title = i18n.render(title_code, {}, lang) if i18n.has(title_code) else HTTPStatus(status).phrase
    return lang, {**extra, "title": title, "message": message}


def coded(
    request: Request,
    status: int,
    detail: str,
    code: str,
    params: dict[str, Any] | None = None,
    **extra: Any,
) -> JSONResponse:
    """A problem the handlers below write themselves, with its code and the reader's language."""
    lang, fields = localized(
        request, status, detail, {"code": code, "params": params or {}, **extra}
    )
    return problem(status, detail, headers={"Content-Language": lang}, **fields)


def _validation_error(error: Mapping[str, Any]) -> dict[str, Any]:
    """One field's error: pydantic's English words, and a code with parameters where the
    catalogue has its type (`validation.missing`, `validation.string_too_long`…)."""
    shown: dict[str, Any] = {
        "field": _field(error.get("loc", ())),
        "message": error.get("msg", "invalid"),
    }
    code = f"validation.{error.get('type', '')}"
    context = {
        k: v if isinstance(v, int) and not isinstance(v, bool) else str(v)
        for k, v in (error.get("ctx") or {}).items()
    }
    if i18n.has(code) and set(PLACEHOLDER.findall(i18n.render_template(code))) <= set(context):
        shown["code"], shown["params"] = code, context
    return shown


def _in(error: Mapping[str, Any], lang: str) -> str:
    """The field's error in `lang` (pydantic's English where the catalogue lacks its type)."""
    if "code" not in error:
        return str(error["message"])
    params = dict(error["params"])
    if isinstance(params.get("expected"), str):  # "'a' or 'b'": the conjunction in `lang`
        params["expected"] = params["expected"].replace(
            " or ", f" {i18n.render('validation.or', {}, lang)} "
        )
    return i18n.render(str(error["code"]), params, lang)


def _field(loc: Sequence[str | int]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path")]
    return ".".join(parts) or "request"


def install(app: FastAPI) -> None:
    @app.exception_handler(ConsensoError)
    async def _consenso(request: Request, exc: ConsensoError) -> JSONResponse:
        if exc.status >= 500:
            log.error("%s: %s", type(exc).__name__, exc.detail)
        lang, extra = localized(request, exc.status, exc.detail, exc.extra)
        if lang == i18n.DEFAULT:
            extra["title"] = exc.title  # an error's own English title ("Stored history is damaged")
        headers = {**exc.headers, "Content-Language": lang}
        return problem(exc.status, exc.detail, headers=headers, **extra)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        lang = i18n.negotiate(
            request.headers.get("accept-language"), request.query_params.get("lang")
        )
        errors = [_validation_error(e) for e in exc.errors()]
        summary = "; ".join(f"{e['field']}: {e['message']}" for e in errors[:5])
        detail = f"The request is not valid: {summary}."
        shown = "; ".join(f"{e['field']}: {_in(e, lang)}" for e in errors[:5])
        params = {"summary": shown}
        return coded(request, 422, detail, "request.invalid", params, errors=errors)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        detail = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
        path = request.url.path
        if exc.status_code == 404 and detail == "Not Found":
            return coded(
                request, 404, f"There is nothing at {path}.", "request.nothing_at", {"path": path}
            )
        if exc.status_code == 405:
            detail = f"{request.method} is not allowed on {path}."
            params = {"method": request.method, "path": path}
            return coded(request, 405, detail, "request.method_not_allowed", params)
        return problem(exc.status_code, detail, headers=dict(exc.headers or {}))

    @app.exception_handler(IntegrityError)
    async def _integrity(request: Request, exc: IntegrityError) -> JSONResponse:
        # A constraint caught a race the service could not see (two writers at once).
        log.warning("integrity error: %s", exc.orig)
        detail = "Someone else changed this at the same moment. Reload and try again."
        return coded(request, 409, detail, "request.race")

    _install_unstorable(app)

    @app.exception_handler(OperationalError)
    async def _operational(request: Request, exc: OperationalError) -> JSONResponse:
        log.error("database error: %s", exc.orig)
        detail = "The database is busy or unreachable. Try again in a moment."
        return coded(request, 503, detail, "request.database_unavailable")

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        detail = "Something went wrong on the server; nothing was saved. The error was logged."
        return coded(request, 500, detail, "request.server_error")


def _install_unstorable(app: FastAPI) -> None:
    """Values the validation let through but the database cannot take: the request's fault."""

    @app.exception_handler(DataError)
    async def _data(request: Request, exc: DataError) -> JSONResponse:
        # The database refused a value the validation let through (PostgreSQL: a number out of
        # its column's range, a text too long for its column): the request's fault, not ours.
        log.warning("data error on %s %s: %s", request.method, request.url.path, exc.orig)
        return coded(request, 422, OUT_OF_RANGE, "request.out_of_range")

    @app.exception_handler(OverflowError)
    async def _overflow(request: Request, exc: OverflowError) -> JSONResponse:
        # SQLite's driver cannot even bind an integer beyond 64 bits.
        log.warning("overflow on %s %s: %s", request.method, request.url.path, exc)
        return coded(request, 422, OUT_OF_RANGE, "request.out_of_range")

    @app.exception_handler(UnicodeEncodeError)
    async def _unencodable(request: Request, exc: UnicodeEncodeError) -> JSONResponse:
        # A lone surrogate that reached the database driver in a field no check looked at.
        log.warning("unencodable text on %s %s: %s", request.method, request.url.path, exc)
        detail = (
            "The request holds text that is not valid Unicode (a lone surrogate). "
            "Nothing was saved."
        )
        return coded(request, 422, detail, "request.unencodable")
