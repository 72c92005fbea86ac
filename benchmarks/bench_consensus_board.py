"""The consensus board at plenary scale: 500 paragraphs x 23 delegations, 20,000 positions,
5,000 amendments, on SQLite (a temporary database migrated with Alembic).

Prints the median and p99 time of the board service call and of the HTTP route (TestClient,
in process: server time without the network), cold (everything read again, as after any write)
and warm (kept until the next write), with the CPU time (the machine is shared: wall time varies
with load) and how many SQL statements one board runs.

    .venv/bin/python benchmarks/bench_consensus_board.py [--runs 30] [--seed 7]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("CONSENSO_SECRET_KEY", "bench-secret-key")
os.environ.setdefault("CONSENSO_ENVIRONMENT", "test")

import sqlalchemy as sa  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402
from sqlmodel import Session  # noqa: E402

from app import security  # noqa: E402
from app.clock import system_clock  # noqa: E402
from app.drafting import history  # noqa: E402
from app.main import create_app  # noqa: E402
from app.models import (  # noqa: E402
    Amendment,
    AmendmentSponsor,
    AuthSession,
    Document,
    Paragraph,
    ParagraphVersion,
    Position,
    Revision,
    RevisionEntry,
    Section,
    SilenceProcedure,
)
from app.seed import load as demo_service  # noqa: E402
from app.services.accounts import accounts as accounts_service  # noqa: E402
from app.services.consensus import board as board_service  # noqa: E402
from app.services.consensus import cache as history_service  # noqa: E402
from app.services.positions import roster as members_service  # noqa: E402
from app.settings import Settings  # noqa: E402

PARAGRAPHS, POSITIONS, AMENDMENTS = 500, 20_000, 5_000
SPAN = timedelta(days=45)  # the negotiation so far: positions spread over six weeks
STANCES = ["support"] * 12 + ["ad_referendum"] * 2 + ["reservation"] * 3 + ["objection"] * 3


def migrate(url: str) -> None:
    from alembic import command
    from alembic.config import Config

    config = Config(str(ROOT / "alembic.ini"))
    config.attributes["database_url"] = url
    config.attributes["configure_logger"] = False
    command.upgrade(config, "head")


@dataclass
class Workload:
    """What the generators share: the document, its people, and what was written so far."""

    session: Session
    rng: random.Random
    now: datetime
    start: datetime  # the negotiation began SPAN before now
    doc: int
    chair: int
    codes: list[str]
    delegates: dict[str, int]  # code -> account id
    sections: list[int]
    paragraphs: list[dict] = field(default_factory=list)
    heads: dict[int, int] = field(default_factory=dict)  # paragraph id -> head version
    # (paragraph id, version) -> (written at, superseded at or now)
    version_times: dict[tuple[int, int], tuple[datetime, datetime]] = field(default_factory=dict)


def generate(engine: sa.Engine, rng: random.Random, now: datetime) -> int:
    """The workload, written with Core inserts; returns the document id."""
    with Session(engine) as session:
        w = _document(session, rng, now)
        _paragraphs(w)
        _positions(w)
        _amendments(w)
        _revisions(w)
        _silences(w)
        session.commit()
        return w.doc


def _document(session: Session, rng: random.Random, now: datetime) -> Workload:
    """The demo delegations, a chair signed in as "bench", an empty document of four sections."""
    demo_service.load(session, password="bench-password", now=system_clock())
    chair = accounts_service.get_by_username(session, username="chair.rcm")
    members = members_service.members(session)
    delegates = {
        m.code: accounts_service.get_by_username(session, username=m.code.lower()).id
        for m in members
    }
    session.add(
        AuthSession(
            token_hash=security.token_digest(os.environ["CONSENSO_SECRET_KEY"], "bench"),
            account_id=chair.id,
            created_at=now,
            expires_at=now + timedelta(days=1),
        )
    )
    document = Document(title="Bench", created_by_account_id=chair.id, created_at=now - SPAN)
    session.add(document)
    session.flush()
    sections = []
    for position in range(1, 5):
        section = Section(
            document_id=document.id, key=f"s{position}", title=f"S{position}", position=position
        )
        session.add(section)
        session.flush()
        sections.append(section.id)
    codes = [m.code for m in members]
    return Workload(
        session, rng, now, now - SPAN, document.id, chair.id, codes, delegates, sections
    )


def _paragraphs(w: Workload) -> None:
    """PARAGRAPHS paragraphs of one to three versions, written over the first 80% of the span."""
    rng, versions = w.rng, []
    for n in range(PARAGRAPHS):
        pid = n + 1 + 10_000
        head = rng.choice([1, 1, 2, 2, 3])
        times = sorted(w.start + SPAN * rng.random() * 0.8 for _ in range(head))
        text = ""
        for number, created in enumerate(times, start=1):
            new = f"Paragraph {n} version {number}: " + "agreed language " * rng.randint(5, 30)
            stored = history.record_version(text, new, number, 10)
            versions.append(
                dict(
                    paragraph_id=pid,
                    number=number,
                    patch=stored.patch,
                    sha256=stored.sha256,
                    snapshot=stored.snapshot,
                    source="edit",
                    note="",
                    author_account_id=w.chair,
                    created_at=created,
                )
            )
            end = times[number] if number < head else w.now
            w.version_times[(pid, number)] = (created, end)
            text = new
        w.heads[pid] = head
        w.paragraphs.append(
            dict(
                id=pid,
                document_id=w.doc,
                section_id=w.sections[n * 4 // PARAGRAPHS],
                position=n + 1,
                head_version=head,
                head_text=text,
                frozen=False,
                created_at=times[0],
            )
        )
    w.session.execute(sa.insert(Paragraph), w.paragraphs)
    w.session.execute(sa.insert(ParagraphVersion), versions)


def _positions(w: Workload) -> None:
    """POSITIONS positions, most on head versions; the latest per member and version is current."""
    rng, positions = w.rng, []
    keys = list(w.version_times)
    while len(positions) < POSITIONS:
        pid, number = rng.choice(keys)
        if rng.random() < 0.7:
            number = w.heads[pid]  # most positions are on the version under negotiation
        code = rng.choice(w.codes)
        begin, end = w.version_times[(pid, number)]
        stance = rng.choice(STANCES)
        positions.append(
            dict(
                document_id=w.doc,
                paragraph_id=pid,
                version_number=number,
                participant_code=code,
                stance=stance,
                note="instructions from capital" if stance == "objection" else "",
                account_id=w.delegates[code],
                created_at=begin + (end - begin) * rng.random(),
                current=False,
                _key=(pid, number, code),
            )
        )
    latest = {}
    for row in sorted(positions, key=lambda r: r["created_at"]):
        latest[row["_key"]] = row
    for row in latest.values():
        row["current"] = True
    for row in positions:
        del row["_key"]
    w.session.execute(sa.insert(Position), positions)


def _amendments(w: Workload) -> None:
    """AMENDMENTS modify amendments, 30% still pending, each with up to two co-sponsors."""
    rng, amendments, sponsors = w.rng, [], []
    for n in range(AMENDMENTS):
        pid = rng.choice(list(w.heads))
        created = w.start + SPAN * rng.random()
        pending = rng.random() < 0.3
        decided = None if pending else min(w.now, created + timedelta(days=rng.random() * 10))
        proposer = rng.choice(w.codes)
        amendments.append(
            dict(
                id=n + 1 + 100_000,
                document_id=w.doc,
                kind="modify",
                paragraph_id=pid,
                status="pending" if pending else rng.choice(["accepted", "rejected"]),
                base_version=w.heads[pid],
                text="Proposed text.",
                proposer_code=proposer,
                author_account_id=w.delegates[proposer],
                created_at=created,
                updated_at=decided or created,
                decided_at=decided,
            )
        )
        for code in {proposer, *rng.sample(w.codes, rng.randint(0, 2))}:
            sponsors.append(
                dict(
                    amendment_id=n + 1 + 100_000,
                    participant_code=code,
                    joined_at=created,
                    joined_by_account_id=w.delegates[code],
                )
            )
    w.session.execute(sa.insert(Amendment), amendments)
    w.session.execute(sa.insert(AmendmentSponsor), sponsors)


def _revisions(w: Workload) -> None:
    """Three revisions, each freezing the version of every paragraph written by then."""
    for number in range(3):
        moment = w.start + SPAN * (0.3 + 0.3 * number)
        revision = Revision(
            document_id=w.doc,
            number=number,
            label=f"Rev.{number}",
            created_at=moment,
            created_by_account_id=w.chair,
        )
        w.session.add(revision)
        w.session.flush()
        entries = []
        for i, p in enumerate(w.paragraphs):
            version = max(
                (
                    v
                    for (pid, v), (b, _e) in w.version_times.items()
                    if pid == p["id"] and b <= moment
                ),
                default=None,
            )
            if version is not None:
                entries.append(
                    dict(
                        revision_id=revision.id,
                        paragraph_id=p["id"],
                        version_number=version,
                        section_id=p["section_id"],
                        section_position=1,
                        position=i,
                        number=i,
                    )
                )
        w.session.execute(sa.insert(RevisionEntry), entries)


def _silences(w: Workload) -> None:
    """50 head versions under a silence procedure started in the last five days."""
    silences = []
    for pid in w.rng.sample(list(w.heads), 50):
        begin = w.now - timedelta(days=w.rng.random() * 5)
        silences.append(
            dict(
                document_id=w.doc,
                paragraph_id=pid,
                version_number=w.heads[pid],
                started_at=begin,
                deadline=begin + timedelta(days=2),
                started_by_account_id=w.chair,
            )
        )
    w.session.execute(sa.insert(SilenceProcedure), silences)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def measure(call, *, cold: bool, runs: int, statements: list[str]):
    """The last result, wall and CPU ms per run, and the SQL statements of the last run."""
    wall, cpu = [], []
    for _ in range(runs):
        if cold:
            history_service.forget()  # as after any write: everything is read again
        statements.clear()
        w, c = time.perf_counter(), time.process_time()
        result = call()
        wall.append((time.perf_counter() - w) * 1000)
        cpu.append((time.process_time() - c) * 1000)
    return result, (wall, cpu, len(statements))


def report(figures: dict, board, response) -> None:
    print(
        f"statuses: {board.totals}; timeline: {len(board.timeline.revisions)} "
        f"revisions, {len(board.timeline.days)} days; "
        f"response {len(response.content) / 1e6:.1f} MB"
    )
    for (where, cold), (wall, cpu, queries) in figures.items():
        state = "cold" if cold else "warm"
        print(
            f"{where + ',':8} {state}: median {statistics.median(wall):6.1f} ms,"
            f" p99 {percentile(wall, 99):6.1f} ms (CPU median {statistics.median(cpu):6.1f} ms),"
            f" {queries} SQL statements"
        )
    print(
        "cold: the board and its history read and evaluated again, as after any write;"
        " warm: kept until the next write."
        " HTTP statements include sign-in and the document lookup."
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    url = f"sqlite:///{Path(tempfile.mkdtemp()) / 'board.db'}"
    migrate(url)
    app = create_app(Settings(database_url=url))
    engine = app.state.engine
    now = system_clock()
    began = time.perf_counter()
    doc = generate(engine, random.Random(args.seed), now)
    print(
        f"generated in {time.perf_counter() - began:.1f} s: {PARAGRAPHS} paragraphs, "
        f"{POSITIONS:,} positions, {AMENDMENTS:,} amendments"
    )

    statements: list[str] = []
    sa.event.listen(engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    figures = {}
    with Session(engine) as session:
        document = session.get(Document, doc)

        def service():
            session.rollback()  # a new transaction per board, as a request has
            session.refresh(document)
            statements.clear()  # not the refresh: the route gets the document from its lookup
            return board_service.board(session, document=document, now=system_clock())

        for cold in (True, False):
            board, figures[("service", cold)] = measure(
                service, cold=cold, runs=args.runs, statements=statements
            )
    client = TestClient(app, headers={"Authorization": "Bearer bench"})

    def http():
        response = client.get(f"/api/documents/{doc}/consensus")
        assert response.status_code == 200, response.text
        return response

    for cold in (True, False):
        response, figures[("HTTP", cold)] = measure(
            http, cold=cold, runs=args.runs, statements=statements
        )
    report(figures, board, response)


if __name__ == "__main__":
    main()
