"""Translations per paragraph version: entered in place, stale when the negotiating text moves,
concordance per paragraph and language, and imports from a file."""

from __future__ import annotations

from sqlmodel import select

from app.models import ParagraphTranslation
from tests.conftest import first_paragraph, problem_of

ES = "Los Estados reafirman la cooperación birregional en materia de migración y niñez."
PT = "Os Estados reafirmam a cooperação birregional em matéria de migração e ação."


def translate(client, paragraph_id, version, lang, text):
    return client.put(
        f"/api/paragraphs/{paragraph_id}/versions/{version}/translations/{lang}",
        json={"text": text},
    )


def by_lang(client, paragraph_id):
    body = client.get(f"/api/paragraphs/{paragraph_id}/translations").json()
    return {t["lang"]: t for t in body["translations"]}


def edit(client, paragraph, text, expected):
    response = client.patch(
        f"/api/paragraphs/{paragraph['id']}", json={"text": text, "expected_version": expected}
    )
    assert response.status_code == 200, response.text


def test_the_secretariat_translates_a_version_and_it_is_current(api, doc):
    secretariat = api.as_("secretariat")
    paragraph = first_paragraph(doc)
    response = translate(secretariat, paragraph["id"], 1, "es", ES)
    assert response.status_code == 200, response.text
    shown = response.json()
    assert (shown["state"], shown["version"], shown["text"]) == ("current", 1, ES)
    assert shown["author"] == "secretariat"
    held = by_lang(api.as_("mex"), paragraph["id"])
    assert held["es"]["state"] == "current"
    assert (held["pt"]["state"], held["pt"]["text"]) == ("missing", None)


def test_a_new_version_makes_every_translation_stale_with_the_redline_since(api, doc):
    chair, secretariat = api.as_("chair.rcm"), api.as_("secretariat")
    paragraph = first_paragraph(doc)
    translate(secretariat, paragraph["id"], 1, "es", ES)
    translate(chair, paragraph["id"], 1, "pt", PT)
    edit(chair, paragraph, paragraph["text"].replace("always been", "long been"), 1)

    held = by_lang(secretariat, paragraph["id"])
    for lang in ("es", "pt"):
        assert (held[lang]["state"], held[lang]["version"]) == ("stale", 1), lang
        assert held[lang]["head_version"] == 2
        changed = [(op, t.strip()) for op, t in held[lang]["changes"] if op != "equal"]
        assert changed == [("delete", "always"), ("insert", "long")]
        assert "<del>always" in held[lang]["changes_html"]


def test_updating_one_language_leaves_the_others_stale(api, doc, document_id):
    chair, secretariat = api.as_("chair.rcm"), api.as_("secretariat")
    paragraph = first_paragraph(doc)
    translate(secretariat, paragraph["id"], 1, "es", ES)
    translate(secretariat, paragraph["id"], 1, "pt", PT)
    edit(chair, paragraph, paragraph["text"] + " Together.", 1)
    response = translate(secretariat, paragraph["id"], 2, "es", ES + " Juntos.")
    assert response.json()["state"] == "current"

    held = by_lang(secretariat, paragraph["id"])
    assert (held["es"]["state"], held["es"]["version"]) == ("current", 2)
    assert held["es"]["changes"] is None
    assert (held["pt"]["state"], held["pt"]["version"]) == ("stale", 1)

    concordance = chair.get(f"/api/documents/{document_id}/concordance").json()
    row = next(r for r in concordance["paragraphs"] if r["paragraph_id"] == paragraph["id"])
    assert row == {
        "paragraph_id": paragraph["id"],
        "label": paragraph["label"],
        "head_version": 2,
        "concordant": False,
        "languages": {"es": "current", "pt": "stale"},
    }
    assert concordance["negotiating_language"] == "en"
    assert concordance["totals"]["es"]["current"] == 1
    assert concordance["totals"]["pt"]["stale"] == 1
    assert concordance["concordant"] == 0

    translate(secretariat, paragraph["id"], 2, "pt", PT + " Juntos.")
    concordance = chair.get(f"/api/documents/{document_id}/concordance").json()
    row = next(r for r in concordance["paragraphs"] if r["paragraph_id"] == paragraph["id"])
    assert row["concordant"] is True
    assert concordance["concordant"] == 1


def test_only_the_chair_side_translates_and_refusals_change_nothing(api, doc, session):
    paragraph = first_paragraph(doc)
    for user in ("mex", "iom"):
        assert translate(api.as_(user), paragraph["id"], 1, "es", ES).status_code == 403
    secretariat = api.as_("secretariat")
    negotiating = problem_of(translate(secretariat, paragraph["id"], 1, "en", "Text."))
    assert negotiating["status"] == 422
    assert negotiating["code"] == "translation.negotiating_language"
    assert translate(secretariat, paragraph["id"], 1, "fr", "Texte.").status_code == 422
    assert translate(secretariat, paragraph["id"], 9, "es", ES).status_code == 404
    assert translate(secretariat, paragraph["id"], 1, "es", " ").status_code == 422
    assert by_lang(secretariat, paragraph["id"])["es"]["state"] == "missing"


def test_each_translation_is_an_event_the_audit_vouches_for(api, doc, document_id, session):
    secretariat, chair = api.as_("secretariat"), api.as_("chair.rcm")
    paragraph = first_paragraph(doc)
    translate(secretariat, paragraph["id"], 1, "es", ES)
    last = chair.get(f"/api/documents/{document_id}/events").json()[-1]
    assert last["action"] == "translation.entered"
    assert last["payload"]["lang"] == "es"
    audit = chair.get(f"/api/documents/{document_id}/audit").json()["verification"]
    assert audit["intact"] is True, audit

    row = session.exec(select(ParagraphTranslation)).one()
    row.text = "Otro texto."
    session.add(row)
    session.commit()
    audit = chair.get(f"/api/documents/{document_id}/audit").json()["verification"]
    assert audit["intact"] is False
    assert audit["problem"]["where"] == f"paragraph_translation {row.id}"


def test_languages_of_a_document_and_the_concordance_rule(api, document_id):
    chair = api.as_("chair.rcm")
    path = f"/api/documents/{document_id}/languages"
    assert chair.get(path).json() == {
        "negotiating_language": "en",
        "languages": ["en", "es", "pt"],
        "agreed_requires_concordance": False,
    }
    body = {
        "negotiating_language": "es",
        "languages": ["es", "pt"],
        "agreed_requires_concordance": True,
    }
    assert api.as_("mex").put(path, json=body).status_code == 403
    response = chair.put(path, json=body)
    assert response.status_code == 200, response.text
    assert response.json() == body
    concordance = chair.get(f"/api/documents/{document_id}/concordance").json()
    assert set(concordance["totals"]) == {"pt"}
    bad = {"negotiating_language": "fr", "languages": ["fr"]}
    assert chair.put(path, json=bad).status_code == 422


def test_the_negotiating_language_is_fixed_once_translated(api, doc, document_id):
    chair = api.as_("chair.rcm")
    translate(chair, first_paragraph(doc)["id"], 1, "es", ES)
    body = {"negotiating_language": "es", "languages": ["en", "es", "pt"]}
    response = chair.put(f"/api/documents/{document_id}/languages", json=body)
    assert problem_of(response)["status"] == 409


def test_import_from_a_text_file_keyed_by_label(api, doc, document_id):
    secretariat = api.as_("secretariat")
    first, second = doc["sections"][0]["paragraphs"][:2]
    content = f"{first['label']}\t{ES}\n\n{second['label']}: Acción y niñez.\n9.9 Nada.\n"
    response = secretariat.post(
        f"/api/documents/{document_id}/translations/es/import", content=content.encode()
    )
    assert response.status_code == 200, response.text
    assert response.json() == {
        "lang": "es",
        "imported": [first["label"], second["label"]],
        "unchanged": [],
        "unknown": ["9.9"],
    }
    assert by_lang(secretariat, first["id"])["es"]["text"] == ES
    assert by_lang(secretariat, second["id"])["es"]["text"] == "Acción y niñez."
    again = secretariat.post(
        f"/api/documents/{document_id}/translations/es/import", content=content.encode()
    ).json()
    assert again["unchanged"] == [first["label"], second["label"]]
    refused = api.as_("mex").post(
        f"/api/documents/{document_id}/translations/es/import", content=content.encode()
    )
    assert refused.status_code == 403


def test_import_from_a_docx_consenso_exported(api, doc, document_id):
    secretariat = api.as_("secretariat")
    exported = secretariat.get(
        f"/api/documents/{document_id}/export?format=docx&variant=compilation"
    )
    assert exported.status_code == 200, exported.text
    response = secretariat.post(
        f"/api/documents/{document_id}/translations/pt/import", content=exported.content
    )
    assert response.status_code == 200, response.text
    paragraphs = [p for s in doc["sections"] for p in s["paragraphs"]]
    assert response.json()["imported"] == [p["label"] for p in paragraphs]
    for p in paragraphs[:3]:
        held = by_lang(secretariat, p["id"])["pt"]
        assert (held["state"], held["text"]) == ("current", p["text"])
    broken = secretariat.post(
        f"/api/documents/{document_id}/translations/pt/import", content=b"PK\x03\x04broken"
    )
    assert problem_of(broken)["status"] == 422
