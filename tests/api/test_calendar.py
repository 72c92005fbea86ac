"""The negotiation calendar: rounds, deadlines for amendments, late filing and the .ics feed."""

from datetime import UTC, date, datetime, timedelta

from icalendar import Calendar

from tests.conftest import STARTED, first_paragraph, problem_of


def at(app, t: datetime) -> None:
    app.state.clock = lambda: t


def new_round(api, document_id: int, **fields) -> dict:
    body = {
        "name": "New York, 30 November – 4 December",
        "place": "New York",
        "room": "Conference Room 4",
        "timezone": "America/New_York",
        "starts_on": "2026-11-30",
        "ends_on": "2026-12-04",
        **fields,
    }
    response = api.as_("chair.rcm").post(f"/api/documents/{document_id}/rounds", json=body)
    assert response.status_code == 201, response.text
    return response.json()


def propose(api, pid: int, who: str = "mex", text: str = "States resolve to cooperate."):
    return api.as_(who).post(
        f"/api/paragraphs/{pid}/amendments", json={"base_version": 1, "text": text}
    )


def test_an_amendment_after_the_deadline_is_refused_naming_it(api, app, doc):
    pid = first_paragraph(doc)["id"]
    # 18:00 in New York on 29 November is 23:00 UTC: the deadline has passed at STARTED.
    made = new_round(api, doc["id"], amendment_deadline="2026-11-29T18:00:00")
    assert made["amendment_deadline"] == "2026-11-29T23:00:00Z"
    assert made["amendment_deadline_local"] == "2026-11-29 18:00 EST (America/New_York)"
    assert made["phase"] == "current"

    refused = propose(api, pid)
    assert refused.status_code == 409
    assert problem_of(refused)["detail"] == (
        "The deadline for amendments for New York, 30 November – 4 December was "
        "2026-11-29 18:00 EST (America/New_York); the co-chairs take no late amendments "
        "for this round."
    )
    assert api.as_("chair.rcm").get(f"/api/paragraphs/{pid}/amendments").json() == []

    allowed = api.as_("chair.sacm").patch(f"/api/rounds/{made['id']}", json={"late_allowed": True})
    assert allowed.status_code == 200, allowed.text
    late = propose(api, pid)
    assert late.status_code == 201, late.text
    assert late.json()["late"] is True

    # After the round, filing is open again (no later round sets a deadline).
    at(app, datetime(2026, 12, 5, 6, 0, tzinfo=UTC))
    on_time = propose(api, pid, who="bra", text="States resolve to work together.")
    assert on_time.status_code == 201 and on_time.json()["late"] is False


def test_a_deadline_the_chairs_move_holds_for_the_very_next_proposal(api, app, doc):
    """The server keeps the rounds between proposals (app/services/record/marks.py): a round
    changed between two proposals must be what the second one is checked against."""
    pid = first_paragraph(doc)["id"]
    made = new_round(api, doc["id"], amendment_deadline="2026-12-01T18:00:00")
    on_time = propose(api, pid)
    assert on_time.status_code == 201 and on_time.json()["late"] is False
    chair = api.as_("chair.rcm")
    moved = chair.patch(
        f"/api/rounds/{made['id']}", json={"amendment_deadline": "2026-11-29T18:00:00"}
    )
    assert moved.status_code == 200, moved.text
    refused = propose(api, pid, who="bra", text="States resolve to work together.")
    assert refused.status_code == 409
    assert problem_of(refused)["code"] == "calendar.deadline_passed"
    assert len(chair.get(f"/api/paragraphs/{pid}/amendments").json()) == 1  # nothing half-written
    chair.patch(f"/api/rounds/{made['id']}", json={"late_allowed": True})
    late = propose(api, pid, who="bra", text="States resolve to work together.")
    assert late.status_code == 201 and late.json()["late"] is True
    assert chair.get(f"/api/amendments/{late.json()['id']}").json()["late"] is True


def test_the_calendar_names_the_round_in_force_and_the_next_deadline(api, app, doc):
    past = new_round(api, doc["id"], name="Earlier", starts_on="2026-11-02", ends_on="2026-11-03")
    current = new_round(
        api,
        doc["id"],
        amendment_deadline=(STARTED + timedelta(days=1)).isoformat(),
        revision_due=(STARTED + timedelta(days=10)).isoformat(),
    )
    body = api.as_("iom").get(f"/api/documents/{doc['id']}/rounds").json()
    assert [r["id"] for r in body["rounds"]] == [past["id"], current["id"]]
    assert [r["phase"] for r in body["rounds"]] == ["past", "current"]
    assert body["current_round_id"] == current["id"]
    assert body["next_deadline"]["kind"] == "amendments"
    assert body["next_deadline"]["local"] == "2026-12-01 04:00 EST (America/New_York)"


def test_only_a_co_chair_sets_the_calendar_and_bad_input_changes_nothing(api, doc):
    path = f"/api/documents/{doc['id']}/rounds"
    body = {"name": "R", "starts_on": "2026-12-01", "ends_on": "2026-12-02"}
    assert api.as_("mex").post(path, json=body).status_code == 403
    assert api.as_("secretariat").post(path, json=body).status_code == 403
    bad_zone = api.as_("chair.rcm").post(path, json={**body, "timezone": "Mars/Olympus"})
    assert bad_zone.status_code == 422
    assert "Mars/Olympus" in problem_of(bad_zone)["detail"]
    backwards = api.as_("chair.rcm").post(path, json={**body, "ends_on": "2026-11-01"})
    assert backwards.status_code == 422
    outside = api.as_("chair.rcm").post(path, json={**body, "days": ["2026-12-09"]})
    assert outside.status_code == 422
    assert api.as_("chair.rcm").get(path).json()["rounds"] == []


def test_the_ics_feed_parses_and_holds_meeting_days_and_deadlines(api, doc):
    new_round(
        api,
        doc["id"],
        name="New York, 20, 22 and 23 February",
        starts_on="2027-02-20",
        ends_on="2027-02-23",
        days=["2027-02-20", "2027-02-22", "2027-02-23"],
        amendment_deadline="2027-02-10T18:00:00",
    )
    response = api.as_("mex").get(f"/api/documents/{doc['id']}/calendar.ics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/calendar")
    events = Calendar.from_ical(response.content).walk("VEVENT")
    spans = [(e.decoded("dtstart"), e.decoded("dtend")) for e in events]
    assert spans[:2] == [
        (date(2027, 2, 20), date(2027, 2, 21)),
        (date(2027, 2, 22), date(2027, 2, 24)),
    ]
    deadline = events[2]
    assert str(deadline["summary"]).startswith("Deadline for amendments")
    assert deadline.decoded("dtstart") == datetime(2027, 2, 10, 23, 0, tzinfo=UTC)
