"""The negotiation calendar (rounds and their deadlines), co-sponsor invitations, and what a
delegation has cleared from its inbox."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from app.models.base import timestamp


class Round(SQLModel, table=True):
    """One round (meeting) of the negotiation: where and when, and the deadlines it sets.

    `amendment_deadline` closes the filing of amendments to the current revision for this
    round; `revision_due` is when the chairs promise the next revision. Both are UTC moments,
    shown in the meeting's `timezone` (an IANA name) and in the reader's.
    """

    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="document.id", index=True)
    name: str = Field(max_length=200)
    place: str = Field(default="", max_length=200)
    room: str = Field(default="", max_length=200)
    timezone: str = Field(default="UTC", max_length=64)
    starts_on: date
    ends_on: date
    # The meeting days when not every day from start to end ("20, 22 and 23 February").
    days: list[str] = Field(default_factory=list, sa_type=sa.JSON)
    amendment_deadline: datetime | None = timestamp(default=None, nullable=True)
    revision_due: datetime | None = timestamp(default=None, nullable=True)
    # The chairs may take amendments after the deadline, marked late.
    late_allowed: bool = False
    created_at: datetime = timestamp()
    created_by_account_id: int = Field(foreign_key="account.id")


class InvitationStatus(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    LAPSED = "lapsed"  # the amendment was decided or withdrawn before an answer


class Invitation(SQLModel, table=True):
    """A proposer's invitation to another member delegation to co-sponsor its amendment."""

    __table_args__ = (
        sa.Index(
            "uq_invitation_pending",
            "amendment_id",
            "participant_code",
            unique=True,
            sqlite_where=sa.text("status = 'pending'"),
            postgresql_where=sa.text("status = 'pending'"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="document.id", index=True)
    amendment_id: int = Field(foreign_key="amendment.id", index=True)
    participant_code: str = Field(foreign_key="participant.code", max_length=8, index=True)
    invited_by_code: str = Field(foreign_key="participant.code", max_length=8)
    invited_by_account_id: int = Field(foreign_key="account.id")
    invited_at: datetime = timestamp()
    status: str = Field(default=InvitationStatus.PENDING, max_length=16)
    answered_at: datetime | None = timestamp(default=None, nullable=True)
    answered_by_account_id: int | None = Field(default=None, foreign_key="account.id")


class InboxDismissal(SQLModel, table=True):
    """A delegation has seen an inbox item that needs no action (a decision, a reply)."""

    __tablename__ = "inbox_dismissal"
    __table_args__ = (sa.UniqueConstraint("participant_code", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    participant_code: str = Field(foreign_key="participant.code", max_length=8)
    key: str = Field(max_length=64)
    dismissed_at: datetime = timestamp()
    account_id: int = Field(foreign_key="account.id")


# --- API schemas -------------------------------------------------------------------------------


class RoundCreate(SQLModel):
    name: str
    place: str = ""
    room: str = ""
    timezone: str = Field(default="UTC", description="IANA time zone of the meeting")
    starts_on: date
    ends_on: date
    days: list[date] = Field(
        default_factory=list, description="Meeting days when not every day from start to end"
    )
    amendment_deadline: datetime | None = Field(
        default=None, description="ISO 8601; a moment without a zone is read in `timezone`"
    )
    revision_due: datetime | None = None
    late_allowed: bool = False


class RoundUpdate(SQLModel):
    name: str | None = None
    place: str | None = None
    room: str | None = None
    timezone: str | None = None
    starts_on: date | None = None
    ends_on: date | None = None
    days: list[date] | None = None
    amendment_deadline: datetime | None = None
    revision_due: datetime | None = None
    late_allowed: bool | None = None


class RoundPublic(SQLModel):
    id: int
    document_id: int
    name: str
    place: str
    room: str
    timezone: str
    starts_on: date
    ends_on: date
    days: list[date]
    amendment_deadline: datetime | None
    amendment_deadline_local: str | None = Field(description="The deadline in the meeting's zone")
    revision_due: datetime | None
    revision_due_local: str | None = Field(
        default=None, description="The revision's due date in the meeting's zone"
    )
    late_allowed: bool
    phase: str = Field(description="past, current (meeting now) or upcoming")


class CalendarPublic(SQLModel):
    """The rounds, the one in force now and the next deadline."""

    document_id: int
    now: datetime
    rounds: list[RoundPublic]
    current_round_id: int | None = Field(description="The round meeting now, or the next one")
    next_deadline: DeadlinePublic | None


class DeadlinePublic(SQLModel):
    round_id: int
    kind: str = Field(description="amendments or revision_due")
    at: datetime
    timezone: str
    local: str


class InvitationCreate(SQLModel):
    codes: list[str] = Field(description="The member delegations invited to co-sponsor")


class InvitationPublic(SQLModel):
    id: int
    amendment_id: int
    code: str
    invited_by: str
    invited_at: datetime
    status: str
    answered_at: datetime | None


CalendarPublic.model_rebuild()


class InboxItem(SQLModel):
    kind: str = Field(
        description="invitation, silence, position, deadline, decided, conflict or reply"
    )
    key: str
    document_id: int
    text: str
    paragraph_id: int | None = None
    amendment_id: int | None = None
    invitation_id: int | None = None
    silence_id: int | None = None
    version: int | None = None
    deadline: datetime | None = None
    comment_id: int | None = None
    timezone: str | None = Field(default=None, description="silence: the deadline's zone")
    status: str | None = Field(default=None, description="decided: the amendment's status")
    dismissible: bool = Field(
        default=False, description="Needs no action: POST /api/me/inbox/seen {keys} clears it"
    )


class InboxSeen(SQLModel):
    keys: list[str] = Field(description="Keys of dismissible items the delegation has seen")


class InboxPublic(SQLModel):
    count: int
    items: list[InboxItem]
