"""Errors that carry their HTTP status, rendered as RFC 9457 problem details.

Services raise these; app.main registers one handler that turns any of them (and FastAPI's own
validation and HTTP errors) into `application/problem+json`.
"""

from __future__ import annotations

from typing import Any


class ConsensoError(Exception):
    status = 400
    title = "Bad request"

    def __init__(self, detail: str, **extra: Any) -> None:
        super().__init__(detail)
        self.detail = detail
        self.extra = extra

    @property
    def headers(self) -> dict[str, str]:
        """HTTP headers the problem response carries besides its body."""
        return {}


class BadRequest(ConsensoError):
    status = 400
    title = "Bad request"


class NotAuthenticated(ConsensoError):
    status = 401
    title = "Not signed in"


class Forbidden(ConsensoError):
    status = 403
    title = "Not allowed"


class NotFound(ConsensoError):
    status = 404
    title = "Not found"


class Conflict(ConsensoError):
    """The text moved under the writer (stale version, amendment that no longer applies)."""

    status = 409
    title = "Conflict"


class PayloadTooLarge(ConsensoError):
    status = 413
    title = "Request too large"


class Invalid(ConsensoError):
    """Well-formed input that breaks a rule (empty paragraph, amendment that changes nothing)."""

    status = 422
    title = "Invalid input"


class TooManyRequests(ConsensoError):
    """Too many failed attempts: wait `retry_after` seconds (sent as `Retry-After` too)."""

    status = 429
    title = "Too many attempts"

    def __init__(self, detail: str, *, retry_after: int, **extra: Any) -> None:
        super().__init__(detail, retry_after=retry_after, **extra)
        self.retry_after = retry_after

    @property
    def headers(self) -> dict[str, str]:
        return {"Retry-After": str(self.retry_after)}


class Unavailable(ConsensoError):
    """Something the request needs (the database, the throttle's store) does not answer."""

    status = 503
    title = "Service unavailable"
