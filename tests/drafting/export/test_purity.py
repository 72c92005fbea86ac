"""app/drafting/export stays pure: no web framework, ORM, clock, file or network I/O."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

from tests.python_source import parse

PACKAGE = Path(__file__).resolve().parents[3] / "app" / "drafting" / "export"
ALLOWED_THIRD_PARTY = {"lxml", "docx", "weasyprint"}
FORBIDDEN_STDLIB = {"socket", "urllib", "http", "subprocess", "random", "time", "pathlib", "os"}
FORBIDDEN_CALLS = {"now", "utcnow", "today", "open", "time"}


@pytest.mark.parametrize("path", sorted(PACKAGE.glob("*.py")), ids=lambda p: p.name)
def test_imports_and_calls_stay_pure(path):
    tree = parse(path)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [node.module or ""]
        else:
            if isinstance(node, ast.Call):
                func = node.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                assert name not in FORBIDDEN_CALLS, f"{path.name}:{node.lineno} calls {name}"
            continue
        for name in names:
            top = name.split(".")[0]
            if name.startswith("app."):
                assert name.startswith("app.drafting"), f"{path.name} imports {name}"
            elif top in sys.stdlib_module_names:
                assert top not in FORBIDDEN_STDLIB, f"{path.name} imports {name}"
            else:
                assert top in ALLOWED_THIRD_PARTY, f"{path.name} imports {name}"
