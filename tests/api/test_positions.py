"""Positions on paragraph versions and on amendments, through the API."""

from datetime import UTC, datetime, timedelta

from sqlmodel import func, select

from app.models import Amendment, Event, Position
from tests.conftest import first_paragraph, problem_of

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def clock_at(app, t: datetime) -> None:
    app.state.clock = lambda: t


def put(api, who: str, paragraph_id: int, version: int, stance: str, note: str = ""):
    return api.as_(who).put(
        f"/api/paragraphs/{paragraph_id}/positions/mine",
        json={"version": version, "stance": stance, "note": note},
    )


def count(session, model) -> int:
    session.rollback()
    return session.exec(select(func.count()).select_from(model)).one()


def test_a_member_takes_and_changes_a_position_and_the_history_is_kept(api, app, doc):
    pid = first_paragraph(doc)["id"]
    clock_at(app, T0)
    response = put(api, "mex", pid, 1, "ad_referendum", "pending capital")
    assert response.status_code == 200, response.text
    assert response.json() | {"taken_at": None} == {
        "code": "MEX",
        "stance": "ad_referendum",
        "note": "pending capital",
        "version": 1,
        "amendment_id": None,
        "taken_at": None,
        "by": "mex",
        "current": True,
    }
    clock_at(app, T0 + timedelta(hours=2))
    assert put(api, "mex", pid, 1, "support", "confirmed by capital").status_code == 200
    assert put(api, "bra", pid, 1, "reservation").status_code == 200

    body = api.as_("iom").get(f"/api/paragraphs/{pid}/positions").json()
    assert body["head_version"] == 1
    assert [(p["code"], p["stance"], p["note"]) for p in body["current"]] == [
        ("BRA", "reservation", ""),
        ("MEX", "support", "confirmed by capital"),
    ]
    assert [(h["code"], h["action"], h["stance"]) for h in body["history"]] == [
        ("MEX", "taken", "ad_referendum"),
        ("BRA", "taken", "reservation"),
        ("MEX", "taken", "support"),
    ] or [(h["code"], h["action"], h["stance"]) for h in body["history"]] == [
        ("MEX", "taken", "ad_referendum"),
        ("MEX", "taken", "support"),
        ("BRA", "taken", "reservation"),
    ]
    overall = body["tallies"][-1]
    assert overall == {
        "bloc": "ALL",
        "members": 23,
        "support": 1,
        "ad_referendum": 0,
        "reservation": 1,
        "objection": 0,
        "none": 21,
    }


def test_taking_the_same_position_again_writes_nothing(api, app, doc, session):
    pid = first_paragraph(doc)["id"]
    clock_at(app, T0)
    assert put(api, "usa", pid, 1, "support", "fine").status_code == 200
    before = count(session, Position), count(session, Event)
    assert put(api, "usa", pid, 1, "support", "fine ").status_code == 200
    assert (count(session, Position), count(session, Event)) == before


def test_an_objection_needs_a_reason_and_nothing_is_written(api, doc, session):
    pid = first_paragraph(doc)["id"]
    before = count(session, Position), count(session, Event)
    response = put(api, "ven", pid, 1, "objection", "   ")
    assert response.status_code == 422
    assert problem_of(response)["detail"] == "An objection needs a reason."
    assert (count(session, Position), count(session, Event)) == before


def test_observers_chairs_and_the_secretariat_take_no_position(api, doc):
    pid = first_paragraph(doc)["id"]
    observer = put(api, "iom", pid, 1, "support")
    assert observer.status_code == 403
    assert problem_of(observer)["detail"] == (
        "Observers read and comment; they cannot take positions."
    )
    for who in ("chair.rcm", "secretariat"):
        response = put(api, who, pid, 1, "support")
        assert response.status_code == 403
        assert "the chairs do not take sides" in problem_of(response)["detail"]
    assert (
        api.anonymous.put(
            f"/api/paragraphs/{pid}/positions/mine", json={"version": 1, "stance": "support"}
        ).status_code
        == 401
    )


def test_an_unknown_stance_is_a_422(api, doc):
    response = put(api, "mex", first_paragraph(doc)["id"], 1, "abstain")
    assert response.status_code == 422
    assert "stance" in problem_of(response)["detail"]


def test_a_position_on_an_old_version_is_a_409_naming_the_head(api, app, doc):
    paragraph = first_paragraph(doc)
    pid = paragraph["id"]
    assert put(api, "mex", pid, 1, "support").status_code == 200
    edited = api.as_("chair.rcm").patch(
        f"/api/paragraphs/{pid}",
        json={"text": paragraph["text"] + " Amended.", "expected_version": 1},
    )
    assert edited.status_code == 200
    response = put(api, "mex", pid, 1, "support")
    assert response.status_code == 409
    body = problem_of(response)
    assert body["current_version"] == 2
    assert body["detail"].startswith(f"Paragraph {pid} is at version 2, not 1")

    # The new version starts with no positions; the old one stays in the history.
    body = api.as_("mex").get(f"/api/paragraphs/{pid}/positions").json()
    assert body["current"] == []
    assert [(h["code"], h["version"]) for h in body["history"]] == [("MEX", 1)]


def test_a_position_is_withdrawn_and_the_withdrawal_is_in_the_history(api, app, doc):
    pid = first_paragraph(doc)["id"]
    clock_at(app, T0)
    assert put(api, "per", pid, 1, "ad_referendum", "awaiting capital").status_code == 200
    clock_at(app, T0 + timedelta(days=1))
    response = api.as_("per").delete(f"/api/paragraphs/{pid}/positions/mine")
    assert response.status_code == 204
    body = api.as_("per").get(f"/api/paragraphs/{pid}/positions").json()
    assert body["current"] == []
    assert [(h["action"], h["stance"], h["by"]) for h in body["history"]] == [
        ("taken", "ad_referendum", "per"),
        ("withdrawn", "ad_referendum", "per"),
    ]
    again = api.as_("per").delete(f"/api/paragraphs/{pid}/positions/mine")
    assert again.status_code == 404
    assert problem_of(again)["detail"] == (
        f"PER has no position on version 1 of paragraph {pid} to withdraw."
    )


def test_positions_on_a_missing_paragraph_are_a_404(api):
    response = put(api, "mex", 999999, 1, "support")
    assert response.status_code == 404
    assert problem_of(response)["detail"] == "There is no paragraph 999999."


def _amendment(session, doc, status="pending") -> int:
    from app.services.accounts import accounts as accounts_service

    paragraph = first_paragraph(doc)
    author = accounts_service.get_by_username(session, username="mex")
    amendment = Amendment(
        document_id=doc["id"],
        kind="modify",
        status=status,
        paragraph_id=paragraph["id"],
        base_version=1,
        text=paragraph["text"] + " More.",
        proposer_code="MEX",
        author_account_id=author.id,
        created_at=T0,
        updated_at=T0,
    )
    session.add(amendment)
    session.commit()
    return amendment.id


def test_positions_on_a_pending_amendment(api, app, doc, session):
    amendment_id = _amendment(session, doc)
    clock_at(app, T0)
    url = f"/api/amendments/{amendment_id}/positions/mine"
    response = api.as_("bra").put(url, json={"stance": "support", "note": "good"})
    assert response.status_code == 200, response.text
    assert response.json()["amendment_id"] == amendment_id
    assert response.json()["version"] is None
    objection = api.as_("can").put(url, json={"stance": "objection"})
    assert problem_of(objection)["detail"] == "An objection needs a reason."
    assert api.as_("can").put(url, json={"stance": "objection", "note": "no"}).status_code == 200
    assert api.as_("iom").put(url, json={"stance": "support"}).status_code == 403

    body = api.as_("iom").get(f"/api/amendments/{amendment_id}/positions").json()
    assert [(p["code"], p["stance"]) for p in body["current"]] == [
        ("BRA", "support"),
        ("CAN", "objection"),
    ]
    assert body["tallies"][-1]["support"] == 1 and body["tallies"][-1]["objection"] == 1
    assert api.as_("can").delete(url).status_code == 204
    body = api.as_("iom").get(f"/api/amendments/{amendment_id}/positions").json()
    assert [p["code"] for p in body["current"]] == ["BRA"]
    assert [h["action"] for h in body["history"]] == ["taken", "taken", "withdrawn"]

    # Positions on a paragraph are not mixed up with positions on its amendments.
    pid = first_paragraph(doc)["id"]
    assert api.as_("iom").get(f"/api/paragraphs/{pid}/positions").json()["history"] == []


def test_no_position_on_a_settled_amendment(api, doc, session):
    amendment_id = _amendment(session, doc, status="rejected")
    response = api.as_("bra").put(
        f"/api/amendments/{amendment_id}/positions/mine", json={"stance": "support"}
    )
    assert response.status_code == 409
    assert problem_of(response)["detail"] == (
        f"Amendment {amendment_id} is rejected: positions are taken only on pending amendments."
    )
    missing = api.as_("bra").put(
        "/api/amendments/999999/positions/mine", json={"stance": "support"}
    )
    assert problem_of(missing)["detail"] == "There is no amendment 999999."
