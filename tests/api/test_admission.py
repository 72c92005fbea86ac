"""Admission: how many API requests of a process work at once is a setting, and it holds."""

from __future__ import annotations

import asyncio

import httpx
import pytest
from pydantic import ValidationError
from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route

from app.admission import ACTIVE, Admission
from app.main import create_app
from app.settings import Settings


def _counting_app() -> tuple[Starlette, dict[str, int]]:
    """An API route that takes a moment and says how many were at work with it."""
    seen = {"now": 0, "most": 0}

    async def work(_request: object) -> JSONResponse:
        seen["now"] += 1
        seen["most"] = max(seen["most"], seen["now"])
        await asyncio.sleep(0.02)
        seen["now"] -= 1
        return JSONResponse({"ok": True})

    return Starlette(routes=[Route("/api/work", work)]), seen


@pytest.mark.parametrize("active", [1, 3])
def test_no_more_requests_are_at_work_than_the_setting_allows(active: int) -> None:
    inner, seen = _counting_app()
    app = Admission(inner, active=active)

    async def storm() -> list[int]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            answers = await asyncio.gather(*(client.get("/api/work") for _ in range(12)))
        return [a.status_code for a in answers]

    assert asyncio.run(storm()) == [200] * 12  # every one answered, in its turn
    assert seen["most"] == active


def test_past_the_line_the_answer_is_a_fast_503_with_retry_after() -> None:
    inner, _ = _counting_app()
    app = Admission(inner, active=1, queue=0)

    async def two() -> list[httpx.Response]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            return list(await asyncio.gather(client.get("/api/work"), client.get("/api/work")))

    first, second = sorted(asyncio.run(two()), key=lambda r: r.status_code)
    assert first.status_code == 200
    assert second.status_code == 503
    assert second.headers["retry-after"] == "1"
    assert second.headers["content-type"] == "application/problem+json"


def test_the_served_app_admits_as_many_as_configured(database_url: str) -> None:
    def limit(app: object) -> int:
        admission = next(m for m in app.user_middleware if m.cls is Admission)  # type: ignore[attr-defined]
        return int(admission.kwargs["active"])

    assert limit(create_app(Settings(database_url=database_url))) == ACTIVE
    assert limit(create_app(Settings(database_url=database_url, requests_at_work=2))) == 2


@pytest.mark.parametrize("value", [0, 17])
def test_a_setting_outside_what_the_pools_hold_is_refused(value: int) -> None:
    with pytest.raises(ValidationError, match="requests_at_work"):
        Settings(requests_at_work=value)
