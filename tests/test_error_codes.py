"""Every error the server raises carries a message code, so its problem is rendered in the
reader's language: no call of a ConsensoError subclass in the services or the routers lacks
`code=`, every phrase an access check or a pending check is given has a code of its own, and
the per-domain catalogues hold each code once, in English, Spanish and Portuguese.

That each literal `code="…"` is in all three catalogues, with the same placeholders, is checked
in test_i18n_messages.py; that each coded error a test meets reads, in English, as its detail
is checked on every test (conftest.coded_errors_read_as_their_detail).
"""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

from app import errors, i18n
from app.drafting import consensus
from app.i18n import errors_core
from app.i18n.domains import DOMAINS
from tests.python_source import parse

ROOT = Path(__file__).resolve().parents[1]
CHECKED = ("app/services", "app/api")
ERRORS = frozenset(
    name
    for name, value in vars(errors).items()
    if inspect.isclass(value) and issubclass(value, errors.ConsensoError)
)
# The access checks and the argument that names the action they refuse (position, keyword).
ACTION_HELPERS = {
    "require_chair_side": (1, "action"),
    "require_chair": (1, "action"),
    "require_member": (1, "action"),
    "member_code": (2, "action"),
}
PENDING_HELPER = "require_pending"


def _called(node: ast.Call) -> str | None:
    func = node.func
    if isinstance(func, ast.Name):
        return func.id
    return func.attr if isinstance(func, ast.Attribute) else None


def uncoded_errors(root: Path, folders: tuple[str, ...] = CHECKED) -> list[str]:
    """file:line of every call of a ConsensoError subclass under `folders` without `code=`."""
    found = []
    for folder in folders:
        for path in sorted((root / folder).rglob("*.py")):
            for node in ast.walk(parse(path)):
                if (
                    isinstance(node, ast.Call)
                    and _called(node) in ERRORS
                    and not any(k.arg == "code" for k in node.keywords)
                ):
                    where = path.relative_to(root)
                    found.append(f"{where}:{node.lineno}: {_called(node)} without code=")
    return found


def _argument(node: ast.Call, position: int, keyword: str) -> ast.expr | None:
    if len(node.args) > position:
        return node.args[position]
    return next((k.value for k in node.keywords if k.arg == keyword), None)


def _phrases(value: ast.expr | None, constants: dict[str, list[str]]) -> list[str]:
    """The literal phrases an argument can be: a string, either branch of `a if c else b`, or a
    module constant; an f-string is left to the check on every test."""
    if isinstance(value, ast.Constant) and isinstance(value.value, str):
        return [value.value]
    if isinstance(value, ast.IfExp):
        return _phrases(value.body, constants) + _phrases(value.orelse, constants)
    if isinstance(value, ast.Name | ast.Attribute):
        name = value.id if isinstance(value, ast.Name) else value.attr
        return constants.get(name, [])
    return []


def _module_constants() -> dict[str, list[str]]:
    """Every module-level NAME = "string" in app/ (ACTION = "translate the text", ...), all
    the strings of a name that several modules define."""
    constants: dict[str, list[str]] = {}
    for path in (ROOT / "app").rglob("*.py"):
        for node in parse(path).body:
            if (
                isinstance(node, ast.Assign)
                and len(node.targets) == 1
                and isinstance(node.targets[0], ast.Name)
                and isinstance(node.value, ast.Constant)
                and isinstance(node.value.value, str)
            ):
                constants.setdefault(node.targets[0].id, []).append(node.value.value)
    return constants


def phrases_without_codes(root: Path) -> list[str]:
    """The actions and pending reasons the services hand to the checks that have no code."""
    constants = _module_constants()
    missing = []
    for folder in CHECKED:
        for path in sorted((root / folder).rglob("*.py")):
            for node in ast.walk(parse(path)):
                if not isinstance(node, ast.Call):
                    continue
                name = _called(node)
                if name in ACTION_HELPERS:
                    prefix, value = "action.", _argument(node, *ACTION_HELPERS[name])
                elif name == PENDING_HELPER:
                    prefix, value = "not_pending.", _argument(node, 1, "what")
                else:
                    continue
                for phrase in _phrases(value, constants):
                    if not i18n.code_of(prefix, phrase).startswith(prefix):
                        where = path.relative_to(root)
                        missing.append(f"{where}:{node.lineno}: {phrase!r} has no {prefix}* code")
    return missing


def test_every_error_raised_in_the_services_and_the_api_has_a_code():
    assert uncoded_errors(ROOT) == []


def test_an_uncoded_error_is_named_by_file_and_line(tmp_path):
    services = tmp_path / "app" / "services"
    services.mkdir(parents=True)
    (services / "rules.py").write_text(
        "from app.errors import Conflict, Invalid\n"
        "def check(x):\n"
        "    if x:\n"
        '        raise Invalid("Coded.", code="rules.coded")\n'
        '    raise Conflict(f"Not coded: {x}.", x=x)\n'
    )
    assert uncoded_errors(tmp_path) == ["app/services/rules.py:5: Conflict without code="]


def test_every_action_and_pending_reason_the_checks_are_given_has_a_code():
    assert phrases_without_codes(ROOT) == []


def test_the_phrases_name_their_codes_and_render_in_every_language():
    code = i18n.code_of("action.", "accept amendments")
    assert code == "action.accept_amendments"
    assert i18n.code_of("action.", "do something unheard of") == "do something unheard of"
    params = {"action": code}
    assert i18n.render("access.chair_side", params, "en") == (
        "Only the co-chairs or the secretariat can accept amendments."
    )
    assert i18n.render("access.chair_side", params, "es") == (
        "Solo la copresidencia o la secretaría pueden aceptar enmiendas."
    )
    why = i18n.code_of("not_pending.", "only a pending amendment can be accepted.")
    params = {"id": 4, "amendment_status": "rejected", "why": why}
    assert i18n.render("amendment.not_pending", params, "en") == (
        "Amendment 4 is rejected: only a pending amendment can be accepted."
    )
    assert i18n.render("amendment.not_pending", params, "pt") == (
        "A emenda 4 está rejeitada: só uma emenda pendente pode ser aceita."
    )
    zero = {"document": 1, "n": 2, "first": "Zero draft"}
    assert i18n.render("revision.not_found_zero", zero, "es").endswith(
        "solo se publicó el Borrador cero."
    )


def test_every_refusal_the_core_writes_has_a_code():
    source = parse(Path(inspect.getfile(consensus)))
    returned = {
        node.value.id
        for function in source.body
        if isinstance(function, ast.FunctionDef) and function.name.endswith("_error")
        for node in ast.walk(function)
        if isinstance(node, ast.Return) and isinstance(node.value, ast.Name)
    }
    assert returned, "the core's *_error functions return named sentences"
    for name in sorted(returned):
        sentence = getattr(consensus, name)
        assert i18n.has(errors_core.core_code(sentence)), f"consensus.{name} has no code"


def test_each_domain_catalogue_holds_its_codes_once_in_three_languages():
    seen: dict[str, str] = {}
    for module in DOMAINS:
        assert set(module.ES) == set(module.EN) == set(module.PT), module.__name__
        for code in module.EN:
            assert code not in seen, f"{code} is in {seen.get(code)} and {module.__name__}"
            seen[code] = module.__name__
            for lang in i18n.LANGUAGES:
                assert i18n.CATALOGUES[lang][code] == getattr(module, lang.upper())[code], (
                    f"{lang} {code} is overridden after {module.__name__}"
                )


def test_the_actions_composed_at_run_time_have_codes_too():
    # freezing.set_frozen: f"{verb} paragraphs"; checks.require_proposer: f"{action} amendments"
    # and f"{action} it" (the f-strings the walk above cannot read).
    composed = [f"{verb} paragraphs" for verb in ("freeze", "unfreeze")]
    composed += [
        f"{verb} {what}" for verb in ("revise", "withdraw") for what in ("amendments", "it")
    ]
    for phrase in composed:
        assert i18n.code_of("action.", phrase).startswith("action."), phrase
