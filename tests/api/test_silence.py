"""Silence procedures and freezing through the API, with an injected clock."""

from datetime import UTC, datetime, timedelta

from sqlmodel import func, select

from app.models import Account, Event, Revision, RevisionEntry, SilenceProcedure
from tests.conftest import first_paragraph, problem_of

START = datetime(2026, 12, 1, 18, 0, tzinfo=UTC)
DEADLINE = datetime(2026, 12, 3, 18, 0, tzinfo=UTC)


def at(app, t: datetime) -> None:
    app.state.clock = lambda: t


def start(api, pid: int, version: int = 1, deadline: datetime = DEADLINE, who="chair.rcm"):
    return api.as_(who).post(
        f"/api/paragraphs/{pid}/silence",
        json={"version": version, "deadline": deadline.isoformat()},
    )


def board_row(api, document_id: int, pid: int) -> dict:
    board = api.as_("chair.sacm").get(f"/api/documents/{document_id}/consensus")
    assert board.status_code == 200, board.text
    return next(p for p in board.json()["paragraphs"] if p["id"] == pid)


def test_silence_pending_before_the_deadline_agreed_after_it(api, app, doc):
    pid = first_paragraph(doc)["id"]
    at(app, START)
    response = start(api, pid)
    assert response.status_code == 201, response.text
    body = response.json()
    assert (body["phase"], body["started_by"], body["version"]) == ("running", "chair.rcm", 1)
    assert (
        api.as_("mex")
        .put(f"/api/paragraphs/{pid}/positions/mine", json={"version": 1, "stance": "support"})
        .status_code
        == 200
    )

    at(app, DEADLINE - timedelta(seconds=1))
    row = board_row(api, doc["id"], pid)
    assert row["status"] == "open"
    assert row["silence"]["phase"] == "running"
    assert row["reasons"] == [
        "silence running until 2026-12-03 18:00 UTC",
        "22 of 23 members have taken no position",
    ]

    at(app, DEADLINE)
    row = board_row(api, doc["id"], pid)
    assert (row["status"], row["silence"]["phase"], row["holdouts"]) == ("agreed", "held", [])
    assert row["reasons"] == ["silence held until 2026-12-03 18:00 UTC"]
    listed = api.as_("iom").get(f"/api/paragraphs/{pid}/silence").json()
    assert [s["phase"] for s in listed] == ["held"]


def test_an_objection_breaks_silence_and_is_recorded(api, app, doc, session):
    pid = first_paragraph(doc)["id"]
    at(app, START)
    assert start(api, pid).status_code == 201
    at(app, datetime(2026, 12, 3, 13, 0, tzinfo=UTC))
    objection = api.as_("mex").put(
        f"/api/paragraphs/{pid}/positions/mine",
        json={"version": 1, "stance": "objection", "note": "para. 3 prejudges the outcome"},
    )
    assert objection.status_code == 200

    at(app, DEADLINE + timedelta(hours=1))
    row = board_row(api, doc["id"], pid)
    assert row["status"] == "bracketed"
    assert row["silence"] | {"id": None} == {
        "id": None,
        "version": 1,
        "revision_number": None,
        "started_at": "2026-12-01T18:00:00Z",
        "deadline": "2026-12-03T18:00:00Z",
        "phase": "broken",
        "broken_by": "MEX",
        "broken_at": "2026-12-03T13:00:00Z",
    }
    assert row["reasons"] == [
        "MEX objects",
        "silence broken by MEX at 2026-12-03 13:00 UTC",
        "22 of 23 members have taken no position",
    ]
    procedure = session.exec(select(SilenceProcedure)).one()
    assert procedure.broken_reason == "para. 3 prejudges the outcome"
    actions = session.exec(select(Event.action).order_by(Event.seq.desc()).limit(2)).all()
    assert actions == ["silence.broken", "position.taken"]

    # Lifting the objection does not mend the silence: still open, 22 silent.
    assert (
        api.as_("mex")
        .put(f"/api/paragraphs/{pid}/positions/mine", json={"version": 1, "stance": "support"})
        .status_code
        == 200
    )
    row = board_row(api, doc["id"], pid)
    assert (row["status"], row["silence"]["phase"]) == ("open", "broken")

    # The chairs may try again once it is broken.
    assert start(api, pid, deadline=DEADLINE + timedelta(days=2)).status_code == 201


def test_a_reservation_does_not_break_silence_but_brackets(api, app, doc):
    pid = first_paragraph(doc)["id"]
    at(app, START)
    start(api, pid)
    at(app, DEADLINE - timedelta(hours=1))
    api.as_("bra").put(
        f"/api/paragraphs/{pid}/positions/mine",
        json={"version": 1, "stance": "reservation", "note": "awaiting instructions"},
    )
    at(app, DEADLINE + timedelta(hours=1))
    row = board_row(api, doc["id"], pid)
    assert (row["status"], row["silence"]["phase"]) == ("bracketed", "held")


def test_who_may_start_silence_and_what_is_refused(api, app, doc, session):
    pid = first_paragraph(doc)["id"]
    at(app, START)
    for who, detail in (
        ("secretariat", "Only a co-chair can start a silence procedure."),
        ("mex", "Only a co-chair can start a silence procedure."),
        ("iom", "Only a co-chair can start a silence procedure."),
    ):
        response = start(api, pid, who=who)
        assert response.status_code == 403
        assert problem_of(response)["detail"] == detail
    past = start(api, pid, deadline=START - timedelta(minutes=1))
    assert past.status_code == 422
    assert problem_of(past)["detail"] == (
        "The deadline must be after the start of the silence procedure."
    )
    stale = start(api, pid, version=2)
    assert stale.status_code == 409 and problem_of(stale)["current_version"] == 1
    assert start(api, pid).status_code == 201
    again = start(api, pid)
    assert again.status_code == 409
    assert problem_of(again)["detail"] == (
        f"Paragraph {pid}, version 1: a silence procedure is already running until "
        "2026-12-03 18:00 UTC."
    )
    at(app, DEADLINE)
    held = start(api, pid, deadline=DEADLINE + timedelta(days=1))
    assert problem_of(held)["detail"].endswith(
        "silence already held on this version at 2026-12-03 18:00 UTC."
    )
    assert session.exec(select(func.count()).select_from(SilenceProcedure)).one() == 1


def test_a_naive_deadline_is_read_as_utc(api, app, doc):
    pid = first_paragraph(doc)["id"]
    at(app, START)
    response = api.as_("chair.sacm").post(
        f"/api/paragraphs/{pid}/silence", json={"version": 1, "deadline": "2026-12-03T18:00:00"}
    )
    assert response.status_code == 201
    assert response.json()["deadline"] == "2026-12-03T18:00:00Z"


def test_no_silence_in_explicit_mode(api, app, session):
    at(app, START)
    created = (
        api.as_("chair.rcm")
        .post(
            "/api/documents",
            json={"title": "Explicit", "consensus_mode": "explicit", "sections": ["Principles"]},
        )
        .json()
    )
    paragraph = (
        api.as_("chair.rcm")
        .post(
            f"/api/documents/{created['id']}/paragraphs",
            json={"section": "principles", "text": "A."},
        )
        .json()
    )
    response = start(api, paragraph["id"])
    assert response.status_code == 409
    assert problem_of(response)["detail"] == (
        "This document requires explicit agreement: no silence procedure."
    )


def test_a_new_version_cancels_a_running_silence(api, app, doc, session):
    paragraph = first_paragraph(doc)
    pid = paragraph["id"]
    at(app, START)
    assert start(api, pid).status_code == 201
    at(app, datetime(2026, 12, 2, 18, 0, tzinfo=UTC))
    edited = api.as_("chair.rcm").patch(
        f"/api/paragraphs/{pid}", json={"text": paragraph["text"] + " New.", "expected_version": 1}
    )
    assert edited.status_code == 200
    at(app, DEADLINE + timedelta(hours=1))
    # The old procedure no longer counts: the new version is open with no positions.
    row = board_row(api, doc["id"], pid)
    assert (row["status"], row["head_version"], row["silence"]) == ("open", 2, None)
    # The new version itself recorded the cancellation, in the same transaction.
    session.rollback()
    procedure = session.exec(select(SilenceProcedure)).one()
    version_time = session.exec(
        select(Event.created_at).where(Event.action == "paragraph.edited")
    ).one()
    assert procedure.cancelled_at is not None
    assert abs(procedure.cancelled_at - version_time) < timedelta(seconds=5)
    listed = api.as_("iom").get(f"/api/paragraphs/{pid}/silence").json()
    assert [s["phase"] for s in listed] == ["cancelled"]


def _revision(session, doc, number=1) -> int:
    chair = session.exec(select(Account).where(Account.username == "chair.rcm")).one()
    revision = Revision(
        document_id=doc["id"],
        number=number,
        label=f"Rev.{number}",
        created_at=START - timedelta(days=1),
        created_by_account_id=chair.id,
    )
    session.add(revision)
    session.flush()
    position = 0
    for s, section in enumerate(doc["sections"], start=1):
        for p in section["paragraphs"]:
            position += 1
            session.add(
                RevisionEntry(
                    revision_id=revision.id,
                    paragraph_id=p["id"],
                    version_number=p["head_version"],
                    section_id=section["id"],
                    section_position=s,
                    position=position,
                    number=p["number"],
                )
            )
    session.commit()
    return position


def test_silence_on_a_whole_revision_skips_what_changed(api, app, doc, session):
    total = _revision(session, doc)
    changed = doc["sections"][0]["paragraphs"][1]
    api.as_("chair.rcm").patch(
        f"/api/paragraphs/{changed['id']}",
        json={"text": changed["text"] + " Changed.", "expected_version": 1},
    )
    at(app, START)
    url = f"/api/documents/{doc['id']}/revisions/1/silence"
    assert (
        api.as_("secretariat").post(url, json={"deadline": DEADLINE.isoformat()}).status_code == 403
    )
    response = api.as_("chair.sacm").post(url, json={"deadline": DEADLINE.isoformat()})
    assert response.status_code == 201, response.text
    body = response.json()
    assert len(body["started"]) == total - 1
    assert {s["revision_number"] for s in body["started"]} == {1}
    assert body["skipped"] == [
        {
            "paragraph_id": changed["id"],
            "label": "1.2",
            "reason": "now at version 2; Rev.1 has version 1",
        }
    ]
    # Everything left is already running: nothing to start, and nothing written.
    again = api.as_("chair.sacm").post(url, json={"deadline": DEADLINE.isoformat()})
    assert again.status_code == 409
    assert problem_of(again)["detail"] == "No paragraph of Rev.1 can be put under silence."
    assert len(problem_of(again)["skipped"]) == total
    missing = api.as_("chair.sacm").post(
        f"/api/documents/{doc['id']}/revisions/7/silence", json={"deadline": DEADLINE.isoformat()}
    )
    assert missing.status_code == 404
    assert problem_of(missing)["detail"] == f"Document {doc['id']} has no revision 7."

    # An objection breaks silence on its paragraph only.
    first = first_paragraph(doc)["id"]
    at(app, START + timedelta(hours=1))
    api.as_("ven").put(
        f"/api/paragraphs/{first}/positions/mine",
        json={"version": 1, "stance": "objection", "note": "new instructions"},
    )
    at(app, DEADLINE)
    board = api.as_("chair.rcm").get(f"/api/documents/{doc['id']}/consensus").json()
    statuses = {p["id"]: p["status"] for p in board["paragraphs"]}
    assert statuses[first] == "bracketed"
    assert statuses[changed["id"]] == "open"
    assert sum(s == "agreed" for s in statuses.values()) == total - 2


def test_chairs_and_the_secretariat_freeze_and_unfreeze(api, app, doc, session):
    pid = first_paragraph(doc)["id"]
    denied = api.as_("mex").post(f"/api/paragraphs/{pid}/freeze")
    assert denied.status_code == 403
    assert problem_of(denied)["detail"] == (
        "Only the co-chairs or the secretariat can freeze paragraphs."
    )
    frozen = api.as_("secretariat").post(f"/api/paragraphs/{pid}/freeze")
    assert frozen.status_code == 200 and frozen.json()["frozen"] is True
    twice = api.as_("chair.rcm").post(f"/api/paragraphs/{pid}/freeze")
    assert twice.status_code == 409
    assert problem_of(twice)["detail"] == f"Paragraph {pid} is already frozen."
    assert board_row(api, doc["id"], pid)["frozen"] is True
    # Members still take positions on a frozen paragraph.
    assert (
        api.as_("mex")
        .put(f"/api/paragraphs/{pid}/positions/mine", json={"version": 1, "stance": "support"})
        .status_code
        == 200
    )
    thawed = api.as_("chair.rcm").post(f"/api/paragraphs/{pid}/unfreeze")
    assert thawed.status_code == 200 and thawed.json()["frozen"] is False
    session.rollback()
    actions = session.exec(
        select(Event.action).where(Event.action.like("paragraph.%froz%")).order_by(Event.seq)
    ).all()
    assert actions == ["paragraph.frozen", "paragraph.unfrozen"]
