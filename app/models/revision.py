"""Revisions: Zero draft, Rev.1, Rev.2 ... each a frozen map of every paragraph to a version."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from app.models.base import timestamp, utcnow


def revision_label(number: int) -> str:
    return "Zero draft" if number == 0 else f"Rev.{number}"


class Revision(SQLModel, table=True):
    __table_args__ = (sa.UniqueConstraint("document_id", "number"),)

    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="document.id", index=True)
    number: int
    label: str = Field(max_length=32)
    note: str = Field(default="", sa_type=sa.Text)
    created_at: datetime = timestamp(default_factory=utcnow)
    created_by_account_id: int = Field(foreign_key="account.id")


class RevisionEntry(SQLModel, table=True):
    """One paragraph as it stood in a revision: which version, where, under which number."""

    __tablename__ = "revision_entry"
    __table_args__ = (sa.UniqueConstraint("revision_id", "paragraph_id"),)

    id: int | None = Field(default=None, primary_key=True)
    revision_id: int = Field(foreign_key="revision.id", index=True)
    paragraph_id: int = Field(foreign_key="paragraph.id")
    version_number: int
    section_id: int = Field(foreign_key="section.id")
    section_position: int
    position: int
    number: int
