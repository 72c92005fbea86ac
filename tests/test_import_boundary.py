"""app/drafting is the pure core: it imports only the standard library, diff_match_patch and itself.

Export formats (app/drafting/export/) may additionally use the document libraries they render with.
"""

import ast
import sys
from pathlib import Path

from tests.python_source import parse

DRAFTING = Path(__file__).resolve().parents[1] / "app" / "drafting"
ALLOWED = {"diff_match_patch"}
ALLOWED_IN_EXPORT = ALLOWED | {"docx", "weasyprint", "lxml"}
# Impure parts of the standard library: no I/O, clock, randomness or processes in the core.
FORBIDDEN_STDLIB = {"random", "time", "secrets", "socket", "subprocess", "sqlite3", "uuid"}


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = parse(path)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative import: inside the package by construction
                continue
            found.append((node.lineno, node.module or ""))
    return found


def _violations() -> list[str]:
    problems = []
    for path in sorted(DRAFTING.rglob("*.py")):
        in_export = "export" in path.relative_to(DRAFTING).parts[:-1]
        allowed = ALLOWED_IN_EXPORT if in_export else ALLOWED
        for line, module in _imports(path):
            top = module.split(".")[0]
            if module == "app.drafting" or module.startswith("app.drafting."):
                continue
            if top in sys.stdlib_module_names and (in_export or top not in FORBIDDEN_STDLIB):
                continue
            if top in allowed:
                continue
            problems.append(f"{path.relative_to(DRAFTING.parents[1])}:{line} imports {module}")
    return problems


def test_the_drafting_core_imports_only_the_standard_library_and_diff_match_patch():
    assert DRAFTING.is_dir()
    assert _violations() == []


def test_the_check_catches_a_forbidden_import(tmp_path, monkeypatch):
    module = tmp_path / "app" / "drafting" / "leaky.py"
    module.parent.mkdir(parents=True)
    module.write_text("import pydantic\nfrom sqlmodel import Session\nfrom app.services import x\n")
    export = tmp_path / "app" / "drafting" / "export" / "pdf.py"
    export.parent.mkdir()
    export.write_text("import weasyprint\nfrom lxml import etree\nimport fastapi\n")
    monkeypatch.setattr(sys.modules[__name__], "DRAFTING", tmp_path / "app" / "drafting")
    assert _violations() == [
        "app/drafting/export/pdf.py:3 imports fastapi",
        "app/drafting/leaky.py:1 imports pydantic",
        "app/drafting/leaky.py:2 imports sqlmodel",
        "app/drafting/leaky.py:3 imports app.services",
    ]
