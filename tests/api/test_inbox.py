"""The "For my delegation" inbox fills as others act and empties as the delegation acts."""

from datetime import timedelta

from tests.conftest import STARTED, first_paragraph


def ok(response, status=200):
    assert response.status_code == status, response.text
    return response.json()


def kinds(api, who: str) -> list[tuple[str, int | None]]:
    body = ok(api.as_(who).get("/api/me/inbox"))
    assert body["count"] == len(body["items"])
    return [
        (i["kind"], i["paragraph_id"])
        for i in body["items"]
        if i["kind"] not in ("position", "proposal")  # what to take a position on: below
    ]


def test_the_inbox_fills_with_an_invitation_and_a_silence_and_empties_as_mex_acts(api, doc):
    paragraph = first_paragraph(doc)
    pid = paragraph["id"]
    positions = [i for i in ok(api.as_("mex").get("/api/me/inbox"))["items"]]
    assert {i["paragraph_id"] for i in positions if i["kind"] == "position"} >= {pid}
    assert kinds(api, "mex") == []

    body = {"base_version": 1, "text": paragraph["text"] + " Together."}
    aid = ok(api.as_("bra").post(f"/api/paragraphs/{pid}/amendments", json=body), 201)["id"]
    invited = ok(
        api.as_("bra").post(f"/api/amendments/{aid}/invitations", json={"codes": ["MEX"]}), 201
    )
    deadline = (STARTED + timedelta(days=1)).isoformat()
    silence = {"version": 1, "deadline": deadline}
    ok(api.as_("chair.rcm").post(f"/api/paragraphs/{pid}/silence", json=silence), 201)
    items = ok(api.as_("mex").get("/api/me/inbox"))["items"]
    assert [i["kind"] for i in items][:2] == ["silence", "invitation"]  # the deadline first
    assert items[0]["text"] == "Under silence until 2026-12-01 09:00 UTC (UTC)."

    ok(api.as_("mex").post(f"/api/invitations/{invited[0]['id']}/accept"))
    assert kinds(api, "mex") == [("silence", pid)]
    # Breaking silence: an objection with its reason.
    objection = {"version": 1, "stance": "objection", "note": "Needs instructions."}
    ok(api.as_("mex").put(f"/api/paragraphs/{pid}/positions/mine", json=objection))
    assert kinds(api, "mex") == []
    left = ok(api.as_("mex").get("/api/me/inbox"))["items"]
    assert pid not in {i["paragraph_id"] for i in left}
    # Observers have no positions to take.
    assert [i["kind"] for i in ok(api.as_("iom").get("/api/me/inbox"))["items"]] == []


def test_a_proposal_waits_for_a_position_until_one_is_taken_or_it_is_co_sponsored(api, doc):
    paragraph = first_paragraph(doc)
    body = {"base_version": 1, "text": paragraph["text"] + " In full."}
    aid = ok(api.as_("bra").post(f"/api/paragraphs/{paragraph['id']}/amendments", json=body), 201)[
        "id"
    ]

    def waiting(who):
        items = ok(api.as_(who).get("/api/me/inbox"))["items"]
        return {i["amendment_id"] for i in items if i["kind"] == "proposal"}

    assert aid in waiting("mex") and aid in waiting("arg")
    assert aid not in waiting("bra")  # its own proposal
    ok(api.as_("mex").put(f"/api/amendments/{aid}/positions/mine", json={"stance": "support"}))
    assert aid not in waiting("mex")
    ok(api.as_("arg").post(f"/api/amendments/{aid}/sponsors", json={}), 201)
    assert aid not in waiting("arg")
    assert ok(api.as_("iom").get("/api/me/inbox"))["items"] == []  # observers take no position
