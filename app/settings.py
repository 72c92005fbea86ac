"""Runtime configuration: one pydantic-settings class, read from CONSENSO_* variables."""

from __future__ import annotations

import secrets
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

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
    session_hours: int = 12
    demo_password: str | None = None
    cookie_secure: bool = False

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
