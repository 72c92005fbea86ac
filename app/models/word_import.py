"""What a Word import shows before anything is filed: the paragraphs a delegation changed in a
Consenso DOCX, each as the draft amendment it would file (`POST …/imports/docx`)."""

from __future__ import annotations

from sqlmodel import SQLModel

from app.models.amendment import AmendmentPublic


class ImportedParagraph(SQLModel):
    """One changed paragraph: the draft amendment it becomes once filed."""

    paragraph_id: int
    label: str
    base_version: int  # the version the file was exported from
    base_text: str
    text: str  # the proposed text: the paragraph as it reads with every change accepted
    redline: list[tuple[str, str]]  # (op, text) against the base version
    tracked: bool  # the change came as Word tracked changes (else as edited text)
    head_version: int
    applies: str  # against the head: applies_cleanly | already_applied | conflict


class ImportPreview(SQLModel):
    document_id: int
    revision: int | None  # None: the file is an export of the current text
    revision_label: str
    file_sha256: str
    delegation: str  # who the drafts would be filed for
    paragraphs: list[ImportedParagraph]
    unchanged: int  # paragraphs in the file that say what their version says


class ImportFiled(SQLModel):
    amendments: list[AmendmentPublic]
