"""The OpenAPI schema as the app really answers: the problem responses of every operation, and
the sign-in it needs.

FastAPI documents the successes and a 422 in its own shape; the app answers every error as an
RFC 9457 problem (`application/problem+json`, app/problems.py). `openapi(app)` takes FastAPI's
schema and declares on each operation the problems it can give, so that clients (and the
schemathesis run in tests/security) can rely on the schema for errors too.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.openapi.utils import get_openapi
from fastapi.routing import APIRoute
from pydantic import BaseModel, ConfigDict, Field

from app.api.deps import COOKIE_NAME, SIGNS_IN_ITSELF, current_account
from app.problems import PROBLEM

WRITES = {"POST", "PUT", "PATCH", "DELETE"}
REASONS = {
    401: "Not signed in, or the session has ended",
    403: "Your role may not do this (or a cross-site write)",
    404: "No such document, paragraph, amendment, revision or version",
    409: "The text moved under you, or the state does not allow this now",
    413: "The request body is over the limit",
    422: "The input is not valid, or breaks a rule",
    429: "Too many failed sign-ins: wait `Retry-After` seconds",
    503: "The database (or the sign-in throttle's store) does not answer",
}


class Problem(BaseModel):
    """RFC 9457 problem details; some problems add fields (`errors`, `current_version` ...)."""

    model_config = ConfigDict(extra="allow")

    type: str = Field(default="about:blank", examples=["about:blank"])
    title: str
    status: int
    detail: str = Field(description="What was wrong, in plain words")


def _signs_in(dependant: Dependant) -> bool:
    return any(d.call is current_account or _signs_in(d) for d in dependant.dependencies)


def signs_in(route: APIRoute) -> bool:
    return route.endpoint in SIGNS_IN_ITSELF or _signs_in(route.dependant)


def problem_statuses(route: APIRoute, method: str) -> list[int]:
    """The problems an operation can answer with."""
    statuses = {413, 422, 503}
    if signs_in(route):
        statuses |= {401, 403}
    if "{" in route.path_format:  # an id or number in the path: it may name nothing
        statuses.add(404)
    if method in WRITES:
        statuses.add(409)
    if route.path_format == "/auth/login":
        statuses |= {401, 429}
    return sorted(statuses)


def openapi(app: FastAPI, routers: list[APIRouter], prefix: str) -> dict[str, Any]:
    """FastAPI's schema with the problem responses and security declared (built once) for
    the operations of `routers`, included under `prefix`."""
    if app.openapi_schema:
        return app.openapi_schema
    schema = get_openapi(
        title=app.title,
        version=app.version,
        summary=app.summary,
        description=app.description,
        routes=app.routes,
    )
    components = schema.setdefault("components", {})
    schemas = components.setdefault("schemas", {})
    schemas["Problem"] = Problem.model_json_schema()
    components["securitySchemes"] = {
        "bearer": {"type": "http", "scheme": "bearer", "description": "The login's token"},
        "session": {"type": "apiKey", "in": "cookie", "name": COOKIE_NAME},
    }
    routes = {
        (prefix + route.path_format, method): route
        for router in routers
        for route in router.routes
        if isinstance(route, APIRoute)
        for method in route.methods or ()
    }
    for path, item in schema.get("paths", {}).items():
        for method, operation in item.items():
            route = routes.get((path, method.upper()))
            if route is not None:
                _declare(operation, route, method.upper())
    for unused in ("HTTPValidationError", "ValidationError"):
        schemas.pop(unused, None)
    app.openapi_schema = schema
    return schema


def _declare(operation: dict[str, Any], route: APIRoute, method: str) -> None:
    responses = operation.setdefault("responses", {})
    for status in problem_statuses(route, method):
        description = responses.get(str(status), {}).get("description") or REASONS[status]
        responses[str(status)] = {
            "description": description,
            "content": {PROBLEM: {"schema": {"$ref": "#/components/schemas/Problem"}}},
        }
        if status == 429:
            responses["429"]["headers"] = {
                "Retry-After": {"description": "Seconds to wait", "schema": {"type": "integer"}}
            }
    if signs_in(route):
        operation["security"] = [{"bearer": []}, {"session": []}]
