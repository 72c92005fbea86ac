"""Positions delegations take, and the silence procedures the chairs run."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from app.drafting.consensus import ConsensusMode, SilencePhase, Stance, Status
from app.models.base import timestamp


class Position(SQLModel, table=True):
    """One stance of one delegation on a paragraph version or on an amendment.

    Rows are never updated except to mark them no longer current: the history is the table.
    """

    __table_args__ = (
        sa.Index("ix_position_paragraph_current", "paragraph_id", "version_number", "current"),
        sa.Index("ix_position_amendment_current", "amendment_id", "current"),
        # One current position per delegation and target.
        sa.Index(
            "uq_position_paragraph_current",
            "paragraph_id",
            "version_number",
            "participant_code",
            unique=True,
            sqlite_where=sa.text("current"),
            postgresql_where=sa.text("current"),
        ),
        sa.Index(
            "uq_position_amendment_current",
            "amendment_id",
            "participant_code",
            unique=True,
            sqlite_where=sa.text("current"),
            postgresql_where=sa.text("current"),
        ),
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
    created_at: datetime = timestamp()
    current: bool = True


class SilenceProcedure(SQLModel, table=True):
    __tablename__ = "silence_procedure"
    # One running (neither cancelled nor broken) procedure per paragraph version.
    __table_args__ = (
        sa.Index(
            "uq_silence_procedure_running",
            "paragraph_id",
            "version_number",
            unique=True,
            sqlite_where=sa.text("cancelled_at IS NULL AND broken_at IS NULL"),
            postgresql_where=sa.text("cancelled_at IS NULL AND broken_at IS NULL"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="document.id", index=True)
    paragraph_id: int = Field(foreign_key="paragraph.id", index=True)
    version_number: int
    # Set when the procedure was started on a whole revision.
    revision_number: int | None = None
    deadline: datetime = timestamp()
    started_at: datetime = timestamp()
    started_by_account_id: int = Field(foreign_key="account.id")
    cancelled_at: datetime | None = timestamp(default=None, nullable=True)
    broken_by_code: str | None = Field(default=None, max_length=8)
    broken_at: datetime | None = timestamp(default=None, nullable=True)
    broken_reason: str = Field(default="", sa_type=sa.Text)
    # A co-chair's cancellation (not one made because the paragraph moved on).
    cancelled_by_code: str | None = Field(default=None, max_length=8)
    cancel_reason: str = Field(default="", sa_type=sa.Text)
    # The zone the chairs set the deadline in (IANA), for showing it as they meant it.
    timezone: str = Field(default="UTC", max_length=64)


# --- API schemas -------------------------------------------------------------------------------

NOTE_MAX = 4000


class PositionTake(SQLModel):
    """PUT .../paragraphs/{id}/positions/mine: the version the delegation is looking at."""

    version: int = Field(ge=1, description="The paragraph version; must be the head")
    stance: Stance
    note: str = Field(default="", max_length=NOTE_MAX, description="Required for an objection")


class AmendmentPositionTake(SQLModel):
    stance: Stance
    note: str = Field(default="", max_length=NOTE_MAX, description="Required for an objection")


class PositionPublic(SQLModel):
    code: str
    stance: Stance
    note: str
    version: int | None
    amendment_id: int | None
    taken_at: datetime
    by: str | None
    current: bool


class PositionHistoryEntry(SQLModel):
    """One line of a delegation's record: a stance taken, or a position withdrawn."""

    code: str
    action: str = Field(description='"taken" or "withdrawn"')
    stance: Stance = Field(description="The stance taken, or the one withdrawn")
    note: str
    version: int | None
    at: datetime
    by: str | None


class BlocTallyPublic(SQLModel):
    bloc: str
    members: int
    support: int
    ad_referendum: int
    reservation: int
    objection: int
    none: int


class ParagraphPositions(SQLModel):
    paragraph_id: int
    head_version: int
    current: list[PositionPublic]
    tallies: list[BlocTallyPublic]
    history: list[PositionHistoryEntry]


class AmendmentPositions(SQLModel):
    amendment_id: int
    status: str
    current: list[PositionPublic]
    tallies: list[BlocTallyPublic]
    history: list[PositionHistoryEntry]


class SilenceStart(SQLModel):
    version: int = Field(ge=1)
    deadline: datetime = Field(
        description="ISO 8601; a moment without a zone is read in `timezone`"
    )
    timezone: str = Field(
        default="UTC", max_length=64, description="IANA zone the deadline is set and shown in"
    )


class RevisionSilenceStart(SQLModel):
    deadline: datetime = Field(description="ISO 8601; a moment without a zone is read as UTC")


class SilencePublic(SQLModel):
    id: int
    paragraph_id: int
    version: int
    revision_number: int | None
    deadline: datetime
    started_at: datetime
    started_by: str | None
    phase: SilencePhase
    cancelled_at: datetime | None
    broken_by: str | None
    broken_at: datetime | None
    broken_reason: str
    cancelled_by: str | None = None
    cancel_reason: str = ""
    timezone: str = Field(default="UTC", description="The zone the deadline was set in")
    deadline_local: str = Field(default="", description="The deadline in that zone")


class SilenceCancel(SQLModel):
    reason: str


class SilenceSkipped(SQLModel):
    paragraph_id: int
    label: str
    reason: str


class RevisionSilencePublic(SQLModel):
    revision_number: int
    deadline: datetime
    started: list[SilencePublic]
    skipped: list[SilenceSkipped]


# --- the consensus board -------------------------------------------------------------------


class StatusCounts(SQLModel):
    agreed: int = 0
    agreed_ad_ref: int = 0
    bracketed: int = 0
    open: int = 0


class BoardMember(SQLModel):
    code: str
    bloc: str
    name: str


class BoardPosition(SQLModel):
    stance: Stance
    note: str
    taken_at: datetime


class BoardAmendment(SQLModel):
    id: int
    kind: str
    proposer: str
    sponsors: list[str]


class BoardInsertion(BoardAmendment):
    section_id: int | None
    after_paragraph_id: int | None


class BoardSilence(SQLModel):
    id: int
    version: int
    revision_number: int | None
    started_at: datetime
    deadline: datetime
    phase: SilencePhase | None = Field(
        description="null in explicit mode: silence counts for nothing"
    )
    broken_by: str | None
    broken_at: datetime | None


class MessagePublic(SQLModel):
    """A message as data: a code (see app/i18n) and its parameters."""

    code: str
    params: dict[str, str | int]


class BoardParagraph(SQLModel):
    id: int
    label: str
    number: int
    section_id: int
    head_version: int
    excerpt: str
    frozen: bool
    status: Status
    reasons: list[str] = Field(
        description="Why, in the reader's language (Accept-Language or `lang`; English by default)"
    )
    reason_codes: list[MessagePublic] = Field(
        description="The same reasons as codes with parameters, for the interface's catalogues"
    )
    holdouts: list[str]
    objections: list[str]
    reservations: list[str]
    ad_referendum: list[str]
    positions: dict[str, BoardPosition | None] = Field(
        description="Every member's current position on the head version, null for none"
    )
    previous_version_support: list[str] = Field(
        description="Members who supported or agreed ad referendum to the previous version"
    )
    pending_amendments: list[BoardAmendment]
    silence: BoardSilence | None
    tallies: list[BlocTallyPublic]


class BoardSection(SQLModel):
    id: int
    key: str
    title: str
    counts: StatusCounts


class BoardBloc(SQLModel):
    """A bloc across the document: its positions summed over paragraphs, and where it stands."""

    bloc: str
    members: int
    support: int
    ad_referendum: int
    reservation: int
    objection: int
    none: int
    paragraphs_all_agree: int = Field(description="Every member of the bloc agrees")
    paragraphs_objected: int = Field(description="At least one member of the bloc objects")
    paragraphs_reserved: int = Field(description="At least one member of the bloc reserves")


class TimelineRevision(SQLModel):
    number: int
    label: str
    created_at: datetime
    counts: StatusCounts


class TimelineDay(SQLModel):
    date: date
    counts: StatusCounts


class Timeline(SQLModel):
    revisions: list[TimelineRevision]
    days: list[TimelineDay]


class ConsensusBoard(SQLModel):
    document_id: int
    title: str
    mode: ConsensusMode
    generated_at: datetime
    members: list[BoardMember]
    paragraphs: list[BoardParagraph]
    sections: list[BoardSection]
    blocs: list[BoardBloc]
    totals: StatusCounts
    pending_insertions: list[BoardInsertion]
    timeline: Timeline
