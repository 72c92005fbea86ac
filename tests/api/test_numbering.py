"""Numbering schemes (a document setting) and the exports' header settings: one label for a
paragraph in the API, the board, amendment views, revisions and every export."""

import pytest

from tests.api.test_exports import download, paragraphs_of, readable
from tests.api.test_exports_history import issue_revision
from tests.conftest import problem_of


def _patch(api, document_id, who="chair.rcm", **body):
    return api.as_(who).patch(f"/api/documents/{document_id}", json=body)


def _labels(doc):
    return [p["label"] for p in paragraphs_of(doc)]


def _expected(doc, scheme, kinds=None):
    kinds = kinds or {}
    labels, ordinal, counts = [], 0, {"PP": 0, "OP": 0}
    for section in doc["sections"]:
        prefix = "PP" if kinds.get(section["id"]) == "preambular" else "OP"
        for n, _paragraph in enumerate(section["paragraphs"], start=1):
            ordinal += 1
            counts[prefix] += 1
            by_scheme = {"section": f"{section['position']}.{n}", "consecutive": str(ordinal)}
            labels.append(by_scheme.get(scheme, f"{prefix}{counts[prefix]}"))
    return labels


def test_the_demo_keeps_section_numbering_and_shows_its_settings(doc):
    assert doc["numbering"] == "section"
    assert (doc["distribution"], doc["symbol"], doc["original_language"]) == ("general", "", "")
    assert _labels(doc) == _expected(doc, "section")
    assert {s["kind"] for s in doc["sections"]} == {None}


def test_consecutive_numbering_everywhere(api, document_id, doc):
    response = _patch(api, document_id, numbering="consecutive")
    assert response.status_code == 200, response.text
    changed = response.json()
    assert changed["numbering"] == "consecutive"
    expected = [str(n) for n in range(1, len(paragraphs_of(doc)) + 1)]
    assert _labels(changed) == expected
    paragraphs = paragraphs_of(changed)

    board = api.as_("mex").get(f"/api/documents/{document_id}/consensus").json()
    assert [row["label"] for row in board["paragraphs"]] == expected

    last = paragraphs[-1]
    proposed = api.as_("mex").post(
        f"/api/paragraphs/{last['id']}/amendments",
        json={"base_version": last["head_version"], "text": last["text"] + " Indeed."},
    )
    assert proposed.status_code == 201, proposed.text
    assert proposed.json()["paragraph_label"] == expected[-1]

    number = issue_revision(api, document_id)
    revision = api.as_("mex").get(f"/api/documents/{document_id}/revisions/{number}").json()
    assert [p["label"] for s in revision["sections"] for p in s["paragraphs"]] == expected

    second_section_first = doc["sections"][1]["paragraphs"][0]
    label = str(len(doc["sections"][0]["paragraphs"]) + 1)
    assert changed["sections"][1]["paragraphs"][0]["label"] == label
    for format in ("md", "html"):
        text = readable(format, download(api, document_id, format=format, variant="compilation"))
        assert f"{label}." in text or f"{label} " in text, format
        assert "2.1" not in text.replace(second_section_first["text"], ""), format


def test_pp_op_numbering_counts_the_marked_sections_apart(api, document_id, doc):
    first = doc["sections"][0]
    marked = api.as_("secretariat").patch(
        f"/api/sections/{first['id']}", json={"kind": "preambular"}
    )
    assert marked.status_code == 200, marked.text
    assert marked.json()["kind"] == "preambular"
    changed = _patch(api, document_id, who="secretariat", numbering="pp_op").json()
    kinds = {first["id"]: "preambular"}
    assert _labels(changed) == _expected(doc, "pp_op", kinds)
    assert _labels(changed)[0] == "PP1"
    assert changed["sections"][1]["paragraphs"][0]["label"] == "OP1"
    board = api.as_("mex").get(f"/api/documents/{document_id}/consensus").json()
    assert [row["label"] for row in board["paragraphs"]] == _labels(changed)
    text = readable("md", download(api, document_id, format="md", variant="compilation"))
    assert "PP1" in text and "OP1" in text


def test_header_settings_are_printed_by_the_exports(api, document_id):
    response = _patch(
        api,
        document_id,
        symbol="RCM-SACM/2018/1",
        distribution="restricted",
        original_language="es",
    )
    assert response.status_code == 200, response.text
    assert response.json()["symbol"] == "RCM-SACM/2018/1"
    for format in ("md", "html", "pdf"):
        text = readable(format, download(api, document_id, format=format, variant="compilation"))
        assert "RCM-SACM/2018/1" in text, format
        assert "Restricted" in text, format
        assert "Spanish" in text, format


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"numbering": "roman"}, "settings.numbering"),
        ({"distribution": "secret"}, "settings.distribution"),
        ({"original_language": "e n"}, "settings.language"),
    ],
)
def test_unknown_settings_are_refused_with_the_valid_ones(api, document_id, body, code):
    response = _patch(api, document_id, **body)
    assert response.status_code == 422
    assert problem_of(response)["code"] == code


def test_only_the_chair_side_changes_settings(api, document_id, doc):
    assert _patch(api, document_id, who="mex", numbering="consecutive").status_code == 403
    section = doc["sections"][0]["id"]
    assert (
        api.as_("mex").patch(f"/api/sections/{section}", json={"kind": "operative"}).status_code
        == 403
    )
    wrong = api.as_("chair.rcm").patch(f"/api/sections/{section}", json={"kind": "annex"})
    assert problem_of(wrong)["code"] == "settings.section_kind"
    assert api.as_("chair.rcm").patch("/api/sections/99999", json={"kind": None}).status_code == 404


def test_a_change_of_scheme_is_an_event(api, document_id):
    _patch(api, document_id, numbering="consecutive")
    events = api.as_("chair.rcm").get(f"/api/documents/{document_id}/events?limit=1000").json()
    assert events[-1]["action"] == "document.settings_set"


def test_a_proposed_new_paragraph_has_a_provisional_label_until_adopted(api, document_id, doc):
    first_section = doc["sections"][0]
    after = first_section["paragraphs"][0]
    _patch(api, document_id, numbering="consecutive")
    ids = []
    for text in ("States shall cooperate.", "States shall also report."):
        proposed = api.as_("mex").post(
            f"/api/documents/{document_id}/amendments",
            json={
                "kind": "insert_paragraph",
                "section": first_section["id"],
                "after": after["id"],
                "text": text,
                "rationale": "Needed.",
            },
        )
        assert proposed.status_code == 201, proposed.text
        ids.append(proposed.json()["id"])
    labels = [api.as_("mex").get(f"/api/amendments/{i}").json()["paragraph_label"] for i in ids]
    assert labels == ["1bis", "1ter"]
    text = readable("md", download(api, document_id, format="md", variant="compilation"))
    assert "1bis" in text and "1ter" in text
    accepted = api.as_("chair.rcm").post(f"/api/amendments/{ids[0]}/accept", json={})
    assert accepted.status_code == 200, accepted.text
    adopted = api.as_("mex").get(f"/api/amendments/{ids[0]}").json()
    assert adopted["paragraph_label"] == "2"  # adopted: numbered, the paragraphs after move on
    # The other still follows paragraph 1: now the first proposed after it.
    assert api.as_("mex").get(f"/api/amendments/{ids[1]}").json()["paragraph_label"] == "1bis"
