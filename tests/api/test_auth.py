"""Signing in and out, as a delegate's browser and as a script."""

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
