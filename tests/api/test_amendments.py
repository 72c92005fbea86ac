"""Delegations propose, co-sponsor, revise, withdraw and discuss amendments through the API."""

from __future__ import annotations

from sqlmodel import func, select

from app.drafting.patches import apply_patch, text_hash
from app.models import Amendment, AmendmentSponsor, AmendmentVersion, Comment, Event, Paragraph
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
        for t in (Amendment, AmendmentVersion, AmendmentSponsor, Comment, Event)
    )


def propose(api, who, paragraph_id, text, base_version=1, rationale="Clearer."):
    return api.as_(who).post(
        f"/api/paragraphs/{paragraph_id}/amendments",
        json={"base_version": base_version, "text": text, "rationale": rationale},
    )


def test_a_delegation_proposes_new_wording_and_reads_the_word_redline(api, doc, session):
    paragraph = first_paragraph(doc)
    assert paragraph["text"] == PARA
    text = PARA.replace("always been", "long been an essential")
    response = propose(api, "mex", paragraph["id"], text)
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["kind"] == "modify"
    assert body["status"] == "pending"
    assert body["paragraph_id"] == paragraph["id"]
    assert body["paragraph_label"] == "1.1"
    assert body["proposer"] == "MEX"
    assert body["sponsors"] == ["MEX"]
    assert body["author"] == "mex"
    assert body["revision"] == 1
    assert [(v["number"], v["base_version"], v["author"]) for v in body["versions"]] == [
        (1, 1, "mex")
    ]
    # Whole words only (semantic cleanup folds the lone "been" into the change).
    changed = [(op, t.strip()) for op, t in body["redline"] if op != "equal"]
    assert changed == [("delete", "always been"), ("insert", "long been an essential")]
    assert "".join(t for op, t in body["redline"] if op != "insert") == PARA
    assert "".join(t for op, t in body["redline"] if op != "delete") == text
    assert "<ins>" in body["redline_html"] and "<del>" in body["redline_html"]
    assert body["rebase"] == {
        "status": "applies_cleanly",
        "head_version": 1,
        "text": text,
        "conflicts": [],
        "reason": "",
        "reason_code": None,
    }
    assert body["disposition"] == "Pending, sponsored by MEX."

    session.rollback()
    row = session.get(Amendment, body["id"])
    assert apply_patch(PARA, row.patch) == text
    assert row.text_sha256 == text_hash(text)
    event = session.exec(select(Event).where(Event.action == "amendment.proposed")).one()
    assert event.delegation_code == "MEX"
    assert event.payload["paragraph_id"] == paragraph["id"]
    assert api.as_("iom").get(f"/api/amendments/{body['id']}").json()["text"] == text


def test_redlines_show_whole_words_never_fragments(api, doc):
    paragraph = first_paragraph(doc)
    text = PARA.replace("enriches", "enriched")
    body = propose(api, "bra", paragraph["id"], text).json()
    changed = [(op, t.strip()) for op, t in body["redline"] if op != "equal"]
    assert changed == [("delete", "enriches"), ("insert", "enriched")]


def test_user_text_is_data_not_markup(api, doc):
    paragraph = first_paragraph(doc)
    text = PARA + " <script>alert(1)</script> & more"
    body = propose(api, "mex", paragraph["id"], text).json()
    assert body["text"] == text
    assert "<script>" not in body["redline_html"]
    assert "&lt;script&gt;" in body["redline_html"]


def test_bad_proposals_are_clear_4xx_and_write_nothing(api, doc, session):
    pid = first_paragraph(doc)["id"]
    before = counts(session)

    same = propose(api, "mex", pid, PARA + "  ")
    assert same.status_code == 422
    assert problem_of(same)["detail"] == (
        "The amendment changes nothing: the proposed text is the same as version 1."
    )
    empty = propose(api, "mex", pid, "  ")
    assert problem_of(empty)["detail"] == "The proposed text cannot be empty or only spaces."
    no_version = propose(api, "mex", pid, "Other words.", base_version=7)
    assert no_version.status_code == 422
    assert problem_of(no_version)["detail"] == (
        f"Paragraph {pid} has versions 1 to 1; there is no version 7."
    )
    long_rationale = propose(api, "mex", pid, "Other words.", rationale="x" * 4001)
    assert problem_of(long_rationale)["detail"] == (
        "The rationale is 4001 characters long; the limit is 4000."
    )
    nul = propose(api, "mex", pid, "Other\x00 words.")
    assert problem_of(nul)["detail"] == "The proposed text cannot contain NUL characters."
    missing = api.as_("mex").post(f"/api/paragraphs/{pid}/amendments", json={"text": "x"})
    assert missing.status_code == 422
    assert "base_version" in problem_of(missing)["detail"]
    nowhere = propose(api, "mex", 999999, "Other words.")
    assert nowhere.status_code == 404
    assert problem_of(nowhere)["detail"] == "There is no paragraph 999999."
    assert counts(session) == before


def test_observers_the_secretariat_and_anonymous_cannot_propose(api, doc, session):
    pid = first_paragraph(doc)["id"]
    before = counts(session)
    observer = propose(api, "iom", pid, "Other words.")
    assert observer.status_code == 403
    assert problem_of(observer)["detail"] == (
        "Observers read and comment; they cannot propose amendments."
    )
    # A co-chair's proposal is the chairs' text (tests/api/test_chairs_proposal.py).
    secretariat = propose(api, "secretariat", pid, "Other words.")
    assert secretariat.status_code == 403
    assert problem_of(secretariat)["detail"] == (
        "Only a member delegation can propose amendments; the chairs do not take sides."
    )
    anonymous = api.anonymous.post(
        f"/api/paragraphs/{pid}/amendments", json={"base_version": 1, "text": "Other words."}
    )
    assert anonymous.status_code == 401
    assert counts(session) == before


def test_a_frozen_paragraph_takes_no_new_amendments(api, doc, session):
    pid = first_paragraph(doc)["id"]
    session.rollback()
    session.get(Paragraph, pid).frozen = True
    session.commit()
    response = propose(api, "mex", pid, "Other words.")
    assert response.status_code == 409
    assert problem_of(response)["detail"] == (
        "The chairs have frozen this paragraph: no new amendments."
    )


def test_proposing_against_an_older_version_names_it(api, doc):
    chair = api.as_("chair.rcm")
    pid = first_paragraph(doc)["id"]
    v2 = PARA.replace("enriches", "benefits")
    assert chair.patch(
        f"/api/paragraphs/{pid}", json={"text": v2, "expected_version": 1}
    ).is_success
    body = propose(api, "arg", pid, PARA.replace("always been", "been"), base_version=1).json()
    assert body["base_version"] == 1
    # Redline against what the delegation read; rebased onto the head it keeps both changes.
    assert [t.strip() for op, t in body["redline"] if op == "delete"] == ["always"]
    assert body["rebase"]["status"] == "applies_cleanly"
    assert body["rebase"]["head_version"] == 2
    assert body["rebase"]["text"] == v2.replace("always been", "been")


def test_structural_amendments_insert_and_delete_paragraphs(api, doc, session):
    mex = api.as_("mex")
    principles = doc["sections"][0]
    after = principles["paragraphs"][0]["id"]
    url = f"/api/documents/{doc['id']}/amendments"
    insert = mex.post(
        url,
        json={
            "kind": "insert_paragraph",
            "section": principles["key"],
            "after": after,
            "text": "Migration governance is a shared responsibility.",
            "rationale": "A missing principle.",
        },
    )
    assert insert.status_code == 201, insert.text
    body = insert.json()
    assert (body["kind"], body["paragraph_id"], body["after_paragraph_id"]) == (
        "insert_paragraph",
        None,
        after,
    )
    assert body["section_id"] == principles["id"]
    assert body["redline"] == [["insert", "Migration governance is a shared responsibility."]]
    assert body["rebase"]["status"] == "applies_cleanly"

    last = principles["paragraphs"][2]
    delete = mex.post(
        url,
        json={"kind": "delete_paragraph", "paragraph_id": last["id"], "base_version": 1},
    )
    assert delete.status_code == 201, delete.text
    assert delete.json()["text"] == ""
    assert delete.json()["redline"] == [["delete", last["text"]]]

    before = counts(session)
    errors = {
        "Say in which section the new paragraph goes (section id or key).": {
            "kind": "insert_paragraph",
            "text": "New.",
        },
        f"Paragraph {after} is not in section 'commitments'.": {
            "kind": "insert_paragraph",
            "section": "commitments",
            "after": after,
            "text": "New.",
        },
        "The proposed paragraph cannot be empty or only spaces.": {
            "kind": "insert_paragraph",
            "section": "principles",
            "text": " ",
        },
        "Name the paragraph_id of the paragraph to delete.": {"kind": "delete_paragraph"},
        "Name the base_version: the version of the paragraph you are amending.": {
            "kind": "delete_paragraph",
            "paragraph_id": last["id"],
        },
        f"Document {doc['id']} has no paragraph 999999.": {
            "kind": "delete_paragraph",
            "paragraph_id": 999999,
            "base_version": 1,
        },
        "A deletion proposes no text; leave `text` empty.": {
            "kind": "delete_paragraph",
            "paragraph_id": last["id"],
            "base_version": 1,
            "text": "Something",
        },
    }
    for detail, payload in errors.items():
        response = mex.post(url, json=payload)
        assert response.status_code == 422, (detail, response.text)
        assert problem_of(response)["detail"] == detail
    modify = mex.post(url, json={"kind": "modify", "paragraph_id": after, "base_version": 1})
    assert problem_of(modify)["detail"].startswith("This endpoint takes insert_paragraph or")
    assert api.as_("unhcr").post(url, json=errors[next(iter(errors))]).status_code == 403
    assert counts(session) == before

    listed = api.as_("iom").get(url).json()
    assert [a["kind"] for a in listed] == ["insert_paragraph", "delete_paragraph"]
    assert [a["id"] for a in api.as_("iom").get(f"{url}?status=pending").json()] == [
        a["id"] for a in listed
    ]
    assert api.as_("iom").get(f"{url}?status=accepted").json() == []
    bad = api.as_("iom").get(f"{url}?status=maybe")
    assert bad.status_code == 422


def test_co_sponsors_join_and_leave_and_history_is_kept(api, doc, session):
    pid = first_paragraph(doc)["id"]
    aid = propose(api, "mex", pid, PARA.replace("always", "long")).json()["id"]
    url = f"/api/amendments/{aid}/sponsors"

    joined = api.as_("usa").post(url)
    assert joined.status_code == 201, joined.text
    assert joined.json()["sponsors"] == ["MEX", "USA"]
    assert api.as_("bra").post(url, json={"code": "BRA"}).json()["sponsors"] == [
        "MEX",
        "USA",
        "BRA",
    ]

    left = api.as_("usa").delete(f"{url}/USA")
    assert left.status_code == 200, left.text
    body = left.json()
    assert body["sponsors"] == ["MEX", "BRA"]
    history = {s["code"]: s for s in body["sponsor_history"]}
    assert history["USA"]["left_at"] is not None
    assert history["USA"]["joined_by"] == "usa"

    again = api.as_("usa").post(url)
    assert again.json()["sponsors"] == ["MEX", "BRA", "USA"]
    # Joining again is a new row: the first sponsorship, and when it ended, stay on record.
    usa = [s for s in again.json()["sponsor_history"] if s["code"] == "USA"]
    assert [s["left_at"] is None for s in usa] == [False, True]
    assert usa[0]["joined_at"] < usa[0]["left_at"] <= usa[1]["joined_at"]

    # The chairs may record that a delegation left (it told them from the floor).
    assert api.as_("chair.sacm").delete(f"{url}/bra").json()["sponsors"] == ["MEX", "USA"]

    session.rollback()
    actions = session.exec(
        select(Event.action, Event.payload)
        .where(Event.action.like("amendment.sponsor%"))
        .order_by(Event.seq)
    ).all()
    assert actions == [
        ("amendment.sponsor_joined", {"code": "USA", "revision": 1}),
        ("amendment.sponsor_joined", {"code": "BRA", "revision": 1}),
        ("amendment.sponsor_left", {"code": "USA"}),
        ("amendment.sponsor_joined", {"code": "USA", "revision": 1}),
        ("amendment.sponsor_left", {"code": "BRA"}),
    ]


def test_sponsorship_rules_are_enforced(api, doc, session):
    pid = first_paragraph(doc)["id"]
    aid = propose(api, "mex", pid, PARA.replace("always", "long")).json()["id"]
    url = f"/api/amendments/{aid}/sponsors"
    assert api.as_("usa").post(url).status_code == 201
    before = counts(session)
    cases = [
        (
            api.as_("mex").post(url),
            409,
            f"MEX proposed amendment {aid}; it is already its sponsor.",
        ),
        (api.as_("usa").post(url), 409, f"USA already co-sponsors amendment {aid}."),
        (
            api.as_("bra").post(url, json={"code": "ARG"}),
            403,
            "A delegate acts only for their own delegation (BRA), not for ARG.",
        ),
        (
            api.as_("iom").post(url),
            403,
            "Observers read and comment; they cannot co-sponsor amendments.",
        ),
        (
            api.as_("chair.rcm").post(url),
            403,
            "Only a member delegation can co-sponsor amendments; the chairs do not take sides.",
        ),
        (
            api.as_("bra").delete(f"{url}/USA"),
            403,
            "A delegate acts only for their own delegation (BRA), not for USA.",
        ),
        (
            api.as_("mex").delete(f"{url}/MEX"),
            409,
            f"MEX proposed amendment {aid} and cannot leave it; withdraw it instead.",
        ),
        (api.as_("bra").delete(f"{url}/BRA"), 404, f"BRA does not co-sponsor amendment {aid}."),
        (api.as_("iom").delete(f"{url}/USA"), 403, None),
        (api.as_("bra").post("/api/amendments/999999/sponsors"), 404, None),
    ]
    for response, status, detail in cases:
        assert response.status_code == status, response.text
        if detail:
            assert problem_of(response)["detail"] == detail
    assert counts(session) == before

    assert api.as_("mex").post(f"/api/amendments/{aid}/withdraw").status_code == 200
    late = api.as_("bra").post(url)
    assert late.status_code == 409
    assert problem_of(late)["detail"] == (
        f"Amendment {aid} is withdrawn: only a pending amendment takes co-sponsors."
    )


def test_the_proposer_revises_and_every_version_is_kept(api, doc, session):
    chair = api.as_("chair.rcm")
    pid = first_paragraph(doc)["id"]
    first = PARA.replace("always", "long")
    aid = propose(api, "mex", pid, first).json()["id"]
    api.as_("usa").post(f"/api/amendments/{aid}/sponsors")
    url = f"/api/amendments/{aid}"

    second = PARA.replace("always", "for centuries")
    revised = api.as_("mex").put(url, json={"text": second, "rationale": "Historically exact."})
    assert revised.status_code == 200, revised.text
    body = revised.json()
    assert (body["revision"], body["text"], body["rationale"]) == (2, second, "Historically exact.")
    assert body["author"] == "mex"  # who first proposed it; each version names its own author
    assert [(v["number"], v["text"], v["author"]) for v in body["versions"]] == [
        (1, first, "mex"),
        (2, second, "mex"),
    ]

    # The head moves; the sponsors carry their text onto it themselves.
    v2 = PARA.replace("enriches", "benefits")
    assert chair.patch(
        f"/api/paragraphs/{pid}", json={"text": v2, "expected_version": 1}
    ).is_success
    rebased = api.as_("mex").put(
        url, json={"base_version": 2, "text": v2.replace("always", "long")}
    )
    assert rebased.status_code == 200, rebased.text
    assert (rebased.json()["revision"], rebased.json()["base_version"]) == (3, 2)
    assert [t.strip() for op, t in rebased.json()["redline"] if op == "delete"] == ["always"]

    before = counts(session)
    cases = [
        (api.as_("mex").put(url, json={}), 422, None),
        (
            api.as_("mex").put(url, json={"text": v2}),
            422,
            "The amendment changes nothing: the proposed text is the same as version 2.",
        ),
        (api.as_("mex").put(url, json={"base_version": 5}), 422, None),
        (
            api.as_("bra").put(url, json={"text": "Other."}),
            403,
            f"Only the proposer of amendment {aid} (MEX) can revise it.",
        ),
        (
            api.as_("usa").put(url, json={"text": "Other."}),
            403,
            f"USA co-sponsors amendment {aid}; only its proposer, MEX, can revise it. "
            "A co-sponsor can leave it instead.",
        ),
        (api.as_("chair.rcm").put(url, json={"text": "Other."}), 403, None),
        (api.as_("iom").put(url, json={"text": "Other."}), 403, None),
    ]
    for response, status, detail in cases:
        assert response.status_code == status, response.text
        if detail:
            assert problem_of(response)["detail"] == detail
    assert problem_of(cases[0][0])["detail"] == (
        "The revision changes nothing: same text, base version and rationale."
    )
    assert counts(session) == before
    session.rollback()
    assert [
        e.payload["revision"]
        for e in session.exec(select(Event).where(Event.action == "amendment.revised"))
    ] == [2, 3]


def test_a_co_sponsor_that_left_can_no_longer_revise(api, doc):
    pid = first_paragraph(doc)["id"]
    aid = propose(api, "mex", pid, PARA.replace("always", "long")).json()["id"]
    api.as_("usa").post(f"/api/amendments/{aid}/sponsors")
    api.as_("usa").delete(f"/api/amendments/{aid}/sponsors/USA")
    response = api.as_("usa").put(f"/api/amendments/{aid}", json={"text": "Other words."})
    assert response.status_code == 403
    assert (
        problem_of(response)["detail"]
        == f"Only the proposer of amendment {aid} (MEX) can revise it."
    )


def test_withdrawal_by_a_sponsor_only_and_only_while_pending(api, doc, session):
    pid = first_paragraph(doc)["id"]
    aid = propose(api, "mex", pid, PARA.replace("always", "long")).json()["id"]
    url = f"/api/amendments/{aid}/withdraw"
    before = counts(session)
    other = api.as_("bra").post(url)
    assert other.status_code == 403
    assert (
        problem_of(other)["detail"]
        == f"Only the proposer of amendment {aid} (MEX) can withdraw it."
    )
    assert api.as_("chair.rcm").post(url).status_code == 403
    assert counts(session) == before

    done = api.as_("mex").post(url, json={"reason": "Overtaken by the informal consultations."})
    assert done.status_code == 200, done.text
    body = done.json()
    assert body["status"] == "withdrawn"
    assert body["decided_by"] == "mex"
    assert body["disposition"] == "Withdrawn by mex: Overtaken by the informal consultations."
    assert body["rebase"]["status"] == "not_applicable"

    twice = api.as_("mex").post(url)
    assert twice.status_code == 409
    assert problem_of(twice)["detail"] == (
        f"Amendment {aid} is withdrawn: only a pending amendment can be withdrawn."
    )
    assert problem_of(twice)["amendment_status"] == "withdrawn"
    revise = api.as_("mex").put(f"/api/amendments/{aid}", json={"text": "Other words."})
    assert revise.status_code == 409


def test_members_observers_and_chairs_discuss_an_amendment(api, doc, session):
    pid = first_paragraph(doc)["id"]
    aid = propose(api, "mex", pid, PARA.replace("always", "long")).json()["id"]
    url = f"/api/amendments/{aid}/comments"
    for who, body in [
        ("iom", "IOM data supports 'long'."),
        ("bra", "Brazil can go along."),
        ("chair.rcm", "Noted; back in the afternoon."),
    ]:
        response = api.as_(who).post(url, json={"body": f"  {body}  "})
        assert response.status_code == 201, response.text
        assert response.json()["body"] == body
    listed = api.as_("usa").get(url).json()
    assert [(c["author"], c["participant_code"], c["body"]) for c in listed] == [
        ("iom", "IOM", "IOM data supports 'long'."),
        ("bra", "BRA", "Brazil can go along."),
        ("chair.rcm", "PPT-RCM", "Noted; back in the afternoon."),
    ]
    assert all(c["paragraph_id"] == pid for c in listed)

    before = counts(session)
    blank = api.as_("iom").post(url, json={"body": "   "})
    assert blank.status_code == 422
    assert problem_of(blank)["detail"] == "A comment cannot be empty."
    long = api.as_("iom").post(url, json={"body": "x" * 4001})
    assert problem_of(long)["detail"] == "A comment is 4001 characters long; the limit is 4000."
    assert api.anonymous.post(url, json={"body": "Hi"}).status_code == 401
    assert (
        api.as_("iom").post("/api/amendments/999999/comments", json={"body": "Hi"}).status_code
        == 404
    )
    assert counts(session) == before
    session.rollback()
    assert session.exec(select(func.count()).where(Event.action == "comment.added")).one() == 3
