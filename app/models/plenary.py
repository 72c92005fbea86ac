"""Plenary mode: the paragraph the co-chairs have taken up for reading, and its speakers' list."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from app.models.base import timestamp

OPEN_READING = "ended_at IS NULL"
ACTIVE_REQUEST = "status IN ('waiting', 'speaking')"
SPEAKING = "status = 'speaking'"


class FloorStatus(StrEnum):
    WAITING = "waiting"  # on the speakers' list
    SPEAKING = "speaking"  # has the floor
    SPOKE = "spoke"  # had the floor; the turn is over
    WITHDRAWN = "withdrawn"  # withdrawn by the delegation, or struck by the chairs
    LAPSED = "lapsed"  # still waiting when the reading ended


class PlenaryReading(SQLModel, table=True):
    """One paragraph taken up for reading, from `started_at` until `ended_at`."""

    __tablename__ = "plenary_reading"
    __table_args__ = (
        # One paragraph under reading per document at a time.
        sa.Index(
            "uq_plenary_reading_open",
            "document_id",
            unique=True,
            sqlite_where=sa.text(OPEN_READING),
            postgresql_where=sa.text(OPEN_READING),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="document.id", index=True)
    paragraph_id: int = Field(foreign_key="paragraph.id", index=True)
    started_at: datetime = timestamp()
    started_by_account_id: int | None = Field(default=None, foreign_key="account.id")
    list_closed_at: datetime | None = timestamp(default=None, nullable=True)
    ended_at: datetime | None = timestamp(default=None, nullable=True)


class FloorRequest(SQLModel, table=True):
    """A delegation asking for the floor on the paragraph under reading."""

    __tablename__ = "floor_request"
    __table_args__ = (
        # A delegation is on a reading's list at most once at a time; one speaker at a time.
        sa.Index(
            "uq_floor_request_active",
            "reading_id",
            "participant_code",
            unique=True,
            sqlite_where=sa.text(ACTIVE_REQUEST),
            postgresql_where=sa.text(ACTIVE_REQUEST),
        ),
        sa.Index(
            "uq_floor_request_speaking",
            "reading_id",
            unique=True,
            sqlite_where=sa.text(SPEAKING),
            postgresql_where=sa.text(SPEAKING),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    reading_id: int = Field(foreign_key="plenary_reading.id", index=True)
    document_id: int = Field(foreign_key="document.id", index=True)
    participant_code: str = Field(foreign_key="participant.code", max_length=8)
    account_id: int | None = Field(default=None, foreign_key="account.id")
    status: str = Field(default=FloorStatus.WAITING, max_length=16)
    requested_at: datetime = timestamp()
    given_at: datetime | None = timestamp(default=None, nullable=True)
    ended_at: datetime | None = timestamp(default=None, nullable=True)


# --- API schemas -------------------------------------------------------------------------------


class PlenaryTakeUp(SQLModel):
    paragraph_id: int = Field(ge=1, le=2**31 - 1, description="The paragraph to take up")


class FloorAsk(SQLModel):
    paragraph_id: int | None = Field(
        default=None,
        ge=1,
        le=2**31 - 1,
        description="The paragraph you ask to speak on; 409 if it is no longer under reading",
    )


class FloorNext(SQLModel):
    expected_speaker: int | None = Field(
        default=None,
        ge=0,
        le=2**31 - 1,
        description="The request that had the floor as you saw it (0: nobody); 409 if it "
        "changed meanwhile, so that two clicks never skip a delegation",
    )


class FloorRequestPublic(SQLModel):
    id: int
    participant_code: str
    status: FloorStatus
    requested_at: datetime
    given_at: datetime | None
    ended_at: datetime | None


class ReadingPublic(SQLModel):
    id: int
    paragraph_id: int
    label: str
    started_at: datetime
    started_by: str | None
    list_open: bool
    list_closed_at: datetime | None
    speaking: FloorRequestPublic | None = Field(description="Who has the floor")
    waiting: list[FloorRequestPublic] = Field(description="The speakers' list, in order")
    spoke: list[FloorRequestPublic] = Field(description="Who has spoken, in order")


class PlenaryPublic(SQLModel):
    document_id: int
    reading: ReadingPublic | None = Field(description="The paragraph under reading, if any")
