"""The append-only event log: every write, in the same transaction, chained by hash."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from app.models.base import timestamp


class Event(SQLModel, table=True):
    __table_args__ = (sa.UniqueConstraint("document_id", "seq"),)

    id: int | None = Field(default=None, primary_key=True)
    # Null for events outside any document (accounts).
    document_id: int | None = Field(default=None, foreign_key="document.id", index=True)
    seq: int
    created_at: datetime = timestamp()
    account_id: int | None = Field(default=None, foreign_key="account.id")
    delegation_code: str | None = Field(default=None, max_length=8)
    action: str = Field(max_length=48)
    target_type: str = Field(max_length=24)
    target_id: int | None = None
    payload: dict[str, Any] = Field(default_factory=dict, sa_type=sa.JSON)
    # "<table>/<id>" -> sha256 of each row this event wrote (app/services/record/content.py).
    content: dict[str, str] = Field(
        default_factory=dict, sa_column=sa.Column(sa.JSON, nullable=False, server_default="{}")
    )
    # sha256(prev_hash + canonical event): a copy of the log can be checked for tampering.
    prev_hash: str = Field(default="", max_length=64)
    hash: str = Field(default="", max_length=64)


class EventPublic(SQLModel):
    seq: int
    created_at: datetime
    actor: str | None
    delegation_code: str | None
    action: str
    target_type: str
    target_id: int | None
    payload: dict[str, Any]
    hash: str
