"""Parsing the project's own Python for the tests that read it (structure, purity, codes)."""

from __future__ import annotations

import ast
from pathlib import Path


def parse(path: Path) -> ast.Module:
    """The module's syntax tree.

    CPython 3.11 before 3.11.8 shares the AST converter's recursion counter between threads
    (gh-106905): when a server thread left running by an earlier test converts a tree at the same
    moment, `ast.parse` raises a spurious `SystemError: AST constructor recursion depth mismatch`.
    The counter is reset on every call, so parsing again is correct, not a mask over a real error.
    """
    source = path.read_text(encoding="utf-8")
    for _ in range(4):
        try:
            return ast.parse(source, filename=str(path))
        except SystemError:
            continue
    return ast.parse(source, filename=str(path))
