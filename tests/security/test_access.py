"""Who may download the whole record, and what every response tells the browser."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from app.settings import Settings
from tests.conftest import DEMO_PASSWORD, first_paragraph, problem_of

SECRET = "a-long-random-secret-for-these-tests-only-0123456789"


def client_for(database_url, base_url="http://testserver", **options) -> TestClient:
    settings = Settings(database_url=database_url, secret_key=SECRET, **options)
    return TestClient(create_app(settings), base_url=base_url, raise_server_exceptions=False)


def sign_in(client: TestClient, username="chair.rcm"):
    response = client.post(
        "/api/auth/login", json={"username": username, "password": DEMO_PASSWORD}
    )
    assert response.status_code == 200, response.text
    return response


@pytest.mark.parametrize(
    ("who", "status"),
    [("chair.rcm", 200), ("chair.sacm", 200), ("secretariat", 200), ("mex", 403), ("iom", 403)],
)
def test_the_json_dump_is_for_the_chair_side_only(api, document_id, who, status):
    response = api.as_(who).get(f"/api/documents/{document_id}/export?format=json")
    assert response.status_code == status, response.text
    if status == 403:
        assert problem_of(response)["detail"] == (
            "Only the co-chairs or the secretariat can download the full JSON dump "
            "(it holds every account)."
        )
    else:
        assert "account" in response.json()["tables"]


def test_the_other_formats_stay_open_to_every_role(api, document_id):
    for who in ("mex", "iom"):
        response = api.as_(who).get(f"/api/documents/{document_id}/export?format=md")
        assert response.status_code == 200


@pytest.mark.parametrize(
    ("options", "secure"),
    [
        ({"environment": "production"}, True),
        ({"environment": "production", "cookie_secure": False}, False),
        ({"environment": "test"}, False),
        ({"environment": "development"}, False),
        ({"environment": "development", "cookie_secure": True}, True),
    ],
)
def test_the_cookie_is_secure_outside_development(database_url, options, secure):
    cookie = sign_in(client_for(database_url, **options)).headers["set-cookie"]
    assert ("; secure" in cookie.lower()) is secure, cookie


@pytest.mark.parametrize(
    ("base_url", "headers", "trust", "hsts"),
    [
        ("https://consenso.example.org", {}, False, True),
        ("http://testserver", {}, False, False),
        ("http://testserver", {"X-Forwarded-Proto": "https"}, False, False),
        ("http://testserver", {"X-Forwarded-Proto": "https"}, True, True),
        ("http://testserver", {"X-Forwarded-Proto": "http"}, True, False),
    ],
)
def test_hsts_only_on_requests_that_came_over_https(database_url, base_url, headers, trust, hsts):
    client = client_for(database_url, base_url=base_url, trust_proxy_headers=trust)
    for path in ("/api/health", "/"):
        response = client.get(path, headers=headers)
        assert ("strict-transport-security" in response.headers) is hsts, path
        if hsts:
            assert response.headers["strict-transport-security"] == "max-age=31536000"


@pytest.mark.parametrize(
    "path",
    [
        "/api/health",
        "/api/participants",
        "/api/openapi.json",
        "/api/documents",
        "/api/nothing-here",
        "/api/documents/1/export?format=md",
    ],
)
def test_every_api_response_says_no_store(api, path):
    for client in (api.as_("mex"), api.anonymous):
        response = client.get(path)
        assert response.headers.get_list("cache-control") == ["no-store"], path


def test_with_a_public_origin_a_forged_host_does_not_vouch_for_itself(database_url):
    client = client_for(
        database_url,
        public_origin="https://consenso.example.org",
        allowed_origins=["https://intranet.example.org"],
    )
    sign_in(client)
    paragraph = first_paragraph(client.get("/api/documents/1").json())

    def edit(origin: str, version: int):
        return client.patch(
            f"/api/paragraphs/{paragraph['id']}",
            json={"text": f"Changed from {origin}.", "expected_version": version},
            headers={"Origin": origin},
        )

    refused = edit("http://testserver", 1)  # the request's own Host: not trusted any more
    assert refused.status_code == 403
    assert problem_of(refused)["detail"] == "This request came from another site and was refused."
    assert edit("https://consenso.example.org", 1).status_code == 200
    assert edit("https://intranet.example.org", 2).status_code == 200
    assert edit("https://evil.example", 3).status_code == 403


def test_without_a_public_origin_the_requests_own_origin_is_ours(database_url):
    client = client_for(database_url)
    sign_in(client)
    paragraph = first_paragraph(client.get("/api/documents/1").json())
    response = client.patch(
        f"/api/paragraphs/{paragraph['id']}",
        json={"text": "Changed.", "expected_version": 1},
        headers={"Origin": "http://testserver"},
    )
    assert response.status_code == 200, response.text


def test_a_public_origin_must_be_an_origin():
    with pytest.raises(ValueError, match="is not an origin"):
        Settings(public_origin="consenso.example.org", secret_key=SECRET)
    assert Settings(public_origin="https://a.example/", secret_key=SECRET).public_origin == (
        "https://a.example"
    )
