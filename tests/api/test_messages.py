"""Messages as data: the board's reasons and the problems arrive as codes with parameters, and
in the reader's language (Accept-Language or `lang`), with an English `detail` kept."""

from __future__ import annotations

from tests.conftest import first_paragraph, problem_of


def test_the_boards_reasons_arrive_in_portuguese(api, doc, document_id):
    paragraph = first_paragraph(doc)
    body = {"version": 1, "stance": "objection", "note": "Não podemos aceitar."}
    path = f"/api/paragraphs/{paragraph['id']}/positions/mine"
    assert api.as_("ven").put(path, json=body).status_code == 200
    chair = api.as_("chair.rcm")
    board = chair.get(f"/api/documents/{document_id}/consensus", headers={"Accept-Language": "pt"})
    assert board.headers["content-language"] == "pt"
    row = next(r for r in board.json()["paragraphs"] if r["id"] == paragraph["id"])
    assert row["reasons"][:2] == ["VEN objeta", "22 de 23 membros não tomaram posição"]
    assert row["reason_codes"][:2] == [
        {"code": "consensus.objects", "params": {"code": "VEN"}},
        {"code": "consensus.no_position", "params": {"missing": 22, "size": 23}},
    ]
    english = chair.get(f"/api/documents/{document_id}/consensus").json()
    row = next(r for r in english["paragraphs"] if r["id"] == paragraph["id"])
    assert row["reasons"][0] == "VEN objects"
    spanish = chair.get(f"/api/documents/{document_id}/consensus?lang=es").json()
    row = next(r for r in spanish["paragraphs"] if r["id"] == paragraph["id"])
    assert row["reasons"][0] == "VEN objeta"


def test_a_problem_keeps_its_english_detail_and_speaks_the_readers_language(api):
    response = api.anonymous.post(
        "/api/auth/login",
        json={"username": "mex", "password": "not-it"},
        headers={"Accept-Language": "es-MX,es;q=0.9"},
    )
    body = problem_of(response)
    assert body["detail"] == "Wrong username or password."
    assert body["code"] == "auth.wrong_password"
    assert body["message"] == "Usuario o contraseña incorrectos."
    assert body["title"] == "Sesión no iniciada"
    assert response.headers["content-language"] == "es"


def test_the_common_errors_carry_a_code_and_speak_spanish(api, doc):
    chair = api.as_("chair.rcm")
    paragraph = first_paragraph(doc)
    spanish = {"Accept-Language": "es"}
    path = f"/api/paragraphs/{paragraph['id']}"
    stale = problem_of(
        chair.patch(path, json={"text": "Otro texto.", "expected_version": 7}, headers=spanish)
    )
    assert (stale["code"], stale["params"]["expected"]) == ("text.stale_version", 7)
    assert stale["message"].startswith(f"El párrafo {paragraph['id']} está en la versión 1")
    blank = problem_of(
        chair.patch(path, json={"text": "   ", "expected_version": 1}, headers=spanish)
    )
    assert blank["code"] == "text.blank"
    assert blank["detail"] == "A paragraph cannot be empty or only spaces."
    assert blank["message"] == "El párrafo: no puede estar vacío ni tener solo espacios."
    nowhere = problem_of(chair.get("/api/nowhere", headers={"Accept-Language": "pt"}))
    assert (nowhere["code"], nowhere["message"]) == (
        "request.nothing_at",
        "Não há nada em /api/nowhere.",
    )
    missing = problem_of(chair.get("/api/paragraphs/999999?lang=pt"))
    assert missing["message"] == "Não existe o parágrafo 999999."
    invalid = problem_of(chair.patch(path, json={"text": 3}, headers=spanish))
    assert invalid["code"] == "request.invalid"
    assert invalid["message"].startswith("La solicitud no es válida: ")
    assert invalid["title"] == "Datos no válidos"


def test_attribution_summaries_come_as_codes_too(api, doc):
    paragraph = first_paragraph(doc)
    blame = api.as_("mex").get(f"/api/paragraphs/{paragraph['id']}/blame").json()
    for span in blame["spans"]:
        coded = span["summary_code"]
        assert coded["code"].startswith("blame."), coded
        if span["summary"] == "Zero draft text":
            assert coded == {"code": "blame.zero_draft", "params": {}}


def test_a_request_that_fails_validation_is_explained_in_the_readers_language(api, doc):
    chair = api.as_("chair.rcm")
    path = f"/api/paragraphs/{first_paragraph(doc)['id']}"
    body = {"text": 3}  # not a text, and no expected_version
    spanish = problem_of(chair.patch(path, json=body, headers={"Accept-Language": "es"}))
    assert spanish["message"] == (
        "La solicitud no es válida: text: debe ser un texto; expected_version: es obligatorio."
    )
    assert spanish["detail"].startswith("The request is not valid: text: Input should be")
    fields = {e["field"]: e for e in spanish["errors"]}
    assert fields["expected_version"]["code"] == "validation.missing"
    portuguese = problem_of(chair.patch(path, json=body, headers={"Accept-Language": "pt"}))
    assert "text: deve ser um texto; expected_version: é obrigatório" in portuguese["message"]
    export = problem_of(
        chair.post(
            f"/api/documents/{doc['id']}/exports",
            json={"format": "md", "lang": "xx"},
            headers={"Accept-Language": "es"},
        )
    )
    assert export["message"] == "Consenso lleva los textos en en, es, pt; no en xx.", export
