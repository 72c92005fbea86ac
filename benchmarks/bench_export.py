"""Export render times on a large synthetic document.

500 paragraphs in 10 sections (half agreed, half bracketed/open) carrying 5,000 proposals
(seeded random words, word-level redlines, co-sponsors), rendered in every format and variant.
Prints the median wall time of a few repeats (fewer for PDF, which is slow).

    .venv/bin/python benchmarks/bench_export.py [--repeats 5] [--pdf-repeats 1] [--seed 2018]
        [--formats md,html,pdf,docx,akn,csv]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.drafting.export import FORMATS, VARIANTS, render  # noqa: E402
from app.drafting.export.model import (  # noqa: E402
    ExportDelegation,
    ExportDocument,
    ExportParagraph,
    ExportProposal,
    ExportSection,
)


def _words(prose: str) -> tuple[str, ...]:
    return tuple(prose.split())


CODES = _words(
    "BLZ CAN CRI DOM SLV USA GTM HND MEX NIC PAN ARG BOL BRA CHL COL ECU GUY PRY PER SUR URY VEN"
)
WORDS = _words(
    "migrants migración migração states cooperation regular safe orderly protection rights "
    "transit origin destination return reintegration labour mobility family reunification "
    'border management data <evidence> & capacity "shared" responsibility bi-regional '
    "extra-continental flows humanitarian visas integration xenophobia trafficking smuggling"
)
STANCES = ("support", "ad_referendum", "reservation", "objection")


def _sentence(rng: random.Random, n: int) -> list[str]:
    return [rng.choice(WORDS) for _ in range(n)]


def _proposal(rng: random.Random, pid: int, words: list[str]) -> ExportProposal:
    kind = rng.choices(("modify", "insert_paragraph", "delete_paragraph"), (8, 1, 1))[0]
    sponsors = tuple(rng.sample(CODES, rng.randint(1, 4)))
    if kind == "delete_paragraph":
        return ExportProposal(pid, kind, sponsors, "", (), "Redundant.")
    if kind == "insert_paragraph":
        return ExportProposal(pid, kind, sponsors, " ".join(_sentence(rng, 30)), (), "")
    new = list(words)
    redline: list[tuple[str, str]] = []
    i = 0
    while i < len(words):
        if rng.random() < 0.1:
            replacement = _sentence(rng, rng.randint(1, 3))
            redline += [("delete", words[i] + " "), ("insert", " ".join(replacement) + " ")]
            new[i] = " ".join(replacement)
        else:
            redline.append(("equal", words[i] + " "))
        i += 1
    return ExportProposal(pid, kind, sponsors, " ".join(new), tuple(redline), "Agreed language.")


def synthetic(seed: int, paragraphs: int = 500, proposals: int = 5000) -> ExportDocument:
    rng = random.Random(seed)
    pending = paragraphs // 2
    per = proposals // pending
    sections = []
    pid = 0
    next_proposal = 0
    for s in range(10):
        paras = []
        for n in range(paragraphs // 10):
            pid += 1
            words = _sentence(rng, rng.randint(30, 70))
            agreed = pid % 2 == 0
            status = rng.choice(("agreed", "agreed_ad_ref")) if agreed else "bracketed"
            props = ()
            if not agreed:
                props = tuple(_proposal(rng, next_proposal + k, words) for k in range(per))
                next_proposal += per
            positions = {code: rng.choice(STANCES) for code in CODES if rng.random() < 0.7}
            paras.append(
                ExportParagraph(
                    pid, str(n + 1), " ".join(words), rng.randint(1, 9), status, props,
                    objections=(("VEN", "Sovereignty."),) if not agreed else (),
                    reservations=(("CHL", "Instructions pending."),) if not agreed else (),
                    positions=positions,
                )
            )  # fmt: skip
        sections.append(
            ExportSection(s + 1, f"Section {s + 1}: principios & compromissos", tuple(paras))
        )
    delegations = tuple(
        ExportDelegation(c, "RCM" if i < 11 else "SACM", c) for i, c in enumerate(CODES)
    )
    return ExportDocument(
        1, "Synthetic common position", "Rev.3", datetime(2025, 1, 1, tzinfo=UTC),
        tuple(sections), delegations, "ab" * 32,
    )  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--pdf-repeats", type=int, default=1)
    parser.add_argument("--seed", type=int, default=2018)
    parser.add_argument("--formats", default=",".join(FORMATS), help="comma-separated subset")
    args = parser.parse_args()
    doc = synthetic(args.seed)
    n_paragraphs = sum(len(s.paragraphs) for s in doc.sections)
    n_proposals = sum(len(p.proposals) for s in doc.sections for p in s.paragraphs)
    print(f"document: {n_paragraphs} paragraphs, {n_proposals} proposals, seed {args.seed}")
    print(f"{'format':<6} {'variant':<12} {'median s':>9} {'runs':>5} {'size':>12}")
    for format in args.formats.split(","):
        repeats = args.pdf_repeats if format == "pdf" else args.repeats
        for variant in VARIANTS:
            times = []
            for _ in range(repeats):
                start = time.perf_counter()
                size = len(render(doc, format=format, variant=variant).content)
                times.append(time.perf_counter() - start)
            median = statistics.median(times)
            print(f"{format:<6} {variant:<12} {median:>9.3f} {repeats:>5} {size:>12,}")


if __name__ == "__main__":
    main()
