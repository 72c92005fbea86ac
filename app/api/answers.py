"""Answers the hot writes write out themselves.

A route that returns its response model has FastAPI validate it again against that model, in a
thread of its own, before writing it. The hot writes' services build their answers as that
model already (from the rows the request wrote), so these routes write it out directly; their
`response_model` stays, for the documented schema. The headers a request's dependencies set
(`Server-Timing` of SQLite's write queue, `app/db.py`) come along."""

from __future__ import annotations

from fastapi import Response
from pydantic import BaseModel

from app import db


def written(model: BaseModel, *, status_code: int = 200) -> Response:
    """`model` as the JSON answer, with the headers the request's dependencies set."""
    response = Response(
        model.__pydantic_serializer__.to_json(model),
        status_code=status_code,
        media_type="application/json",
    )
    for name, value in db.response_headers().items():
        response.headers[name] = value
    return response
