"""Blame: who wrote each phrase of a paragraph version, in words a delegate can read."""

from tests.api.test_revisions_disposition import (
    CONSULAR_ARG,
    CONSULAR_COL,
    CONSULAR_MERGED,
    SOVEREIGNTY,
    Negotiation,
)
from tests.conftest import first_paragraph, problem_of


def issue(api, document_id):
    response = api.as_("chair.rcm").post(f"/api/documents/{document_id}/revisions", json={})
    assert response.status_code == 201, response.text


def blame(api, paragraph_id, query="", who="iom"):
    response = api.as_(who).get(f"/api/paragraphs/{paragraph_id}/blame{query}")
    assert response.status_code == 200, response.text
    body = response.json()
    # Every character attributed exactly once, in order.
    assert "".join(s["text"] for s in body["spans"]) == body["text"]
    assert [s["start"] for s in body["spans"]] == [0] + [s["end"] for s in body["spans"][:-1]]
    assert all(s["end"] - s["start"] == len(s["text"]) for s in body["spans"])
    return body


def phrases(body):
    return [(s["text"].strip(), s["version"], s["summary"]) for s in body["spans"]]


def test_blame_after_direct_edits_names_each_version(api, doc, document_id):
    paragraph = first_paragraph(doc)
    url = f"/api/paragraphs/{paragraph['id']}"
    issue(api, document_id)
    text2 = paragraph["text"].replace("has always been", "has for centuries been")
    assert api.as_("chair.sacm").patch(url, json={"text": text2, "expected_version": 1}).is_success
    issue(api, document_id)
    text3 = text2.replace("The member states", "The Member States")
    assert api.as_("secretariat").patch(url, json={"text": text3, "expected_version": 2}).is_success

    body = blame(api, paragraph["id"])
    assert body["version"] == 3
    assert [(s["text"].strip(), s["version"]) for s in body["spans"][:4]] == [
        ("The", 1),
        ("Member States", 3),
        (
            "of the Regional Conference on Migration and of the South American Conference on "
            "Migration recognise that migration has",
            1,
        ),
        ("for centuries", 2),
    ]
    by_version = {s["version"]: s for s in body["spans"]}
    assert by_version[1]["summary"] == "Zero draft text"
    assert by_version[1]["revision_label"] == "Zero draft"
    assert by_version[2]["summary"] == "Edited by the SACM co-chair in Rev.1"
    assert by_version[2]["delegations"] == ["PPT-SACM"]
    assert (by_version[2]["author"], by_version[2]["source"]) == ("chair.sacm", "edit")
    assert by_version[3]["summary"] == "Edited by the secretariat (not yet in a revision)"
    assert by_version[3]["revision_label"] is None
    assert by_version[3]["delegations"] == []

    old = blame(api, paragraph["id"], "?version=1")
    assert old["text"] == paragraph["text"]
    assert [(s["version"], s["summary"]) for s in old["spans"]] == [(1, "Zero draft text")]


def test_a_version_that_does_not_exist_is_a_404(api, doc):
    paragraph = first_paragraph(doc)
    for version in (0, 2):
        response = api.as_("mex").get(f"/api/paragraphs/{paragraph['id']}/blame?version={version}")
        assert response.status_code == 404
        assert problem_of(response)["detail"] == (
            f"Paragraph {paragraph['id']} has versions 1 to 1; there is no version {version}."
        )
    assert api.as_("mex").get("/api/paragraphs/999999/blame").status_code == 404
    assert api.anonymous.get(f"/api/paragraphs/{paragraph['id']}/blame").status_code == 401


def test_a_deleted_paragraph_can_still_be_blamed(api, doc):
    paragraph = first_paragraph(doc)
    assert api.as_("chair.rcm").delete(f"/api/paragraphs/{paragraph['id']}").status_code == 204
    assert blame(api, paragraph["id"])["text"] == paragraph["text"]


def test_phrases_from_amendments_name_the_delegations_and_the_revision(api, doc, document_id):
    principles, commitments = doc["sections"][0]["paragraphs"], doc["sections"][1]["paragraphs"]
    talks = Negotiation(api)
    issue(api, document_id)
    mex = talks.propose("mex", principles[2]["id"], SOVEREIGNTY, cosponsors=["BRA"])
    usa = talks.propose("usa", principles[2]["id"], "Nothing of the kind.")
    talks.accept(mex)
    before_rev_1 = blame(api, principles[2]["id"], who="usa")
    [from_mexico] = [s for s in before_rev_1["spans"] if s["version"] == 2]
    assert (
        from_mexico["text"].strip() == "with full respect for the human rights of all migrants and"
    )
    assert (
        from_mexico["summary"]
        == "From Mexico's amendment (MEX, BRA), accepted (not yet in a revision)"
    )
    assert from_mexico["amendment_ids"] == [mex]
    assert usa not in from_mexico["amendment_ids"]
    assert from_mexico["delegations"] == ["MEX", "BRA"]
    assert from_mexico["source"] == "amendment"

    arg = talks.propose("arg", commitments[1]["id"], CONSULAR_ARG)
    col = talks.propose("col", commitments[1]["id"], CONSULAR_COL, cosponsors=["PER"])
    talks.merge([arg, col], CONSULAR_MERGED)
    issue(api, document_id)
    issue(api, document_id)  # the paragraph is in Rev.2 too: it landed in Rev.1

    after = blame(api, principles[2]["id"])
    [from_mexico] = [s for s in after["spans"] if s["version"] == 2]
    assert from_mexico["summary"] == "From Mexico's amendment (MEX, BRA), accepted in Rev.1"
    assert from_mexico["revision_label"] == "Rev.1"

    merged = blame(api, commitments[1]["id"])
    compromise = [s for s in merged["spans"] if s["version"] == 2]
    assert [s["text"].strip() for s in compromise] == [
        "including in third countries,",
        "at no cost",
    ]
    assert {s["summary"] for s in compromise} == {
        "From the chairs' compromise merging Argentina's and Colombia's amendments "
        "(ARG, COL, PER), in Rev.1"
    }
    assert compromise[0]["amendment_ids"] == sorted([arg, col])
