"""Co-sponsor invitations: the proposer invites, the invited accept or decline, all see answers."""

from tests.conftest import first_paragraph, problem_of


def ok(response, status=200):
    assert response.status_code == status, response.text
    return response.json()


def amendment(api, doc, who="mex") -> int:
    pid = first_paragraph(doc)["id"]
    body = {"base_version": 1, "text": "States resolve to cooperate on migration."}
    return ok(api.as_(who).post(f"/api/paragraphs/{pid}/amendments", json=body), 201)["id"]


def test_invited_delegations_accept_or_decline_and_the_proposer_sees_the_answers(api, doc):
    aid = amendment(api, doc)
    sent = ok(
        api.as_("mex").post(f"/api/amendments/{aid}/invitations", json={"codes": ["chl", "BRA"]}),
        201,
    )
    assert [(i["code"], i["status"], i["invited_by"]) for i in sent] == [
        ("BRA", "pending", "MEX"),
        ("CHL", "pending", "MEX"),
    ]
    by_code = {i["code"]: i["id"] for i in sent}
    assert api.as_("chl").post(f"/api/invitations/{by_code['BRA']}/accept").status_code == 403
    ok(api.as_("bra").post(f"/api/invitations/{by_code['BRA']}/accept"))
    ok(api.as_("chl").post(f"/api/invitations/{by_code['CHL']}/decline"))
    again = api.as_("chl").post(f"/api/invitations/{by_code['CHL']}/accept")
    assert again.status_code == 409
    assert (
        problem_of(again)["detail"]
        == f"Invitation {by_code['CHL']} was already answered: declined."
    )

    answers = ok(api.as_("mex").get(f"/api/amendments/{aid}/invitations"))
    assert {(i["code"], i["status"]) for i in answers} == {("BRA", "accepted"), ("CHL", "declined")}
    assert ok(api.as_("mex").get(f"/api/amendments/{aid}"))["sponsors"] == ["MEX", "BRA"]


def test_only_the_proposer_invites_members_not_yet_sponsoring(api, doc):
    aid = amendment(api, doc)
    path = f"/api/amendments/{aid}/invitations"
    assert api.as_("bra").post(path, json={"codes": ["CHL"]}).status_code == 403
    assert api.as_("mex").post(path, json={"codes": ["IOM"]}).status_code == 422
    assert api.as_("mex").post(path, json={"codes": ["MEX"]}).status_code == 409
    assert api.as_("mex").post(path, json={"codes": []}).status_code == 422
    ok(api.as_("mex").post(path, json={"codes": ["CHL"]}), 201)
    assert api.as_("mex").post(path, json={"codes": ["CHL"]}).status_code == 409
    assert len(ok(api.as_("iom").get(path))) == 1
