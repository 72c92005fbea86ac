"""The event stream in process (Starlette's TestClient streams incrementally): what a screen
following the room receives, where a reconnecting one resumes, and when a stream ends."""

from __future__ import annotations

import json
import time

import pytest
from httpx_sse import connect_sse

from app.db import write_session
from app.main import create_app
from app.services.accounts import accounts as accounts_service
from app.services.consensus import board as board_service
from app.services.live import hub as live_hub
from app.settings import Settings
from tests.conftest import Api, calls_to, first_paragraph, problem_of

HOLD = 10.0  # seconds a stream stays open here: a missing event fails the test, never hangs it


@pytest.fixture(autouse=True)
def _quick_checks(monkeypatch):
    # Starlette's TestClient tells the app of a closed stream only when the app next looks up:
    # a stream that looks at the database often lets a closed client go at once.
    monkeypatch.setattr(live_hub, "CHECK_SECONDS", 0.1)


@pytest.fixture
def app(database_url, clock):
    return create_app(Settings(database_url=database_url, stream_max_seconds=HOLD), clock=clock)


def _messages(client, document_id: int, **params):
    """The stream's messages as (event, id, data), lazily."""
    url = f"/api/documents/{document_id}/stream"
    with connect_sse(client, "GET", url, params=params, headers=params.pop("headers", {})) as es:
        assert es.response.status_code == 200, es.response.read()
        for sse in es.iter_sse():
            yield sse.event, sse.id, json.loads(sse.data)


def _support(api: Api, who: str, paragraph: dict, stance: str = "support") -> None:
    response = api.as_(who).put(
        f"/api/paragraphs/{paragraph['id']}/positions/mine",
        json={"version": paragraph["head_version"], "stance": stance},
    )
    assert response.status_code == 200, response.text


def _head(api: Api, document_id: int) -> int:
    events = api.as_("chair.rcm").get(f"/api/documents/{document_id}/events?after=0&limit=1000")
    return events.json()[-1]["seq"]


def test_a_position_reaches_a_following_screen_with_its_board_row(api, document_id, doc):
    paragraph = first_paragraph(doc)
    head = _head(api, document_id)
    messages = _messages(api.as_("iom"), document_id)  # an observer follows
    kind, seq, ready = next(messages)
    assert (kind, seq, ready) == ("ready", str(head), {"after": head, "head": head})
    _support(api, "mex", paragraph)
    kind, seq, event = next(messages)
    assert kind == "message" and seq == str(head + 1) == str(event["seq"])
    assert (event["action"], event["delegation_code"], event["actor"]) == (
        "position.taken",
        "MEX",
        "mex",
    )
    change = event["change"]
    assert change["structure"] is False
    assert [(p["paragraph_id"], p["code"], p["stance"]) for p in change["positions"]] == [
        (paragraph["id"], "MEX", "support")
    ]
    (row,) = change["board"]["rows"]
    assert row["id"] == paragraph["id"] and row["positions"]["MEX"]["stance"] == "support"
    board = api.as_("chair.rcm").get(f"/api/documents/{document_id}/consensus").json()
    assert row == next(r for r in board["paragraphs"] if r["id"] == paragraph["id"])
    assert change["board"]["totals"] == board["totals"]
    assert change["board"]["blocs"] == board["blocs"]
    assert [p["id"] for p in change["paragraphs"]] == [paragraph["id"]]


def test_an_amendment_and_an_edit_carry_what_the_api_shows(api, document_id, doc):
    paragraph = first_paragraph(doc)
    head = _head(api, document_id)
    proposed = api.as_("mex").post(
        f"/api/paragraphs/{paragraph['id']}/amendments",
        json={"base_version": paragraph["head_version"], "text": paragraph["text"] + " Indeed."},
    )
    assert proposed.status_code == 201, proposed.text
    edited = api.as_("secretariat").patch(
        f"/api/paragraphs/{paragraph['id']}",
        json={"text": "A new text.", "expected_version": paragraph["head_version"]},
    )
    assert edited.status_code == 200, edited.text
    messages = _messages(api.as_("bra"), document_id, after=head)
    next(messages)  # ready
    _k, _s, first = next(messages)
    _k, _s, second = next(messages)
    assert first["action"] == "amendment.proposed"
    shown = api.as_("bra").get(f"/api/amendments/{proposed.json()['id']}").json()
    (amendment,) = first["change"]["amendments"]
    assert amendment["id"] == shown["id"] and amendment["redline"] == shown["redline"]
    assert second["action"] == "paragraph.edited"
    (version,) = second["change"]["versions"]
    assert version["number"] == paragraph["head_version"] + 1
    assert version["text"] == "A new text."
    assert ["delete", paragraph["text"]] in version["redline"]["segments"] or any(
        op == "delete" for op, _ in version["redline"]["segments"]
    )
    assert ["insert", "A new text."] in version["redline"]["segments"] or any(
        op == "insert" for op, _ in version["redline"]["segments"]
    )
    (shown_paragraph,) = second["change"]["paragraphs"]
    assert shown_paragraph["text"] == "A new text." and shown_paragraph["deleted"] is False


def test_a_reconnecting_client_receives_exactly_what_it_missed_in_order(api, document_id, doc):
    paragraphs = [p for s in doc["sections"] for p in s["paragraphs"]][:5]
    messages = _messages(api.as_("mex"), document_id)
    next(messages)
    _support(api, "bra", paragraphs[0])
    _k, seen, _event = next(messages)
    messages.close()  # the client goes away; four events happen meanwhile
    for p in paragraphs[1:]:
        _support(api, "arg", p, "reservation")
    log = api.as_("mex").get(f"/api/documents/{document_id}/events?after={seen}").json()
    assert len(log) == 4
    for n, resume in enumerate(({"headers": {"Last-Event-ID": seen}}, {"after": seen})):
        messages = _messages(api.as_("mex"), document_id, **resume)
        kind, at, ready = next(messages)
        assert (kind, at, ready["after"]) == ("ready", seen, int(seen))
        got = [next(messages)[2] for _ in log]
        assert [{k: e[k] for k in log[0]} for e in got] == log
        _support(api, "chl", paragraphs[n + 1])  # then the live one, none twice
        _kind, _id, live = next(messages)
        assert live["seq"] == log[-1]["seq"] + 1 and live["delegation_code"] == "CHL"
        messages.close()
        log.append({k: live[k] for k in log[0]})


def test_the_stream_ends_when_its_session_is_signed_out(api, document_id):
    messages = _messages(api.as_("mex"), document_id)
    next(messages)
    assert api.as_("mex").post("/api/auth/logout").status_code == 204
    kind, _id, data = next(messages)
    assert kind == "ended" and "session" in data["reason"]
    assert list(messages) == []
    assert api.as_("mex").get(f"/api/documents/{document_id}/stream").status_code == 401


def test_the_stream_ends_when_its_account_is_disabled(app, api, document_id, clock):
    messages = _messages(api.as_("bra"), document_id)
    next(messages)
    with write_session(app.state.engine) as session:
        accounts_service.set_disabled(session, username="bra", disabled=True, now=clock())
        session.commit()
    kind, _id, _data = next(messages)
    assert kind == "ended"


def test_a_bad_last_event_id_is_refused(api, document_id):
    response = api.as_("mex").get(
        f"/api/documents/{document_id}/stream", headers={"Last-Event-ID": "ten"}
    )
    assert response.status_code == 422
    problem_of(response)


def test_a_document_that_does_not_exist_has_no_stream(api):
    assert api.as_("mex").get("/api/documents/999/stream").status_code == 404


def test_any_kind_of_event_travels_the_stream_plenary_included(api, document_id, doc):
    paragraph = first_paragraph(doc)
    messages = _messages(api.as_("iom"), document_id)
    next(messages)
    taken_up = api.as_("chair.rcm").put(
        f"/api/documents/{document_id}/plenary", json={"paragraph_id": paragraph["id"]}
    )
    assert taken_up.status_code == 200, taken_up.text
    _kind, seq, event = next(messages)
    assert event["action"].startswith("plenary.") and seq == str(event["seq"])
    log = api.as_("iom").get(f"/api/documents/{document_id}/events?after={int(seq) - 1}").json()
    assert {k: event[k] for k in log[0]} == log[0]


def test_a_documents_first_stream_builds_the_board_before_any_event_needs_it(
    api, document_id, doc, monkeypatch
):
    whole = calls_to(monkeypatch, board_service, "_read_and_evaluate")
    messages = _messages(api.as_("iom"), document_id)
    assert next(messages)[0] == "ready"
    deadline = time.monotonic() + HOLD
    while not whole and time.monotonic() < deadline:  # the worker warms it in a thread
        time.sleep(0.02)
    assert whole == [1]
    _support(api, "mex", first_paragraph(doc))
    kind, _seq, event = next(messages)
    assert kind == "message" and event["change"]["board"]["rows"]
    assert whole == [1]  # the event updated the board kept since the stream opened


def test_a_write_announced_to_no_stream_here_reaches_it_by_the_hubs_tick(
    api, document_id, doc, monkeypatch
):
    messages = _messages(api.as_("iom"), document_id)
    assert next(messages)[0] == "ready"
    # as if another process had written it (SQLite: no LISTEN/NOTIFY to announce it here)
    monkeypatch.setattr(live_hub, "existing", lambda engine: [])
    _support(api, "mex", first_paragraph(doc))
    kind, _seq, event = next(messages)
    assert (kind, event["action"], event["delegation_code"]) == ("message", "position.taken", "MEX")
