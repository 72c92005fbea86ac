"""Plenary services against a real database: what each event vouches for, a deleted paragraph."""

from __future__ import annotations

import pytest
from sqlmodel import col, select

from app.errors import Conflict, Forbidden
from app.models import Account, Document, Event, FloorRequest, Paragraph
from app.services.accounts.actors import Actor
from app.services.plenary import chairing as chairing_service
from app.services.plenary import floor as floor_service
from app.services.plenary import state as plenary_state
from app.services.record import audit as audit_service
from app.services.record import content as content_service
from app.services.text import paragraphs as paragraphs_service
from tests.conftest import STARTED, first_paragraph


def actor(session, username: str) -> Actor:
    return Actor.of(session.exec(select(Account).where(Account.username == username)).one())


def test_each_event_carries_the_state_and_vouches_for_the_rows_it_wrote(session, doc):
    document = session.get(Document, doc["id"])
    paragraph_id = first_paragraph(doc)["id"]
    chair, mex = actor(session, "chair.rcm"), actor(session, "mex")
    chairing_service.take_up(
        session, document=document, paragraph_id=paragraph_id, actor=chair, now=STARTED
    )
    state = floor_service.ask(session, document=document, paragraph_id=None, actor=mex, now=STARTED)
    session.commit()
    event = session.exec(select(Event).order_by(col(Event.id).desc())).first()
    request = session.exec(select(FloorRequest)).one()
    reading = plenary_state.open_reading(session, document_id=document.id)
    assert event.action == "plenary.floor_requested"
    assert event.payload["plenary"] == state.model_dump(mode="json")
    assert event.content == dict(
        [content_service.of_reading(reading), content_service.of_request(request)]
    )
    assert audit_service.verify(session, document=document).problem is None


def test_a_deleted_paragraph_is_not_taken_up_and_roles_are_checked_first(session, doc):
    document = session.get(Document, doc["id"])
    paragraph = session.get(Paragraph, first_paragraph(doc)["id"])
    chair = actor(session, "chair.rcm")
    paragraphs_service.remove(session, paragraph=paragraph, actor=chair, now=STARTED)
    session.commit()
    with pytest.raises(Conflict, match="has been deleted"):
        chairing_service.take_up(
            session, document=document, paragraph_id=paragraph.id, actor=chair, now=STARTED
        )
    session.rollback()
    with pytest.raises(Forbidden, match="Only the co-chairs or the secretariat can take up"):
        chairing_service.take_up(
            session,
            document=document,
            paragraph_id=paragraph.id,
            actor=actor(session, "usa"),
            now=STARTED,
        )
    with pytest.raises(Forbidden, match="Only a member delegation can ask for the floor"):
        floor_service.ask(session, document=document, paragraph_id=None, actor=chair, now=STARTED)
