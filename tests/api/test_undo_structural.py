"""Undoing every kind of last decision: an accepted new paragraph, an accepted deletion (with the
amendments it superseded), a merge and the adoption of the chairs' text. Never a deletion of a
row: the history and the audit trail keep both the decision and its undoing."""

from tests.conftest import first_paragraph, problem_of


def ok(response, status=200):
    assert response.status_code == status, response.text
    return response.json()


def labels(api, doc) -> list[str]:
    document = ok(api.as_("mex").get(f"/api/documents/{doc['id']}"))
    return [p["text"] for p in document["sections"][0]["paragraphs"]]


def audit_intact(api, doc) -> None:
    audit = ok(api.as_("chair.rcm").get(f"/api/documents/{doc['id']}/audit"))
    assert audit["verification"]["intact"] is True, audit["verification"]


def test_an_accepted_new_paragraph_leaves_the_text_and_is_proposed_again(api, doc):
    principles = doc["sections"][0]
    before = labels(api, doc)
    text = "Migration governance is a shared responsibility."
    body = {"kind": "insert_paragraph", "section": principles["key"], "after": None, "text": text}
    body["after"] = principles["paragraphs"][0]["id"]
    aid = ok(api.as_("mex").post(f"/api/documents/{doc['id']}/amendments", json=body), 201)["id"]
    accepted = ok(api.as_("chair.rcm").post(f"/api/amendments/{aid}/accept", json={}))
    pid = accepted["paragraph_id"]
    assert labels(api, doc)[1] == text

    undone = ok(
        api.as_("chair.rcm").post(f"/api/paragraphs/{pid}/undo", json={"expected_version": 1})
    )
    assert (undone["undone"], undone["amendment_ids"]) == ("amendment.accepted", [aid])
    assert labels(api, doc) == before
    amendment = ok(api.as_("mex").get(f"/api/amendments/{aid}"))
    assert (amendment["status"], amendment["paragraph_id"], amendment["kind"]) == (
        "pending",
        None,
        "insert_paragraph",
    )
    # Its version stays readable in the history; accepting it again inserts it again.
    assert ok(api.as_("mex").get(f"/api/paragraphs/{pid}/versions/1"))["text"] == text
    ok(api.as_("chair.rcm").post(f"/api/amendments/{aid}/accept", json={}))
    assert labels(api, doc)[1] == text
    audit_intact(api, doc)


def test_an_accepted_deletion_is_undone_with_what_it_superseded(api, doc):
    target = first_paragraph(doc)
    pid, url = target["id"], f"/api/documents/{doc['id']}/amendments"
    wording = {"base_version": 1, "text": target["text"] + " Still."}
    other = ok(api.as_("usa").post(f"/api/paragraphs/{pid}/amendments", json=wording), 201)["id"]
    body = {"kind": "delete_paragraph", "paragraph_id": pid, "base_version": 1}
    aid = ok(api.as_("mex").post(url, json=body), 201)["id"]
    ok(api.as_("chair.rcm").post(f"/api/amendments/{aid}/accept", json={"expected_version": 1}))
    assert ok(api.as_("mex").get(f"/api/amendments/{other}"))["status"] == "superseded"
    assert target["text"] not in labels(api, doc)

    undone = ok(
        api.as_("chair.rcm").post(f"/api/paragraphs/{pid}/undo", json={"expected_version": 1})
    )
    assert (undone["undone"], undone["amendment_ids"], undone["text"]) == (
        "amendment.accepted",
        [aid, other],
        target["text"],
    )
    assert labels(api, doc)[0] == target["text"]
    for amendment_id in (aid, other):
        assert ok(api.as_("mex").get(f"/api/amendments/{amendment_id}"))["status"] == "pending"
    events = ok(api.as_("chair.rcm").get(f"/api/documents/{doc['id']}/events"))
    assert events[-1]["action"] == "decision.undone"
    audit_intact(api, doc)


def test_a_merge_is_undone_with_every_amendment_pending_again(api, doc):
    target = first_paragraph(doc)
    pid, head = target["id"], target["text"]
    ids = [
        ok(
            api.as_(who).post(
                f"/api/paragraphs/{pid}/amendments",
                json={"base_version": 1, "text": head + extra},
            ),
            201,
        )["id"]
        for who, extra in (("mex", " Now."), ("usa", " Soon."))
    ]
    merged = head + " Now and soon."
    body = {"amendment_ids": ids, "text": merged, "expected_version": 1}
    ok(api.as_("chair.rcm").post(f"/api/paragraphs/{pid}/merge", json=body))
    undone = ok(
        api.as_("chair.sacm").post(f"/api/paragraphs/{pid}/undo", json={"expected_version": 2})
    )
    assert (undone["version"], undone["text"], sorted(undone["amendment_ids"])) == (3, head, ids)
    for amendment_id in ids:
        assert ok(api.as_("mex").get(f"/api/amendments/{amendment_id}"))["status"] == "pending"
    assert ok(api.as_("mex").get(f"/api/paragraphs/{pid}/versions/2"))["text"] == merged
    # Nothing decided is left: a second undo is refused, with the reason.
    again = api.as_("chair.rcm").post(f"/api/paragraphs/{pid}/undo", json={"expected_version": 3})
    assert problem_of(again)["detail"] == f"Paragraph {pid} has no decision to undo."
    audit_intact(api, doc)


def test_the_chairs_adopted_text_is_undone_and_every_replaced_amendment_is_pending(api, doc):
    target = first_paragraph(doc)
    pid, head = target["id"], target["text"]
    body = {"base_version": 1, "text": head + " Children."}
    mex = ok(api.as_("mex").post(f"/api/paragraphs/{pid}/amendments", json=body), 201)["id"]
    compromise = {"base_version": 1, "text": head + " All children.", "replaces": [mex]}
    chairs = ok(
        api.as_("chair.rcm").post(f"/api/paragraphs/{pid}/amendments", json=compromise), 201
    )
    ok(
        api.as_("chair.rcm").post(
            f"/api/amendments/{chairs['id']}/accept", json={"expected_version": 1}
        )
    )
    undone = ok(
        api.as_("chair.rcm").post(f"/api/paragraphs/{pid}/undo", json={"expected_version": 2})
    )
    assert (undone["text"], sorted(undone["amendment_ids"])) == (head, sorted([mex, chairs["id"]]))
    for amendment_id in (mex, chairs["id"]):
        row = ok(api.as_("mex").get(f"/api/amendments/{amendment_id}"))
        assert (row["status"], row["decision_reason"]) == ("pending", "")
    audit_intact(api, doc)
