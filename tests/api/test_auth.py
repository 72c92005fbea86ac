"""Signing in and out, as a delegate's browser and as a script."""

from fastapi.testclient import TestClient

from tests.conftest import DEMO_PASSWORD, problem_of


def test_login_gives_a_bearer_token_and_an_httponly_cookie(api):
    response = api.anonymous.post(
        "/api/auth/login", json={"username": "mex", "password": DEMO_PASSWORD}
    )
    assert response.status_code == 200
    body = response.json()
    assert body["account"]["username"] == "mex"
    assert body["account"]["role"] == "delegate"
    assert body["account"]["participant_code"] == "MEX"
    assert body["account"]["delegation_name"] == "Mexico"
    cookie = response.headers["set-cookie"]
    assert "consenso_session=" in cookie and "HttpOnly" in cookie and "SameSite=lax" in cookie

    me = api.anonymous.get("/api/me", headers={"Authorization": f"Bearer {body['token']}"})
    assert me.json()["username"] == "mex"


def test_the_cookie_alone_signs_the_browser_in(api):
    client = api.anonymous
    client.post("/api/auth/login", json={"username": "chair.rcm", "password": DEMO_PASSWORD})
    assert client.get("/api/me").json()["role"] == "chair"


def test_wrong_password_and_unknown_user_get_the_same_401(api):
    wrong = api.anonymous.post("/api/auth/login", json={"username": "mex", "password": "nope"})
    unknown = api.anonymous.post("/api/auth/login", json={"username": "zzz", "password": "nope"})
    assert wrong.status_code == unknown.status_code == 401
    assert (
        problem_of(wrong)["detail"]
        == problem_of(unknown)["detail"]
        == ("Wrong username or password.")
    )


def test_logout_ends_the_session(api):
    client = api.anonymous
    token = client.post(
        "/api/auth/login", json={"username": "bra", "password": DEMO_PASSWORD}
    ).json()["token"]
    headers = {"Authorization": f"Bearer {token}"}
    assert client.post("/api/auth/logout", headers=headers).status_code == 204
    after = api.anonymous.get("/api/me", headers=headers)
    assert after.status_code == 401
    assert problem_of(after)["detail"] == "Your session has ended. Sign in again."


def test_reading_without_signing_in_is_refused(api):
    response = api.anonymous.get("/api/documents")
    assert response.status_code == 401
    assert problem_of(response)["detail"] == "Sign in first."


def test_cookie_writes_from_another_site_are_refused(api, doc):
    client = api.anonymous
    client.post("/api/auth/login", json={"username": "chair.rcm", "password": DEMO_PASSWORD})
    paragraph = doc["sections"][0]["paragraphs"][0]
    response = client.patch(
        f"/api/paragraphs/{paragraph['id']}",
        json={"text": "Changed.", "expected_version": 1},
        headers={"Origin": "https://evil.example"},
    )
    assert response.status_code == 403
    assert (
        api.as_("chair.rcm").get(f"/api/paragraphs/{paragraph['id']}").json()["head_version"] == 1
    )


# --- throttling failed sign-ins (app/api/throttle.py) -------------------------------------------


def sign_in(client, username, password=DEMO_PASSWORD, **headers):
    return client.post(
        "/api/auth/login", json={"username": username, "password": password}, headers=headers
    )


def test_five_failures_throttle_the_account_even_for_the_right_password(api):
    client = api.anonymous
    for _ in range(5):
        assert sign_in(client, "mex", "wrong-password").status_code == 401
    throttled = sign_in(client, "MEX ")  # the account as the sign-in finds it
    assert throttled.status_code == 429
    assert throttled.headers["retry-after"] == "60"
    body = problem_of(throttled)
    assert body["detail"] == (
        "Too many failed sign-ins for this account (5 within 60 seconds). Wait 60 seconds and "
        "try again."
    )
    assert body["retry_after"] == 60
    # Another delegate at the same venue is not locked out by it.
    assert sign_in(client, "bra").status_code == 200


def test_a_success_clears_the_accounts_count(api):
    client = api.anonymous
    for _ in range(2):
        for _ in range(4):
            assert sign_in(client, "usa", "wrong-password").status_code == 401
        assert sign_in(client, "usa").status_code == 200


def test_twenty_failures_from_one_address_throttle_it_for_every_account(api):
    client = api.anonymous
    for n in range(20):
        assert sign_in(client, f"nobody-{n}", "wrong-password").status_code == 401
    throttled = sign_in(client, "bra")
    assert throttled.status_code == 429
    assert "your network address (20 within 60 seconds)" in problem_of(throttled)["detail"]


def test_the_limits_are_settings_and_a_proxy_is_believed_only_when_trusted(database_url):
    from app.main import create_app
    from app.settings import Settings

    def app_with(**options):
        settings = Settings(
            database_url=database_url,
            login_failures_per_account="100/minute",
            login_failures_per_address="2/hour",
            **options,
        )
        return TestClient(create_app(settings), raise_server_exceptions=False)

    untrusting = app_with()
    for n in (1, 2):
        forged = {"X-Forwarded-For": f"203.0.113.{n}"}
        assert sign_in(untrusting, "zzz", "wrong-password", **forged).status_code == 401
    refused = sign_in(untrusting, "zzz", "wrong-password", **{"X-Forwarded-For": "203.0.113.3"})
    assert refused.status_code == 429 and refused.headers["retry-after"] == "3600"

    behind_proxy = app_with(trust_proxy_headers=True)
    for n in (1, 2, 3):
        hops = {"X-Forwarded-For": f"198.51.100.7, 203.0.113.{n}"}
        assert sign_in(behind_proxy, "zzz", "wrong-password", **hops).status_code == 401


def test_a_nul_or_an_overlong_username_is_a_plain_failure(api):
    for username in ("mex\x00", "m" * 64 + "\x00"):
        response = sign_in(api.anonymous, username, "wrong-password")
        assert response.status_code in (401, 422), response.text
        problem_of(response)
