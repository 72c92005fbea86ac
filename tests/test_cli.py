"""The `consenso` command line, as an operator uses it."""

import pytest
from sqlmodel import Session, func, select
from typer.testing import CliRunner

from app.cli import cli
from app.db import get_engine
from app.models import Account, Participant
from app.settings import get_settings
from tests.conftest import _dispose, migrate

runner = CliRunner()


@pytest.fixture
def empty_db(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("CONSENSO_DATABASE_URL", url)
    get_settings.cache_clear()
    migrate(url)
    yield url
    _dispose(url)
    get_settings.cache_clear()


def test_demo_loads_once_and_refuses_a_second_time(empty_db):
    first = runner.invoke(cli, ["demo"])
    assert first.exit_code == 0, first.output
    assert "Demo data loaded" in first.output
    with Session(get_engine(empty_db)) as session:
        assert (
            session.exec(select(func.count()).select_from(Participant)).one() == 27 + 2
        )  # and the co-chairs
        usernames = set(session.exec(select(Account.username)).all())
    assert {"chair.rcm", "chair.sacm", "secretariat", "mex", "bra", "iom"} <= usernames
    again = runner.invoke(cli, ["demo"])
    assert again.exit_code == 1
    assert "not empty" in again.output
    assert runner.invoke(cli, ["demo", "--if-empty"]).exit_code == 0


def test_logins_prints_every_demo_account(empty_db):
    result = runner.invoke(cli, ["logins"])
    assert result.exit_code == 0
    assert "demo-password" in result.output
    for username in ("chair.rcm", "chair.sacm", "secretariat", "mex", "ven", "rrocm"):
        assert username in result.output


def test_accounts_create_list_disable(empty_db):
    runner.invoke(cli, ["demo"])
    created = runner.invoke(
        cli,
        [
            "accounts",
            "create",
            "mex.alt",
            "--role",
            "delegate",
            "--delegation",
            "mex",
            "--password",
            "long-enough-pw",
        ],
    )
    assert created.exit_code == 0, created.output
    listed = runner.invoke(cli, ["accounts", "list"])
    assert "mex.alt" in listed.output and "MEX" in listed.output
    bad = runner.invoke(
        cli,
        [
            "accounts",
            "create",
            "iom.2",
            "--role",
            "delegate",
            "--delegation",
            "IOM",
            "--password",
            "long-enough-pw",
        ],
    )
    assert bad.exit_code == 1
    assert "member delegation" in bad.output
    disabled = runner.invoke(cli, ["accounts", "disable", "mex.alt"])
    assert disabled.exit_code == 0
    assert "(disabled)" in runner.invoke(cli, ["accounts", "list"]).output
    assert runner.invoke(cli, ["accounts", "disable", "nobody"]).exit_code == 1


def test_import_restores_a_dump_and_passwords_can_be_set(empty_db, tmp_path, monkeypatch):
    from app.services.exports import dump as dump_service

    runner.invoke(cli, ["demo"])
    with Session(get_engine(empty_db)) as session:
        data = dump_service.dump(session, document_id=1)
    file = tmp_path / "dump.json"
    file.write_bytes(dump_service.to_bytes(data))
    _dispose(empty_db)
    fresh = f"sqlite:///{tmp_path / 'fresh.db'}"
    migrate(fresh)
    monkeypatch.setenv("CONSENSO_DATABASE_URL", fresh)
    get_settings.cache_clear()
    result = runner.invoke(cli, ["import", str(file)])
    assert result.exit_code == 0, result.output
    assert "Restored document 1" in result.output
    again = runner.invoke(cli, ["import", str(file)])
    assert again.exit_code == 1 and "empty database" in again.output
    changed = runner.invoke(cli, ["accounts", "password", "mex", "--password", "a-new-password"])
    assert changed.exit_code == 0, changed.output
    _dispose(fresh)


def test_the_demo_room_shows_a_negotiation_under_way(empty_db):
    from fastapi.testclient import TestClient

    from app.main import create_app

    assert runner.invoke(cli, ["demo"]).exit_code == 0
    client = TestClient(create_app())
    token = client.post(
        "/api/auth/login", json={"username": "chair.sacm", "password": "demo-password"}
    ).json()["token"]
    client.headers["Authorization"] = f"Bearer {token}"
    revisions = client.get("/api/documents/1/revisions").json()
    assert [r["label"] for r in revisions] == ["Zero draft"]
    board = client.get("/api/documents/1/consensus").json()
    statuses = {p["label"]: p["status"] for p in board["paragraphs"]}
    assert statuses["1.1"] == "agreed_ad_ref" and statuses["3.1"] == "agreed_ad_ref"
    assert statuses["1.2"] == "bracketed"  # two competing amendments
    assert statuses["1.3"] == "bracketed"  # Venezuela objects
    assert statuses["4.2"] == "open"
    amendments = client.get(f"/api/paragraphs/{board['paragraphs'][1]['id']}/amendments").json()
    assert [a["proposer"] for a in amendments] == ["MEX", "USA"]
    _the_concept_notes_rounds_are_in_the_calendar(client)


def _the_concept_notes_rounds_are_in_the_calendar(client) -> None:
    from datetime import date

    from icalendar import Calendar

    ics = client.get("/api/documents/1/calendar.ics")
    meetings = {
        (str(e["summary"]), e.decoded("dtstart"), e.decoded("dtend"))
        for e in Calendar.from_ical(ics.content).walk("VEVENT")
        if not str(e["summary"]).startswith("Deadline")
    }
    ny = "New York, "
    assert meetings == {
        (ny + "20, 22 and 23 February 2018", date(2018, 2, 20), date(2018, 2, 21)),
        (ny + "20, 22 and 23 February 2018", date(2018, 2, 22), date(2018, 2, 24)),
        (ny + "12–15 March 2018", date(2018, 3, 12), date(2018, 3, 16)),
        (ny + "3–6 April 2018", date(2018, 4, 3), date(2018, 4, 7)),
        ("RCM–SACM plenary, Montevideo, 8–9 May 2018", date(2018, 5, 8), date(2018, 5, 10)),
        (ny + "14–18 May 2018", date(2018, 5, 14), date(2018, 5, 19)),
        (ny + "4–8 June 2018", date(2018, 6, 4), date(2018, 6, 9)),
        (ny + "9–13 July 2018", date(2018, 7, 9), date(2018, 7, 14)),
    }


def test_audit_verify_passes_then_names_the_first_bad_entry(empty_db):
    import sqlalchemy as sa

    assert runner.invoke(cli, ["demo"]).exit_code == 0
    intact = runner.invoke(cli, ["audit", "verify"])
    assert intact.exit_code == 0, intact.output
    assert intact.output.startswith("Document 1: the record verifies")
    one = runner.invoke(cli, ["audit", "verify", "--document", "1"])
    assert one.exit_code == 0 and "the record verifies" in one.output
    assert runner.invoke(cli, ["audit", "verify", "--document", "9"]).exit_code == 1
    with get_engine(empty_db).begin() as conn:
        conn.execute(sa.text("UPDATE event SET payload = '{}' WHERE seq = 5"))
    broken = runner.invoke(cli, ["audit", "verify"])
    assert broken.exit_code == 1
    assert "The record does not verify. Document 1: event 5:" in broken.output


def test_export_json_and_import_refuse_a_record_that_does_not_verify(
    empty_db, tmp_path, monkeypatch
):
    import json

    import sqlalchemy as sa

    assert runner.invoke(cli, ["demo"]).exit_code == 0
    good = tmp_path / "good.json"
    exported = runner.invoke(
        cli, ["export", "--document", "1", "--format", "json", "-o", str(good)]
    )
    assert exported.exit_code == 0, exported.output
    data = json.loads(good.read_text())
    data["tables"]["position"][0]["stance"] = "objection"
    forged = tmp_path / "forged.json"
    forged.write_text(json.dumps(data))
    with get_engine(empty_db).begin() as conn:
        conn.execute(sa.text("UPDATE amendment SET rationale = 'Forged.' WHERE id = 1"))
    refused = runner.invoke(
        cli, ["export", "--document", "1", "--format", "json", "-o", str(tmp_path / "x.json")]
    )
    assert refused.exit_code == 1
    assert "amendment 1: it differs from what its event recorded" in refused.output
    assert not (tmp_path / "x.json").exists()
    _dispose(empty_db)
    fresh = f"sqlite:///{tmp_path / 'fresh.db'}"
    migrate(fresh)
    monkeypatch.setenv("CONSENSO_DATABASE_URL", fresh)
    get_settings.cache_clear()
    result = runner.invoke(cli, ["import", str(forged)])
    assert result.exit_code == 1
    assert "This dump does not verify: position " in result.output
    assert runner.invoke(cli, ["import", str(good)]).exit_code == 0  # nothing was left behind
    _dispose(fresh)


def test_verify_says_whether_a_file_matches(empty_db, tmp_path):
    assert runner.invoke(cli, ["demo"]).exit_code == 0
    file = tmp_path / "compilation.md"
    args = ["export", "--document", "1", "--format", "md", "-o", str(file)]
    assert runner.invoke(cli, args).exit_code == 0
    matches = runner.invoke(cli, ["verify", str(file)])
    assert matches.exit_code == 0, matches.output
    assert f"{file}: matches: the current text (compilation, md)" in matches.output
    file.write_text(file.read_text().replace("igra", "IGRA", 1))
    edited = runner.invoke(cli, ["verify", str(file)])
    assert edited.exit_code == 1
    assert "does not match: its footer is right" in edited.output
    file.write_text("# Not an export\n")
    unreadable = runner.invoke(cli, ["verify", str(file)])
    assert unreadable.exit_code == 1 and "unreadable: its footer lacks" in unreadable.output


def test_serve_refuses_several_workers_on_sqlite(empty_db):
    result = runner.invoke(cli, ["serve", "--workers", "2"])
    assert result.exit_code == 1
    assert "SQLite serves one worker" in result.output
