"""Proposing and rebase-checking amendments on a large document, through the services.

A 300-paragraph document (10 sections, ~60 seeded random words a paragraph) takes 2,000 pending
amendments from the 23 member delegations, each proposed in its own committed transaction as a
request would. Then the chairs move the head of every third paragraph, and the script times what
delegates and chairs read: one amendment with its redline and rebase status, a paragraph's list
of amendments, the overlap report of a paragraph, and finally accepting amendments. Prints the
median and 95th percentile per operation.

    .venv/bin/python benchmarks/bench_amendments.py [--paragraphs 300] [--amendments 2000]
        [--samples 200] [--seed 2018] [--database-url postgresql+psycopg://...]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("CONSENSO_SECRET_KEY", "bench-secret-key-not-for-production")

from sqlmodel import Session, select  # noqa: E402

from app.clock import system_clock  # noqa: E402
from app.db import get_engine, write_session  # noqa: E402
from app.models import Account, Amendment, AmendmentStatus, Paragraph  # noqa: E402
from app.models.amendment import AmendmentCreate  # noqa: E402
from app.models.document import DocumentCreate  # noqa: E402
from app.seed import load as demo_service  # noqa: E402
from app.services.accounts.actors import Actor  # noqa: E402
from app.services.amendments import access as amendments_access  # noqa: E402
from app.services.amendments import decisions as decisions_service  # noqa: E402
from app.services.amendments import proposals as amendments_service  # noqa: E402
from app.services.amendments import views as views_service  # noqa: E402
from app.services.text import documents as documents_service  # noqa: E402
from app.services.text import paragraphs as paragraphs_service  # noqa: E402

CODES = [
    "BLZ",
    "CAN",
    "CRI",
    "DOM",
    "SLV",
    "USA",
    "GTM",
    "HND",
    "MEX",
    "NIC",
    "PAN",
    "ARG",
    "BOL",
    "BRA",
    "CHL",
    "COL",
    "ECU",
    "GUY",
    "PRY",
    "PER",
    "SUR",
    "URY",
    "VEN",
]
WORDS = [
    "migrants",
    "states",
    "cooperation",
    "regular",
    "safe",
    "orderly",
    "protection",
    "rights",
    "transit",
    "origin",
    "destination",
    "return",
    "reintegration",
    "labour",
    "mobility",
    "family",
    "reunification",
    "border",
    "management",
    "data",
    "evidence",
    "capacity",
    "shared",
    "responsibility",
    "bi-regional",
    "extra-continental",
    "flows",
    "humanitarian",
    "visas",
    "integration",
    "xenophobia",
    "trafficking",
    "smuggling",
    "consular",
    "identity",
]


def sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def reword(rng: random.Random, text: str, changes: int) -> str:
    """Replace, insert or delete a few words at random places (a typical amendment)."""
    words = text.split(" ")
    for _ in range(changes):
        i = rng.randrange(len(words))
        op = rng.random()
        if op < 0.5:
            words[i] = rng.choice(WORDS)
        elif op < 0.8:
            words.insert(i, rng.choice(WORDS))
        elif len(words) > 5:
            del words[i]
    new = " ".join(words)
    return new if new != text else new + " " + rng.choice(WORDS)


def migrate(url: str) -> None:
    from alembic import command
    from alembic.config import Config

    config = Config(str(ROOT / "alembic.ini"))
    config.attributes["database_url"] = url
    config.attributes["configure_logger"] = False
    command.upgrade(config, "head")


def timed(samples: list[float], fn, *args, **kwargs):
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    samples.append((time.perf_counter() - start) * 1000)
    return result


def report(name: str, samples: list[float]) -> None:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    print(
        f"{name:<48} n={len(samples):>5}  median {statistics.median(samples):7.2f} ms"
        f"  p95 {p95:7.2f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--paragraphs", type=int, default=300)
    parser.add_argument("--amendments", type=int, default=2000)
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument("--seed", type=int, default=2018)
    parser.add_argument("--database-url", default=None, help="an EMPTY database (default: SQLite)")
    args = parser.parse_args()
    rng = random.Random(args.seed)

    url = args.database_url or f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.db'}"
    migrate(url)
    engine = get_engine(url)
    with write_session(engine) as session:
        demo_service.load(session, password="bench-password", now=system_clock())
        session.commit()
        accounts = {a.username: Actor.of(a) for a in session.exec(select(Account))}
    chair = accounts["chair.rcm"]
    members = [accounts[c.lower()] for c in CODES]

    started = time.perf_counter()
    with write_session(engine) as session:
        document = documents_service.create(
            session,
            actor=chair,
            data=DocumentCreate(
                title="Benchmark common position", sections=[f"Part {i}" for i in range(1, 11)]
            ),
            now=system_clock(),
        )
        sections = documents_service.sections(session, document_id=document.id)
        paragraph_ids = []
        for i in range(args.paragraphs):
            paragraph = paragraphs_service.insert(
                session,
                document=document,
                section_ref=sections[i % len(sections)].id,
                after=None,
                text=" ".join(sentence(rng, 12) for _ in range(5)),
                actor=chair,
                now=system_clock(),
            )
            paragraph_ids.append(paragraph.id)
        session.commit()
    print(
        f"document: {args.paragraphs} paragraphs in {len(sections)} sections "
        f"({time.perf_counter() - started:.1f} s to build)"
    )

    propose_ms: list[float] = []
    for _ in range(args.amendments):
        pid = rng.choice(paragraph_ids)
        with write_session(engine) as session:
            paragraph = session.get(Paragraph, pid)
            data = AmendmentCreate(
                base_version=paragraph.head_version,
                text=reword(rng, paragraph.head_text, rng.randint(1, 4)),
                rationale="Closer to agreed language.",
            )
            start = time.perf_counter()
            amendments_service.propose(
                session,
                paragraph=paragraph,
                data=data,
                actor=rng.choice(members),
                now=system_clock(),
            )
            session.commit()
            propose_ms.append((time.perf_counter() - start) * 1000)

    # The chairs move every third paragraph on: its amendments now need a real rebase.
    with write_session(engine) as session:
        for pid in paragraph_ids[::3]:
            paragraph = session.get(Paragraph, pid)
            paragraphs_service.edit(
                session,
                paragraph=paragraph,
                text=reword(rng, paragraph.head_text, 3),
                expected_version=paragraph.head_version,
                note="Chair's compilation",
                actor=chair,
                now=system_clock(),
            )
        session.commit()

    with Session(engine) as session:
        ids = session.exec(select(Amendment.id)).all()
    sample_ids = rng.sample(ids, min(args.samples, len(ids)))
    sample_paragraphs = rng.sample(paragraph_ids, min(args.samples, len(paragraph_ids)))
    get_ms: list[float] = []
    statuses: dict[str, int] = {}
    for aid in sample_ids:
        with Session(engine) as session:
            start = time.perf_counter()
            amendment = amendments_access.get_or_raise(session, amendment_id=aid)
            view = views_service.public(session, amendment=amendment)
            get_ms.append((time.perf_counter() - start) * 1000)
            statuses[view.rebase.status] = statuses.get(view.rebase.status, 0) + 1
    list_ms: list[float] = []
    overlap_ms: list[float] = []
    pairs = 0
    for pid in sample_paragraphs:
        with Session(engine) as session:
            paragraph = session.get(Paragraph, pid)
            timed(list_ms, views_service.list_for_paragraph, session, paragraph=paragraph)
            found = timed(overlap_ms, views_service.overlaps, session, paragraph=paragraph)
            pairs += len(found.overlaps)

    accept_ms: list[float] = []
    accepted = conflicts = 0
    for pid in sample_paragraphs[: args.samples // 2]:
        with write_session(engine) as session:
            paragraph = session.get(Paragraph, pid)
            amendment = session.exec(
                select(Amendment)
                .where(Amendment.paragraph_id == pid, Amendment.status == AmendmentStatus.PENDING)
                .order_by(Amendment.id)
            ).first()
            if amendment is None:
                continue
            start = time.perf_counter()
            try:
                decisions_service.accept(
                    session,
                    amendment=amendment,
                    expected_version=paragraph.head_version,
                    actor=chair,
                    now=system_clock(),
                )
                session.commit()
                accepted += 1
            except Exception:  # noqa: BLE001 - a 409 conflict is a result here, not a failure
                session.rollback()
                conflicts += 1
            accept_ms.append((time.perf_counter() - start) * 1000)

    print(f"pending amendments: {len(ids)}; rebase status of the sample: {statuses}")
    report("propose (validate, patch, store, commit)", propose_ms)
    report("get one amendment (redline + rebase)", get_ms)
    report(f"list a paragraph's amendments (~{len(ids) // len(paragraph_ids)})", list_ms)
    report(f"overlaps of a paragraph ({pairs} colliding pairs)", overlap_ms)
    report(f"accept ({accepted} accepted, {conflicts} conflicts)", accept_ms)
    engine.dispose()


if __name__ == "__main__":
    main()
