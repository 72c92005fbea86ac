"""Runtime configuration: one pydantic-settings class, read from CONSENSO_* variables."""

from __future__ import annotations

import secrets
from functools import lru_cache
from pathlib import Path
from typing import Literal

from limits import parse
from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from app.admission import ACTIVE

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var"

# A secret that must never be used outside a developer's machine.
INSECURE_SECRETS = {"", "change-me", "changeme", "secret", "development"}


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CONSENSO_", env_file=".env", extra="ignore")

    environment: Literal["development", "test", "production"] = "development"
    database_url: str = f"sqlite:///{VAR / 'consenso.db'}"
    # SQLite durability: NORMAL survives a crash, FULL a power loss too (docs/deployment.md).
    sqlite_synchronous: Literal["NORMAL", "FULL"] = "NORMAL"
    secret_key: str = ""
    secret_key_file: Path = VAR / "secret_key"
    allowed_origins: list[str] = Field(default_factory=list)
    max_body_bytes: int = 1_000_000
    max_paragraph_chars: int = 10_000
    max_note_chars: int = 4_000
    snapshot_every: int = 10
    # SQLite: how long a write waits its turn in the process before a 503 (app/db.py).
    write_queue_seconds: float = 10.0
    session_hours: int = 12
    # API requests of a process at work at once, the rest wait their turn (app/admission.py).
    requests_at_work: int = Field(default=ACTIVE, ge=1, le=16)  # le: app/db.py POOL_SIZE
    # How long one event stream stays open before the client reconnects and resumes (seconds):
    # long-lived connections spread again over workers and hosts. Under the tests (unset) a
    # stream lasts a moment, so that a client reading a whole response finishes.
    stream_max_seconds: float = 0.0
    demo_password: str | None = None
    # Secure cookies unless running on a developer's machine or under the tests (see below).
    cookie_secure: bool = True
    # The origin the browser sees (https://consenso.example.org): cookie writes must come from
    # it (or allowed_origins). Unset, the request's own scheme and host are trusted instead.
    public_origin: str | None = None
    # Behind a reverse proxy: believe its X-Forwarded-Proto and X-Forwarded-For.
    trust_proxy_headers: bool = False
    # Failed sign-ins allowed per account and per client address (the `limits` notation).
    login_failures_per_account: str = "5/minute"
    login_failures_per_address: str = "20/minute"
    # Where the throttle counts: memory:// is per process; redis://host:6379 is shared.
    rate_limit_storage: str = "memory://"
    # Exports built in the background (app/services/exports/jobs.py): threads per process (0:
    # jobs wait until run explicitly, as under the tests), and the bound on the files kept.
    export_workers: int | None = None
    export_cache_bytes: int = 512_000_000

    @model_validator(mode="before")
    @classmethod
    def _cookie_default(cls, data: object) -> object:
        """Secure cookies by default, except in development and under the tests."""
        if isinstance(data, dict) and data.get("cookie_secure") is None:
            environment = data.get("environment", "development")
            data = {**data, "cookie_secure": environment not in ("development", "test")}
        if isinstance(data, dict) and data.get("export_workers") is None:
            environment = data.get("environment", "development")
            data = {**data, "export_workers": 0 if environment == "test" else 2}
        if isinstance(data, dict) and not data.get("stream_max_seconds"):
            environment = data.get("environment", "development")
            data = {**data, "stream_max_seconds": 0.2 if environment == "test" else 600.0}
        return data

    @field_validator("login_failures_per_account", "login_failures_per_address")
    @classmethod
    def _rate(cls, value: str) -> str:
        try:
            parse(value)
        except ValueError as exc:
            raise ValueError(f"{value!r} is not a rate such as '5/minute'") from exc
        return value

    @field_validator("public_origin")
    @classmethod
    def _origin(cls, value: str | None) -> str | None:
        if not value:
            return None
        value = value.rstrip("/")
        scheme, _, host = value.partition("://")
        if scheme not in ("http", "https") or not host or "/" in host:
            raise ValueError(f"{value!r} is not an origin such as 'https://consenso.example.org'")
        return value

    @model_validator(mode="after")
    def _secret(self) -> Settings:
        if self.secret_key in INSECURE_SECRETS:
            if self.environment == "production":
                raise ValueError(
                    "CONSENSO_SECRET_KEY must be set to a long random value in production"
                )
            self.secret_key = _stored_secret(self.secret_key_file)
        return self

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


def _stored_secret(path: Path) -> str:
    """Generate the development secret on first run and keep it, so sessions survive restarts."""
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        value = secrets.token_urlsafe(48)
        path.write_text(value)
        path.chmod(0o600)
        return value


@lru_cache
def get_settings() -> Settings:
    return Settings()
