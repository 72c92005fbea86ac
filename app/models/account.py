"""Accounts (people who sign in), their roles and their sign-in sessions."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import field_validator
from sqlmodel import Field, SQLModel

from app.models.base import timestamp


class Role(StrEnum):
    CHAIR = "chair"  # a co-chair: the Presidency Pro Tempore of one conference
    SECRETARIAT = "secretariat"  # drafts on the chairs' instruction
    DELEGATE = "delegate"  # speaks for one member delegation
    OBSERVER = "observer"  # reads and comments for one observer organisation


class AccountBase(SQLModel):
    username: str = Field(max_length=64, unique=True, index=True)
    display_name: str = Field(default="", max_length=200)
    role: Role = Field(max_length=16)
    # The delegation (delegate) or organisation (observer) the account speaks for.
    participant_code: str | None = Field(default=None, foreign_key="participant.code", max_length=8)
    # The conference a co-chair presides (RCM or SACM).
    chair_of: str | None = Field(default=None, max_length=8)


class Account(AccountBase, table=True):
    id: int | None = Field(default=None, primary_key=True)
    password_hash: str = Field(max_length=255)
    disabled: bool = False
    created_at: datetime = timestamp()


class AccountCreate(AccountBase):
    password: str = Field(min_length=8, max_length=200)

    @field_validator("username")
    @classmethod
    def _username(cls, value: str) -> str:
        value = value.strip().lower()
        if not value or not all(c.isalnum() or c in "._-" for c in value):
            raise ValueError("use letters, digits, dots, dashes or underscores")
        return value


class AccountPublic(AccountBase):
    id: int
    disabled: bool
    delegation_name: str | None = None


class AuthSession(SQLModel, table=True):
    """A sign-in: the same opaque token serves as the browser cookie and the API bearer token.

    Only a keyed hash of the token is stored, so a database leak does not leak live sessions.
    """

    __tablename__ = "auth_session"

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, unique=True, index=True)
    account_id: int = Field(foreign_key="account.id", index=True)
    created_at: datetime = timestamp()
    expires_at: datetime = timestamp()
    revoked_at: datetime | None = timestamp(default=None, nullable=True)


class LoginRequest(SQLModel):
    username: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=200)


class LoginResponse(SQLModel):
    token: str
    token_type: str = "bearer"
    expires_at: datetime
    account: AccountPublic
