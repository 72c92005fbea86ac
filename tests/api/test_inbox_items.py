"""The inbox's items about a delegation's own amendments and comments: decisions, amendments that
no longer apply, replies; each links to its place and disappears once seen or once acted on."""

from datetime import timedelta

from tests.conftest import first_paragraph, problem_of


def ok(response, status=200):
    assert response.status_code == status, response.text
    return response.json()


def items(api, who: str, kind: str) -> list[dict]:
    return [i for i in ok(api.as_(who).get("/api/me/inbox"))["items"] if i["kind"] == kind]


def propose(api, who: str, paragraph: dict, text: str) -> int:
    body = {"base_version": paragraph["head_version"], "text": text}
    return ok(api.as_(who).post(f"/api/paragraphs/{paragraph['id']}/amendments", json=body), 201)[
        "id"
    ]


def test_a_decision_on_my_amendment_stays_until_seen(api, doc):
    paragraph = first_paragraph(doc)
    rejected = propose(api, "mex", paragraph, paragraph["text"] + " Rejected.")
    ok(api.as_("bra").post(f"/api/amendments/{rejected}/sponsors", json={}), 201)
    assert items(api, "mex", "decided") == []
    reason = {"reason": "No consensus."}
    ok(api.as_("chair.rcm").post(f"/api/amendments/{rejected}/reject", json=reason))
    [item] = items(api, "mex", "decided")
    assert (item["amendment_id"], item["paragraph_id"], item["status"]) == (
        rejected,
        paragraph["id"],
        "rejected",
    )
    assert item["dismissible"] and item["key"] == f"decided/{rejected}/rejected"
    assert item["text"] == f"Your amendment {rejected} was rejected."
    # The co-sponsor hears of it too; another delegation does not.
    assert [i["amendment_id"] for i in items(api, "bra", "decided")] == [rejected]
    assert items(api, "usa", "decided") == []

    left = ok(api.as_("mex").post("/api/me/inbox/seen", json={"keys": [item["key"]]}))
    assert "decided" not in {i["kind"] for i in left["items"]}
    assert left["count"] == len(left["items"])
    assert items(api, "bra", "decided") != []  # seen by MEX, not by BRA
    # Seen twice is no error; the chairs and observers have no inbox items to mark.
    ok(api.as_("mex").post("/api/me/inbox/seen", json={"keys": [item["key"]]}))
    assert (
        api.as_("iom").post("/api/me/inbox/seen", json={"keys": [item["key"]]}).status_code == 403
    )


def test_an_accepted_amendment_leaves_once_my_delegation_takes_a_position_on_the_result(api, doc):
    paragraph = first_paragraph(doc)
    accepted = propose(api, "mex", paragraph, paragraph["text"] + " Accepted.")
    ok(
        api.as_("chair.rcm").post(
            f"/api/amendments/{accepted}/accept", json={"expected_version": 1}
        )
    )
    [item] = items(api, "mex", "decided")
    assert (item["status"], item["version"]) == ("accepted", 2)
    agree = {"version": 2, "stance": "support"}
    ok(api.as_("mex").put(f"/api/paragraphs/{paragraph['id']}/positions/mine", json=agree))
    assert items(api, "mex", "decided") == []


def test_an_old_decision_is_no_longer_news(api, doc, clock):
    paragraph = first_paragraph(doc)
    rejected = propose(api, "mex", paragraph, paragraph["text"] + " Old.")
    ok(api.as_("chair.rcm").post(f"/api/amendments/{rejected}/reject", json={"reason": "No."}))
    assert len(items(api, "mex", "decided")) == 1
    clock.advance(timedelta(days=31))
    assert items(api, "mex", "decided") == []


def test_my_amendment_that_no_longer_applies_cleanly_until_revised(api, doc):
    paragraph = first_paragraph(doc)
    pid, text = paragraph["id"], paragraph["text"]
    first_word = text.split()[0]
    mine = propose(api, "mex", paragraph, text.replace(first_word, "Mexico", 1))
    theirs = propose(api, "bra", paragraph, text.replace(first_word, "Brazil", 1))
    assert items(api, "mex", "conflict") == []
    ok(api.as_("chair.rcm").post(f"/api/amendments/{theirs}/accept", json={"expected_version": 1}))
    [item] = items(api, "mex", "conflict")
    assert (item["amendment_id"], item["paragraph_id"], item["version"]) == (mine, pid, 2)
    assert item["text"].startswith(f"Your amendment {mine} no longer applies cleanly to version 2.")
    # Revised onto the head, it applies again: the item has gone.
    head = ok(api.as_("mex").get(f"/api/paragraphs/{pid}"))["text"]
    revised = {"base_version": 2, "text": head.replace("Brazil", "Mexico", 1)}
    ok(api.as_("mex").put(f"/api/amendments/{mine}", json=revised))
    assert items(api, "mex", "conflict") == []


def test_a_conflict_can_be_marked_seen(api, doc):
    paragraph = first_paragraph(doc)
    text = paragraph["text"]
    first_word = text.split()[0]
    propose(api, "mex", paragraph, text.replace(first_word, "Mexico", 1))
    theirs = propose(api, "bra", paragraph, text.replace(first_word, "Brazil", 1))
    ok(api.as_("chair.rcm").post(f"/api/amendments/{theirs}/accept", json={"expected_version": 1}))
    [item] = items(api, "mex", "conflict")
    ok(api.as_("mex").post("/api/me/inbox/seen", json={"keys": [item["key"]]}))
    assert items(api, "mex", "conflict") == []


def test_a_comment_answering_mine_until_seen_or_answered(api, doc):
    paragraph = first_paragraph(doc)
    aid = propose(api, "usa", paragraph, paragraph["text"] + " Discussed.")
    path = f"/api/amendments/{aid}/comments"
    ok(api.as_("bra").post(path, json={"body": "Before MEX spoke."}), 201)
    assert items(api, "mex", "reply") == []
    ok(api.as_("mex").post(path, json={"body": "What does it add?"}), 201)
    assert items(api, "mex", "reply") == []  # my own comment is no reply to me
    first = ok(api.as_("usa").post(path, json={"body": "Clarity."}), 201)
    second = ok(api.as_("iom").post(path, json={"body": "We agree with USA."}), 201)
    replies = items(api, "mex", "reply")
    assert [(i["comment_id"], i["amendment_id"], i["paragraph_id"]) for i in replies] == [
        (first["id"], aid, paragraph["id"]),
        (second["id"], aid, paragraph["id"]),
    ]
    assert replies[0]["text"] == f"USA answered your comment on amendment {aid}."
    # BRA commented first: MEX's, USA's and IOM's comments all answer it.
    assert len(items(api, "bra", "reply")) == 3

    ok(api.as_("mex").post("/api/me/inbox/seen", json={"keys": [replies[0]["key"]]}))
    assert [i["comment_id"] for i in items(api, "mex", "reply")] == [second["id"]]
    ok(api.as_("mex").post(path, json={"body": "Thank you both."}), 201)
    assert items(api, "mex", "reply") == []  # answered


def test_only_items_that_need_no_action_are_marked_seen(api, doc):
    bad = api.as_("mex").post("/api/me/inbox/seen", json={"keys": ["invitation/1"]})
    assert bad.status_code == 422
    assert problem_of(bad)["code"] == "inbox.not_dismissible"
    empty = api.as_("mex").post("/api/me/inbox/seen", json={"keys": []})
    assert empty.status_code == 422
    assert problem_of(empty)["code"] == "inbox.keys"


def test_an_invitation_links_to_the_paragraph_of_its_amendment(api, doc):
    paragraph = first_paragraph(doc)
    aid = propose(api, "bra", paragraph, paragraph["text"] + " Invited.")
    ok(api.as_("bra").post(f"/api/amendments/{aid}/invitations", json={"codes": ["MEX"]}), 201)
    [item] = items(api, "mex", "invitation")
    assert (item["amendment_id"], item["paragraph_id"]) == (aid, paragraph["id"])
