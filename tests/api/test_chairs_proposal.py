"""The chairs' compromise proposal: tabled by a co-chair, positions on it, adopted as a merge."""

from tests.conftest import first_paragraph, problem_of


def ok(response, status=200):
    assert response.status_code == status, response.text
    return response.json()


def propose(api, who: str, pid: int, text: str, **extra) -> dict:
    body = {"base_version": 1, "text": text, **extra}
    return ok(api.as_(who).post(f"/api/paragraphs/{pid}/amendments", json=body), 201)


def test_a_chairs_proposal_is_tabled_taken_positions_on_and_adopted_as_the_merge(api, doc):
    ok(api.as_("chair.rcm").post(f"/api/documents/{doc['id']}/revisions"), 201)  # Zero draft
    pid = first_paragraph(doc)["id"]
    head = first_paragraph(doc)["text"]
    mex = propose(api, "mex", pid, head + " With attention to children.")
    usa = propose(api, "usa", pid, head + " Within national law.")
    compromise = head + " With attention to children, within national law."
    chairs = propose(
        api, "chair.sacm", pid, compromise, replaces=[usa["id"], mex["id"]], rationale="Bridge."
    )
    assert (chairs["chairs_text"], chairs["proposer"], chairs["replaces"]) == (
        True,
        "PPT-SACM",
        sorted([mex["id"], usa["id"]]),
    )
    # Members take positions on it like on any proposal.
    stance = {"stance": "support"}
    ok(api.as_("bra").put(f"/api/amendments/{chairs['id']}/positions/mine", json=stance))
    positions = ok(api.as_("iom").get(f"/api/amendments/{chairs['id']}/positions"))
    assert [p["code"] for p in positions["current"]] == ["BRA"]

    adopted = ok(
        api.as_("chair.rcm").post(
            f"/api/amendments/{chairs['id']}/accept", json={"expected_version": 1}
        )
    )
    assert (adopted["status"], adopted["result_version"]) == ("accepted", 2)
    paragraph = ok(api.as_("mex").get(f"/api/paragraphs/{pid}"))
    assert (paragraph["head_version"], paragraph["text"]) == (2, compromise)
    for replaced in (mex, usa):
        row = ok(api.as_("mex").get(f"/api/amendments/{replaced['id']}"))
        assert row["status"] in ("accepted", "partly_accepted")
        assert row["result_version"] == 2
        assert row["decision_reason"] == (
            f"Replaced by the chairs' proposal (amendment {chairs['id']}), adopted as version 2."
        )

    table = ok(api.as_("mex").get(f"/api/documents/{doc['id']}/compare?from=0&to=now"))
    rows = {r["amendment_id"]: r for r in table["dispositions"]}
    assert rows[chairs["id"]]["proposer"] == "PPT-SACM"
    assert rows[chairs["id"]]["status"] in ("accepted", "partly_accepted")
    assert rows[chairs["id"]]["decision_reason"].startswith("Adopted as version 2, replacing")
    assert {rows[mex["id"]]["result_version"], rows[usa["id"]]["result_version"]} == {2}
    assert rows[mex["id"]]["status"] in ("accepted", "partly_accepted")


def test_only_co_chairs_table_the_chairs_text_and_only_it_replaces(api, doc):
    pid = first_paragraph(doc)["id"]
    head = first_paragraph(doc)["text"]
    mex = propose(api, "mex", pid, head + " A.")
    refused = api.as_("bra").post(
        f"/api/paragraphs/{pid}/amendments",
        json={"base_version": 1, "text": head + " B.", "replaces": [mex["id"]]},
    )
    assert refused.status_code == 422
    detail = problem_of(refused)["detail"]
    assert detail == "Only the co-chairs' proposal replaces other amendments."
    secretariat = api.as_("secretariat").post(
        f"/api/paragraphs/{pid}/amendments", json={"base_version": 1, "text": head + " C."}
    )
    assert secretariat.status_code == 403
    wrong = api.as_("chair.rcm").post(
        f"/api/paragraphs/{pid}/amendments",
        json={"base_version": 1, "text": head + " D.", "replaces": [mex["id"] + 99]},
    )
    assert wrong.status_code == 422
