"""A short negotiation played end to end: amendments, a conflict, a merge, Rev.1, the comparison."""

import sqlalchemy as sa

from tests.api.test_revisions_disposition import Negotiation

BASE = (
    "The human rights of all migrants must be respected, protected and fulfilled, regardless "
    "of their migration status, in accordance with international law."
)
MEXICO = (
    "The human rights of all migrants and their families must be respected, protected and "
    "fulfilled, regardless of their migration status, in accordance with international law."
)
UNITED_STATES = (
    "The human rights of all migrants in regular status must be respected, protected and "
    "fulfilled, in accordance with international law and national legislation."
)
COMPROMISE = (
    "The human rights of all migrants and their families must be respected, protected and "
    "fulfilled, regardless of their migration status, in accordance with international law "
    "and national legislation."
)


def test_a_round_of_negotiation_ends_in_a_comparison_that_says_what_happened(api, doc, document_id):
    paragraph = doc["sections"][0]["paragraphs"][1]
    assert paragraph["text"] == BASE
    chair, observer = api.as_("chair.rcm"), api.as_("iom")
    revisions = f"/api/documents/{document_id}/revisions"
    assert chair.post(revisions, json={"number": 0}).status_code == 201

    # Two delegations amend the same paragraph; a third co-sponsors Mexico's.
    talks = Negotiation(api)
    mex = talks.propose("mex", paragraph["id"], MEXICO, cosponsors=["BRA"])
    usa = talks.propose("usa", paragraph["id"], UNITED_STATES)
    talks.accept(mex)
    # Both inserted words right after "all migrants": the US text no longer applies as it is.
    rebase = observer.get(f"/api/amendments/{usa}").json()["rebase"]
    assert rebase["status"] == "conflict"
    assert [(c["head_text"], c["amendment_text"]) for c in rebase["conflicts"]] == [
        ("and their families ", "in regular status ")
    ]
    # The chairs keep the safeguard "regardless of their migration status" and take the
    # reference to national legislation.
    assert talks.merge([usa], COMPROMISE)["version"] == 3
    assert chair.post(revisions, json={"number": 1}).status_code == 201

    result = observer.get(f"/api/documents/{document_id}/compare?from=0&to=1").json()
    assert (result["added"], result["deleted"], result["moved"]) == ([], [], [])
    [change] = result["changed"]
    assert (change["old"]["version"], change["new"]["version"]) == (1, 3)
    assert change["new"]["text"] == COMPROMISE
    assert [s for s in change["segments"] if s[0] != "equal"] == [
        ["insert", "and their families "],
        ["insert", " and national legislation"],
    ]
    assert change["html"] == (
        "The human rights of all migrants <ins>and their families </ins>must be respected, "
        "protected and fulfilled, regardless of their migration status, in accordance with "
        "international law<ins> and national legislation</ins>."
    )
    assert [
        (
            row["amendment_id"],
            row["status"],
            row["sponsors"],
            row["paragraph_label"],
            row["result_version"],
            row["landed"],
        )
        for row in result["dispositions"]
    ] == [
        (mex, "accepted", ["MEX", "BRA"], "1.2", 2, ["and their families"]),
        (usa, "partly_accepted", ["USA"], "1.2", 3, ["and national legislation"]),
    ]

    blame = observer.get(f"/api/paragraphs/{paragraph['id']}/blame").json()
    assert [(s["text"], s["summary"]) for s in blame["spans"]] == [
        ("The human rights of all migrants ", "Zero draft text"),
        ("and their families ", "From Mexico's amendment (MEX, BRA), accepted in Rev.1"),
        (
            "must be respected, protected and fulfilled, regardless of their migration status, "
            "in accordance with international law",
            "Zero draft text",
        ),
        (
            " and national legislation",
            "From the chairs' compromise merging the United States' amendment (USA), in Rev.1",
        ),
        (".", "Zero draft text"),
    ]


class Statements:
    """Counts the SQL statements the app runs while the block is open."""

    def __init__(self, engine):
        self.engine, self.count = engine, 0

    def _count(self, *args):
        self.count += 1

    def __enter__(self):
        sa.event.listen(self.engine, "before_cursor_execute", self._count)
        return self

    def __exit__(self, *exc):
        sa.event.remove(self.engine, "before_cursor_execute", self._count)


def comparison_and_blame_cost(api, app, document_id, rounds):
    """Statements run by one comparison and one blame after `rounds` more amendments per
    paragraph; returns them with the number of rows in the disposition table."""
    talks = Negotiation(api)
    chair = api.as_("chair.rcm")
    for _ in range(rounds):
        doc = chair.get(f"/api/documents/{document_id}").json()
        for section in doc["sections"]:
            for paragraph in section["paragraphs"]:
                text = f"{paragraph['text']} Round {paragraph['head_version']}."
                talks.accept(talks.propose("mex", paragraph["id"], text, cosponsors=["BRA"]))
    with Statements(app.state.engine) as compare_cost:
        result = chair.get(f"/api/documents/{document_id}/compare?from=0").json()
    first = doc["sections"][0]["paragraphs"][0]
    with Statements(app.state.engine) as blame_cost:
        assert chair.get(f"/api/paragraphs/{first['id']}/blame").status_code == 200
    return compare_cost.count, blame_cost.count, len(result["dispositions"])


def test_comparison_and_blame_cost_does_not_grow_with_the_history(api, app, document_id):
    assert api.as_("chair.rcm").post(f"/api/documents/{document_id}/revisions").is_success
    # One amendment accepted on every paragraph, then two more each: the same statements.
    *once, rows = comparison_and_blame_cost(api, app, document_id, 1)
    assert rows == 10
    *thrice, rows = comparison_and_blame_cost(api, app, document_id, 2)
    assert rows == 30
    assert once == thrice, (once, thrice)
    assert once[0] <= 16 and once[1] <= 12, once
