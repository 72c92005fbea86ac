"""Amendments (proposals), their versions, sponsors and the discussion on them."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from app.models.base import timestamp
from app.models.position import MessagePublic


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
    created_at: datetime = timestamp()
    updated_at: datetime = timestamp()
    decided_at: datetime | None = timestamp(default=None, nullable=True)
    decided_by_account_id: int | None = Field(default=None, foreign_key="account.id")
    decision_reason: str = Field(default="", sa_type=sa.Text)
    # A reason the server gave (superseded, adopted as…) as a message: {code, params}; the
    # English is decision_reason. None when the chairs typed the reason (a rejection).
    decision_code: dict[str, object] | None = Field(default=None, sa_type=sa.JSON)
    result_version: int | None = None
    # Filed after its round's amendment deadline, where the chairs allowed late amendments.
    late: bool = False
    # The chairs' (or facilitators') compromise text, and the amendments it would replace.
    chairs_text: bool = False
    replaces: list[int] = Field(default_factory=list, sa_type=sa.JSON)


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
    created_at: datetime = timestamp()


class AmendmentSponsor(SQLModel, table=True):
    """One sponsorship: a delegation joined (and perhaps left). Rows are history: leaving
    stamps `left_at`, joining again is a new row; at most one row per delegation is current."""

    __tablename__ = "amendment_sponsor"
    __table_args__ = (
        sa.Index(
            "uq_amendment_sponsor_current",
            "amendment_id",
            "participant_code",
            unique=True,
            sqlite_where=sa.text("left_at IS NULL"),
            postgresql_where=sa.text("left_at IS NULL"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    amendment_id: int = Field(foreign_key="amendment.id", index=True)
    participant_code: str = Field(foreign_key="participant.code", max_length=8)
    joined_at: datetime = timestamp()
    joined_by_account_id: int = Field(foreign_key="account.id")
    # The amendment's revision when the delegation joined: a later one is a text it has not seen.
    joined_revision: int = 1
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
    created_at: datetime = timestamp()


# --- API schemas -------------------------------------------------------------------------------


class AmendmentCreate(SQLModel):
    """A `modify` amendment: the full proposed text of the paragraph, at a named base version."""

    base_version: int
    text: str
    rationale: str = ""
    replaces: list[int] = Field(
        default_factory=list,
        description="A chairs' proposal only: the pending amendments it would replace",
    )


class StructuralAmendmentCreate(SQLModel):
    """An amendment that adds or deletes a whole paragraph (`POST /documents/{id}/amendments`)."""

    kind: AmendmentKind = Field(description="insert_paragraph or delete_paragraph")
    # insert_paragraph: the section (id or key) and the paragraph to follow (start when absent).
    section: int | str | None = None
    after: int | None = Field(default=None, description="Paragraph id the new one follows")
    text: str = ""
    # delete_paragraph: the paragraph and the version the delegation read.
    paragraph_id: int | None = None
    base_version: int | None = None
    rationale: str = ""


class AmendmentRevise(SQLModel):
    """A new version of the amendment; fields not sent keep their current value."""

    text: str | None = None
    base_version: int | None = None
    rationale: str | None = None


class SponsorJoin(SQLModel):
    # A delegate joins for their own delegation; the code, when sent, must be that one.
    code: str | None = None


class WithdrawRequest(SQLModel):
    reason: str = ""


class AcceptRequest(SQLModel):
    # The paragraph's head version the chair decides on (0 or absent for a new paragraph).
    expected_version: int | None = None
    note: str = ""


class RejectRequest(SQLModel):
    reason: str


class MergeRequest(SQLModel):
    amendment_ids: list[int]
    text: str
    expected_version: int
    note: str = ""


class CommentCreate(SQLModel):
    body: str


class CommentPublic(SQLModel):
    id: int
    amendment_id: int | None
    paragraph_id: int | None
    author: str | None
    participant_code: str | None
    body: str
    created_at: datetime


class SponsorPublic(SQLModel):
    code: str
    joined_at: datetime
    joined_by: str | None
    left_at: datetime | None
    joined_revision: int = Field(description="The amendment's revision this sponsorship joined")
    revised_since_joined: bool = Field(
        description="A current co-sponsor whose proposer has revised the text since it joined"
    )


class AmendmentVersionPublic(SQLModel):
    number: int
    base_version: int
    text: str
    rationale: str
    author: str | None
    created_at: datetime


class ConflictPublic(SQLModel):
    """Base words both sides touched, by character offsets into the base text."""

    base_start: int
    base_end: int
    base_text: str
    head_text: str
    amendment_text: str


class RebaseStatus(SQLModel):
    """Whether a pending amendment still applies to the paragraph's head, and how."""

    # applies_cleanly | already_applied | conflict | not_applicable
    status: str
    head_version: int
    text: str | None = None
    conflicts: list[ConflictPublic] = Field(default_factory=list)
    reason: str = ""
    reason_code: MessagePublic | None = Field(default=None, description="`reason` as a message")


class AmendmentPublic(SQLModel):
    id: int
    document_id: int
    kind: str
    status: str
    paragraph_id: int | None
    paragraph_label: str | None
    section_id: int | None
    after_paragraph_id: int | None
    base_version: int
    text: str
    rationale: str
    revision: int
    proposer: str
    sponsors: list[str]
    sponsor_history: list[SponsorPublic]
    revised_since_joined: list[str] = Field(
        description="Current co-sponsors who joined an earlier revision than this one"
    )
    versions: list[AmendmentVersionPublic]
    author: str | None
    created_at: datetime
    updated_at: datetime
    decided_at: datetime | None
    decided_by: str | None
    decision_reason: str
    decision_message: MessagePublic | None = Field(
        default=None, description="A reason the server gave, as a message (None: typed)"
    )
    result_version: int | None
    disposition: str
    redline: list[tuple[str, str]]
    redline_html: str
    rebase: RebaseStatus
    late: bool = Field(default=False, description="Filed after its round's deadline")
    chairs_text: bool = Field(default=False, description="The chairs' compromise proposal")
    replaces: list[int] = Field(default_factory=list)


class PreviewPublic(SQLModel):
    """What accepting the amendment now would write: the text, and its redline on the head."""

    amendment_id: int
    paragraph_id: int | None
    status: str = Field(description="applies_cleanly, already_applied, conflict, not_applicable")
    head_version: int
    head_text: str
    text: str | None
    redline: list[tuple[str, str]]
    conflicts: list[ConflictPublic] = Field(default_factory=list)
    reason: str = ""
    reason_code: MessagePublic | None = None
    replaces: list[int] = Field(default_factory=list)


class UndoRequest(SQLModel):
    expected_version: int = Field(description="The paragraph's head version you are undoing")
    note: str = ""


class UndoPublic(SQLModel):
    paragraph_id: int
    version: int = Field(description="The new head version (or the same, for a rejection)")
    text: str
    undone: str = Field(description="The decision undone: the event's action")
    amendment_ids: list[int]


class OverlapPublic(SQLModel):
    """Two pending amendments that touch the same words (`a` < `b`)."""

    a: int
    b: int
    conflicts: list[ConflictPublic]


class SetAside(SQLModel):
    amendment_id: int
    status: str
    reason: str


class OverlapReport(SQLModel):
    """How the pending amendments on one paragraph relate, each rebased onto the head."""

    paragraph_id: int
    head_version: int
    compared: list[int]
    set_aside: list[SetAside]
    overlaps: list[OverlapPublic]
    combinable_pairs: list[tuple[int, int]]
    all_combinable: bool
    combined_text: str | None


class MergePublic(SQLModel):
    paragraph_id: int
    version: int
    text: str
    amendments: list[AmendmentPublic]


class UndoablePublic(SQLModel):
    """A paragraph whose last decision the chairs can undo now (what the Undo button needs)."""

    paragraph_id: int
    expected_version: int = Field(description="The head version to send with the undo")
    amendment_id: int = Field(description="The amendment whose decision would be undone")
    status: str = Field(description="That amendment's decision: accepted, rejected…")
    kind: str
    decided_at: datetime
    paragraph_deleted: bool = Field(description="The decision was an accepted deletion")
