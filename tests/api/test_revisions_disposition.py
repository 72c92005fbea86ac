"""The disposition table: what became of each amendment filed between two revisions."""

from __future__ import annotations


class Negotiation:
    """A round played through the amendments API, as delegations and chairs play it."""

    def __init__(self, api):
        self.api = api
        self.proposers: dict[int, str] = {}
        self.paragraphs: dict[int, int] = {}

    def _ok(self, response, status=200):
        assert response.status_code == status, response.text
        return response.json()

    def _head(self, paragraph_id: int) -> int:
        url = f"/api/paragraphs/{paragraph_id}"
        return self._ok(self.api.as_("chair.rcm").get(url))["head_version"]

    def propose(self, who: str, paragraph_id: int, text: str, cosponsors=()) -> int:
        amendment = self._ok(
            self.api.as_(who).post(
                f"/api/paragraphs/{paragraph_id}/amendments",
                json={"base_version": self._head(paragraph_id), "text": text, "rationale": "Why."},
            ),
            201,
        )
        for code in cosponsors:
            url = f"/api/amendments/{amendment['id']}/sponsors"
            self._ok(self.api.as_(code.lower()).post(url), 201)
        self.proposers[amendment["id"]] = who
        self.paragraphs[amendment["id"]] = paragraph_id
        return amendment["id"]

    def accept(self, amendment_id: int) -> dict:
        expected = self._head(self.paragraphs[amendment_id])
        return self._ok(
            self.api.as_("chair.rcm").post(
                f"/api/amendments/{amendment_id}/accept", json={"expected_version": expected}
            )
        )

    def merge(self, ids: list[int], text: str) -> dict:
        paragraph_id = self.paragraphs[ids[0]]
        return self._ok(
            self.api.as_("chair.sacm").post(
                f"/api/paragraphs/{paragraph_id}/merge",
                json={
                    "amendment_ids": ids,
                    "text": text,
                    "expected_version": self._head(paragraph_id),
                },
            )
        )

    def reject(self, amendment_id: int, reason: str) -> dict:
        url = f"/api/amendments/{amendment_id}/reject"
        return self._ok(self.api.as_("secretariat").post(url, json={"reason": reason}))

    def withdraw(self, amendment_id: int) -> dict:
        who = self.proposers[amendment_id]
        return self._ok(self.api.as_(who).post(f"/api/amendments/{amendment_id}/withdraw"))


def issue(api, document_id):
    response = api.as_("chair.rcm").post(f"/api/documents/{document_id}/revisions", json={})
    assert response.status_code == 201, response.text


def compare(api, document_id, query):
    response = api.as_("mex").get(f"/api/documents/{document_id}/compare?{query}")
    assert response.status_code == 200, response.text
    return response.json()


def rows_by_id(result):
    return {row["amendment_id"]: row for row in result["dispositions"]}


SOVEREIGNTY = (
    "States retain the sovereign right to determine their national migration policies, "
    "exercised with full respect for the human rights of all migrants and in a manner consistent "
    "with their international obligations."
)
CONSULAR_ARG = (
    "We commit to strengthen consular assistance and protection for our nationals abroad, "
    "and to cooperate so that every migrant can prove their legal identity free of charge."
)
CONSULAR_COL = (
    "We commit to strengthen consular assistance and protection for our nationals abroad, "
    "including in third countries, and to cooperate so that every migrant can prove their "
    "legal identity."
)
CONSULAR_MERGED = (
    "We commit to strengthen consular assistance and protection for our nationals abroad, "
    "including in third countries, and to cooperate so that every migrant can prove their "
    "legal identity at no cost."
)


def play_a_round(api, doc, document_id):
    """Zero draft; six amendments with every fate; Rev.1; then one decided and one filed after."""
    principles, commitments, understandings = (s["paragraphs"] for s in doc["sections"][:3])
    talks = Negotiation(api)
    issue(api, document_id)
    ids = {
        "mex": talks.propose("mex", principles[2]["id"], SOVEREIGNTY, cosponsors=["BRA"]),
        "usa": talks.propose("usa", principles[0]["id"], "Migration is a sovereign matter."),
        "chl": talks.propose("chl", commitments[0]["id"], "We commit to study pathways."),
        "arg": talks.propose("arg", commitments[1]["id"], CONSULAR_ARG),
        "col": talks.propose("col", commitments[1]["id"], CONSULAR_COL, cosponsors=["PER"]),
        "per": talks.propose("per", understandings[0]["id"], "Regular migration is shared."),
    }
    talks.accept(ids["mex"])
    talks.reject(ids["usa"], "Outside the scope of the common position.")
    talks.withdraw(ids["chl"])
    talks.merge([ids["arg"], ids["col"]], CONSULAR_MERGED)
    issue(api, document_id)
    talks.accept(ids["per"])
    ids["ury"] = talks.propose("ury", understandings[1]["id"], "The Compact is not binding.")
    return ids


def test_the_disposition_table_says_what_became_of_every_amendment(api, doc, document_id):
    ids = play_a_round(api, doc, document_id)
    result = compare(api, document_id, "from=0&to=1")
    rows = rows_by_id(result)
    assert list(rows) == [ids[k] for k in ("mex", "usa", "chl", "arg", "col", "per")]
    assert [
        (rows[ids[k]]["status"], rows[ids[k]]["paragraph_label"], rows[ids[k]]["sponsors"])
        for k in ("mex", "usa", "chl", "arg", "col", "per")
    ] == [
        ("accepted", "1.3", ["MEX", "BRA"]),
        ("rejected", "1.1", ["USA"]),
        ("withdrawn", "2.1", ["CHL"]),
        ("partly_accepted", "2.2", ["ARG"]),
        # Merged into a compromise, even though the compromise kept every word COL proposed.
        ("partly_accepted", "2.2", ["COL", "PER"]),
        ("pending", "3.1", ["PER"]),  # accepted only after Rev.1
    ]
    mex = rows[ids["mex"]]
    assert mex["proposer"] == "MEX"
    assert mex["result_version"] == 2
    assert mex["landed"] == ["with full respect for the human rights of all migrants and"]
    assert rows[ids["usa"]]["decision_reason"] == "Outside the scope of the common position."
    assert rows[ids["usa"]]["landed"] == []
    assert rows[ids["usa"]]["result_version"] is None
    assert rows[ids["chl"]]["landed"] == []
    for key, other in (("arg", "col"), ("col", "arg")):
        assert rows[ids[key]]["result_version"] == 2
        assert rows[ids[key]]["note"] == (
            f"Merged with amendment {ids[other]} into a compromise; only its own words are listed."
        )
    # Each is credited with its own words only: ARG's "free of charge" became the chairs'
    # "at no cost", COL's phrase landed as written.
    assert rows[ids["arg"]]["landed"] == []
    assert rows[ids["col"]]["landed"] == ["including in third countries,"]
    assert rows[ids["per"]]["decided_at"] is None
    assert rows[ids["per"]]["result_version"] is None
    assert rows[ids["per"]]["landed"] == []
    # The comparison itself shows the two paragraphs the decisions changed.
    assert sorted(c["new"]["label"] for c in result["changed"]) == ["1.3", "2.2"]


def test_later_comparisons_show_what_was_filed_or_decided_since(api, doc, document_id):
    ids = play_a_round(api, doc, document_id)
    since_rev_1 = rows_by_id(compare(api, document_id, "from=1"))
    assert {k: since_rev_1[ids[k]]["status"] for k in ("ury",)} == {"ury": "pending"}
    assert list(since_rev_1) == [ids["ury"]]  # PER's was filed before Rev.1

    since_zero = rows_by_id(compare(api, document_id, "from=0&to=now"))
    assert since_zero[ids["per"]]["status"] == "accepted"
    assert since_zero[ids["per"]]["landed"] == ["shared"]
    assert since_zero[ids["ury"]]["status"] == "pending"
    assert since_zero[ids["ury"]]["paragraph_label"] == "3.2"


def test_paragraph_insertions_and_deletions_in_the_table(api, doc, document_id):
    principles = doc["sections"][0]["paragraphs"]
    issue(api, document_id)
    url = f"/api/documents/{document_id}/amendments"

    def structural(who, body):
        response = api.as_(who).post(url, json={"rationale": "Why.", **body})
        assert response.status_code == 201, response.text
        return response.json()["id"]

    new = "Migration governance shall be gender-responsive and child-sensitive."
    inserted = structural(
        "arg",
        {
            "kind": "insert_paragraph",
            "section": "principles",
            "after": principles[0]["id"],
            "text": new,
        },
    )
    waiting = structural(
        "ury",
        {
            "kind": "insert_paragraph",
            "section": "principles",
            "after": principles[1]["id"],
            "text": "Another principle.",
        },
    )
    deleted = structural(
        "can", {"kind": "delete_paragraph", "paragraph_id": principles[2]["id"], "base_version": 1}
    )
    chair = api.as_("chair.rcm")
    assert chair.post(f"/api/amendments/{inserted}/accept", json={}).status_code == 200
    assert (
        chair.post(f"/api/amendments/{deleted}/accept", json={"expected_version": 1}).status_code
        == 200
    )
    issue(api, document_id)

    result = compare(api, document_id, "from=0&to=1")
    [added] = result["added"]
    assert (added["new"]["label"], added["new"]["text"]) == ("1.2", new)
    assert [d["paragraph_id"] for d in result["deleted"]] == [principles[2]["id"]]
    rows = rows_by_id(result)
    assert [
        (rows[i]["kind"], rows[i]["status"], rows[i]["paragraph_label"], rows[i]["landed"])
        for i in (inserted, waiting, deleted)
    ] == [
        ("insert_paragraph", "accepted", "1.2", [new]),
        # Still to be inserted: where it would go, by the number its anchor has in Rev.1.
        ("insert_paragraph", "pending", "new, after 1.3", []),
        # Gone from Rev.1: the number it had in the Zero draft.
        ("delete_paragraph", "accepted", "1.3", []),
    ]
    assert rows[inserted]["result_version"] == 1
    assert rows[deleted]["result_version"] is None
