"""A new amendment as stored: its rows (the amendment, version 1, the proposer's sponsorship)
and the `amendment.proposed` event that vouches for them. `proposals` decides when each is
written, and under which locks."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import Session

from app.drafting.patches import make_patch, text_hash
from app.models import Amendment, AmendmentKind, AmendmentSponsor, AmendmentVersion
from app.services.accounts.actors import Actor
from app.services.amendments.rows import first_rows
from app.services.calendar import filing
from app.services.record import content as content_service
from app.services.record import events as events_service
from app.services.record import rows

AMENDMENTS: sa.Table = Amendment.__table__  # type: ignore[attr-defined]


def write_rows(
    session: Session, *, amendment: Amendment, actor: Actor
) -> tuple[AmendmentSponsor, AmendmentVersion]:
    """Insert the amendment (`prepare`d), its version 1 and its first sponsor."""
    if session.new or session.dirty or session.deleted:
        session.flush()  # what the checks changed (the chairs' proposal marks what it replaces)
    rows.insert(session, amendment)
    proposer, version = first_rows(amendment, actor)
    rows.insert(session, version, attach=False)  # the answer is built from these objects
    rows.insert(session, proposer, attach=False)
    return proposer, version


def record(
    session: Session,
    *,
    amendment: Amendment,
    written: tuple[AmendmentSponsor, AmendmentVersion],
    actor: Actor,
    now: datetime,
    payload: dict[str, Any],
) -> Amendment:
    """The event that vouches for what `write_rows` wrote (under the document's lock)."""
    proposer, version = written
    events_service.record(
        session,
        document_id=amendment.document_id,
        actor=actor,
        action="amendment.proposed",
        target_type="amendment",
        target_id=amendment.id,
        payload={
            "kind": amendment.kind,
            "code": amendment.proposer_code,
            **payload,
            **flags(amendment),
        },
        content=[
            content_service.of_amendment(amendment),
            content_service.of_amendment_version(version),
            content_service.of_sponsor(proposer),
        ],
        now=now,
    )
    return amendment


def store(
    session: Session,
    *,
    amendment: Amendment,
    actor: Actor,
    now: datetime,
    payload: dict[str, Any],
) -> Amendment:
    """Write the amendment's rows and the event, in a transaction that holds its locks."""
    written = write_rows(session, amendment=amendment, actor=actor)
    return record(
        session, amendment=amendment, written=written, actor=actor, now=now, payload=payload
    )


def prepare(*, amendment: Amendment, base: str) -> None:
    """Its patch and its hash: they depend only on the text sent and the version it was read
    at (versions never change), so a proposal works them out before its write lock."""
    amendment.patch = make_patch(base, amendment.text)
    amendment.text_sha256 = text_hash(amendment.text)


def late(session: Session, *, amendment: Amendment, now: datetime) -> bool:
    """Whether it comes past the deadline of the round in force (a 409 when the chairs take
    no late amendments); the chairs' own text never is. Under the document's lock, which
    read the rounds' mark: the rounds are read again only when one changed (`filing`)."""
    if amendment.chairs_text:
        return False
    return filing.late(session, document_id=amendment.document_id, now=now)


def flags(amendment: Amendment) -> dict[str, Any]:
    """What the event says of a late amendment or of the chairs' text."""
    if amendment.chairs_text:
        return {"chairs_text": True, "replaces": amendment.replaces}
    return {"late": True} if amendment.late else {}


def new(
    *, document_id: int, kind: AmendmentKind, rationale: str, code: str, actor: Actor, now: datetime
) -> Amendment:
    return rows.new(
        Amendment,
        document_id=document_id,
        kind=kind,
        rationale=rationale,
        proposer_code=code,
        author_account_id=actor.account_id,
        created_at=now,
        updated_at=now,
    )


def correct(session: Session, *, amendment: Amendment, **values: Any) -> None:
    """Set columns of an amendment inserted before its locks to what the re-check under them
    found (rare: it came late, or its paragraph moved to another section meanwhile)."""
    session.connection().execute(
        sa.update(AMENDMENTS).where(AMENDMENTS.c.id == amendment.id).values(**values)
    )
    for name, value in values.items():
        set_committed_value(amendment, name, value)
