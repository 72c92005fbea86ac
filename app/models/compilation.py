"""The compilation text as the screen shows it: the export's own layout, as data."""

from __future__ import annotations

from sqlmodel import Field, SQLModel


class CompiledOption(SQLModel):
    """One pending proposal beside its paragraph, as the text it would produce now."""

    amendment_id: int
    kind: str = Field(description="modify or delete_paragraph")
    label: str = Field(description='"Alt 1 (MEX, BRA)", "USA: delete", "…, in conflict"')
    sponsors: list[str]
    text: str
    segments: list[tuple[str, str]] = Field(description="Redline on the text shown: [op, text]")
    conflict: bool
    deletion: bool
    notes: list[str] = Field(description="Conflict, rationale and positions, in words")


class CompiledParagraph(SQLModel):
    key: str = Field(description='The paragraph id, or "new-<amendment id>" for a proposal')
    paragraph_id: int = Field(description="The paragraph (for a proposal: the one it follows)")
    number: str = Field(description='Its label, or a proposal\'s provisional one ("3bis")')
    status: str = Field(description="agreed, agreed_ad_ref, bracketed, open or proposed")
    status_label: str
    text: str = Field(description="The paragraph's own wording, bracketed when not agreed")
    version: int
    proposal_amendment_id: int | None = Field(description="A proposed new paragraph's amendment")
    options: list[CompiledOption]
    notes: list[str] = Field(description="Objections, reservations, who proposed a new one")


class CompiledSection(SQLModel):
    title: str
    paragraphs: list[CompiledParagraph]


class CompilationPublic(SQLModel):
    document_id: int
    revision: str = Field(description='"Current text", "Zero draft", "Rev.1"…')
    revision_number: int | None
    language: str = Field(description="The language of the labels and notes")
    heading: str
    header: list[tuple[str, str]]
    sections: list[CompiledSection]
    closing: list[str]
