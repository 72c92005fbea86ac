"""The hot writes answer over a real server as they do in process: the answer a proposal or a
position writes out itself (`api/answers.py`, after `db.in_one_thread`) is whole, is what
reading the row back shows, and says how long the write waited for its turn (SQLite)."""

from __future__ import annotations


def test_a_proposal_and_a_position_answer_whole_over_a_real_server(server, database_url):
    with server.client("mex") as mex:
        paragraph = mex.get("/documents/1").json()["sections"][0]["paragraphs"][0]
        proposed = mex.post(
            f"/paragraphs/{paragraph['id']}/amendments",
            json={"base_version": paragraph["head_version"], "text": paragraph["text"] + " So."},
        )
        assert proposed.status_code == 201, proposed.text
        assert proposed.headers["content-type"] == "application/json"
        assert int(proposed.headers["content-length"]) == len(proposed.content)
        answer = proposed.json()
        assert answer == mex.get(f"/amendments/{answer['id']}").json()
        taken = mex.put(
            f"/paragraphs/{paragraph['id']}/positions/mine",
            json={"version": paragraph["head_version"], "stance": "support"},
        )
        assert taken.status_code == 200, taken.text
        assert taken.json()["stance"] == "support" and taken.json()["code"] == "MEX"
        if database_url.startswith("sqlite"):
            for response in (proposed, taken):
                assert response.headers["server-timing"].startswith("write-queue;dur=")
        refused = mex.put(
            f"/paragraphs/{paragraph['id']}/positions/mine",
            json={"version": paragraph["head_version"] + 5, "stance": "support"},
        )
        assert refused.status_code == 409
        assert refused.headers["content-type"] == "application/problem+json"
    with server.client("nobody") as anonymous:
        assert (
            anonymous.post(
                f"/paragraphs/{paragraph['id']}/amendments",
                json={"base_version": 1, "text": "x"},
            ).status_code
            == 401
        )
