"""Plenary mode through the API: the chairs take a paragraph up, delegations ask for the floor,
the chairs give it and close the list; bad input is a clear 4xx; rival requests, one winner."""

from __future__ import annotations

import threading

from tests.conftest import first_paragraph, problem_of


def plenary(document_id: int) -> str:
    return f"/api/documents/{document_id}/plenary"


def take_up(api, document_id: int, paragraph_id: int, who: str = "chair.rcm") -> dict:
    response = api.as_(who).put(plenary(document_id), json={"paragraph_id": paragraph_id})
    assert response.status_code == 200, response.text
    return response.json()


def ask(api, document_id: int, who: str, **body) -> dict:
    response = api.as_(who).post(f"{plenary(document_id)}/floor", json=body)
    assert response.status_code == 201, response.text
    return response.json()


def codes(requests: list[dict]) -> list[str]:
    return [r["participant_code"] for r in requests]


def test_a_reading_runs_its_speakers_list_in_order_and_every_change_is_an_event(
    api, doc, document_id
):
    first = first_paragraph(doc)
    assert api.as_("iom").get(plenary(document_id)).json() == {
        "document_id": document_id,
        "reading": None,
    }
    state = take_up(api, document_id, first["id"])
    assert state["reading"]["paragraph_id"] == first["id"]
    assert state["reading"]["label"] == first["label"]
    assert state["reading"]["started_by"] == "chair.rcm"
    for who in ("mex", "bra", "usa"):
        state = ask(api, document_id, who, paragraph_id=first["id"])
    assert codes(state["reading"]["waiting"]) == ["MEX", "BRA", "USA"]

    chair = api.as_("chair.sacm")
    state = chair.post(f"{plenary(document_id)}/next", json={"expected_speaker": 0}).json()
    assert state["reading"]["speaking"]["participant_code"] == "MEX"
    usa = state["reading"]["waiting"][1]
    state = chair.post(f"{plenary(document_id)}/floor/{usa['id']}/give").json()
    assert state["reading"]["speaking"]["participant_code"] == "USA"
    assert codes(state["reading"]["spoke"]) == ["MEX"]
    assert codes(state["reading"]["waiting"]) == ["BRA"]
    state = chair.post(f"{plenary(document_id)}/close").json()
    assert state["reading"]["list_open"] is False
    closed = api.as_("arg").post(f"{plenary(document_id)}/floor", json={})
    assert closed.status_code == 409
    assert problem_of(closed)["detail"] == "The chairs have closed the speakers' list."
    # The observer sees what the room sees: the same state.
    assert api.as_("iom").get(plenary(document_id)).json() == state

    events = api.as_("iom").get(f"/api/documents/{document_id}/events").json()
    plenary_events = [e for e in events if e["action"].startswith("plenary.")]
    assert [e["action"] for e in plenary_events] == [
        "plenary.taken_up",
        *["plenary.floor_requested"] * 3,
        "plenary.floor_given",
        "plenary.floor_given",
        "plenary.list_closed",
    ]
    assert plenary_events[-1]["payload"]["plenary"] == state
    assert plenary_events[1]["payload"]["code"] == "MEX"
    assert all(e["payload"]["paragraph_id"] == first["id"] for e in plenary_events)
    audit = api.as_("chair.rcm").get(f"/api/documents/{document_id}/audit")
    assert audit.json()["verification"]["intact"] is True


def test_moving_on_ends_the_reading_its_speaker_spoke_and_the_waiting_lapse(api, doc, document_id):
    paragraphs = doc["sections"][0]["paragraphs"]
    take_up(api, document_id, paragraphs[0]["id"])
    ask(api, document_id, "mex")
    ask(api, document_id, "bra")
    api.as_("chair.rcm").post(f"{plenary(document_id)}/next")
    state = take_up(api, document_id, paragraphs[1]["id"], who="secretariat")
    assert state["reading"]["paragraph_id"] == paragraphs[1]["id"]
    assert state["reading"]["waiting"] == [] and state["reading"]["speaking"] is None
    # A delegate still looking at the paragraph before is told the chairs moved on.
    stale = api.as_("mex").post(
        f"{plenary(document_id)}/floor", json={"paragraph_id": paragraphs[0]["id"]}
    )
    assert stale.status_code == 409
    assert problem_of(stale)["paragraph_id"] == paragraphs[1]["id"]
    ended = api.as_("chair.rcm").delete(plenary(document_id))
    assert ended.status_code == 200 and ended.json()["reading"] is None
    again = api.as_("chair.rcm").delete(plenary(document_id))
    assert again.status_code == 409
    assert problem_of(again)["detail"] == "No paragraph is under reading."


def test_roles_chairs_decide_members_ask_observers_read(api, doc, document_id):
    paragraph_id = first_paragraph(doc)["id"]
    for who in ("mex", "iom"):
        refused = api.as_(who).put(plenary(document_id), json={"paragraph_id": paragraph_id})
        assert refused.status_code == 403, who
    take_up(api, document_id, paragraph_id)
    observer = api.as_("iom").post(f"{plenary(document_id)}/floor", json={})
    assert observer.status_code == 403
    assert problem_of(observer)["detail"].startswith("Observers read and comment")
    for who in ("chair.sacm", "secretariat"):
        assert api.as_(who).post(f"{plenary(document_id)}/floor", json={}).status_code == 403
    state = ask(api, document_id, "mex")
    request_id = state["reading"]["waiting"][0]["id"]
    for who in ("bra", "iom"):
        assert api.as_(who).delete(f"{plenary(document_id)}/floor/{request_id}").status_code == 403
        assert api.as_(who).post(f"{plenary(document_id)}/next").status_code == 403
    withdrawn = api.as_("mex").delete(f"{plenary(document_id)}/floor/{request_id}")
    assert withdrawn.status_code == 200 and withdrawn.json()["reading"]["waiting"] == []
    # Asking again after withdrawing is a new request; the chairs may strike it.
    state = ask(api, document_id, "mex")
    struck = api.as_("secretariat").delete(
        f"{plenary(document_id)}/floor/{state['reading']['waiting'][0]['id']}"
    )
    assert struck.status_code == 200


def test_bad_input_is_a_clear_problem_that_changes_nothing(api, doc, document_id):
    chair = api.as_("chair.rcm")
    for body in (None, {}, {"paragraph_id": "two"}, {"paragraph_id": 0}, {"paragraph_id": 2**40}):
        response = chair.put(plenary(document_id), json=body)
        assert response.status_code == 422, (body, response.text)
        problem_of(response)
    missing = chair.put(plenary(document_id), json={"paragraph_id": 99999})
    assert missing.status_code == 422
    assert problem_of(missing)["detail"] == "There is no paragraph 99999 in this document."
    no_reading = api.as_("mex").post(f"{plenary(document_id)}/floor", json={})
    assert no_reading.status_code == 409
    assert problem_of(no_reading)["detail"] == (
        "No paragraph is under reading: there is no floor to ask for."
    )
    assert chair.post(f"{plenary(document_id)}/next").status_code == 409
    assert chair.post(f"{plenary(document_id)}/floor/7/give").status_code == 409
    assert api.as_("chair.rcm").get("/api/documents/999/plenary").status_code == 404
    paragraph_id = first_paragraph(doc)["id"]
    take_up(api, document_id, paragraph_id)
    unknown = chair.post(f"{plenary(document_id)}/floor/4242/give")
    assert unknown.status_code == 404
    assert problem_of(unknown)["detail"] == (
        "There is no request for the floor 4242 in this document."
    )
    twice = chair.put(plenary(document_id), json={"paragraph_id": paragraph_id})
    assert twice.status_code == 409
    label = first_paragraph(doc)["label"]
    assert problem_of(twice)["detail"] == f"Paragraph {label} is already under reading."
    state = ask(api, document_id, "mex")
    again = api.as_("mex").post(f"{plenary(document_id)}/floor", json={})
    assert problem_of(again)["detail"] == "MEX is already on the speakers' list."
    assert chair.post(f"{plenary(document_id)}/reopen").status_code == 409
    request_id = state["reading"]["waiting"][0]["id"]
    chair.post(f"{plenary(document_id)}/floor/{request_id}/give")
    speaking = api.as_("mex").delete(f"{plenary(document_id)}/floor/{request_id}")
    assert speaking.status_code == 409
    assert (
        api.as_("iom").get(plenary(document_id)).json()["reading"]["speaking"]["id"] == request_id
    )


def _race(count: int, call) -> list[int]:
    barrier = threading.Barrier(count)
    results: list[int] = []

    def run(i: int) -> None:
        barrier.wait()
        results.append(call(i).status_code)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(results)


def test_rival_requests_have_exactly_one_winner(api, doc, document_id):
    path = plenary(document_id)
    paragraph_id = first_paragraph(doc)["id"]
    chairs = [api.as_(("chair.rcm", "chair.sacm", "secretariat")[i % 3]) for i in range(4)]
    taken = _race(4, lambda i: chairs[i].put(path, json={"paragraph_id": paragraph_id}))
    assert taken == [200, 409, 409, 409]
    mex = [api.as_("mex") for _ in range(4)]
    asked = _race(4, lambda i: mex[i].post(f"{path}/floor", json={}))
    assert asked == [201, 409, 409, 409]
    ask(api, document_id, "bra")
    # Two chairs press "next speaker" on the same screen: one delegation, not two, gets the floor.
    nexts = _race(4, lambda i: chairs[i].post(f"{path}/next", json={"expected_speaker": 0}))
    assert nexts == [200, 409, 409, 409]
    state = api.as_("iom").get(path).json()["reading"]
    assert state["speaking"]["participant_code"] == "MEX"
    assert codes(state["waiting"]) == ["BRA"]
    bra = state["waiting"][0]["id"]
    given = _race(4, lambda i: chairs[i].post(f"{path}/floor/{bra}/give"))
    assert given == [200, 409, 409, 409]
    events = api.as_("iom").get(f"/api/documents/{document_id}/events").json()
    assert [e["action"] for e in events if e["action"].startswith("plenary.")] == [
        "plenary.taken_up",
        "plenary.floor_requested",
        "plenary.floor_requested",
        "plenary.floor_given",
        "plenary.floor_given",
    ]
