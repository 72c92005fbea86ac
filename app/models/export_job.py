"""Exports built in the background (large documents, PDF): a job row any worker can answer
for, holding the finished file, and found again by the export's content key (the cache)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from app.models.base import timestamp


class ExportJobStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"
    EXPIRED = "expired"  # its file was dropped to keep the cache within its bound


class ExportJob(SQLModel, table=True):
    __tablename__ = "export_job"

    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="document.id", index=True)
    # SHA-256 of what the file shows: the state of the text (the revision, or the last event
    # and the silence deadlines passed), the settings, the format, the variant and options.
    key: str = Field(max_length=64, index=True)
    format: str = Field(max_length=8)
    variant: str = Field(max_length=16)
    revision: int | None = None
    lang: str | None = Field(default=None, max_length=8)  # None: the negotiating language
    parallel: bool = False
    status: str = Field(default=ExportJobStatus.QUEUED, max_length=16)
    stage: str = Field(default="queued", max_length=16)  # queued reading rendering storing done
    progress: int = 0  # percent
    error: str = Field(default="", sa_type=sa.Text)
    filename: str = Field(default="", max_length=200)
    media_type: str = Field(default="", max_length=100)
    language: str = Field(default="", max_length=8)  # the file's (its Content-Language)
    size: int = 0
    content: bytes | None = Field(default=None, sa_type=sa.LargeBinary)
    created_by_account_id: int | None = Field(default=None, foreign_key="account.id")
    created_at: datetime = timestamp()
    updated_at: datetime = timestamp()
    finished_at: datetime | None = timestamp(default=None, nullable=True)


class ExportJobCreate(SQLModel):
    format: str = Field(description="md, html, pdf, docx, akn or csv")
    variant: str = Field(default="compilation", description="agreed or compilation")
    revision: int | None = Field(
        default=None, ge=0, description="0 = Zero draft, 1 = Rev.1 ...; absent = the current text"
    )
    lang: str | None = Field(
        default=None,
        schema_extra={"pattern": "^[a-z]{2}$"},
        description="en, es or pt (absent: the negotiating language), as for GET .../export",
    )
    parallel: bool = Field(default=False, description="html or docx: the text beside `lang`")


class ExportJobPublic(SQLModel):
    id: int
    document_id: int
    format: str
    variant: str
    revision: int | None
    lang: str | None
    parallel: bool
    key: str
    status: str
    stage: str
    progress: int
    error: str
    filename: str
    media_type: str
    size: int
    cached: bool = Field(description="true when an earlier build of the same state was reused")
    file: str | None = Field(description="where to download the file once done")
    language: str = Field(description="the language the file is in (once done)")
    created_at: datetime
    finished_at: datetime | None
