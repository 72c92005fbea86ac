"""Browser tests: the real app in a uvicorn subprocess, driven by Debian's Chromium via Playwright.

Each test module gets its own server on a free 127.0.0.1 port, against a fresh SQLite database
built the way an operator builds one (`consenso migrate`, `consenso demo`). Every browser context
refuses and records any request to another host; a test fails if one was attempted. Screenshots
of each step go to test-artifacts/e2e/ (gitignored).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "e2e"
README_SHOTS = ROOT / "docs" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PASSWORD = "e2e-demo-password"
SECRET_KEY = "e2e-secret-key-not-for-production"
VIEWPORT = {"width": 1024, "height": 768}


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    # Keep the call's outcome on the item, so fixtures can photograph the pages of a failed test.
    outcome = yield
    report = outcome.get_result()
    if report.when == "call":
        item.rep_call = report


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    url: str

    def api(self, username: str) -> httpx.Client:
        """An API client with the account's bearer token (for the delegations not on screen)."""
        return httpx.Client(
            base_url=f"{self.url}/api",
            headers={"Authorization": f"Bearer {token_for(username)}"},
            timeout=10,
        )


def token_for(username: str) -> str:
    return f"e2e-token-{username}"


def _env(database: Path) -> dict[str, str]:
    env = {
        **os.environ,
        "CONSENSO_DATABASE_URL": f"sqlite:///{database}",
        "CONSENSO_DEMO_PASSWORD": PASSWORD,
        "CONSENSO_SECRET_KEY": SECRET_KEY,
        "CONSENSO_ENVIRONMENT": "test",
        "CONSENSO_STREAM_MAX_SECONDS": "600",  # the screens' event streams, as served for real
        "CONSENSO_EXPORT_WORKERS": "1",  # the compilation screen builds its files for real
    }
    env.pop("CONSENSO_TEST_DATABASE_URL", None)
    return env


@pytest.fixture(scope="session")
def template_db(tmp_path_factory) -> Path:
    """Migrated and loaded as an operator would (`consenso migrate`, `consenso demo`), once.

    A session token per demo account is planted too, so the delegations that act through the
    API skip a password hash each (the browsers still sign in through the form).
    """
    from sqlmodel import Session, create_engine

    from app import security
    from app.clock import system_clock
    from app.models import AuthSession
    from app.seed import load as demo_service
    from app.services.accounts import accounts as accounts_service

    database = tmp_path_factory.mktemp("e2e-template") / "consenso.db"
    for command in (["migrate"], ["demo"]):
        subprocess.run(
            [sys.executable, "-m", "app.cli", *command],
            cwd=ROOT,
            env=_env(database),
            check=True,
            capture_output=True,
        )
    engine = create_engine(f"sqlite:///{database}")
    with Session(engine) as session:
        for login in demo_service.logins():
            account = accounts_service.get_by_username(session, username=login.username)
            session.add(
                AuthSession(
                    token_hash=security.token_digest(SECRET_KEY, token_for(login.username)),
                    account_id=account.id,
                    created_at=system_clock(),
                    expires_at=system_clock() + timedelta(days=1),
                )
            )
        session.commit()
    engine.dispose()
    return database


@pytest.fixture(scope="module")
def server(template_db, tmp_path_factory) -> Iterator[Server]:
    """The app in a uvicorn subprocess on a fresh copy of the demo database, for one module."""
    tmp = tmp_path_factory.mktemp("e2e")
    shutil.copyfile(template_db, tmp / "consenso.db")
    env = _env(tmp / "consenso.db")
    port = _free_port()
    log = open(tmp / "server.log", "wb")  # noqa: SIM115 - closed below
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "app.main:app",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            httpx.get(f"{url}/api/health", timeout=1)
            break  # any HTTP answer means it is up
        except httpx.TransportError:
            if process.poll() is not None or time.monotonic() > deadline:
                log.close()
                raise RuntimeError((tmp / "server.log").read_text()) from None
            time.sleep(0.1)
    try:
        yield Server(url)
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium (make test does it)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Guard:
    """Records requests to any host but 127.0.0.1 (and aborts them), page errors and dialogs."""

    def __init__(self) -> None:
        self.foreign: list[str] = []
        self.page_errors: list[str] = []
        self.dialogs: list[str] = []

    def route(self, route) -> None:
        if urlsplit(route.request.url).hostname == "127.0.0.1" or route.request.url.startswith(
            "data:"
        ):
            route.continue_()
        else:
            self.foreign.append(route.request.url)
            route.abort()

    def dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()


@pytest.fixture
def open_page(browser, server, request):
    """open_page("mex") -> a signed-in page at 1024x768 in its own browser context."""
    contexts = []
    guard = Guard()

    def _open(username: str | None, *, viewport=VIEWPORT, lang: str = "en"):
        context = browser.new_context(viewport=viewport, locale="en-GB")
        context.route("**/*", guard.route)
        # The interface language the user starts with; their own choice later survives reloads.
        key = "consenso.lang"
        context.add_init_script(
            f"localStorage.getItem('{key}') || localStorage.setItem('{key}', '{lang}')"
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(5000)
        page.on("pageerror", lambda error: guard.page_errors.append(str(error)))
        page.on("dialog", guard.dialog)
        page.goto(server.url + "/")
        if username:
            sign_in(page, username)
        return page

    _open.guard = guard
    yield _open
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        folder = ARTIFACTS / request.node.name.replace("/", "_")
        folder.mkdir(parents=True, exist_ok=True)
        for i, context in enumerate(contexts):
            for page in context.pages:
                page.screenshot(path=str(folder / f"failure-{i}.png"), full_page=True)
    for context in contexts:
        context.close()
    assert guard.foreign == [], f"requests left the machine: {guard.foreign}"
    assert guard.page_errors == [], guard.page_errors
    assert guard.dialogs == [], f"a dialog opened: {guard.dialogs}"


def sign_in(page, username: str) -> None:
    page.get_by_label("Account").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.locator("main[data-ready=true]").wait_for()


@pytest.fixture
def shoot(request):
    """shoot(page, "03-cosponsored") saves test-artifacts/e2e/<test>/03-cosponsored.png."""
    folder = ARTIFACTS / request.node.name.replace("/", "_")
    folder.mkdir(parents=True, exist_ok=True)

    def _shoot(page, name: str, *, full_page: bool = True) -> Path:
        path = folder / f"{name}.png"
        page.screenshot(path=str(path), full_page=full_page)
        return path

    return _shoot


def readme_screenshots() -> bool:
    """Set CONSENSO_README_SCREENSHOTS=1 to refresh docs/screenshots/*.png from the e2e run."""
    return os.environ.get("CONSENSO_README_SCREENSHOTS") == "1"
