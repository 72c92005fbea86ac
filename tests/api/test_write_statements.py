"""The hot write routes run a pinned number of SQL statements (issue 15, point 3).

Each route is called once through the API and every statement the app sends to the database
during that request is counted, transaction control aside (as the board's test counts its
queries). A count above its budget fails: a new query on a hot path must be a choice, not an
accident.
"""

from tests.api.test_consensus_board import counted
from tests.conftest import first_paragraph

# Statements per request, pinned at today's counts, on each engine. When a route gets leaner,
# lower its number here to the new count in the same commit, so it cannot silently grow back
# (set it to 0 and run this test: the failure message prints every route's count).
BUDGET = {
    # Transaction control is not counted on either engine: psycopg sends PostgreSQL's BEGIN
    # itself, and SQLite's BEGIN and COMMIT go to the driver directly (app/db.py), so both
    # engines now run the same statements.
    "propose": {"sqlite": 7, "postgresql": 7},
    "revise": {"sqlite": 14, "postgresql": 14},
    "take a position": {"sqlite": 6, "postgresql": 6},
    "change the position": {"sqlite": 6, "postgresql": 6},
    "comment": {"sqlite": 5, "postgresql": 5},
    "accept": {"sqlite": 23, "postgresql": 23},
}


def _cost(app, call):
    """The response of `call()` and the statements the app ran for it."""
    with counted(app.state.engine) as statements:
        response = call()
    assert response.is_success, response.text
    return response, len(statements)


def test_the_hot_write_routes_run_no_more_statements_than_their_budget(api, app, doc):
    engine = app.state.engine.dialect.name
    paragraph = first_paragraph(doc)
    pid, text = paragraph["id"], paragraph["text"]
    mex, chair = api.as_("mex"), api.as_("chair.rcm")
    # A serving worker keeps the labels and the rounds while their marks hold
    # (app/services/record/marks.py): the first proposal after a start reads them once, and the
    # counts below are those of the writes after it.
    warm_up = doc["sections"][0]["paragraphs"][1]
    _cost(
        app,
        lambda: mex.post(
            f"/api/paragraphs/{warm_up['id']}/amendments",
            json={"base_version": 1, "text": f"{warm_up['text']} Indeed."},
        ),
    )
    costs = {}
    proposed, costs["propose"] = _cost(
        app,
        lambda: mex.post(
            f"/api/paragraphs/{pid}/amendments",
            json={"base_version": 1, "text": f"{text} Indeed.", "rationale": "Clearer."},
        ),
    )
    aid = proposed.json()["id"]
    _, costs["revise"] = _cost(
        app, lambda: mex.put(f"/api/amendments/{aid}", json={"text": f"{text} Truly."})
    )
    url = f"/api/paragraphs/{pid}/positions/mine"
    _, costs["take a position"] = _cost(
        app, lambda: mex.put(url, json={"version": 1, "stance": "support"})
    )
    _, costs["change the position"] = _cost(
        app, lambda: mex.put(url, json={"version": 1, "stance": "ad_referendum"})
    )
    _, costs["comment"] = _cost(
        app, lambda: mex.post(f"/api/amendments/{aid}/comments", json={"body": "As revised."})
    )
    accepted, costs["accept"] = _cost(
        app, lambda: chair.post(f"/api/amendments/{aid}/accept", json={"expected_version": 1})
    )
    assert accepted.json()["status"] == "accepted"
    over = {route: n for route, n in costs.items() if n > BUDGET[route][engine]}
    assert not over, f"over budget on {engine}: {over} (budget {BUDGET}); all counts {costs}"


def test_a_write_answers_what_a_read_back_would_show(api, doc):
    """The propose and position answers are built from what the request wrote, not read back:
    they must be exactly what reading the rows afterwards gives."""
    paragraph = first_paragraph(doc)
    pid, mex = paragraph["id"], api.as_("mex")
    body = {"base_version": 1, "text": f"{paragraph['text']} Indeed.", "rationale": "Clearer."}
    proposed = mex.post(f"/api/paragraphs/{pid}/amendments", json=body)
    assert proposed.status_code == 201, proposed.text
    answer = proposed.json()
    assert answer == mex.get(f"/api/amendments/{answer['id']}").json()
    assert answer["sponsors"] == ["MEX"] and answer["author"] == "mex"
    assert [v["author"] for v in answer["versions"]] == ["mex"]
    taken = mex.put(
        f"/api/paragraphs/{pid}/positions/mine", json={"version": 1, "stance": "support"}
    )
    assert taken.status_code == 200, taken.text
    [mine] = [
        p
        for p in mex.get(f"/api/paragraphs/{pid}/positions").json()["current"]
        if p["code"] == "MEX"
    ]
    assert taken.json() == mine and mine["by"] == "mex"
