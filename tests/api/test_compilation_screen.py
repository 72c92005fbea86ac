"""The compilation screen reads the exports' layout as data: a pending proposal as the text it
would produce now (or at a revision), conflicts marked, "[USA: delete]", a proposed new
paragraph under "3bis", positions on each option, the labels in the reader's language."""

from tests.api.test_exports import paragraphs_of
from tests.api.test_exports_compilation import ARG, BASE, NOW, SUR, VEN, _propose, _set_text
from tests.api.test_exports_history import issue_revision


def _screen(api, document_id, **params):
    response = api.as_("iom").get(f"/api/documents/{document_id}/compilation", params=params)
    assert response.status_code == 200, response.text
    return response.json()


def _paragraph(screen, paragraph_id):
    return next(
        p for s in screen["sections"] for p in s["paragraphs"] if p["key"] == str(paragraph_id)
    )


def test_options_are_shown_as_they_would_change_the_text_now(api, document_id, doc):
    paragraph = _set_text(api, paragraphs_of(doc)[1], BASE)
    base = paragraph["head_version"]
    sur = _propose(api, "sur", paragraph, SUR, base)
    arg = _propose(api, "arg", paragraph, ARG, base)
    _propose(api, "ven", paragraph, VEN, base)
    issue_revision(api, document_id)
    accepted = api.as_("chair.rcm").post(
        f"/api/amendments/{arg}/accept", json={"expected_version": base}
    )
    assert accepted.status_code == 200, accepted.text
    objected = api.as_("chl").put(
        f"/api/amendments/{sur}/positions/mine", json={"stance": "objection", "note": "Vague."}
    )
    assert objected.status_code == 200, objected.text

    shown = _paragraph(_screen(api, document_id), paragraph["id"])
    first, second = shown["options"]
    assert (first["label"], first["text"], first["conflict"]) == ("Alt 1 (SUR)", NOW, False)
    assert "".join(t for op, t in first["segments"] if op != "delete") == NOW
    assert "Positions on Alt 1 (SUR): objections by CHL (Vague.)" in first["notes"]
    assert (second["label"], second["conflict"]) == ("Alt 2 (VEN), in conflict", True)
    assert shown["text"] == f"[{BASE[:-1]} or humanitarian aid.]"

    # At the Zero draft: the proposals against that revision's text, ARG's still pending.
    then = _paragraph(_screen(api, document_id, revision=0), paragraph["id"])
    assert [o["text"] for o in then["options"]] == [SUR, ARG, VEN]
    spanish = _paragraph(_screen(api, document_id, lang="es"), paragraph["id"])
    assert spanish["options"][1]["label"] == "Alt. 2 (VEN), en conflicto"
    assert any(
        n.startswith("Posiciones sobre Alt. 1 (SUR)") for n in spanish["options"][0]["notes"]
    )


def test_a_deletion_and_a_new_paragraph_as_the_un_lays_them_out(api, document_id, doc):
    first, second = paragraphs_of(doc)[:2]
    body = {"kind": "delete_paragraph", "paragraph_id": second["id"], "base_version": 1}
    deleted = api.as_("usa").post(f"/api/documents/{document_id}/amendments", json=body)
    assert deleted.status_code == 201, deleted.text
    new = {
        "kind": "insert_paragraph",
        "section": doc["sections"][0]["key"],
        "after": first["id"],
        "text": "States will share data.",
    }
    inserted = api.as_("mex").post(f"/api/documents/{document_id}/amendments", json=new)
    assert inserted.status_code == 201, inserted.text

    screen = _screen(api, document_id)
    deletion = _paragraph(screen, second["id"])["options"][0]
    assert (deletion["label"], deletion["deletion"]) == ("USA: delete", True)
    proposal = _paragraph(screen, f"new-{inserted.json()['id']}")
    assert proposal["number"] == f"{first['label']}bis"
    assert (proposal["status"], proposal["text"]) == ("proposed", "[States will share data.]")
    assert "Proposed by: MEX" in proposal["notes"]


def test_the_screen_follows_every_change(api, document_id, doc):
    """The view is kept per state of the document: the next change shows at once."""
    first = paragraphs_of(doc)[0]
    before = _paragraph(_screen(api, document_id), first["id"])
    proposed = _propose(api, "mex", first, first["text"] + " Each year.", first["head_version"])
    after = _paragraph(_screen(api, document_id), first["id"])
    assert [o["amendment_id"] for o in after["options"]] == [
        *(o["amendment_id"] for o in before["options"]),
        proposed,
    ]
    assert _screen(api, document_id) == _screen(api, document_id)  # the same state, kept
