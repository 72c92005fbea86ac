"""The authorization matrix (authorization.csv): every route × every kind of actor → status.

Each row is run against the app with a request its recipe (recipes.py) makes valid, so the
status is the role's answer. The matrix must cover every operation of the OpenAPI schema.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from app.main import create_app
from app.settings import Settings
from tests.security.recipes import USERS, World, call_for

MATRIX = Path(__file__).with_name("authorization.csv")
ACTORS = ("anonymous", "observer", "delegate", "chair", "secretariat")
OBJECTS = ("-", "own", "cosponsor", "other")


def rows() -> list[dict[str, str]]:
    with MATRIX.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _id(row: dict[str, str]) -> str:
    obj = "" if row["object"] == "-" else f"-{row['object']}"
    return f"{row['method']} {row['path']} {row['actor']}{obj}"


@pytest.fixture(scope="module")
def world(shared_api) -> World:
    return World(shared_api)


@pytest.mark.parametrize("row", rows(), ids=_id)
def test_the_matrix_row_holds(world, row):
    call = call_for(world, row["method"], row["path"], row["actor"], row["object"])
    actor = USERS.get(row["actor"])
    client = world.as_(actor) if actor else world.api.anonymous
    headers = {"Authorization": f"Bearer {call.token}"} if call.token else {}
    if call.content is not None:
        headers["Content-Type"] = "application/octet-stream"
    response = client.request(
        row["method"], call.path, json=call.json, content=call.content, headers=headers
    )
    assert response.status_code == int(row["expected"]), (
        f"{row['method']} {call.path} as {row['actor']} ({row['object']}): "
        f"{response.status_code} {response.text[:300]}"
    )


def test_every_operation_of_the_schema_is_in_the_matrix_for_every_actor():
    app = create_app(Settings(database_url="sqlite://"))
    operations = {
        (method.upper(), path)
        for path, item in app.openapi()["paths"].items()
        for method in item
        if method in ("get", "post", "put", "patch", "delete")
    }
    seen: dict[tuple[str, str], set[str]] = {}
    for row in rows():
        assert row["actor"] in ACTORS and row["object"] in OBJECTS, row
        assert row["expected"].isdigit(), row
        key = (row["method"], row["path"].partition("?")[0])
        seen.setdefault(key, set()).add(row["actor"])
    missing = sorted(operations - seen.keys())
    assert not missing, f"operations missing from {MATRIX.name}: {missing}"
    stale = sorted(seen.keys() - operations)
    assert not stale, f"rows for operations the app does not have: {stale}"
    partial = {
        key: sorted(set(ACTORS) - actors) for key, actors in seen.items() if actors != set(ACTORS)
    }
    assert not partial, f"actors missing: {partial}"
