"""The negotiated text: documents, their sections, paragraphs and paragraph versions."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from app.models.base import timestamp


class DocumentBase(SQLModel):
    title: str = Field(max_length=300)
    # "silence": consensus by everyone's agreement or a silence procedure that held;
    # "explicit": every member must agree explicitly (see docs/consensus.md).
    consensus_mode: str = Field(default="silence", max_length=16)
    # How paragraphs are labelled everywhere (app/drafting/labels.py): "section" (2.3),
    # "consecutive" (1, 2, 3 ... across the document) or "pp_op" (PP1 ..., OP1 ...).
    numbering: str = Field(default="section", max_length=16)
    # The header of every export: the document symbol, its distribution and original language
    # ("" = the negotiating language).
    symbol: str = Field(default="", max_length=64)
    distribution: str = Field(default="general", max_length=16)
    original_language: str = Field(default="", max_length=8)


class Document(DocumentBase, table=True):
    id: int | None = Field(default=None, primary_key=True)
    created_at: datetime = timestamp()
    created_by_account_id: int | None = Field(default=None, foreign_key="account.id")
    # The event log's counter and hash-chain head; bumping the counter row-locks the document,
    # which serialises concurrent writers to the same document (see app/services/record/events.py).
    event_seq: int = 0
    event_head: str = Field(default="", max_length=64)
    # Marks: the last event that may have moved the paragraphs' labels, and the last that
    # changed the rounds (its seq and hash; 0 when not known). What the server keeps between
    # requests (labels, rounds) holds while the mark it was read at is the document's
    # (app/services/record/marks.py).
    labels_seq: int = 0
    labels_hash: str = Field(default="", max_length=64)
    rounds_seq: int = 0
    rounds_hash: str = Field(default="", max_length=64)
    # The authoritative language (amendments, positions and consensus are on its text) and every
    # language of the document, comma-separated, the negotiating one among them (translations).
    negotiating_language: str = Field(default="en", max_length=8)
    languages: str = Field(default="en,es,pt", max_length=64)
    # Exports show a paragraph as agreed only when every language has a current translation.
    agreed_requires_concordance: bool = False


class Section(SQLModel, table=True):
    __table_args__ = (sa.UniqueConstraint("document_id", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="document.id", index=True)
    key: str = Field(max_length=64)
    title: str = Field(max_length=300)
    position: int
    # "preambular" | "operative" | None (unmarked: counted as operative by the pp_op numbering).
    kind: str | None = Field(default=None, max_length=16)


class Paragraph(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="document.id", index=True)
    section_id: int = Field(foreign_key="section.id", index=True)
    # Order within the section; numbers shown to people are derived from it (1, 2, 3 ...).
    position: int
    head_version: int = 0
    # A cache of the head version's text (the versions themselves are patches and snapshots).
    head_text: str = Field(default="", sa_type=sa.Text)
    frozen: bool = False
    created_at: datetime = timestamp()
    deleted_at: datetime | None = timestamp(default=None, nullable=True)


class ParagraphVersion(SQLModel, table=True):
    __tablename__ = "paragraph_version"
    __table_args__ = (sa.UniqueConstraint("paragraph_id", "number"),)

    id: int | None = Field(default=None, primary_key=True)
    paragraph_id: int = Field(foreign_key="paragraph.id", index=True)
    number: int
    # diff-match-patch patch text from the previous version (from "" for version 1).
    patch: str = Field(sa_type=sa.Text)
    sha256: str = Field(max_length=64)
    # The full text every N versions, so a rebuild applies at most N-1 patches.
    snapshot: str | None = Field(default=None, sa_type=sa.Text)
    # "create" | "edit" | "amendment" | "merge" | "restore"
    source: str = Field(default="edit", max_length=16)
    note: str = Field(default="", sa_type=sa.Text)
    author_account_id: int | None = Field(default=None, foreign_key="account.id")
    delegation_code: str | None = Field(default=None, max_length=8)
    created_at: datetime = timestamp()


class VersionAmendment(SQLModel, table=True):
    """Which amendments a paragraph version came from (one when accepted, several when merged)."""

    __tablename__ = "version_amendment"

    version_id: int = Field(foreign_key="paragraph_version.id", primary_key=True)
    amendment_id: int = Field(foreign_key="amendment.id", primary_key=True)


# --- API schemas -------------------------------------------------------------------------------


class DocumentCreate(DocumentBase):
    sections: list[str] = Field(default_factory=list)


class ParagraphPublic(SQLModel):
    id: int
    section_id: int
    number: int
    label: str
    head_version: int
    text: str
    frozen: bool


class SectionPublic(SQLModel):
    id: int
    key: str
    title: str
    position: int
    kind: str | None = None
    paragraphs: list[ParagraphPublic]


class DocumentSummary(DocumentBase):
    id: int
    created_at: datetime
    paragraph_count: int = 0


class DocumentPublic(DocumentBase):
    id: int
    created_at: datetime
    sections: list[SectionPublic]


class DocumentUpdate(SQLModel):
    """The document's settings; only the fields sent change."""

    numbering: str | None = Field(default=None, description="consecutive | pp_op | section")
    symbol: str | None = Field(default=None, description='e.g. "RCM-SACM/2018/1"')
    distribution: str | None = Field(default=None, description="general | restricted")
    original_language: str | None = Field(
        default=None, description='e.g. "en"; "" = the negotiating language'
    )


class SectionUpdate(SQLModel):
    kind: str | None = Field(description="preambular | operative | null (unmarked)")


class ParagraphCreate(SQLModel):
    section: int | str = Field(description="Section id or key")
    after: int | None = Field(
        default=None, description="Paragraph id to insert after; start of section when absent"
    )
    text: str
    note: str = ""


class ParagraphUpdate(SQLModel):
    text: str
    expected_version: int
    note: str = ""


class ParagraphMove(SQLModel):
    section: int | str | None = None
    after: int | None = None
    expected_version: int | None = Field(
        default=None, description="The head version the move was decided on; 409 if stale"
    )


class VersionSummary(SQLModel):
    number: int
    sha256: str
    source: str
    note: str
    author: str | None
    delegation_code: str | None
    created_at: datetime
    amendment_ids: list[int] = Field(default_factory=list)


class VersionPublic(VersionSummary):
    paragraph_id: int
    text: str
    patch: str


class DiffPublic(SQLModel):
    paragraph_id: int
    from_version: int
    to_version: int
    segments: list[tuple[str, str]]
    html: str
