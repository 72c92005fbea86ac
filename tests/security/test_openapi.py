"""The schema declares the problems every operation answers with (app/api/openapi.py)."""

from __future__ import annotations

from app.main import create_app
from app.problems import PROBLEM
from app.settings import Settings

PUBLIC = {"/api/health", "/api/participants", "/api/auth/login", "/api/auth/logout"}


def schema() -> dict:
    return create_app(Settings(database_url="sqlite://")).openapi()


def test_every_operation_declares_its_problems_as_problem_json():
    spec = schema()
    assert "Problem" in spec["components"]["schemas"]
    assert "HTTPValidationError" not in spec["components"]["schemas"]
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            responses = operation["responses"]
            expected = {"413", "422", "503"} | ({"404"} if "{" in path else set())
            if path not in PUBLIC:
                expected |= {"401", "403"}
                assert operation["security"] == [{"bearer": []}, {"session": []}], path
            else:
                assert "security" not in operation, path
            assert expected <= responses.keys(), (method, path, sorted(responses))
            for status in expected:
                content = responses[status]["content"]
                assert list(content) == [PROBLEM], (method, path, status)


def test_sign_in_declares_401_and_429_with_retry_after():
    login = schema()["paths"]["/api/auth/login"]["post"]["responses"]
    assert {"401", "429"} <= login.keys()
    assert "Retry-After" in login["429"]["headers"]


def test_writes_declare_409_and_reads_do_not():
    spec = schema()
    assert "409" in spec["paths"]["/api/paragraphs/{paragraph_id}"]["patch"]["responses"]
    assert "409" not in spec["paths"]["/api/paragraphs/{paragraph_id}"]["get"]["responses"]
