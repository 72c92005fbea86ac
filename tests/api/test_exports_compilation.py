"""The compilation as negotiators read it: each pending proposal as it would change the text
now (or at a revision, that revision's text), conflicts marked, deletions as "[USA: delete]",
positions on each option, labels as in the room, line breaks kept."""

from datetime import timedelta

from tests.api.test_exports import download, paragraphs_of, readable
from tests.api.test_exports_history import issue_revision

BASE = "Financing should not divert resources from development cooperation."
SUR = "Financing should not divert existing resources from development cooperation."
ARG = "Financing should not divert resources from development cooperation or humanitarian aid."
NOW = "Financing should not divert existing resources from development cooperation or humanitarian aid."  # noqa: E501
VEN = "Financing should not divert resources from cooperation for humanitarian aid."


def _set_text(api, paragraph, text):
    edited = api.as_("chair.rcm").patch(
        f"/api/paragraphs/{paragraph['id']}",
        json={"text": text, "expected_version": paragraph["head_version"]},
    )
    assert edited.status_code == 200, edited.text
    return edited.json()


def _propose(api, who, paragraph, text, base):
    response = api.as_(who).post(
        f"/api/paragraphs/{paragraph['id']}/amendments", json={"base_version": base, "text": text}
    )
    assert response.status_code == 201, response.text
    return response.json()["id"]


def _compilation(api, document_id, format="md", **params):
    content = download(api, document_id, format=format, variant="compilation", **params)
    return readable(format, content)


def test_a_pending_proposal_is_shown_as_it_would_change_the_text_now(api, document_id, doc):
    paragraph = _set_text(api, paragraphs_of(doc)[1], BASE)
    base = paragraph["head_version"]
    sur = _propose(api, "sur", paragraph, SUR, base)
    arg = _propose(api, "arg", paragraph, ARG, base)
    _propose(api, "ven", paragraph, VEN, base)
    issue_revision(api, document_id)  # Zero draft: BASE with three proposals on it
    accepted = api.as_("chair.rcm").post(
        f"/api/amendments/{arg}/accept", json={"expected_version": base}
    )
    assert accepted.status_code == 200, accepted.text
    supported = api.as_("bra").put(
        f"/api/amendments/{sur}/positions/mine", json={"stance": "support"}
    )
    assert supported.status_code == 200, supported.text
    objected = api.as_("chl").put(
        f"/api/amendments/{sur}/positions/mine", json={"stance": "objection", "note": "Vague."}
    )
    assert objected.status_code == 200, objected.text
    assert api.as_("mex").get(f"/api/amendments/{sur}").json()["rebase"]["text"] == NOW

    for format in ("md", "html", "akn", "pdf", "docx"):
        now = _compilation(api, document_id, format)
        # SUR's option keeps ARG's accepted words: SUR never touched them.
        assert f"[Alt 1 (SUR): {NOW}]" in now, format
        # VEN's change collides with ARG's: shown as proposed, marked, and the reason given.
        # (its words shown struck and inserted against the text it was proposed on)
        assert "[Alt 2 (VEN), in conflict: " in now, format
        assert "Conflict: Alt 2 (VEN) was proposed on version" in now, format
        assert "Positions on Alt 1 (SUR): supported by BRA; objections by CHL (Vague.)" in now

    then = _compilation(api, document_id, revision=0)
    # At the Zero draft, the proposals are against the Zero draft's text: nothing to carry.
    assert f"[Alt 1 (SUR): {SUR}]" in then and f"[Alt 2 (ARG): {ARG}]" in then
    assert "in conflict" not in then


def test_deletions_new_paragraphs_labels_and_line_breaks(api, document_id, doc):
    first, second = paragraphs_of(doc)[:2]
    listed = _set_text(api, second, "States will:\n(a) cooperate;\n(b) share data.")
    deleted = api.as_("usa").post(
        f"/api/documents/{document_id}/amendments",
        json={"kind": "delete_paragraph", "paragraph_id": first["id"], "base_version": 1},
    )
    assert deleted.status_code == 201, deleted.text
    section = doc["sections"][0]
    new = api.as_("mex").post(
        f"/api/documents/{document_id}/amendments",
        json={"kind": "insert_paragraph", "section": section["key"], "after": listed["id"],
              "text": "A new commitment."},
    )  # fmt: skip
    assert new.status_code == 201, new.text
    assert api.as_("bra").post(f"/api/amendments/{new.json()['id']}/sponsors").status_code == 201

    md = _compilation(api, document_id)
    assert "[USA: delete]" in md
    assert f"{listed['label']}bis. [A new commitment.]" in md and "Proposed by: MEX, BRA" in md
    assert f"{first['label']}. [" in md  # the label the room uses
    html = download(api, document_id, format="html", variant="compilation").decode()
    assert "States will:<br>(a) cooperate;<br>(b) share data." in html
    akn = download(api, document_id, format="akn", variant="compilation").decode()
    assert "States will:<eol/>(a) cooperate;<eol/>(b) share data." in akn


def test_a_revision_export_is_dated_by_its_issue_and_its_akn_identity_by_the_revision(
    api, document_id, clock
):
    issued = api.as_("chair.rcm").post(f"/api/documents/{document_id}/revisions", json={})
    assert issued.status_code == 201, issued.text
    issued_at = issued.json()["created_at"][:16].replace("T", " ")
    clock.advance(timedelta(days=3))  # exported three days later: still dated by its issue
    md = _compilation(api, document_id, revision=0)
    assert f"Date: {issued_at} UTC" in md
    first = download(api, document_id, format="akn", variant="compilation", revision=0)
    again = download(api, document_id, format="akn", variant="compilation", revision=0)
    identity = [line for line in first.decode().splitlines() if "FRBR" in line]
    assert identity == [line for line in again.decode().splitlines() if "FRBR" in line]
    assert any("eng@" in line and "zero-draft" in line for line in identity)
    assert any('FRBRversionNumber value="0"' in line for line in identity)
