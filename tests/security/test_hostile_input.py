"""Hostile input is a clear 4xx problem, never a 500, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from tests.conftest import DEMO_PASSWORD, first_paragraph, problem_of

BIG = ["2147483648", "9223372036854775808", "99999999999999999999999"]
OUT_OF_RANGE_URLS = [
    *(f"/api/paragraphs/{n}" for n in BIG),
    *(f"/api/documents/{n}" for n in BIG),
    *(f"/api/amendments/{n}" for n in BIG),
    "/api/documents/1/events?after=9999999999",
    "/api/documents/1/events?after=9223372036854775808",
    "/api/documents/1/events?limit=9223372036854775808",
    "/api/paragraphs/1/versions/9223372036854775808",
    "/api/paragraphs/1/diff?from=9223372036854775808",
    "/api/paragraphs/1/diff?from=1&to=99999999999999999999999",
    "/api/documents/1/export?format=md&revision=9223372036854775808",
    "/api/documents/1/revisions/9223372036854775808",
    "/api/documents/1/compare?from=0&to=9223372036854775808",
    "/api/documents/1/compare?from=9223372036854775808",
    "/api/paragraphs/1/blame?version=9223372036854775808",
    "/api/amendments/2147483648/positions",
    "/api/paragraphs/-1",
    "/api/paragraphs/0",
]


@pytest.mark.parametrize("url", OUT_OF_RANGE_URLS)
def test_ids_and_numbers_out_of_range_are_a_404_or_422(api, url):
    response = api.as_("chair.rcm").get(url)
    assert response.status_code in (404, 422), response.text
    problem_of(response)


def test_an_out_of_range_id_in_a_write_is_a_422(api):
    response = api.as_("chair.rcm").patch(
        "/api/paragraphs/9223372036854775808", json={"text": "x", "expected_version": 1}
    )
    assert response.status_code == 422
    assert "paragraph_id" in problem_of(response)["detail"]


REFUSED = [
    ("\u202e", "U+202E (RIGHT-TO-LEFT OVERRIDE)"),
    ("\u2066", "U+2066 (LEFT-TO-RIGHT ISOLATE)"),
    ("\u0007", "U+0007 (a control character)"),
    ("\u007f", "U+007F (DELETE)"),
    ("\u0085", "U+0085 (a control character)"),
    ("\ufffe", "U+FFFE (a noncharacter)"),
    ("\uffff", "U+FFFF (a noncharacter)"),
]


@pytest.mark.parametrize(("character", "named"), REFUSED)
def test_invisible_and_control_characters_are_refused_naming_them(api, doc, character, named):
    paragraph = first_paragraph(doc)
    response = api.as_("chair.rcm").patch(
        f"/api/paragraphs/{paragraph['id']}",
        json={"text": f"States{character} agree.", "expected_version": 1},
    )
    assert response.status_code == 422
    body = problem_of(response)
    assert body["detail"] == (
        f"A paragraph contains {named} at character 7, which cannot be stored; "
        "remove it and send the text again."
    )
    assert body["character"] == named.split()[0] and body["position"] == 7


def test_a_nul_is_refused_with_its_place(api, doc):
    paragraph = first_paragraph(doc)
    response = api.as_("chair.rcm").patch(
        f"/api/paragraphs/{paragraph['id']}", json={"text": "ab\x00c", "expected_version": 1}
    )
    body = problem_of(response)
    assert response.status_code == 422
    assert body["detail"] == "A paragraph cannot contain NUL characters."
    assert (body["character"], body["position"]) == ("U+0000", 3)


def test_text_is_stored_nfc_with_lf_line_ends_and_rtl_marks_kept(api, doc):
    paragraph = first_paragraph(doc)
    sent = "Migrac\u0327a\u0303o segura\r\nfor all\rand \u200fשלום\u200f\ttoo."
    response = api.as_("chair.rcm").patch(
        f"/api/paragraphs/{paragraph['id']}", json={"text": sent, "expected_version": 1}
    )
    assert response.status_code == 200, response.text
    assert response.json()["text"] == "Migração segura\nfor all\nand \u200fשלום\u200f\ttoo."


def test_notes_and_rationales_are_checked_too(api, doc):
    paragraph = first_paragraph(doc)
    response = api.as_("mex").post(
        f"/api/paragraphs/{paragraph['id']}/amendments",
        json={"base_version": 1, "text": "Other words.", "rationale": "Because\u202e."},
    )
    assert response.status_code == 422
    assert problem_of(response)["detail"].startswith("The rationale contains U+202E")
    too_long = api.as_("mex").post(
        f"/api/paragraphs/{paragraph['id']}/amendments",
        json={"base_version": 1, "text": "Other words.", "rationale": "x" * 4001},
    )
    assert too_long.status_code == 422
    assert problem_of(too_long)["detail"] == (
        "The rationale is 4001 characters long; the limit is 4000."
    )


@pytest.mark.parametrize(
    ("body", "detail"),
    [
        (
            b'{"text": "\\ud800", "expected_version": 1}',
            "The request body holds U+D800 (a lone surrogate) at character 1 of text: "
            "a surrogate is not a character. Send valid Unicode text.",
        ),
        (
            b'{"text": "ok \\uDFFF\\ud83d\\ude00", "expected_version": 1}',
            "The request body holds U+DFFF (a lone surrogate) at character 4 of text: "
            "a surrogate is not a character. Send valid Unicode text.",
        ),
        (
            b'{"text": "caf\xe9", "expected_version": 1}',
            "The request body is not valid UTF-8 (byte 14 is not part of a character). "
            "Send JSON encoded as UTF-8.",
        ),
        (
            b"\xff\xfe{\x00}\x00",
            "The request body is not valid UTF-8 (byte 1 is not part of a character). "
            "Send JSON encoded as UTF-8.",
        ),
    ],
)
def test_a_json_body_that_is_not_unicode_text_is_a_422(api, doc, body, detail):
    paragraph = first_paragraph(doc)
    response = api.as_("chair.rcm").patch(
        f"/api/paragraphs/{paragraph['id']}",
        content=body,
        headers={"content-type": "application/json"},
    )
    assert response.status_code == 422, response.text
    assert problem_of(response)["detail"] == detail


def test_an_escaped_surrogate_pair_is_a_character_and_is_stored(api, doc):
    paragraph = first_paragraph(doc)
    response = api.as_("chair.rcm").patch(
        f"/api/paragraphs/{paragraph['id']}",
        content=b'{"text": "Migrants \\ud83d\\ude00 and \\\\ud800.", "expected_version": 1}',
        headers={"content-type": "application/json"},
    )
    assert response.status_code == 200, response.text
    assert response.json()["text"] == "Migrants \U0001f600 and \\ud800."


def test_a_lone_surrogate_in_the_login_is_a_422(api):
    response = api.anonymous.post(
        "/api/auth/login",
        content=b'{"username": "mex\\udc00", "password": "whatever-it-is"}',
        headers={"content-type": "application/json"},
    )
    assert response.status_code == 422
    problem_of(response)


def test_a_chunked_body_over_the_limit_is_a_413(api, doc):
    paragraph = first_paragraph(doc)

    def chunks():
        yield b'{"text": "' + b"a" * 600_000
        yield b"a" * 600_000 + b'", "expected_version": 1}'

    response = api.as_("chair.rcm").patch(
        f"/api/paragraphs/{paragraph['id']}",
        content=chunks(),
        headers={"content-type": "application/json"},
    )
    assert response.status_code == 413
    assert problem_of(response)["detail"] == (
        "The request body is larger than the limit of 1,000,000 bytes."
    )


def test_a_chunked_body_within_the_limit_is_read(api, doc):
    paragraph = first_paragraph(doc)

    def chunks():
        yield b'{"text": "Chunked'
        yield b' words.", "expected_version": 1}'

    response = api.as_("chair.rcm").patch(
        f"/api/paragraphs/{paragraph['id']}",
        content=chunks(),
        headers={"content-type": "application/json"},
    )
    assert response.status_code == 200, response.text


def test_documents_have_at_most_fifty_sections_with_bounded_titles(api):
    chair = api.as_("chair.rcm")
    many = chair.post("/api/documents", json={"title": "T", "sections": ["s"] * 51})
    assert many.status_code == 422
    assert problem_of(many)["detail"] == (
        "A document has at most 50 sections; this one would have 51."
    )
    long_title = chair.post("/api/documents", json={"title": "T", "sections": ["x" * 301]})
    assert long_title.status_code == 422
    assert problem_of(long_title)["detail"] == (
        "The title of section 1 is 301 characters long; the limit is 300."
    )
    hidden = chair.post("/api/documents", json={"title": "Evil\u202eTitle", "sections": []})
    assert hidden.status_code == 422
    assert problem_of(hidden)["detail"].startswith("The title contains U+202E")
    fifty = chair.post(
        "/api/documents", json={"title": "Fifty", "sections": [f"S{n}" for n in range(50)]}
    )
    assert fifty.status_code == 201, fifty.text


@pytest.mark.parametrize("username", ["mex\x00", "\x00", "a" * 5000])
def test_a_username_no_account_can_have_is_a_401(api, username):
    response = api.anonymous.post(
        "/api/auth/login", json={"username": username, "password": DEMO_PASSWORD}
    )
    assert response.status_code in (401, 422), response.text
    problem_of(response)


def test_a_raw_file_without_a_content_type_is_not_taken_for_json(api):
    response = api.as_("mex").post("/api/verify", content=b"%PDF-1.7\n\xff\xfe\x00 not a text")
    assert response.status_code != 500
    assert "not valid UTF-8" not in response.text
