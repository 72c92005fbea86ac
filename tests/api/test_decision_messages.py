"""The reasons the server gives for a decision, and for an amendment that no longer applies,
travel as messages (a code and its parameters) beside their English, so every screen and
language reads them in the reader's words."""

from app import i18n
from tests.conftest import first_paragraph


def ok(response, status=200):
    assert response.status_code == status, response.text
    return response.json()


def test_an_amendment_superseded_by_a_deletion_says_why_in_any_language(api, doc):
    target = first_paragraph(doc)
    pid = target["id"]
    wording = {"base_version": 1, "text": target["text"] + " Still."}
    other = ok(api.as_("usa").post(f"/api/paragraphs/{pid}/amendments", json=wording), 201)["id"]
    body = {"kind": "delete_paragraph", "paragraph_id": pid, "base_version": 1}
    url = f"/api/documents/{doc['id']}/amendments"
    deletion = ok(api.as_("mex").post(url, json=body), 201)["id"]
    ok(
        api.as_("chair.rcm").post(
            f"/api/amendments/{deletion}/accept", json={"expected_version": 1}
        )
    )

    superseded = ok(api.as_("usa").get(f"/api/amendments/{other}"))
    message = superseded["decision_message"]
    assert message == {
        "code": "decision.superseded_by_deletion",
        "params": {"paragraph": pid, "amendment": deletion},
    }
    assert superseded["decision_reason"] == i18n.render(message["code"], message["params"], "en")
    spanish = i18n.render(message["code"], message["params"], "es")
    assert spanish == f"el párrafo {pid} se suprimió al aceptarse la enmienda {deletion}."
    # Why it no longer applies, as a message too.
    rebase = superseded["rebase"]
    assert rebase["reason_code"] == {"code": "rebase.not_pending_superseded", "params": {}}
    assert i18n.render("rebase.not_pending_superseded", {}, "pt") == "A emenda ficou sem efeito."


def test_a_typed_rejection_reason_stays_the_chairs_text(api, doc):
    target = first_paragraph(doc)
    body = {"base_version": 1, "text": target["text"] + " No."}
    aid = ok(api.as_("usa").post(f"/api/paragraphs/{target['id']}/amendments", json=body), 201)
    reason = "Sin consenso en la sala."
    ok(api.as_("chair.rcm").post(f"/api/amendments/{aid['id']}/reject", json={"reason": reason}))
    rejected = ok(api.as_("usa").get(f"/api/amendments/{aid['id']}"))
    assert (rejected["decision_reason"], rejected["decision_message"]) == (reason, None)


def test_the_chairs_adoption_names_what_it_replaced(api, doc):
    target = first_paragraph(doc)
    pid = target["id"]
    body = {"base_version": 1, "text": target["text"] + " Now."}
    mex = ok(api.as_("mex").post(f"/api/paragraphs/{pid}/amendments", json=body), 201)["id"]
    compromise = {"base_version": 1, "text": target["text"] + " In time.", "replaces": [mex]}
    chairs = ok(
        api.as_("chair.rcm").post(f"/api/paragraphs/{pid}/amendments", json=compromise), 201
    )["id"]
    ok(api.as_("chair.rcm").post(f"/api/amendments/{chairs}/accept", json={"expected_version": 1}))
    replaced = ok(api.as_("mex").get(f"/api/amendments/{mex}"))["decision_message"]
    assert replaced == {
        "code": "decision.replaced_by_chairs",
        "params": {"amendment": chairs, "version": 2},
    }
    adopted = ok(api.as_("mex").get(f"/api/amendments/{chairs}"))["decision_message"]
    assert adopted["code"] in ("decision.adopted", "decision.adopted_replacing")
