"""The chairs accept, reject and merge amendments; rebase status and overlaps; a negotiation."""

from __future__ import annotations

from sqlmodel import func, select

from app.models import Amendment, Event, ParagraphVersion, VersionAmendment
from tests.conftest import first_paragraph, problem_of

PARA = (
    "The member states of the Regional Conference on Migration and of the South American "
    "Conference on Migration recognise that migration has always been part of the history "
    "of the Americas and that it enriches countries of origin, transit and destination."
)


def counts(session):
    session.rollback()  # see what the app committed since
    return tuple(
        session.exec(select(func.count()).select_from(t)).one()
        for t in (ParagraphVersion, VersionAmendment, Event)
    )


def propose(api, who, paragraph_id, text, base_version=1):
    response = api.as_(who).post(
        f"/api/paragraphs/{paragraph_id}/amendments",
        json={"base_version": base_version, "text": text, "rationale": ""},
    )
    assert response.status_code == 201, response.text
    return response.json()["id"]


def test_a_short_negotiation_ends_in_rev1_with_an_exact_disposition(api, doc, session):
    chair, sacm = api.as_("chair.rcm"), api.as_("chair.sacm")
    pid = first_paragraph(doc)["id"]
    document = doc["id"]
    assert chair.post(f"/api/documents/{document}/revisions", json={}).status_code == 201

    # Two delegations amend the same words; a third amends elsewhere; a fourth co-sponsors.
    a = propose(api, "mex", pid, PARA.replace("has always been", "has long been"))
    b = propose(api, "bra", pid, PARA.replace("has always been", "has at all times been"))
    c = propose(api, "arg", pid, PARA.replace("it enriches", "it enriches and strengthens"))
    assert api.as_("usa").post(f"/api/amendments/{a}/sponsors").json()["sponsors"] == ["MEX", "USA"]

    report = api.as_("iom").get(f"/api/paragraphs/{pid}/amendments/overlaps").json()
    assert report["compared"] == [a, b, c]
    assert [(o["a"], o["b"]) for o in report["overlaps"]] == [(a, b)]
    conflict = report["overlaps"][0]["conflicts"][0]
    assert (conflict["base_text"], conflict["head_text"], conflict["amendment_text"]) == (
        "always ",
        "long ",
        "at all times ",
    )
    assert PARA[conflict["base_start"] : conflict["base_end"]] == "always "
    assert report["combinable_pairs"] == [[a, c], [b, c]]
    assert report["all_combinable"] is False and report["combined_text"] is None

    # The chair accepts MEX's amendment: version 2, attributed to its sponsors.
    accepted = chair.post(f"/api/amendments/{a}/accept", json={"expected_version": 1})
    assert accepted.status_code == 200, accepted.text
    assert accepted.json()["status"] == "accepted"
    assert accepted.json()["result_version"] == 2
    v2 = PARA.replace("has always been", "has long been")
    versions = chair.get(f"/api/paragraphs/{pid}/versions").json()
    assert [
        (v["number"], v["source"], v["delegation_code"], v["amendment_ids"]) for v in versions
    ] == [
        (1, "create", "PPT-RCM", []),
        (2, "amendment", "MEX", [a]),
    ]
    assert chair.get(f"/api/paragraphs/{pid}").json()["text"] == v2

    # Brazil's now conflicts with the head; Argentina's is carried over onto it.
    b_now = api.as_("bra").get(f"/api/amendments/{b}").json()
    assert b_now["rebase"]["status"] == "conflict"
    assert b_now["rebase"]["head_version"] == 2 and b_now["rebase"]["text"] is None
    assert [
        (x["base_text"], x["head_text"], x["amendment_text"]) for x in b_now["rebase"]["conflicts"]
    ] == [("always ", "long ", "at all times ")]
    c_now = api.as_("arg").get(f"/api/amendments/{c}").json()
    assert c_now["rebase"]["status"] == "applies_cleanly"
    assert c_now["rebase"]["text"] == v2.replace("it enriches", "it enriches and strengthens")

    refused = sacm.post(f"/api/amendments/{b}/accept", json={"expected_version": 2})
    assert refused.status_code == 409
    body = problem_of(refused)
    assert body["detail"].startswith(f"Amendment {b} no longer applies to version 2 of paragraph")
    assert body["head_version"] == 2
    assert body["conflicts"][0]["amendment_text"] == "at all times "

    pending = api.as_("iom").get(f"/api/paragraphs/{pid}/amendments?status=pending").json()
    assert [x["id"] for x in pending] == [b, c]

    # The chair merges both into a compromise she edits herself.
    compromise = v2.replace("has long been", "has long, indeed at all times, been").replace(
        "it enriches", "it enriches and strengthens"
    )
    merged = sacm.post(
        f"/api/paragraphs/{pid}/merge",
        json={"amendment_ids": [c, b], "text": compromise, "expected_version": 2},
    )
    assert merged.status_code == 200, merged.text
    assert (merged.json()["version"], merged.json()["text"]) == (3, compromise)
    statuses = {x["id"]: x["status"] for x in merged.json()["amendments"]}
    assert statuses == {b: "partly_accepted", c: "accepted"}
    versions = chair.get(f"/api/paragraphs/{pid}/versions").json()
    assert (versions[-1]["source"], versions[-1]["amendment_ids"]) == ("merge", sorted([b, c]))
    assert versions[-1]["delegation_code"] == "PPT-SACM"

    # A deletion proposal on another paragraph is rejected with a reason.
    third = doc["sections"][0]["paragraphs"][2]
    d = (
        api.as_("per")
        .post(
            f"/api/documents/{document}/amendments",
            json={"kind": "delete_paragraph", "paragraph_id": third["id"], "base_version": 1},
        )
        .json()["id"]
    )
    rejected = chair.post(f"/api/amendments/{d}/reject", json={"reason": "Agreed language."})
    assert rejected.json()["status"] == "rejected"

    assert chair.post(f"/api/documents/{document}/revisions", json={}).status_code == 201
    every = {x["id"]: x for x in api.as_("iom").get(f"/api/documents/{document}/amendments").json()}
    assert {i: every[i]["disposition"] for i in (a, b, c, d)} == {
        a: "Accepted by chair.rcm as version 2.",
        b: f"Partly accepted by chair.sacm: merged together with amendment {c} into the "
        "compromise text, version 3.",
        c: f"Accepted in full by chair.sacm in the compromise text, version 3, merged together "
        f"with amendment {b}.",
        d: "Rejected by chair.rcm: Agreed language.",
    }
    assert every[a]["sponsors"] == ["MEX", "USA"]

    table = chair.get(f"/api/documents/{document}/compare?from=0&to=1").json()["dispositions"]
    assert [(r["amendment_id"], r["status"], r["result_version"]) for r in table] == [
        (a, "accepted", 2),
        (b, "partly_accepted", 3),
        (c, "partly_accepted", 3),  # merged into the compromise, every word of it kept
        (d, "rejected", None),
    ]

    session.rollback()
    actions = session.exec(
        select(Event.action).where(Event.action.like("amendment.%")).order_by(Event.seq)
    ).all()
    assert actions == [
        "amendment.proposed",
        "amendment.proposed",
        "amendment.proposed",
        "amendment.sponsor_joined",
        "amendment.accepted",
        "amendment.merged",
        "amendment.proposed",
        "amendment.rejected",
    ]
    merged_event = session.exec(select(Event).where(Event.action == "amendment.merged")).one()
    assert merged_event.payload["accepted"] == [c]
    assert merged_event.payload["partly_accepted"] == [b]


def test_only_chairs_and_the_secretariat_decide(api, doc, session):
    pid = first_paragraph(doc)["id"]
    aid = propose(api, "mex", pid, PARA.replace("always", "long"))
    before = counts(session)
    for who in ("mex", "usa", "iom"):
        accept = api.as_(who).post(f"/api/amendments/{aid}/accept", json={"expected_version": 1})
        assert accept.status_code == 403
        reject = api.as_(who).post(f"/api/amendments/{aid}/reject", json={"reason": "No."})
        assert reject.status_code == 403
        merge = api.as_(who).post(
            f"/api/paragraphs/{pid}/merge",
            json={"amendment_ids": [aid], "text": "Other words.", "expected_version": 1},
        )
        assert merge.status_code == 403
    assert (
        problem_of(accept)["detail"]
        == "Only the co-chairs or the secretariat can accept amendments."
    )
    assert counts(session) == before
    done = api.as_("secretariat").post(
        f"/api/amendments/{aid}/accept", json={"expected_version": 1}
    )
    assert done.status_code == 200, done.text
    assert done.json()["decided_by"] == "secretariat"


def test_accepting_needs_the_current_head_and_a_pending_amendment(api, doc, session):
    chair = api.as_("chair.rcm")
    pid = first_paragraph(doc)["id"]
    aid = propose(api, "mex", pid, PARA.replace("always", "long"))
    before = counts(session)
    missing = chair.post(f"/api/amendments/{aid}/accept", json={})
    assert missing.status_code == 422
    assert problem_of(missing)["detail"] == (
        "Name the expected_version: the paragraph version you are deciding on."
    )
    stale = chair.post(f"/api/amendments/{aid}/accept", json={"expected_version": 3})
    assert stale.status_code == 409
    assert problem_of(stale)["current_version"] == 1
    assert "is at version 1, not 3" in problem_of(stale)["detail"]
    assert counts(session) == before

    assert chair.post(f"/api/amendments/{aid}/accept", json={"expected_version": 1}).is_success
    again = chair.post(f"/api/amendments/{aid}/accept", json={"expected_version": 2})
    assert again.status_code == 409
    assert problem_of(again)["detail"] == (
        f"Amendment {aid} is accepted: only a pending amendment can be accepted."
    )
    assert chair.post(f"/api/amendments/{aid}/reject", json={"reason": "x"}).status_code == 409
    assert api.as_("mex").post(f"/api/amendments/{aid}/withdraw").status_code == 409


def test_an_amendment_carried_over_a_moved_head_is_accepted_rebased(api, doc):
    chair = api.as_("chair.rcm")
    pid = first_paragraph(doc)["id"]
    aid = propose(api, "mex", pid, PARA.replace("always", "long"))
    v2 = PARA.replace("enriches", "benefits")
    assert chair.patch(
        f"/api/paragraphs/{pid}", json={"text": v2, "expected_version": 1}
    ).is_success
    done = chair.post(f"/api/amendments/{aid}/accept", json={"expected_version": 2})
    assert done.status_code == 200, done.text
    assert chair.get(f"/api/paragraphs/{pid}").json()["text"] == v2.replace("always", "long")


def test_an_amendment_the_head_already_carries_is_accepted_without_a_new_version(api, doc):
    chair = api.as_("chair.rcm")
    pid = first_paragraph(doc)["id"]
    aid = propose(api, "mex", pid, PARA.replace("always", "long"))
    v2 = PARA.replace("always", "long").replace("enriches", "benefits")
    assert chair.patch(
        f"/api/paragraphs/{pid}", json={"text": v2, "expected_version": 1}
    ).is_success
    assert api.as_("mex").get(f"/api/amendments/{aid}").json()["rebase"]["status"] == (
        "already_applied"
    )
    done = chair.post(f"/api/amendments/{aid}/accept", json={"expected_version": 2})
    assert done.status_code == 200, done.text
    assert (done.json()["status"], done.json()["result_version"]) == ("accepted", 2)
    assert done.json()["disposition"] == (
        "Accepted by chair.rcm: Version 2 already contained its changes."
    )
    assert chair.get(f"/api/paragraphs/{pid}").json()["head_version"] == 2


def test_rejection_needs_a_reason(api, doc, session):
    pid = first_paragraph(doc)["id"]
    aid = propose(api, "mex", pid, PARA.replace("always", "long"))
    before = counts(session)
    blank = api.as_("chair.rcm").post(f"/api/amendments/{aid}/reject", json={"reason": "  "})
    assert blank.status_code == 422
    assert problem_of(blank)["detail"] == "A rejection's reason cannot be empty."
    assert api.as_("chair.rcm").post(f"/api/amendments/{aid}/reject", json={}).status_code == 422
    assert counts(session) == before
    done = api.as_("chair.sacm").post(
        f"/api/amendments/{aid}/reject", json={"reason": " Departs from agreed language. "}
    )
    assert done.json()["decision_reason"] == "Departs from agreed language."
    assert done.json()["rebase"]["status"] == "not_applicable"


def test_merge_input_is_checked_before_anything_is_written(api, doc, session):
    chair = api.as_("chair.rcm")
    paragraphs = doc["sections"][0]["paragraphs"]
    pid, other = paragraphs[0]["id"], paragraphs[1]["id"]
    a = propose(api, "mex", pid, PARA.replace("always", "long"))
    elsewhere = propose(api, "bra", other, paragraphs[1]["text"] + " Always.")
    deletion = (
        api.as_("per")
        .post(
            f"/api/documents/{doc['id']}/amendments",
            json={"kind": "delete_paragraph", "paragraph_id": pid, "base_version": 1},
        )
        .json()["id"]
    )
    withdrawn = propose(api, "arg", pid, PARA.replace("enriches", "benefits"))
    api.as_("arg").post(f"/api/amendments/{withdrawn}/withdraw")
    url = f"/api/paragraphs/{pid}/merge"
    compromise = PARA.replace("always", "long")
    before = counts(session)
    cases = [
        ({"amendment_ids": []}, 422, "Name at least one amendment to merge."),
        ({"amendment_ids": [a, a]}, 422, "An amendment is named twice in amendment_ids."),
        ({"amendment_ids": [a, 999999]}, 422, "There is no amendment 999999."),
        ({"amendment_ids": [elsewhere]}, 422, f"Amendment {elsewhere} is not on paragraph {pid}."),
        (
            {"amendment_ids": [deletion]},
            422,
            f"Amendment {deletion} proposes to delete the paragraph; only wording amendments "
            "can be merged. Accept or reject it on its own.",
        ),
        (
            {"amendment_ids": [a, withdrawn]},
            409,
            f"Amendment {withdrawn} is withdrawn: only pending amendments can be merged.",
        ),
        (
            {"amendment_ids": [a], "text": "  "},
            422,
            "The compromise text cannot be empty or only spaces.",
        ),
        (
            {"amendment_ids": [a], "text": PARA},
            422,
            "The compromise text is the same as version 1; nothing to merge.",
        ),
        ({"amendment_ids": [a], "expected_version": 2}, 409, None),
    ]
    for override, status, detail in cases:
        payload = {"amendment_ids": [a], "text": compromise, "expected_version": 1, **override}
        response = chair.post(url, json=payload)
        assert response.status_code == status, (override, response.text)
        if detail:
            assert problem_of(response)["detail"] == detail
    assert counts(session) == before


def test_accepting_a_new_paragraph_renumbers_the_section(api, doc):
    chair = api.as_("chair.rcm")
    principles = doc["sections"][0]
    first, second = principles["paragraphs"][0], principles["paragraphs"][1]
    aid = (
        api.as_("col")
        .post(
            f"/api/documents/{doc['id']}/amendments",
            json={
                "kind": "insert_paragraph",
                "section": principles["id"],
                "after": first["id"],
                "text": "Migration governance is a shared responsibility.",
            },
        )
        .json()["id"]
    )
    wrong = chair.post(f"/api/amendments/{aid}/accept", json={"expected_version": 1})
    assert wrong.status_code == 422
    done = chair.post(f"/api/amendments/{aid}/accept", json={})
    assert done.status_code == 200, done.text
    body = done.json()
    new_id = body["paragraph_id"]
    assert (body["status"], body["result_version"], body["paragraph_label"]) == (
        "accepted",
        1,
        "1.2",
    )
    assert body["disposition"] == f"Accepted by chair.rcm: it became paragraph {new_id}."
    after = chair.get(f"/api/documents/{doc['id']}").json()["sections"][0]["paragraphs"]
    assert [(p["id"], p["label"]) for p in after] == [
        (first["id"], "1.1"),
        (new_id, "1.2"),
        (second["id"], "1.3"),
        (principles["paragraphs"][2]["id"], "1.4"),
    ]
    versions = chair.get(f"/api/paragraphs/{new_id}/versions").json()
    assert [(v["source"], v["delegation_code"], v["amendment_ids"]) for v in versions] == [
        ("amendment", "COL", [aid])
    ]


def test_accepting_a_deletion_supersedes_the_other_proposals_on_it(api, doc, session):
    chair = api.as_("chair.rcm")
    principles = doc["sections"][0]["paragraphs"]
    target = principles[1]
    wording = propose(api, "mex", target["id"], target["text"].replace("must", "shall"))
    deletion = (
        api.as_("ven")
        .post(
            f"/api/documents/{doc['id']}/amendments",
            json={"kind": "delete_paragraph", "paragraph_id": target["id"], "base_version": 1},
        )
        .json()["id"]
    )
    report = chair.get(f"/api/paragraphs/{target['id']}/amendments/overlaps").json()
    assert [(o["a"], o["b"]) for o in report["overlaps"]] == [(wording, deletion)]

    done = chair.post(f"/api/amendments/{deletion}/accept", json={"expected_version": 1})
    assert done.status_code == 200, done.text
    assert (
        done.json()["disposition"]
        == f"Accepted by chair.rcm: paragraph {target['id']} was deleted."
    )
    after = chair.get(f"/api/documents/{doc['id']}").json()["sections"][0]["paragraphs"]
    assert [(p["id"], p["label"]) for p in after] == [
        (principles[0]["id"], "1.1"),
        (principles[2]["id"], "1.2"),
    ]
    other = chair.get(f"/api/amendments/{wording}").json()
    assert other["status"] == "superseded"
    assert other["disposition"] == (
        f"Superseded: paragraph {target['id']} was deleted by accepting amendment {deletion}."
    )
    assert other["rebase"]["status"] == "not_applicable"
    # Its history stays readable under its stable id.
    listed = chair.get(f"/api/paragraphs/{target['id']}/amendments").json()
    assert [x["id"] for x in listed] == [wording, deletion]
    session.rollback()
    assert session.exec(
        select(Event.payload).where(Event.action == "amendment.superseded")
    ).all() == [{"by": deletion, "paragraph_id": target["id"]}]
    assert session.get(Amendment, wording).decided_by_account_id is not None
