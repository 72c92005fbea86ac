"""Rules the structure keeps: layers, no import cycles, one clock, small modules.

The core's purity is checked in test_import_boundary.py; these rules cover the rest of `app/`.
Each check is a function over a source tree, so that a test can show it catching a violation.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.python_source import parse

APP = Path(__file__).resolve().parents[1] / "app"
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
CLOCK_MODULE = "app.clock"


def _modules(root: Path) -> dict[str, Path]:
    """Dotted module name → file, for every module under `root` (an `app` directory)."""
    found = {}
    for path in sorted(root.rglob("*.py")):
        parts = list(path.relative_to(root.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def _imported(module: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The app modules `module` imports, anywhere in the file (function-level imports too)."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    names: set[str] = set()
    for node in ast.walk(parse(path)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join(anchor + ([base] if base else []))
            # `from app.services.text import versions` imports the module `versions`; only a
            # name that is not a submodule depends on the package's own __init__.
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                names.add(submodule if submodule in known else base)
    return {name for name in names if name in known and name != module}


def import_graph(root: Path) -> dict[str, set[str]]:
    known = _modules(root)
    return {module: _imported(module, path, known) for module, path in known.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of modules that import each other (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(groups)


def _is_package_init(module: str, graph: dict[str, set[str]]) -> bool:
    return any(other.startswith(module + ".") for other in graph)


def layer_violations(graph: dict[str, set[str]]) -> list[str]:
    """api → services → {models, drafting}; nothing imports upwards."""
    problems = []
    for module, imports in sorted(graph.items()):
        for target in sorted(imports):
            if module.startswith("app.services") and target.startswith("app.api"):
                problems.append(f"{module} imports {target}: services never know the web layer")
            if module.startswith(("app.models", "app.drafting")) and target.startswith(
                ("app.services", "app.api")
            ):
                problems.append(f"{module} imports {target}: models and the core sit below")
    return problems


def third_party_violations(root: Path) -> list[str]:
    """No web framework in the services: they are called by the API, the CLI and tests alike."""
    problems = []
    for module, path in _modules(root).items():
        if not module.startswith("app.services"):
            continue
        for node in ast.walk(parse(path)):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level:
                names = [node.module or ""]
            for name in names:
                if name.split(".")[0] in {"fastapi", "starlette"}:
                    problems.append(f"{module}:{node.lineno} imports {name}")
    return problems


def query_violations(root: Path) -> list[str]:
    """Routers call services; they do not query the database themselves."""
    problems = []
    for module, path in _modules(root).items():
        if not module.startswith("app.api"):
            continue
        for node in ast.walk(parse(path)):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            if isinstance(func, ast.Name) and func.id == "select":
                problems.append(f"{module}:{node.lineno} calls select(")
            if isinstance(func, ast.Attribute) and func.attr in {"exec", "execute", "query"}:
                problems.append(f"{module}:{node.lineno} calls .{func.attr}(")
    return problems


def clock_violations(root: Path) -> list[str]:
    """The wall clock is read in one module only."""
    problems = []
    for module, path in _modules(root).items():
        if module == CLOCK_MODULE:
            continue
        for node in ast.walk(parse(path)):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in {"now", "utcnow", "today"}
            ):
                problems.append(f"{module}:{node.lineno} reads the clock ({node.func.attr}())")
            if isinstance(node, ast.Name) and node.id == "utcnow":
                problems.append(f"{module}:{node.lineno} uses utcnow")
    return problems


def size_violations(root: Path) -> list[str]:
    problems = []
    for module, path in _modules(root).items():
        source = path.read_text(encoding="utf-8")
        lines = source.count("\n")
        if lines > MAX_MODULE_LINES:
            problems.append(f"{module} has {lines} lines (at most {MAX_MODULE_LINES})")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    problems.append(
                        f"{module}.{node.name} has {length} lines (at most {MAX_FUNCTION_LINES})"
                    )
    return problems


def test_no_module_in_app_takes_part_in_an_import_cycle():
    assert cycles(import_graph(APP)) == []


def test_imports_flow_from_the_api_to_the_services_to_models_and_the_core():
    assert layer_violations(import_graph(APP)) == []


def test_services_do_not_import_the_web_framework():
    assert third_party_violations(APP) == []


def test_routers_do_not_query_the_database():
    assert query_violations(APP) == []


def test_only_the_clock_module_reads_the_wall_clock():
    assert clock_violations(APP) == []


def test_modules_and_functions_stay_small():
    assert size_violations(APP) == []


@pytest.fixture
def tree(tmp_path) -> Path:
    """A small app tree with one module per layer, clean until a test breaks it."""
    root = tmp_path / "app"
    for package in ("api", "services", "services/text", "models", "drafting"):
        (root / package).mkdir(parents=True)
        (root / package / "__init__.py").write_text("")
    (root / "__init__.py").write_text("")
    (root / "clock.py").write_text("import datetime\nNOW = datetime.datetime.now\nx = NOW()\n")
    (root / "models" / "paragraph.py").write_text("import sqlmodel\n")
    (root / "services" / "text" / "versions.py").write_text("from app.models import paragraph\n")
    (root / "services" / "text" / "silence.py").write_text(
        "from app.services.text import versions\n"
    )
    (root / "api" / "paragraphs.py").write_text(
        "from app.services.text import silence as silence_service\n"
        "def route(session):\n    return silence_service.get(session)\n"
    )
    return root


def test_the_checks_pass_on_a_clean_tree(tree):
    graph = import_graph(tree)
    assert graph["app.api.paragraphs"] == {"app.services.text.silence"}
    assert cycles(graph) == [] and layer_violations(graph) == []
    assert third_party_violations(tree) == query_violations(tree) == clock_violations(tree) == []


def test_a_deliberately_introduced_cycle_is_caught(tree):
    # versions → silence → versions, the function-level import that hid one before
    (tree / "services" / "text" / "versions.py").write_text(
        "from app.models import paragraph\n"
        "def append():\n    from app.services.text import silence\n"
    )
    assert cycles(import_graph(tree)) == [
        ["app.services.text.silence", "app.services.text.versions"]
    ]


def test_relative_imports_count_towards_cycles(tree):
    (tree / "services" / "text" / "versions.py").write_text("from . import silence\n")
    assert cycles(import_graph(tree)) == [
        ["app.services.text.silence", "app.services.text.versions"]
    ]


def test_the_other_rules_are_caught(tree):
    (tree / "services" / "text" / "versions.py").write_text(
        "from fastapi import Depends\nfrom app.api import paragraphs\n"
        "from datetime import datetime\nx = datetime.now()\n"
    )
    (tree / "api" / "paragraphs.py").write_text(
        "from sqlmodel import select\ndef route(session):\n    return session.exec(select(1))\n"
    )
    (tree / "models" / "paragraph.py").write_text("def f():\n" + "    x = 1\n" * 61)
    graph = import_graph(tree)
    assert layer_violations(graph) == [
        "app.services.text.versions imports app.api.paragraphs: services never know the web layer"
    ]
    assert third_party_violations(tree) == ["app.services.text.versions:1 imports fastapi"]
    assert query_violations(tree) == [
        "app.api.paragraphs:3 calls .exec(",
        "app.api.paragraphs:3 calls select(",
    ]
    assert clock_violations(tree) == ["app.services.text.versions:4 reads the clock (now())"]
    assert size_violations(tree) == ["app.models.paragraph.f has 62 lines (at most 60)"]
