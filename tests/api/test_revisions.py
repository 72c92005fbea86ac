"""Revisions (Zero draft, Rev.1 ...) and the document comparison through the public API."""

from sqlmodel import func, select

from app.models import Event, Revision, RevisionEntry
from tests.conftest import problem_of


def issue(api, document_id, who="chair.rcm", **body):
    response = api.as_(who).post(f"/api/documents/{document_id}/revisions", json=body)
    assert response.status_code == 201, response.text
    return response.json()


def paragraphs(doc):
    return [p for s in doc["sections"] for p in s["paragraphs"]]


def edit(api, paragraph, text, who="chair.rcm"):
    response = api.as_(who).patch(
        f"/api/paragraphs/{paragraph['id']}",
        json={"text": text, "expected_version": paragraph["head_version"]},
    )
    assert response.status_code == 200, response.text
    return response.json()


def counts(session):
    session.rollback()  # end the read snapshot: see what the app committed since
    return tuple(
        session.exec(select(func.count()).select_from(table)).one()
        for table in (Revision, RevisionEntry, Event)
    )


def test_the_first_revision_is_the_zero_draft_then_rev_1_and_rev_2(api, doc, document_id, session):
    zero = issue(api, document_id, note="  Circulated before the first round. ")
    assert zero["number"] == 0
    assert zero["label"] == "Zero draft"
    assert zero["note"] == "Circulated before the first round."
    assert zero["created_by"] == "chair.rcm"
    assert zero["paragraph_count"] == 10
    issue(api, document_id, who="secretariat")
    issue(api, document_id, who="chair.sacm")

    listed = api.as_("iom").get(f"/api/documents/{document_id}/revisions").json()
    assert [(r["number"], r["label"], r["created_by"]) for r in listed] == [
        (0, "Zero draft", "chair.rcm"),
        (1, "Rev.1", "secretariat"),
        (2, "Rev.2", "chair.sacm"),
    ]
    session.rollback()
    events = session.exec(select(Event).where(Event.action == "revision.issued")).all()
    assert [e.payload["label"] for e in events] == ["Zero draft", "Rev.1", "Rev.2"]
    assert events[0].payload["paragraphs"] == 10


def test_a_revision_keeps_its_text_whatever_happens_later(api, doc, document_id):
    before = api.as_("mex").get(f"/api/documents/{document_id}").json()
    issue(api, document_id)
    chair = api.as_("chair.rcm")
    first, second = paragraphs(doc)[:2]
    edit(api, first, "Migration is part of the history of the Americas.")
    assert chair.delete(f"/api/paragraphs/{second['id']}").status_code == 204
    added = chair.post(
        f"/api/documents/{document_id}/paragraphs",
        json={"section": "principles", "text": "A new first principle."},
    )
    assert added.status_code == 201

    zero = api.as_("usa").get(f"/api/documents/{document_id}/revisions/0").json()
    assert zero["label"] == "Zero draft"
    assert [s["title"] for s in zero["sections"]] == [s["title"] for s in before["sections"]]
    for then, now in zip(before["sections"], zero["sections"], strict=True):
        assert [(p["id"], p["label"], p["text"]) for p in now["paragraphs"]] == [
            (p["id"], p["label"], p["text"]) for p in then["paragraphs"]
        ]
    assert {p["version"] for p in paragraphs(zero)} == {1}


def test_an_old_revision_rebuilds_past_many_versions_and_snapshots(api, doc, document_id):
    paragraph = paragraphs(doc)[0]
    texts = {}
    for n in range(1, 25):  # past two snapshots (one every 10 versions)
        if n in (3, 12, 24):
            issue(api, document_id)
            texts[len(texts)] = paragraph["text"]
        paragraph = edit(api, paragraph, f"Version {n + 1} of the first principle, round {n}.")
    for number, text in texts.items():
        shown = api.as_("chair.rcm").get(f"/api/documents/{document_id}/revisions/{number}")
        assert paragraphs(shown.json())[0]["text"] == text


def test_only_the_chairs_and_secretariat_issue_revisions(api, document_id, session):
    before = counts(session)
    for who in ("mex", "iom"):
        response = api.as_(who).post(f"/api/documents/{document_id}/revisions", json={})
        assert response.status_code == 403
        assert problem_of(response)["detail"] == (
            "Only the co-chairs or the secretariat can issue revisions."
        )
    assert api.anonymous.post(f"/api/documents/{document_id}/revisions").status_code == 401
    assert counts(session) == before


def test_a_revision_number_already_taken_is_a_409_not_a_second_rev_1(api, document_id, session):
    issue(api, document_id, number=0)
    issue(api, document_id, number=1)
    before = counts(session)
    late = api.as_("chair.sacm").post(f"/api/documents/{document_id}/revisions", json={"number": 1})
    assert late.status_code == 409
    body = problem_of(late)
    assert body["detail"] == (
        "Rev.1 cannot be issued: the next revision of this document is Rev.2. "
        "Rev.1 is already issued."
    )
    assert body["next_number"] == 2
    assert counts(session) == before


def test_missing_revisions_are_404s_that_say_what_exists(api, document_id):
    chair = api.as_("chair.rcm")
    none_yet = chair.get(f"/api/documents/{document_id}/compare?from=0")
    assert none_yet.status_code == 404
    assert problem_of(none_yet)["detail"] == (
        f"Document {document_id} has no revision 0: it has no revisions yet."
    )
    issue(api, document_id)
    only_zero = chair.get(f"/api/documents/{document_id}/revisions/1")
    assert problem_of(only_zero)["detail"] == (
        f"Document {document_id} has no revision 1: only the Zero draft is issued."
    )
    issue(api, document_id)
    missing = chair.get(f"/api/documents/{document_id}/compare?from=0&to=7")
    assert missing.status_code == 404
    assert problem_of(missing)["detail"] == (
        f"Document {document_id} has no revision 7: its revisions are Zero draft to Rev.1."
    )
    assert chair.get("/api/documents/999/revisions").status_code == 404


def test_compare_refuses_a_backwards_or_unreadable_range(api, document_id):
    issue(api, document_id)
    issue(api, document_id)
    chair = api.as_("chair.rcm")
    backwards = chair.get(f"/api/documents/{document_id}/compare?from=1&to=0")
    assert backwards.status_code == 422
    assert problem_of(backwards)["detail"] == (
        "Compare an earlier revision with a later one: from=1 comes after to=0."
    )
    junk = chair.get(f"/api/documents/{document_id}/compare?from=0&to=latest")
    assert junk.status_code == 422
    assert problem_of(junk)["detail"] == (
        "'to' must be a revision number (0 for the Zero draft) or 'now', not 'latest'."
    )
    assert chair.get(f"/api/documents/{document_id}/compare").status_code == 422
    same = chair.get(f"/api/documents/{document_id}/compare?from=1&to=1").json()
    assert (same["added"], same["deleted"], same["moved"], same["changed"]) == ([], [], [], [])
    assert same["unchanged_count"] == 10


def test_compare_shows_added_deleted_moved_and_changed_paragraphs(api, doc, document_id):
    issue(api, document_id)
    chair = api.as_("chair.rcm")
    principles, commitments = doc["sections"][0]["paragraphs"], doc["sections"][1]["paragraphs"]
    # 1.2 reworded; 1.3 deleted; 2.3 moved to the start of Principles; a new 2.1 inserted.
    edit(api, principles[1], principles[1]["text"].replace("must be", "shall be"))
    assert chair.delete(f"/api/paragraphs/{principles[2]['id']}").status_code == 204
    moved = chair.post(
        f"/api/paragraphs/{commitments[2]['id']}/move", json={"section": "principles"}
    )
    assert moved.status_code == 200, moved.text
    new = chair.post(
        f"/api/documents/{document_id}/paragraphs",
        json={"section": "commitments", "text": "We commit to share <b>data</b> & statistics."},
    ).json()
    issue(api, document_id)

    result = api.as_("iom").get(f"/api/documents/{document_id}/compare?from=0&to=1").json()
    assert result["from_revision"]["label"] == "Zero draft"
    assert result["to_revision"]["label"] == "Rev.1"

    [added] = result["added"]
    assert added["paragraph_id"] == new["id"]
    assert added["old"] is None
    assert added["new"]["label"] == "2.1"
    assert added["segments"] == [["insert", "We commit to share <b>data</b> & statistics."]]
    assert (
        added["html"] == "<ins>We commit to share &lt;b&gt;data&lt;/b&gt; &amp; statistics.</ins>"
    )

    [deleted] = result["deleted"]
    assert deleted["paragraph_id"] == principles[2]["id"]
    assert (deleted["old"]["label"], deleted["new"]) == ("1.3", None)
    assert deleted["html"] == f"<del>{principles[2]['text']}</del>"

    [move] = result["moved"]
    assert move["paragraph_id"] == commitments[2]["id"]
    assert (move["old"]["label"], move["new"]["label"]) == ("2.3", "1.1")
    assert move["old"]["section_id"] != move["new"]["section_id"]
    assert move["segments"] == [["equal", commitments[2]["text"]]]

    [change] = result["changed"]
    assert change["paragraph_id"] == principles[1]["id"]
    assert (change["old"]["label"], change["new"]["label"]) == ("1.2", "1.3")
    assert (change["old"]["version"], change["new"]["version"]) == (1, 2)
    assert [s for s in change["segments"] if s[0] != "equal"] == [
        ["delete", "must"],
        ["insert", "shall"],
    ]
    assert "<del>must</del><ins>shall</ins>" in change["html"]
    assert result["unchanged_count"] == 7
    assert result["dispositions"] == []


def test_compare_with_now_shows_what_changed_since_the_last_revision(api, doc, document_id):
    issue(api, document_id)
    first = paragraphs(doc)[0]
    edit(api, first, first["text"] + " It always will be.")
    for to in ("", "&to=now"):
        result = api.as_("mex").get(f"/api/documents/{document_id}/compare?from=0{to}").json()
        assert result["to_revision"]["number"] is None
        assert result["to_revision"]["label"] == "now"
        assert [c["paragraph_id"] for c in result["changed"]] == [first["id"]]
        assert result["changed"][0]["new"]["version"] == 2
