"""Translations of the negotiated text: one row per translation entered, per paragraph version.

A document is negotiated in one language (`Document.negotiating_language`); each of its other
languages (`Document.languages`) gets a translation of each paragraph. A translation names the
version of the negotiating text it translates, so when the paragraph gets a new version the
translation is stale until someone translates the new one. Rows are never changed: entering a
translation again adds a row, and the latest row of a paragraph and language is the current one.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from app.models.base import timestamp

LANGUAGES = ("en", "es", "pt")


class TranslationState(StrEnum):
    CURRENT = "current"  # translates the head version of the negotiating text
    STALE = "stale"  # translates an older version: the redline shows what moved since
    MISSING = "missing"  # never translated


class ParagraphTranslation(SQLModel, table=True):
    __tablename__ = "paragraph_translation"
    __table_args__ = (sa.Index("ix_paragraph_translation_paragraph_lang", "paragraph_id", "lang"),)

    id: int | None = Field(default=None, primary_key=True)
    paragraph_id: int = Field(foreign_key="paragraph.id")
    lang: str = Field(max_length=8)
    # The version of the negotiating text this translates.
    version: int
    text: str = Field(sa_type=sa.Text)
    sha256: str = Field(max_length=64)
    # "entry" (typed in place) | "import" (from a file)
    source: str = Field(default="entry", max_length=16)
    author_account_id: int | None = Field(default=None, foreign_key="account.id")
    created_at: datetime = timestamp()


# --- API schemas -------------------------------------------------------------------------------


class TranslationEntry(SQLModel):
    text: str


class TranslationPublic(SQLModel):
    paragraph_id: int
    lang: str
    state: TranslationState
    # The version of the negotiating text it translates (None when missing) and the head now.
    version: int | None
    head_version: int
    text: str | None
    author: str | None = None
    entered_at: datetime | None = None
    # For a stale translation: the word redline of the negotiating text from `version` to the
    # head, so the translator updates only what moved ((op, text) pairs and the same as HTML).
    changes: list[tuple[str, str]] | None = None
    changes_html: str | None = None


class ParagraphTranslations(SQLModel):
    paragraph_id: int
    label: str
    negotiating_language: str
    head_version: int
    text: str
    translations: list[TranslationPublic]


class DocumentLanguages(SQLModel):
    negotiating_language: str = Field(default="en", description="The authoritative language")
    languages: list[str] = Field(
        default_factory=lambda: list(LANGUAGES),
        description="Every language of the document, the negotiating one among them",
    )
    agreed_requires_concordance: bool = Field(
        default=False,
        description="Exports show a paragraph as agreed only when every language is current",
    )


class ConcordanceRow(SQLModel):
    paragraph_id: int
    label: str
    head_version: int
    concordant: bool
    # language -> "current" | "stale" | "missing", for each language but the negotiating one
    languages: dict[str, TranslationState]


class Concordance(DocumentLanguages):
    document_id: int
    paragraphs: list[ConcordanceRow]
    # language -> how many paragraphs have a current / stale / missing translation
    totals: dict[str, dict[str, int]]
    concordant: int
    paragraph_count: int


class ImportResult(SQLModel):
    lang: str
    imported: list[str]  # labels whose translation was entered
    unchanged: list[str]  # labels whose current translation already said the same
    unknown: list[str]  # labels in the file that name no paragraph
