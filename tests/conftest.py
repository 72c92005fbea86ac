"""Test databases built by running the migrations, one fresh database per test.

Each backend's template (migrated schema + demo data + one session token per demo account) is
built once per run; every test gets its own copy: a file copy on SQLite, `CREATE DATABASE ...
TEMPLATE` on PostgreSQL. Tests that use the database run once per backend: the ids show
[sqlite] and, when CONSENSO_TEST_DATABASE_URL is set, [postgresql].
"""

from __future__ import annotations

import itertools
import os
import shutil
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

# Settings are read once; make them the test ones before the app is imported.
os.environ["CONSENSO_ENVIRONMENT"] = "test"
os.environ["CONSENSO_SECRET_KEY"] = "test-secret-key-not-for-production"
os.environ["CONSENSO_DEMO_PASSWORD"] = "demo-password"

import pytest  # noqa: E402
import sqlalchemy as sa  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402
from sqlmodel import Session  # noqa: E402

from app import security  # noqa: E402
from app.clock import SettableClock  # noqa: E402
from app.db import get_engine  # noqa: E402
from app.main import create_app  # noqa: E402
from app.models import AuthSession  # noqa: E402
from app.seed import load as demo_service  # noqa: E402
from app.services.accounts import accounts as accounts_service  # noqa: E402
from app.settings import Settings, get_settings  # noqa: E402

DEMO_PASSWORD = "demo-password"
PG_URL = os.environ.get("CONSENSO_TEST_DATABASE_URL")
BACKENDS = ["sqlite"] + (["postgresql"] if PG_URL else [])
_counter = itertools.count()
# The test suite's calendar: the template is built at SEEDED, and every test's app starts its
# clock at STARTED (tests move it as they need). Nothing a test asserts reads the wall clock.
SEEDED = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
STARTED = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


# Tests that drive real servers, browsers or a stopwatch-like load run on their own, after the
# rest: `make test` runs everything else on parallel workers first (pytest-xdist), where a
# neighbour's CPU would skew what these observe.
SERIAL_DIRECTORIES = {"e2e", "concurrency", "crash"}


def pytest_collection_modifyitems(config, items):
    tests = Path(__file__).resolve().parent
    for item in items:
        parts = Path(item.path).resolve().relative_to(tests).parts
        if parts and parts[0] in SERIAL_DIRECTORIES:
            item.add_marker(pytest.mark.serial)


def calls_to(monkeypatch: pytest.MonkeyPatch, owner: object, name: str) -> list[int]:
    """Counts the calls to `owner.name` for the test (a 1 a call); the function still works."""
    calls: list[int] = []
    real = getattr(owner, name)

    def counted(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, counted)
    return calls


def token_for(username: str) -> str:
    """The bearer token planted in the template for each demo account."""
    return f"test-token-{username}"


def migrate(url: str) -> None:
    from alembic import command
    from alembic.config import Config

    config = Config(str(_root() / "alembic.ini"))
    config.attributes["database_url"] = url
    config.attributes["configure_logger"] = False
    command.upgrade(config, "head")


def _root():
    from pathlib import Path

    return Path(__file__).resolve().parent.parent


def _seed(url: str) -> None:
    """Demo data plus a live session per demo account, so tests skip argon2 on every request."""
    engine = get_engine(url)
    with Session(engine) as session:
        demo_service.load(session, password=DEMO_PASSWORD, now=SEEDED, negotiation=False)
        secret = get_settings().secret_key
        for login in demo_service.logins():
            account = accounts_service.get_by_username(session, username=login.username)
            session.add(
                AuthSession(
                    token_hash=security.token_digest(secret, token_for(login.username)),
                    account_id=account.id,
                    created_at=SEEDED,
                    expires_at=SEEDED + timedelta(days=3650),
                )
            )
        session.commit()


def _dispose(url: str) -> None:
    get_engine(url).dispose()
    get_engine.cache_clear()


def _admin_engine() -> sa.Engine:
    return sa.create_engine(make_url(PG_URL).set(database="postgres"), isolation_level="AUTOCOMMIT")


def create_from_template(conn: sa.Connection, name: str, template: str) -> None:
    """`CREATE DATABASE name TEMPLATE template`, by file copy where the server has the choice
    (PostgreSQL 15+): for a database this small, a third faster than logging it through the WAL,
    and the suite makes one per PostgreSQL test."""
    version = int(conn.exec_driver_sql("SHOW server_version_num").scalar_one())
    strategy = " STRATEGY FILE_COPY" if version >= 150000 else ""
    conn.exec_driver_sql(f'CREATE DATABASE "{name}" TEMPLATE "{template}"{strategy}')


@contextmanager
def empty_postgres(name: str) -> Iterator[str]:
    """A new, empty PostgreSQL database `name` for one test (dropped afterwards); its URL.

    The process id makes the name this test run's own: parallel workers share the server."""
    name = f"{name}_{os.getpid()}"
    admin = _admin_engine()
    with admin.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    url = make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        _dispose(url)
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


@pytest.fixture(scope="session")
def templates(tmp_path_factory) -> Iterator[dict[str, str]]:
    built: dict[str, str] = {}
    root = tmp_path_factory.mktemp("db")
    sqlite_url = f"sqlite:///{root / 'template.db'}"
    migrate(sqlite_url)
    _seed(sqlite_url)
    _dispose(sqlite_url)  # closing the last connection checkpoints the WAL into the file
    assert not (root / "template.db-wal").exists()
    built["sqlite"] = str(root / "template.db")
    admin = None
    if PG_URL:
        admin = _admin_engine()
        name = f"consenso_tpl_{os.getpid()}"
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}"')
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
        url = make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
        migrate(url)
        _seed(url)
        _dispose(url)
        built["postgresql"] = name
    yield built
    if admin is not None:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{built["postgresql"]}"')
        admin.dispose()


@pytest.fixture(params=BACKENDS)
def database_url(request, templates, tmp_path) -> Iterator[str]:
    """A fresh, migrated database with the demo data, for this test only."""
    if request.param == "sqlite":
        path = tmp_path / "consenso.db"
        shutil.copyfile(templates["sqlite"], path)
        url = f"sqlite:///{path}"
        yield url
        _dispose(url)
        return
    name = f"consenso_t_{os.getpid()}_{next(_counter)}"
    admin = _admin_engine()
    with admin.connect() as conn:
        create_from_template(conn, name, templates["postgresql"])
    url = make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    yield url
    _dispose(url)
    with admin.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.dispose()


@pytest.fixture
def empty_databases(tmp_path) -> Iterator[dict[str, str]]:
    """Freshly migrated, empty databases: "sqlite", "back" (a second SQLite) and, when
    PostgreSQL is configured, "postgresql" — targets for restoring dumps."""
    urls = {
        "sqlite": f"sqlite:///{tmp_path / 'restored.db'}",
        "back": f"sqlite:///{tmp_path / 'back.db'}",
    }
    with ExitStack() as stack:
        if PG_URL:
            urls["postgresql"] = stack.enter_context(empty_postgres("consenso_restore"))
        for url in urls.values():
            migrate(url)
        yield urls
        for url in urls.values():
            _dispose(url)


@pytest.fixture
def settings(database_url) -> Settings:
    return Settings(database_url=database_url)


@pytest.fixture
def clock() -> SettableClock:
    """The app's clock: from STARTED, a millisecond further at each reading (as writes follow
    one another), unless a test sets it."""
    return SettableClock(STARTED, step=timedelta(milliseconds=1))


@pytest.fixture
def app(settings, clock):
    return create_app(settings, clock=clock)


@pytest.fixture
def session(app) -> Iterator[Session]:
    """A session on the test database, for arranging and checking rows directly."""
    with Session(app.state.engine, expire_on_commit=False) as session:
        yield session


@dataclass
class Api:
    """TestClients signed in as demo accounts: `api.as_("mex").post(...)`."""

    app: object

    def as_(self, username: str) -> TestClient:
        return TestClient(
            self.app,
            headers={"Authorization": f"Bearer {token_for(username)}"},
            raise_server_exceptions=False,
        )

    @property
    def anonymous(self) -> TestClient:
        return TestClient(self.app, raise_server_exceptions=False)


@pytest.fixture
def api(app) -> Api:
    return Api(app)


@pytest.fixture
def document_id(api) -> int:
    return api.as_("chair.rcm").get("/api/documents").json()[0]["id"]


@pytest.fixture
def doc(api, document_id) -> dict:
    """The demo document as the API returns it."""
    return api.as_("chair.rcm").get(f"/api/documents/{document_id}").json()


def first_paragraph(doc: dict) -> dict:
    return doc["sections"][0]["paragraphs"][0]


def problem_of(response) -> dict:
    """Assert the response is an RFC 9457 problem and return its body."""
    assert response.headers["content-type"].startswith("application/problem+json"), response.text
    body = response.json()
    assert body["status"] == response.status_code
    assert body["detail"]
    return body


# Codes whose English message was written apart from their detail before this check: the
# detail says more (the window, the exception, the field's JSON name, the value a file names) or
# quotes a value with repr() where the message puts it in plain quotes. Left as they were.


def coded_error_fault(code: object, params: dict, detail: str) -> str | None:
    """What is wrong with an error raised with `code` and `params`, or None: a code the
    catalogue lacks, an English rendering that is not the detail, or a term (an `action`, a
    `why`, ...) that names no code, so it would stay English in every language."""
    from app import i18n

    if not isinstance(code, str) or not i18n.has(code):
        return f"{code!r} is not in the catalogue"
    for name, prefix in i18n.TERMS.items():
        value = params.get(name)
        term = value if not isinstance(value, str) or value.startswith(prefix) else prefix + value
        if isinstance(term, str) and not i18n.has(term):
            return f"{code}: {name} {value!r} names no {prefix}* code"
    try:
        english = i18n.render(code, params, "en")
    except (KeyError, ValueError, IndexError) as exc:
        english = f"<{type(exc).__name__}: {exc}>"
    return None if english == detail else f"{code}: renders {english!r}, detail is {detail!r}"


@pytest.fixture(autouse=True)
def coded_errors_read_as_their_detail(request, monkeypatch) -> Iterator[None]:
    """Every coded error a test meets renders, in English, exactly the `detail` it carries, and
    names its terms by code: the catalogue and the services cannot drift apart unnoticed. (Not
    in the serial directories: their servers run apart, in threads or processes of their own.)"""
    from app.errors import ConsensoError

    parts = Path(request.node.path).resolve().relative_to(Path(__file__).resolve().parent).parts
    if parts and parts[0] in SERIAL_DIRECTORIES:
        yield
        return

    faults: list[str] = []
    original = ConsensoError.__init__

    def checked(self: ConsensoError, detail: str, **extra: object) -> None:
        original(self, detail, **extra)
        if "code" in extra:
            params = extra.get("params")
            fault = coded_error_fault(extra["code"], dict(params or {}), detail)
            if fault:
                faults.append(fault)

    monkeypatch.setattr(ConsensoError, "__init__", checked)
    yield
    assert faults == [], "coded errors that do not read as they should:\n" + "\n".join(faults)


def pytest_terminal_summary(terminalreporter):
    """Say how many tests ran on each database, so a run that skipped PostgreSQL shows it."""
    counts: dict[str, dict[str, int]] = {}
    for outcome in ("passed", "failed", "error"):
        for report in terminalreporter.stats.get(outcome, []):
            if getattr(report, "when", "call") != "call" and outcome != "error":
                continue
            nodeid = report.nodeid
            backend = next(
                (
                    b
                    for b in ("sqlite", "postgresql")
                    if f"[{b}" in nodeid or f"-{b}]" in nodeid or f"-{b}-" in nodeid
                ),
                "no database",
            )
            counts.setdefault(backend, {}).setdefault(outcome, 0)
            counts[backend][outcome] += 1
    terminalreporter.section("tests per database")
    for backend, outcomes in sorted(counts.items()):
        line = ", ".join(f"{n} {outcome}" for outcome, n in sorted(outcomes.items()))
        terminalreporter.write_line(f"{backend}: {line}")
