"""The first board after a write is updated from the events since the one kept (only the
paragraphs they touched read and evaluated again): it must equal the board read whole, after
every kind of write, and a change of structure must still read everything."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import Session

from app.models import Document
from app.services.consensus import board as board_service
from app.services.consensus import cache as board_cache
from app.services.consensus import view as board_view
from tests.conftest import STARTED, calls_to

DEADLINE = (STARTED + timedelta(days=30)).isoformat()


@pytest.fixture
def whole_reads(monkeypatch) -> list[int]:
    """How many times the board was read and evaluated whole."""
    return calls_to(monkeypatch, board_service, "_read_and_evaluate")


def _boards(app, document_id: int, clock) -> tuple[bytes, bytes]:
    """(the board as kept and brought up to date, the board read whole) at one moment."""
    now = clock()
    with Session(app.state.engine) as session:
        document = session.get(Document, document_id)
        kept = board_view.to_json(board_service.board(session, document=document, now=now))
    board_cache.forget()
    with Session(app.state.engine) as session:
        document = session.get(Document, document_id)
        whole = board_view.to_json(board_service.board(session, document=document, now=now))
    return kept, whole


def _ok(response, status=(200, 201, 204)):
    assert response.status_code in status, response.text
    return response.json() if response.content else None


def _writes(api, doc):
    """Every kind of write the room makes, one after another: (name, structural?, call)."""
    paragraphs = [p for s in doc["sections"] for p in s["paragraphs"]]
    p1, p2, p3 = paragraphs[0], paragraphs[1], paragraphs[2]
    state: dict = {}

    def position(who, p, stance, note=""):
        body = {"version": p["head_version"], "stance": stance, "note": note}
        return lambda: _ok(api.as_(who).put(f"/api/paragraphs/{p['id']}/positions/mine", json=body))

    def propose(key, who, p, text):
        def run():
            body = {"base_version": p["head_version"], "text": text}
            created = _ok(api.as_(who).post(f"/api/paragraphs/{p['id']}/amendments", json=body))
            state[key] = created["id"]

        return run

    def on(key, who, method, path, body=None):
        return lambda: _ok(api.as_(who).request(method, path.format(state[key]), json=body))

    return [
        ("support", False, position("mex", p1, "support")),
        ("objection", False, position("bra", p1, "objection", "Not yet.")),
        (
            "withdraw",
            False,
            lambda: _ok(api.as_("bra").delete(f"/api/paragraphs/{p1['id']}/positions/mine")),
        ),
        ("propose", False, propose("a", "usa", p2, p2["text"] + " Indeed.")),
        ("co-sponsor", False, on("a", "arg", "POST", "/api/amendments/{}/sponsors")),
        ("comment", False, on("a", "iom", "POST", "/api/amendments/{}/comments", {"body": "Why?"})),
        (
            "amendment position",
            False,
            on("a", "chl", "PUT", "/api/amendments/{}/positions/mine", {"stance": "support"}),
        ),
        ("propose another", False, propose("b", "mex", p2, p2["text"] + " Surely.")),
        (
            "withdraw amendment",
            False,
            on("b", "mex", "POST", "/api/amendments/{}/withdraw", {"reason": "Later."}),
        ),
        (
            "accept",
            False,
            on(
                "a",
                "chair.rcm",
                "POST",
                "/api/amendments/{}/accept",
                {"expected_version": p2["head_version"]},
            ),
        ),
        (
            "edit",
            False,
            lambda: _ok(
                api.as_("secretariat").patch(
                    f"/api/paragraphs/{p3['id']}",
                    json={"text": "A cleaner text.", "expected_version": p3["head_version"]},
                )
            ),
        ),
        (
            "freeze",
            False,
            lambda: _ok(api.as_("chair.rcm").post(f"/api/paragraphs/{p1['id']}/freeze")),
        ),
        (
            "silence",
            False,
            lambda: _ok(
                api.as_("chair.rcm").post(
                    f"/api/paragraphs/{p1['id']}/silence",
                    json={"version": p1["head_version"], "deadline": DEADLINE},
                )
            ),
        ),
        (
            "insertion",
            False,
            lambda: state.update(
                c=_ok(
                    api.as_("per").post(
                        f"/api/documents/{doc['id']}/amendments",
                        json={
                            "kind": "insert_paragraph",
                            "section": doc["sections"][0]["id"],
                            "after": p1["id"],
                            "text": "A new paragraph.",
                        },
                    )
                )["id"]
            ),
        ),
        ("accept insertion", True, on("c", "chair.sacm", "POST", "/api/amendments/{}/accept", {})),
        (
            "move",
            True,
            lambda: _ok(
                api.as_("chair.rcm").post(
                    f"/api/paragraphs/{p3['id']}/move", json={"section": doc["sections"][1]["id"]}
                )
            ),
        ),
        (
            "revision",
            True,
            lambda: _ok(
                api.as_("chair.rcm").post(
                    f"/api/documents/{doc['id']}/revisions", json={"note": "Rev."}
                )
            ),
        ),
        ("position after", False, position("gtm", p1, "reservation", "Capital.")),
    ]


def test_every_write_updates_the_kept_board_to_the_board_read_whole(
    api, app, doc, clock, whole_reads
):
    assert _ok(api.as_("chair.rcm").get(f"/api/documents/{doc['id']}/consensus"))
    for name, structural, write in _writes(api, doc):
        whole_reads.clear()
        write()
        kept, whole = _boards(app, doc["id"], clock)
        assert kept == whole, f"after {name}, the board kept and updated differs"
        # the first board either updated the kept one, or (structure) read it whole
        assert len(whole_reads) == (2 if structural else 1), name
