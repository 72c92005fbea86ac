"""The map stays true: every path that docs/architecture.md names exists."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PATH = re.compile(r"`((?:app|frontend|tests|docs|migrations|benchmarks)/[^`\s]*)`")


def named_paths(text: str) -> list[str]:
    """Backticked repository paths, with `{en,es,pt}` alternatives expanded."""
    paths = []
    for path in PATH.findall(text):
        match = re.search(r"\{([^}]*)\}", path)
        options = match.group(1).split(",") if match else [None]
        paths += [path if o is None else path.replace(match.group(0), o) for o in options]
    return paths


def test_every_path_the_architecture_names_exists():
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    paths = named_paths(text)
    assert len(paths) > 30
    missing = [p for p in paths if not (ROOT / p.rstrip("/")).exists()]
    assert missing == []


def test_package_relative_names_are_checked_too():
    # "(`accounts/members.py`)" inside the services table names app/services/accounts/members.py
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    relative = re.findall(
        r"`((?:text|amendments|positions|consensus|revisions|exports|accounts|record)/[\w./]+\.py)`",
        text,
    )
    missing = [p for p in relative if not (ROOT / "app" / "services" / p).exists()]
    assert missing == []


def test_nothing_in_the_repository_refers_to_notes_outside_it():
    outside = re.compile(r"\.\./shared|DRAFTING-ENGINE|PERFORMANCE-NOTES")
    offenders = [
        str(p.relative_to(ROOT))
        for folder in ("app", "docs", "tests", "frontend/js", "benchmarks")
        for p in (ROOT / folder).rglob("*")
        if p.suffix in {".py", ".md", ".js"}
        and p.name != "test_docs.py"
        and outside.search(p.read_text(encoding="utf-8"))
    ]
    offenders += [n for n in ("README.md",) if outside.search((ROOT / n).read_text())]
    assert offenders == []
