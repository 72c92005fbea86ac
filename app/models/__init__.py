"""Every table, imported once so SQLModel.metadata (and Alembic) sees them all."""

from app.models.account import Account, AuthSession, Role
from app.models.amendment import (
    Amendment,
    AmendmentKind,
    AmendmentSponsor,
    AmendmentStatus,
    AmendmentVersion,
    Comment,
)
from app.models.base import SQLModel
from app.models.calendar import InboxDismissal, Invitation, InvitationStatus, Round
from app.models.document import Document, Paragraph, ParagraphVersion, Section, VersionAmendment
from app.models.event import Event
from app.models.export_job import ExportJob, ExportJobStatus
from app.models.participant import Participant, ParticipantKind
from app.models.plenary import FloorRequest, FloorStatus, PlenaryReading
from app.models.position import Position, SilenceProcedure
from app.models.revision import Revision, RevisionEntry, revision_label
from app.models.translation import ParagraphTranslation

__all__ = [
    "Account",
    "Amendment",
    "AmendmentKind",
    "AmendmentSponsor",
    "AmendmentStatus",
    "AmendmentVersion",
    "AuthSession",
    "Comment",
    "Document",
    "Event",
    "ExportJob",
    "ExportJobStatus",
    "FloorRequest",
    "FloorStatus",
    "InboxDismissal",
    "Invitation",
    "InvitationStatus",
    "Paragraph",
    "ParagraphTranslation",
    "ParagraphVersion",
    "Participant",
    "ParticipantKind",
    "PlenaryReading",
    "Position",
    "Revision",
    "RevisionEntry",
    "Role",
    "Round",
    "SQLModel",
    "Section",
    "SilenceProcedure",
    "VersionAmendment",
    "revision_label",
]
