"""Refusals speak the reader's language: `message` in Spanish or Portuguese (Accept-Language),
`detail` still in English for API clients, and the code with its parameters beside them."""

from __future__ import annotations

from datetime import timedelta

from tests.conftest import STARTED, first_paragraph, problem_of

SPANISH = {"Accept-Language": "es"}
PORTUGUESE = {"Accept-Language": "pt-BR,pt;q=0.9"}


def ok(response, status=200):
    assert response.status_code == status, response.text
    return response.json()


def proposed(api, pid: int, who: str = "mex", text: str = "States resolve to cooperate.") -> int:
    body = {"base_version": 1, "text": text}
    return ok(api.as_(who).post(f"/api/paragraphs/{pid}/amendments", json=body), 201)["id"]


def test_a_delegate_accepting_an_amendment_is_told_in_spanish(api, doc):
    aid = proposed(api, first_paragraph(doc)["id"])
    refused = api.as_("mex").post(
        f"/api/amendments/{aid}/accept", json={"expected_version": 1}, headers=SPANISH
    )
    assert refused.status_code == 403
    assert refused.headers["content-language"] == "es"
    problem = problem_of(refused)
    assert (problem["code"], problem["params"]) == (
        "access.chair_side",
        {"action": "action.accept_amendments"},
    )
    assert problem["message"] == "Solo la copresidencia o la secretaría pueden aceptar enmiendas."
    assert problem["detail"] == "Only the co-chairs or the secretariat can accept amendments."
    assert problem["title"] == "No permitido"


def test_a_stale_version_and_a_decided_amendment_are_told_in_portuguese(api, doc):
    aid = proposed(api, first_paragraph(doc)["id"])
    chair = api.as_("chair.rcm")
    path = f"/api/amendments/{aid}/accept"
    stale = problem_of(chair.post(path, json={"expected_version": 3}, headers=PORTUGUESE))
    assert (stale["status"], stale["code"]) == (409, "text.stale_version")
    assert stale["message"].startswith("O parágrafo ")
    assert "está na versão 1, não na 3" in stale["message"]
    assert stale["detail"].endswith("Reload it and apply your change to the current text.")

    ok(chair.post(path, json={"expected_version": 1}))
    twice = problem_of(chair.post(path, json={"expected_version": 2}, headers=PORTUGUESE))
    assert (twice["status"], twice["code"]) == (409, "amendment.not_pending")
    assert twice["params"]["amendment_status"] == "accepted"
    assert twice["message"] == (
        f"A emenda {aid} está aceita: só uma emenda pendente pode ser aceita."
    )
    assert twice["detail"] == (
        f"Amendment {aid} is accepted: only a pending amendment can be accepted."
    )


def test_an_amendment_after_the_deadline_is_refused_in_spanish(api, doc):
    rounds = f"/api/documents/{doc['id']}/rounds"
    body = {
        "name": "Nueva York",
        "timezone": "America/New_York",
        "starts_on": "2026-11-30",
        "ends_on": "2026-12-04",
        "amendment_deadline": "2026-11-29T18:00:00",
    }
    ok(api.as_("chair.rcm").post(rounds, json=body), 201)
    pid = first_paragraph(doc)["id"]
    late = api.as_("mex").post(
        f"/api/paragraphs/{pid}/amendments",
        json={"base_version": 1, "text": "States resolve to cooperate."},
        headers=SPANISH,
    )
    problem = problem_of(late)
    assert (problem["status"], problem["code"]) == (409, "calendar.deadline_passed")
    assert problem["message"] == (
        "El plazo de presentación de enmiendas para Nueva York venció el 2026-11-29 18:00 EST "
        "(America/New_York); la copresidencia no admite enmiendas tardías en esta ronda."
    )
    assert problem["detail"].startswith("The deadline for amendments for Nueva York was ")


def test_an_observer_inviting_co_sponsors_is_refused_in_spanish(api, doc):
    aid = proposed(api, first_paragraph(doc)["id"], who="bra")
    refused = api.as_("iom").post(
        f"/api/amendments/{aid}/invitations", json={"codes": ["MEX"]}, headers=SPANISH
    )
    problem = problem_of(refused)
    assert (problem["status"], problem["code"]) == (403, "access.observer")
    assert (
        problem["message"] == "Los observadores leen y comentan; no pueden invitar a copatrocinar."
    )
    assert problem["detail"] == "Observers read and comment; they cannot invite co-sponsors."


def test_an_undo_with_nothing_to_undo_is_refused_in_portuguese(api, doc):
    pid = first_paragraph(doc)["id"]
    nothing = api.as_("chair.rcm").post(
        f"/api/paragraphs/{pid}/undo", json={"expected_version": 1}, headers=PORTUGUESE
    )
    problem = problem_of(nothing)
    assert (problem["status"], problem["code"], problem["params"]) == (
        409,
        "undo.nothing",
        {"paragraph": pid},
    )
    assert problem["message"] == f"O parágrafo {pid} não tem nenhuma decisão a desfazer."
    assert problem["detail"] == f"Paragraph {pid} has no decision to undo."
    assert nothing.headers["content-language"] == "pt"


def test_cancelling_a_silence_needs_a_reason_in_spanish_and_a_running_procedure(api, doc):
    pid = first_paragraph(doc)["id"]
    deadline = (STARTED + timedelta(days=2)).isoformat()
    chair = api.as_("chair.rcm")
    body = {"version": 1, "deadline": deadline}
    started = ok(chair.post(f"/api/paragraphs/{pid}/silence", json=body), 201)
    path = f"/api/silence/{started['id']}/cancel"

    blank = problem_of(chair.post(path, json={"reason": "  "}, headers=SPANISH))
    assert (blank["status"], blank["params"]["what"]) == (422, "The reason")
    assert blank["message"].startswith("El motivo: no puede estar vacío")
    assert blank["detail"].startswith("The reason cannot be empty")

    delegate = problem_of(api.as_("mex").post(path, json={"reason": "No."}, headers=SPANISH))
    assert delegate["message"] == (
        "Solo una copresidencia puede cancelar un procedimiento de silencio."
    )
    ok(chair.post(path, json={"reason": "Consultations continue."}))
    again = problem_of(chair.post(path, json={"reason": "Again."}, headers=PORTUGUESE))
    assert (again["status"], again["code"]) == (409, "silence.not_running")
    assert again["message"] == (
        f"O procedimento de silêncio {started['id']} está cancelado; só um em curso pode ser "
        "cancelado."
    )
    assert again["detail"] == (
        f"Silence procedure {started['id']} is cancelled; only a running one can be cancelled."
    )
