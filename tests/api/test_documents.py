"""The document, its paragraphs and versions through the public API."""

from sqlmodel import func, select

from app.models import Event, ParagraphVersion
from tests.conftest import first_paragraph, problem_of


def counts(session):
    session.rollback()  # end the read snapshot: see what the app committed since
    return (
        session.exec(select(func.count()).select_from(ParagraphVersion)).one(),
        session.exec(select(func.count()).select_from(Event)).one(),
    )


def test_demo_document_has_four_sections_with_numbered_paragraphs(doc):
    assert [s["title"] for s in doc["sections"]] == [
        "Principles",
        "Commitments",
        "Understandings",
        "Bi-regional strategy on extra-regional and extra-continental flows",
    ]
    principles = doc["sections"][0]["paragraphs"]
    assert [p["number"] for p in principles] == [1, 2, 3]
    assert [p["label"] for p in principles] == ["1.1", "1.2", "1.3"]
    assert all(p["head_version"] == 1 and p["text"] for p in principles)


def test_chair_edits_a_paragraph_and_reads_the_word_diff(api, doc):
    chair = api.as_("chair.rcm")
    paragraph = first_paragraph(doc)
    new_text = paragraph["text"].replace("always been", "long been")
    response = chair.patch(
        f"/api/paragraphs/{paragraph['id']}",
        json={"text": new_text, "expected_version": 1, "note": "Tighter wording"},
    )
    assert response.status_code == 200, response.text
    assert response.json()["head_version"] == 2
    assert response.json()["text"] == new_text

    diff = chair.get(f"/api/paragraphs/{paragraph['id']}/diff?from=1&to=2").json()
    changed = [(op, text.strip()) for op, text in diff["segments"] if op != "equal"]
    assert changed == [("delete", "always"), ("insert", "long")]
    assert "".join(t for op, t in diff["segments"] if op != "insert") == paragraph["text"]
    assert "".join(t for op, t in diff["segments"] if op != "delete") == new_text
    assert "<del>always</del>" in diff["html"].replace(" </del>", "</del>")

    versions = chair.get(f"/api/paragraphs/{paragraph['id']}/versions").json()
    assert [(v["number"], v["source"], v["author"]) for v in versions] == [
        (1, "create", "chair.rcm"),
        (2, "edit", "chair.rcm"),
    ]
    v1 = chair.get(f"/api/paragraphs/{paragraph['id']}/versions/1").json()
    assert v1["text"] == paragraph["text"]


def test_a_stale_expected_version_is_a_409_naming_the_head(api, doc, session):
    chair = api.as_("chair.sacm")
    paragraph = first_paragraph(doc)
    url = f"/api/paragraphs/{paragraph['id']}"
    assert chair.patch(url, json={"text": "First edit.", "expected_version": 1}).status_code == 200
    before = counts(session)
    response = chair.patch(url, json={"text": "Second edit.", "expected_version": 1})
    assert response.status_code == 409
    body = problem_of(response)
    assert body["current_version"] == 2
    assert "is at version 2, not 1" in body["detail"]
    assert counts(session) == before


def test_bad_input_is_a_clear_4xx_and_writes_nothing(api, doc, session):
    chair = api.as_("chair.rcm")
    paragraph = first_paragraph(doc)
    url = f"/api/paragraphs/{paragraph['id']}"
    before = counts(session)

    spaces = chair.patch(url, json={"text": "   \n\t ", "expected_version": 1})
    assert spaces.status_code == 422
    assert problem_of(spaces)["detail"] == "A paragraph cannot be empty or only spaces."

    huge = chair.patch(url, json={"text": "x" * 5_000_000, "expected_version": 1})
    assert huge.status_code == 413
    assert "larger than the limit" in problem_of(huge)["detail"]

    unknown = chair.patch("/api/paragraphs/999999", json={"text": "x", "expected_version": 1})
    assert unknown.status_code == 404
    assert problem_of(unknown)["detail"] == "There is no paragraph 999999."

    missing = chair.patch(url, json={"expected_version": 1})
    assert missing.status_code == 422
    assert "text" in problem_of(missing)["detail"]

    not_json = chair.patch(url, content=b"{not json", headers={"content-type": "application/json"})
    assert not_json.status_code == 422
    problem_of(not_json)

    same = chair.patch(url, json={"text": paragraph["text"], "expected_version": 1})
    assert same.status_code == 422
    assert counts(session) == before


def test_delegations_and_observers_cannot_edit_the_text_directly(api, doc):
    paragraph = first_paragraph(doc)
    for username in ("mex", "iom"):
        response = api.as_(username).patch(
            f"/api/paragraphs/{paragraph['id']}", json={"text": "Mine now.", "expected_version": 1}
        )
        assert response.status_code == 403
        problem_of(response)


def test_inserting_a_paragraph_renumbers_the_section_and_ids_stay(api, doc, document_id):
    chair = api.as_("secretariat")
    principles = doc["sections"][0]
    first = principles["paragraphs"][0]
    response = chair.post(
        f"/api/documents/{document_id}/paragraphs",
        json={"section": principles["id"], "after": first["id"], "text": "A new second principle."},
    )
    assert response.status_code == 201, response.text
    assert response.json()["number"] == 2
    after = chair.get(f"/api/documents/{document_id}").json()["sections"][0]["paragraphs"]
    assert [p["text"] for p in after][1] == "A new second principle."
    assert [p["id"] for p in after][2:] == [p["id"] for p in principles["paragraphs"]][1:]
    assert [p["number"] for p in after] == [1, 2, 3, 4]


def test_a_deleted_paragraph_leaves_the_text_but_keeps_its_history(api, doc, document_id):
    chair = api.as_("chair.rcm")
    paragraph = first_paragraph(doc)
    assert chair.delete(f"/api/paragraphs/{paragraph['id']}").status_code == 204
    principles = chair.get(f"/api/documents/{document_id}").json()["sections"][0]["paragraphs"]
    assert paragraph["id"] not in [p["id"] for p in principles]
    assert [p["number"] for p in principles] == [1, 2]
    versions = chair.get(f"/api/paragraphs/{paragraph['id']}/versions")
    assert versions.status_code == 200 and len(versions.json()) == 1
    assert (
        chair.get(f"/api/paragraphs/{paragraph['id']}/versions/1").json()["text"]
        == paragraph["text"]
    )


def test_moving_a_paragraph_to_another_section(api, doc, document_id):
    chair = api.as_("chair.rcm")
    paragraph = first_paragraph(doc)
    target = doc["sections"][2]
    response = chair.post(
        f"/api/paragraphs/{paragraph['id']}/move",
        json={"section": target["key"], "after": target["paragraphs"][-1]["id"]},
    )
    assert response.status_code == 200, response.text
    now = chair.get(f"/api/documents/{document_id}").json()
    assert now["sections"][2]["paragraphs"][-1]["id"] == paragraph["id"]
    assert len(now["sections"][0]["paragraphs"]) == 2


def test_every_write_appends_to_the_event_log_in_order(api, doc, document_id):
    chair = api.as_("chair.rcm")
    paragraph = first_paragraph(doc)
    before = chair.get(f"/api/documents/{document_id}/events").json()
    chair.patch(
        f"/api/paragraphs/{paragraph['id']}", json={"text": "Edited.", "expected_version": 1}
    )
    events = chair.get(f"/api/documents/{document_id}/events?after={before[-1]['seq']}").json()
    assert len(events) == 1
    event = events[0]
    assert event["seq"] == before[-1]["seq"] + 1
    assert (event["action"], event["target_id"], event["actor"]) == (
        "paragraph.edited",
        paragraph["id"],
        "chair.rcm",
    )
    assert event["delegation_code"] == "PPT-RCM"
    assert event["payload"]["version"] == 2


def test_the_text_at_a_past_moment(api, doc, document_id):
    chair = api.as_("chair.rcm")
    paragraph = first_paragraph(doc)
    moment = chair.get(f"/api/paragraphs/{paragraph['id']}/versions").json()[0]["created_at"]
    chair.patch(
        f"/api/paragraphs/{paragraph['id']}", json={"text": "Later text.", "expected_version": 1}
    )
    past = chair.get(f"/api/documents/{document_id}", params={"at": moment}).json()
    assert first_paragraph(past)["text"] == paragraph["text"]
    assert first_paragraph(past)["head_version"] == 1


def test_only_chairs_create_documents(api):
    body = {"title": "Declaration", "sections": ["Preamble", "Operative"]}
    assert api.as_("mex").post("/api/documents", json=body).status_code == 403
    created = api.as_("chair.sacm").post("/api/documents", json=body)
    assert created.status_code == 201
    assert [s["key"] for s in created.json()["sections"]] == ["preamble", "operative"]


def test_the_frontend_is_served_but_not_its_tooling(api):
    client = api.anonymous
    assert client.get("/static/js/app.js").status_code == 200
    assert client.get("/static/i18n/es.json").status_code == 200
    for path in (
        "package.json",
        "eslint.config.js",
        "node_modules/.package-lock.json",
        "README.md",
    ):
        assert client.get(f"/static/{path}").status_code == 404, path
