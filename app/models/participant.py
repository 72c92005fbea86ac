"""Participants: the member delegations and the observer organisations."""

from __future__ import annotations

from enum import StrEnum

from sqlmodel import Field, SQLModel


class ParticipantKind(StrEnum):
    MEMBER = "member"
    OBSERVER = "observer"
    # The co-chairs (the two PPTs), so that the chairs' own proposals have a proposer.
    CHAIR = "chair"


# The co-chairs as participants (no bloc: they take no positions): code, names in en, es, pt.
CHAIRS = [
    ("PPT-RCM", "Co-chair (RCM PPT)", "Copresidencia (PPT CRM)", "Copresidência (PPT CRM)"),
    ("PPT-SACM", "Co-chair (SACM PPT)", "Copresidencia (PPT CSM)", "Copresidência (PPT CSM)"),
]


class ParticipantBase(SQLModel):
    code: str = Field(primary_key=True, max_length=8)
    kind: ParticipantKind = Field(max_length=16)
    bloc: str | None = Field(default=None, max_length=8)
    name_en: str = Field(max_length=200)
    name_es: str = Field(max_length=200)
    name_pt: str = Field(max_length=200)


class Participant(ParticipantBase, table=True):
    pass


class ParticipantPublic(ParticipantBase):
    pass
