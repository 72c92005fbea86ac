"""The plenary's participants and the service's health."""


def test_health_names_the_database(api, settings):
    response = api.anonymous.get("/api/health")
    assert response.status_code == 200
    expected = "sqlite" if settings.is_sqlite else "postgresql"
    assert response.json() == {"status": "ok", "database": expected}


def test_participants_are_23_members_by_bloc_and_the_observers(api):
    participants = api.anonymous.get("/api/participants").json()
    members = [p for p in participants if p["kind"] == "member"]
    observers = [p for p in participants if p["kind"] == "observer"]
    assert len(members) == 23
    assert sum(p["bloc"] == "RCM" for p in members) == 11
    assert sum(p["bloc"] == "SACM" for p in members) == 12
    assert {p["code"] for p in observers} == {"IOM", "UNHCR", "ECLAC", "RROCM"}
    brazil = next(p for p in participants if p["code"] == "BRA")
    assert (brazil["name_en"], brazil["name_es"], brazil["name_pt"]) == (
        "Brazil",
        "Brasil",
        "Brasil",
    )
    # Seated as the plenary seats them: RCM members, SACM members, then observers.
    assert [p["bloc"] for p in participants[:23]] == ["RCM"] * 11 + ["SACM"] * 12


def test_the_api_reference_is_served_without_any_cdn(api):
    page = api.anonymous.get("/docs")
    assert page.status_code == 200
    assert "cdn" not in page.text.lower() and "http" not in page.text.replace("http-equiv", "")
    assert api.anonymous.get("/docs-assets/swagger-ui-bundle.js").status_code == 200
    spec = api.anonymous.get("/api/openapi.json").json()
    assert "/api/paragraphs/{paragraph_id}/diff" in spec["paths"]
