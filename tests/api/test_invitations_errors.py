"""Invitation errors arrive as codes with parameters, in the reader's language."""

from tests.conftest import first_paragraph, problem_of


def ok(response, status=200):
    assert response.status_code == status, response.text
    return response.json()


def test_invitation_refusals_carry_codes_and_translate(api, doc):
    paragraph = first_paragraph(doc)
    body = {"base_version": 1, "text": paragraph["text"] + " Invited."}
    aid = ok(api.as_("bra").post(f"/api/paragraphs/{paragraph['id']}/amendments", json=body), 201)[
        "id"
    ]
    path = f"/api/amendments/{aid}/invitations"
    not_mine = api.as_("mex").post(path, json={"codes": ["CHL"]}, headers={"Accept-Language": "es"})
    assert not_mine.status_code == 403
    problem = problem_of(not_mine)
    assert problem["code"] == "invitation.proposer_only"
    assert problem["params"] == {"id": aid, "proposer": "BRA"}
    assert (
        problem["message"] == f"Solo quien propuso la enmienda {aid} (BRA) invita a copatrocinar."
    )

    observer = api.as_("bra").post(path, json={"codes": ["IOM"]})
    assert problem_of(observer)["code"] == "invitation.not_member"
    assert problem_of(api.as_("bra").post(path, json={"codes": [" "]}))["code"] == "invitation.none"
    [invited] = ok(api.as_("bra").post(path, json={"codes": ["MEX"]}), 201)
    again = api.as_("bra").post(path, json={"codes": ["MEX"]})
    assert (again.status_code, problem_of(again)["code"]) == (409, "invitation.duplicate")

    answer = f"/api/invitations/{invited['id']}/decline"
    other = api.as_("usa").post(answer)
    assert problem_of(other)["code"] == "invitation.not_addressed"
    ok(api.as_("mex").post(answer))
    twice = api.as_("mex").post(answer, headers={"Accept-Language": "pt"})
    assert problem_of(twice)["code"] == "invitation.answered"
    assert problem_of(twice)["message"] == f"O convite {invited['id']} já foi respondido: declined."
    missing = api.as_("mex").post("/api/invitations/999999/accept")
    assert (missing.status_code, problem_of(missing)["code"]) == (404, "invitation.not_found")
