"""Amendments (proposals), their versions, sponsors and the discussion on them."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from app.models.base import timestamp, utcnow


class AmendmentKind(StrEnum):
    MODIFY = "modify"
    INSERT_PARAGRAPH = "insert_paragraph"
    DELETE_PARAGRAPH = "delete_paragraph"


class AmendmentStatus(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    PARTLY_ACCEPTED = "partly_accepted"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    SUPERSEDED = "superseded"


class Amendment(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="document.id", index=True)
    kind: str = Field(max_length=24)
    status: str = Field(default=AmendmentStatus.PENDING, max_length=24, index=True)
    # modify / delete_paragraph: the paragraph amended. insert_paragraph: empty until accepted,
    # then the paragraph it created.
    paragraph_id: int | None = Field(default=None, foreign_key="paragraph.id", index=True)
    # insert_paragraph: where the new paragraph goes.
    section_id: int | None = Field(default=None, foreign_key="section.id")
    after_paragraph_id: int | None = Field(default=None, foreign_key="paragraph.id")
    base_version: int = 0
    # The proposed full text ("" for delete_paragraph), its patch against the base and its hash.
    text: str = Field(default="", sa_type=sa.Text)
    patch: str = Field(default="", sa_type=sa.Text)
    text_sha256: str = Field(default="", max_length=64)
    rationale: str = Field(default="", sa_type=sa.Text)
    revision: int = 1
    proposer_code: str = Field(foreign_key="participant.code", max_length=8)
    author_account_id: int = Field(foreign_key="account.id")
    created_at: datetime = timestamp(default_factory=utcnow)
    updated_at: datetime = timestamp(default_factory=utcnow)
    decided_at: datetime | None = timestamp(default=None, nullable=True)
    decided_by_account_id: int | None = Field(default=None, foreign_key="account.id")
    decision_reason: str = Field(default="", sa_type=sa.Text)
    result_version: int | None = None


class AmendmentVersion(SQLModel, table=True):
    """Each revision of an amendment by its sponsors; the amendment row holds the latest."""

    __tablename__ = "amendment_version"
    __table_args__ = (sa.UniqueConstraint("amendment_id", "number"),)

    id: int | None = Field(default=None, primary_key=True)
    amendment_id: int = Field(foreign_key="amendment.id", index=True)
    number: int
    base_version: int
    text: str = Field(default="", sa_type=sa.Text)
    patch: str = Field(default="", sa_type=sa.Text)
    text_sha256: str = Field(default="", max_length=64)
    rationale: str = Field(default="", sa_type=sa.Text)
    author_account_id: int = Field(foreign_key="account.id")
    created_at: datetime = timestamp(default_factory=utcnow)


class AmendmentSponsor(SQLModel, table=True):
    __tablename__ = "amendment_sponsor"
    __table_args__ = (sa.UniqueConstraint("amendment_id", "participant_code"),)

    id: int | None = Field(default=None, primary_key=True)
    amendment_id: int = Field(foreign_key="amendment.id", index=True)
    participant_code: str = Field(foreign_key="participant.code", max_length=8)
    joined_at: datetime = timestamp(default_factory=utcnow)
    joined_by_account_id: int = Field(foreign_key="account.id")
    # A sponsor that leaves keeps its row (who sponsored when stays known).
    left_at: datetime | None = timestamp(default=None, nullable=True)


class Comment(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="document.id", index=True)
    amendment_id: int | None = Field(default=None, foreign_key="amendment.id", index=True)
    paragraph_id: int | None = Field(default=None, foreign_key="paragraph.id", index=True)
    author_account_id: int = Field(foreign_key="account.id")
    participant_code: str | None = Field(default=None, max_length=8)
    body: str = Field(sa_type=sa.Text)
    created_at: datetime = timestamp(default_factory=utcnow)
