"""Revisions: Zero draft, Rev.1, Rev.2 ... each a frozen map of every paragraph to a version."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from app.models.base import timestamp
from app.models.position import MessagePublic


def revision_label(number: int) -> str:
    return "Zero draft" if number == 0 else f"Rev.{number}"


class Revision(SQLModel, table=True):
    __table_args__ = (sa.UniqueConstraint("document_id", "number"),)

    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="document.id", index=True)
    number: int
    label: str = Field(max_length=32)
    note: str = Field(default="", sa_type=sa.Text)
    created_at: datetime = timestamp()
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


# --- API schemas -------------------------------------------------------------------------------


class RevisionCreate(SQLModel):
    note: str = Field(default="", max_length=2000)
    number: int | None = Field(
        default=None,
        ge=0,
        description="The number you mean to issue (0 = Zero draft, 1 = Rev.1 ...): if another "
        "chair issued it first, 409 instead of a second revision. Omit to take the next one.",
    )


class RevisionPublic(SQLModel):
    number: int
    label: str
    note: str
    created_at: datetime
    created_by: str | None
    paragraph_count: int


class RevisionParagraphPublic(SQLModel):
    id: int
    section_id: int
    number: int
    label: str
    version: int
    text: str


class RevisionSectionPublic(SQLModel):
    id: int
    key: str
    title: str
    position: int
    paragraphs: list[RevisionParagraphPublic]


class RevisionDocumentPublic(RevisionPublic):
    """The whole document as it stood in one revision."""

    document_id: int
    title: str
    sections: list[RevisionSectionPublic]


class ParagraphSide(SQLModel):
    """One paragraph on one side of a comparison."""

    section_id: int
    label: str
    version: int
    text: str


class ParagraphChangePublic(SQLModel):
    paragraph_id: int
    old: ParagraphSide | None
    new: ParagraphSide | None
    segments: list[tuple[str, str]]
    html: str


class RevisionRef(SQLModel):
    """A side of a comparison: a revision, or the current text (number null, label "now")."""

    number: int | None
    label: str
    created_at: datetime


class DispositionRow(SQLModel):
    """What became of one amendment filed between the two sides of a comparison."""

    amendment_id: int
    kind: str
    # accepted, partly_accepted (merged into a compromise), rejected, withdrawn, superseded or
    # pending, as things stood at the later side of the comparison.
    status: str
    paragraph_id: int | None
    paragraph_label: str | None
    proposer: str
    sponsors: list[str]
    created_at: datetime
    decided_at: datetime | None
    decision_reason: str
    decision_message: MessagePublic | None = None
    result_version: int | None
    landed: list[str]  # its own words in the later side's text
    note: str = ""  # e.g. that it was merged into a compromise, with which amendments


class ComparisonPublic(SQLModel):
    document_id: int
    from_revision: RevisionRef
    to_revision: RevisionRef
    added: list[ParagraphChangePublic]
    deleted: list[ParagraphChangePublic]
    moved: list[ParagraphChangePublic]
    changed: list[ParagraphChangePublic]
    unchanged_count: int
    dispositions: list[DispositionRow]


class BlameSpanPublic(SQLModel):
    text: str
    start: int
    end: int
    version: int
    source: str
    amendment_ids: list[int]
    delegations: list[str]
    author: str | None
    revision_label: str | None
    created_at: datetime
    summary: str
    # The summary as data ({code, params}; a parameter may be a {code, params} itself), for the
    # reader's catalogue; `summary` is its English reading.
    summary_code: dict[str, Any] | None = None


class BlamePublic(SQLModel):
    paragraph_id: int
    version: int
    text: str
    spans: list[BlameSpanPublic]
