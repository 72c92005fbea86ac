"""Positions delegations take, and the silence procedures the chairs run."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from app.models.base import timestamp, utcnow


class Position(SQLModel, table=True):
    """One stance of one delegation on a paragraph version or on an amendment.

    Rows are never updated except to mark them no longer current: the history is the table.
    """

    __table_args__ = (
        sa.Index("ix_position_paragraph_current", "paragraph_id", "version_number", "current"),
        sa.Index("ix_position_amendment_current", "amendment_id", "current"),
    )

    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="document.id", index=True)
    paragraph_id: int | None = Field(default=None, foreign_key="paragraph.id")
    version_number: int | None = None
    amendment_id: int | None = Field(default=None, foreign_key="amendment.id")
    participant_code: str = Field(foreign_key="participant.code", max_length=8)
    stance: str = Field(max_length=16)
    note: str = Field(default="", sa_type=sa.Text)
    account_id: int = Field(foreign_key="account.id")
    created_at: datetime = timestamp(default_factory=utcnow)
    current: bool = True


class SilenceProcedure(SQLModel, table=True):
    __tablename__ = "silence_procedure"

    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="document.id", index=True)
    paragraph_id: int = Field(foreign_key="paragraph.id", index=True)
    version_number: int
    # Set when the procedure was started on a whole revision.
    revision_number: int | None = None
    deadline: datetime = timestamp()
    started_at: datetime = timestamp(default_factory=utcnow)
    started_by_account_id: int = Field(foreign_key="account.id")
    cancelled_at: datetime | None = timestamp(default=None, nullable=True)
    broken_by_code: str | None = Field(default=None, max_length=8)
    broken_at: datetime | None = timestamp(default=None, nullable=True)
    broken_reason: str = Field(default="", sa_type=sa.Text)
