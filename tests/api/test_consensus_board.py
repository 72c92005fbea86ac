"""The consensus board: what the co-chairs see, and what it costs in queries."""

from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from sqlmodel import select

from app.models import Account, Amendment, AmendmentSponsor, Revision, RevisionEntry
from app.models.position import ConsensusBoard
from app.services.consensus import board as board_service
from app.services.text import documents as documents_service
from tests.conftest import first_paragraph

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
RCM = ["BLZ", "CAN", "CRI", "DOM", "GTM", "HND", "MEX", "NIC", "PAN", "SLV", "USA"]
SACM = ["ARG", "BOL", "BRA", "CHL", "COL", "ECU", "GUY", "PER", "PRY", "SUR", "URY", "VEN"]


def at(app, t):
    app.state.clock = lambda: t


def put(api, who, pid, version, stance, note=""):
    response = api.as_(who).put(
        f"/api/paragraphs/{pid}/positions/mine",
        json={"version": version, "stance": stance, "note": note},
    )
    assert response.status_code == 200, response.text


def get_board(api, document_id):
    response = api.as_("chair.rcm").get(f"/api/documents/{document_id}/consensus")
    assert response.status_code == 200, response.text
    return response.json()


def _account(session, username):
    return session.exec(select(Account).where(Account.username == username)).one()


def _pending(session, doc, pid, proposer, sponsors):
    session.rollback()  # a fresh transaction: the app committed since the last read
    author = _account(session, proposer.lower())
    amendment = Amendment(
        document_id=doc["id"],
        kind="modify",
        paragraph_id=pid,
        base_version=1,
        text="Proposed.",
        proposer_code=proposer,
        author_account_id=author.id,
        created_at=T0,
        updated_at=T0,
    )
    session.add(amendment)
    session.flush()
    for code in sponsors:
        session.add(
            AmendmentSponsor(
                amendment_id=amendment.id,
                participant_code=code,
                joined_by_account_id=author.id,
                joined_at=T0,
            )
        )
    session.commit()
    return amendment.id


def test_the_board_shows_status_positions_holdouts_and_amendments(api, app, doc, session):
    first = first_paragraph(doc)
    second = doc["sections"][0]["paragraphs"][1]
    third = doc["sections"][0]["paragraphs"][2]
    at(app, T0)
    for code in RCM + SACM:
        put(api, code.lower(), first["id"], 1, "support")
    put(api, "usa", second["id"], 1, "ad_referendum", "pending capital")
    put(api, "ven", second["id"], 1, "objection", "prejudges the outcome")
    amendment_id = _pending(session, doc, third["id"], "MEX", ["MEX", "GTM"])

    board = get_board(api, doc["id"])
    assert board["document_id"] == doc["id"] and board["mode"] == "silence"
    assert [m["code"] for m in board["members"]] == RCM + SACM
    assert board["members"][6] == {"code": "MEX", "bloc": "RCM", "name": "Mexico"}
    rows = {p["id"]: p for p in board["paragraphs"]}
    assert len(rows) == sum(len(s["paragraphs"]) for s in doc["sections"])

    agreed = rows[first["id"]]
    assert (agreed["label"], agreed["status"], agreed["holdouts"]) == ("1.1", "agreed", [])
    assert agreed["reasons"] == ["all 23 members agree"]
    assert agreed["positions"]["MEX"]["stance"] == "support"

    held_up = rows[second["id"]]
    assert held_up["status"] == "bracketed"
    assert held_up["objections"] == ["VEN"] and held_up["ad_referendum"] == ["USA"]
    assert held_up["positions"]["VEN"] == {
        "stance": "objection",
        "note": "prejudges the outcome",
        "taken_at": "2026-12-01T09:00:00Z",
    }
    assert held_up["positions"]["MEX"] is None
    assert len(held_up["holdouts"]) == 22  # VEN and the 21 silent members
    assert held_up["reasons"][:2] == ["VEN objects", "21 of 23 members have taken no position"]

    amended = rows[third["id"]]
    assert amended["status"] == "bracketed"
    assert amended["pending_amendments"] == [
        {"id": amendment_id, "kind": "modify", "proposer": "MEX", "sponsors": ["MEX", "GTM"]}
    ]
    assert amended["reasons"][0] == "1 pending amendment"

    principles = board["sections"][0]
    assert principles["counts"] == {"agreed": 1, "agreed_ad_ref": 0, "bracketed": 2, "open": 0}
    total = len(rows)
    assert board["totals"] == {"agreed": 1, "agreed_ad_ref": 0, "bracketed": 2, "open": total - 3}
    blocs = {b["bloc"]: b for b in board["blocs"]}
    assert blocs["RCM"]["members"] == 11 and blocs["SACM"]["members"] == 12
    assert blocs["SACM"]["paragraphs_objected"] == 1 and blocs["RCM"]["paragraphs_objected"] == 0
    assert blocs["RCM"]["paragraphs_all_agree"] == 1
    assert blocs["ALL"]["support"] == 23 and blocs["ALL"]["ad_referendum"] == 1
    assert blocs["ALL"]["none"] == 23 * total - 25


def test_a_new_version_starts_empty_and_shows_who_supported_the_previous(api, app, doc):
    first = first_paragraph(doc)
    at(app, T0)
    for code in ("mex", "bra", "usa"):
        put(api, code, first["id"], 1, "support")
    put(api, "can", first["id"], 1, "reservation")
    api.as_("chair.rcm").patch(
        f"/api/paragraphs/{first['id']}",
        json={"text": first["text"] + " Revised.", "expected_version": 1},
    )
    row = next(p for p in get_board(api, doc["id"])["paragraphs"] if p["id"] == first["id"])
    assert (row["head_version"], row["status"]) == (2, "open")
    assert set(row["positions"].values()) == {None}
    assert row["previous_version_support"] == ["BRA", "MEX", "USA"]
    assert row["reasons"] == ["23 of 23 members have taken no position"]


def _issue_rev1(session, doc, *, at):
    """Rev.1 freezing version 1 of every paragraph, issued at `at`."""
    chair = _account(session, "chair.rcm")
    revision = Revision(
        document_id=doc["id"],
        number=1,
        label="Rev.1",
        created_at=at,
        created_by_account_id=chair.id,
    )
    session.add(revision)
    session.flush()
    for section in doc["sections"]:
        for p in section["paragraphs"]:
            session.add(
                RevisionEntry(
                    revision_id=revision.id,
                    paragraph_id=p["id"],
                    version_number=1,
                    section_id=section["id"],
                    section_position=1,
                    position=p["number"],
                    number=p["number"],
                )
            )
    session.commit()


def test_the_timeline_counts_each_revision_and_each_day(api, app, doc, session):
    first = first_paragraph(doc)
    total = sum(len(s["paragraphs"]) for s in doc["sections"])
    day1 = datetime(2026, 12, 1, 12, tzinfo=UTC)
    at(app, day1)
    for code in RCM + SACM:
        put(api, code.lower(), first["id"], 1, "support")
    _issue_rev1(session, doc, at=day1 + timedelta(hours=1))
    at(app, day1 + timedelta(days=1))
    put(api, "ven", first["id"], 1, "objection", "new instructions")
    at(app, day1 + timedelta(days=2))

    timeline = get_board(api, doc["id"])["timeline"]
    assert timeline["revisions"] == [
        {
            "number": 1,
            "label": "Rev.1",
            "created_at": "2026-12-01T13:00:00Z",
            "counts": {"agreed": 1, "agreed_ad_ref": 0, "bracketed": 0, "open": total - 1},
        }
    ]
    days = {d["date"]: d["counts"] for d in timeline["days"]}
    assert days["2026-12-01"] == {
        "agreed": 1,
        "agreed_ad_ref": 0,
        "bracketed": 0,
        "open": total - 1,
    }
    assert days["2026-12-02"] == {
        "agreed": 0,
        "agreed_ad_ref": 0,
        "bracketed": 1,
        "open": total - 1,
    }
    assert days["2026-12-03"] == days["2026-12-02"]
    assert timeline["days"][-1]["date"] == "2026-12-03"
    assert len(timeline["days"]) <= board_service.DAYS

    # The function the revision listing can call gives the same counts.
    session.rollback()
    assert board_service.revision_counts(session, document_id=doc["id"]) == {
        1: timeline["revisions"][0]["counts"]
    }
    assert (
        board_service.status_counts_at(
            session, document_id=doc["id"], moment=day1 + timedelta(days=1, hours=1)
        )
        == days["2026-12-02"]
    )


@contextmanager
def counted(engine):
    statements = []

    def before(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    sa.event.listen(engine, "before_cursor_execute", before)
    try:
        yield statements
    finally:
        sa.event.remove(engine, "before_cursor_execute", before)


def _board_queries(app, session, document_id):
    session.rollback()
    document = documents_service.get_or_raise(session, document_id=document_id)
    with counted(app.state.engine) as statements:
        board_service.board(session, document=document, now=app.state.clock())
    return len(statements)


def test_the_board_runs_the_same_few_queries_however_many_paragraphs(api, app, doc, session):
    before = _board_queries(app, session, doc["id"])
    chair = api.as_("chair.rcm")
    for n in range(15):
        created = chair.post(
            f"/api/documents/{doc['id']}/paragraphs",
            json={"section": doc["sections"][1]["id"], "text": f"Extra paragraph {n}."},
        ).json()
        put(api, "mex", created["id"], 1, "support")
        put(api, "ven", created["id"], 1, "objection", "no")
        _pending(session, doc, created["id"], "BRA", ["BRA"])
    after = _board_queries(app, session, doc["id"])
    # New paragraphs renumber: read whole, after one look at the events since the kept board.
    assert after == before + 1 <= 13


def test_the_board_validates_against_its_documented_schema(api, app, doc):
    at(app, T0)
    put(api, "ven", first_paragraph(doc)["id"], 1, "objection", "prejudges the outcome")
    board = get_board(api, doc["id"])
    # The route writes the service's plain data without validating it: the model is the contract.
    assert ConsensusBoard.model_validate(board).model_dump(mode="json") == board
    schema = api.anonymous.get("/api/openapi.json").json()
    response = schema["paths"]["/api/documents/{document_id}/consensus"]["get"]["responses"]
    assert response["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ConsensusBoard"
    }


def test_the_history_is_read_again_only_after_a_write(api, app, doc, session):
    first = first_paragraph(doc)
    at(app, T0)
    put(api, "mex", first["id"], 1, "support")
    cold = _board_queries(app, session, doc["id"])
    warm = _board_queries(app, session, doc["id"])
    assert warm < cold <= 12  # the second board reads no history

    for code in RCM + SACM:  # writes: the next board counts them, today included
        put(api, code.lower(), first["id"], 1, "support")
    # Updated from the events since (the touched paragraph read again), in a few statements.
    assert _board_queries(app, session, doc["id"]) <= cold + 2
    timeline = get_board(api, doc["id"])["timeline"]
    assert timeline["days"][-1]["counts"]["agreed"] == 1
