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
