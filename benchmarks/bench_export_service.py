"""Building the export document from the database at plenary scale: 500 paragraphs,
20,000 positions, 5,000 amendments (the consensus board benchmark's workload, on SQLite).

Prints the median time of `exports.build` for the current text (through the consensus board)
and at the last revision (the rules on what was on record then), and of a full Markdown and
DOCX export; rendering alone is measured by bench_export.py.

    .venv/bin/python benchmarks/bench_export_service.py [--runs 7] [--seed 7]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_consensus_board import AMENDMENTS, PARAGRAPHS, POSITIONS, generate, migrate  # noqa: E402
from sqlmodel import Session  # noqa: E402

from app.clock import system_clock  # noqa: E402
from app.main import create_app  # noqa: E402
from app.models import Document  # noqa: E402
from app.services.exports import exports as exports_service  # noqa: E402
from app.settings import Settings  # noqa: E402


def median_ms(runs: int, call) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        t = time.perf_counter()
        result = call()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    url = f"sqlite:///{Path(tempfile.mkdtemp()) / 'export.db'}"
    migrate(url)
    engine = create_app(Settings(database_url=url)).state.engine
    now = system_clock()
    doc = generate(engine, random.Random(args.seed), now)
    print(f"{PARAGRAPHS} paragraphs, {POSITIONS:,} positions, {AMENDMENTS:,} amendments")

    with Session(engine) as session:
        document = session.get(Document, doc)

        def build(revision=None):
            return exports_service.build(session, document=document, now=now, revision=revision)

        def export(format: str, variant: str):
            return exports_service.export(
                session, document=document, format=format, variant=variant, now=now
            )

        for label, call in [
            ("build, current text", build),
            ("build, at Rev.2", lambda: build(2)),
            ("export md compilation", lambda: export("md", "compilation")),
            ("export docx compilation", lambda: export("docx", "compilation")),
            ("export json (dump)", lambda: export("json", "agreed")),
        ]:
            ms, result = median_ms(args.runs, call)
            extra = ""
            if hasattr(result, "sections"):
                proposals = sum(len(p.proposals) for s in result.sections for p in s.paragraphs)
                extra = f" ({proposals:,} pending proposals shown)"
            elif hasattr(result, "content"):
                extra = f" ({len(result.content) / 1e6:.1f} MB)"
            print(f"{label:<26} median {ms:8.1f} ms{extra}")


if __name__ == "__main__":
    main()
