"""The paragraphs under silence are the only ones whose verdict moves with the clock: the board
evaluates them again only when the clock has crossed a moment that can change one (a start, a
deadline, a break), and otherwise reuses what it evaluated, rows and counts alike."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session

from app.drafting.silence import SilenceFact, steady_until
from app.models import Document
from app.services.consensus import board as board_service
from app.services.consensus import cache as board_cache
from app.services.consensus import rows as board_rows
from app.services.consensus import view as board_view
from tests.conftest import calls_to, first_paragraph

START = datetime(2026, 12, 1, 18, 0, tzinfo=UTC)
DEADLINE = datetime(2026, 12, 3, 18, 0, tzinfo=UTC)


@pytest.fixture
def evaluations(monkeypatch) -> list[int]:
    return calls_to(monkeypatch, board_rows, "evaluate")


def _board(app, document_id: int, moment: datetime) -> board_view.Board:
    with Session(app.state.engine) as session:
        document = session.get(Document, document_id)
        return board_service.board(session, document=document, now=moment)


def _whole(app, document_id: int, moment: datetime) -> bytes:
    board_cache.forget()
    return board_view.to_json(_board(app, document_id, moment))


def test_a_board_between_two_moments_that_matter_reuses_the_verdicts(api, app, doc, evaluations):
    pid = first_paragraph(doc)["id"]
    app.state.clock = lambda: START
    started = api.as_("chair.rcm").post(
        f"/api/paragraphs/{pid}/silence", json={"version": 1, "deadline": DEADLINE.isoformat()}
    )
    assert started.status_code == 201, started.text
    moments = [
        (START + timedelta(hours=1), "running", True),
        (DEADLINE - timedelta(seconds=1), "running", False),  # nothing crossed: reused
        (DEADLINE, "held", True),  # the deadline: evaluated again
        (DEADLINE + timedelta(days=3), "held", False),
        (START + timedelta(hours=2), "running", True),  # a board of an earlier moment
    ]
    for moment, phase, evaluated in moments:
        evaluations.clear()
        board = _board(app, doc["id"], moment)
        row = next(r for r in board.paragraphs if r.id == pid)
        assert row.silence is not None and row.silence.phase == phase, moment
        assert bool(evaluations) == evaluated, moment
        assert board.generated_at.startswith(moment.strftime("%Y-%m-%dT%H:%M"))
        kept = board_view.to_json(board)
        assert kept == _whole(app, doc["id"], moment), f"the board at {moment} differs"


def test_steady_until_names_the_next_moment_the_clock_alone_can_change_a_verdict():
    silence = SilenceFact(deadline=DEADLINE, started_at=START)
    objection = START + timedelta(hours=5)
    assert steady_until(silence, [objection], START - timedelta(hours=1)) == START
    assert steady_until(silence, [objection], START) == objection
    assert steady_until(silence, [objection], objection) == DEADLINE
    assert steady_until(silence, [objection], DEADLINE) is None
    broken = SilenceFact(deadline=DEADLINE, started_at=START, broken_at=objection)
    assert steady_until(broken, [], START) == objection


def test_a_write_elsewhere_carries_the_verdict_over_and_one_on_the_paragraph_evaluates_it(
    api, app, doc, evaluations
):
    paragraphs = [p for s in doc["sections"] for p in s["paragraphs"]]
    silenced, other = paragraphs[0], paragraphs[1]
    app.state.clock = lambda: START
    started = api.as_("chair.rcm").post(
        f"/api/paragraphs/{silenced['id']}/silence",
        json={"version": 1, "deadline": DEADLINE.isoformat()},
    )
    assert started.status_code == 201, started.text
    moment = START + timedelta(hours=1)
    _board(app, doc["id"], moment)
    for who, p, touches in (("mex", other, False), ("per", silenced, True)):
        body = {"version": p["head_version"], "stance": "reservation", "note": "Capital."}
        taken = api.as_(who).put(f"/api/paragraphs/{p['id']}/positions/mine", json=body)
        assert taken.status_code == 200, taken.text
        evaluations.clear()
        board = _board(app, doc["id"], moment)
        # the board updated after the write re-evaluates the touched paragraph (as a fresh row,
        # then under the clock) and, of those under silence, only a touched one
        assert (len(evaluations) > 1) == touches, who
        assert board_view.to_json(board) == _whole(app, doc["id"], moment), who
