"""The disposition table: what became of each amendment filed between two revisions."""

from __future__ import annotations

from sqlmodel import select

from app.models import (
    Account,
    Amendment,
    AmendmentSponsor,
    AmendmentStatus,
    Paragraph,
    utcnow,
)
from app.services import versions as versions_service
from app.services.actors import Actor


class Negotiation:
    """Amendments written straight into the tables, decided the way the chairs' actions do:
    through `versions_service.append`, linking the new version to its amendments."""

    def __init__(self, session):
        self.session = session

    def _actor(self, username: str) -> Actor:
        account = self.session.exec(select(Account).where(Account.username == username)).one()
        return Actor.of(account)

    def propose(self, who: str, paragraph_id: int, text: str, cosponsors=()) -> int:
        self.session.rollback()  # see what the app committed since
        actor = self._actor(who)
        paragraph = self.session.get(Paragraph, paragraph_id)
        amendment = Amendment(
            document_id=paragraph.document_id,
            kind="modify",
            paragraph_id=paragraph_id,
            base_version=paragraph.head_version,
            text=text,
            proposer_code=actor.participant_code,
            author_account_id=actor.account_id,
        )
        self.session.add(amendment)
        self.session.flush()
        for code in (actor.participant_code, *cosponsors):
            self.session.add(
                AmendmentSponsor(
                    amendment_id=amendment.id,
                    participant_code=code,
                    joined_by_account_id=actor.account_id,
                )
            )
        self.session.commit()
        return amendment.id

    def _decide(
        self, ids, status, reason="", who="chair.rcm", text=None, source=None
    ) -> int | None:
        self.session.rollback()
        actor = self._actor(who)
        amendments = [self.session.get(Amendment, i) for i in ids]
        number = None
        if text is not None:
            paragraph = self.session.get(Paragraph, amendments[0].paragraph_id)
            number = versions_service.append(
                self.session,
                paragraph=paragraph,
                text=text,
                expected_version=paragraph.head_version,
                actor=actor,
                source=source,
                amendment_ids=ids,
                delegation_code=amendments[0].proposer_code if source == "amendment" else None,
            ).number
        for amendment in amendments:
            amendment.status = status
            amendment.decided_at = amendment.updated_at = utcnow()
            amendment.decided_by_account_id = actor.account_id
            amendment.decision_reason = reason
            amendment.result_version = number
        self.session.commit()
        return number

    def accept(self, amendment_id: int) -> int:
        text = self.session.get(Amendment, amendment_id).text
        return self._decide([amendment_id], AmendmentStatus.ACCEPTED, text=text, source="amendment")

    def merge(self, ids: list[int], text: str) -> int:
        return self._decide(ids, AmendmentStatus.PARTLY_ACCEPTED, text=text, source="merge")

    def reject(self, amendment_id: int, reason: str) -> None:
        self._decide([amendment_id], AmendmentStatus.REJECTED, reason=reason)

    def withdraw(self, amendment_id: int) -> None:
        self.session.rollback()
        amendment = self.session.get(Amendment, amendment_id)
        amendment.status = AmendmentStatus.WITHDRAWN
        amendment.updated_at = utcnow()
        self.session.commit()


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


def play_a_round(api, doc, document_id, session):
    """Zero draft; six amendments with every fate; Rev.1; then one decided and one filed after."""
    principles, commitments, understandings = (s["paragraphs"] for s in doc["sections"][:3])
    talks = Negotiation(session)
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


def test_the_disposition_table_says_what_became_of_every_amendment(api, doc, document_id, session):
    ids = play_a_round(api, doc, document_id, session)
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
        ("merged", "2.2", ["ARG"]),
        ("merged", "2.2", ["COL", "PER"]),
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
    for key in ("arg", "col"):
        assert rows[ids[key]]["result_version"] == 2
        assert rows[ids[key]]["landed"] == ["including in third countries,", "at no cost"]
    assert rows[ids["per"]]["decided_at"] is None
    assert rows[ids["per"]]["result_version"] is None
    assert rows[ids["per"]]["landed"] == []
    # The comparison itself shows the two paragraphs the decisions changed.
    assert sorted(c["new"]["label"] for c in result["changed"]) == ["1.3", "2.2"]


def test_later_comparisons_show_what_was_filed_or_decided_since(api, doc, document_id, session):
    ids = play_a_round(api, doc, document_id, session)
    since_rev_1 = rows_by_id(compare(api, document_id, "from=1"))
    assert {k: since_rev_1[ids[k]]["status"] for k in ("ury",)} == {"ury": "pending"}
    assert list(since_rev_1) == [ids["ury"]]  # PER's was filed before Rev.1

    since_zero = rows_by_id(compare(api, document_id, "from=0&to=now"))
    assert since_zero[ids["per"]]["status"] == "accepted"
    assert since_zero[ids["per"]]["landed"] == ["shared"]
    assert since_zero[ids["ury"]]["status"] == "pending"
    assert since_zero[ids["ury"]]["paragraph_label"] == "3.2"
