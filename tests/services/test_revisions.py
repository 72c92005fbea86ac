"""Issuing revisions against a real database: chairs racing for the same number."""

import threading

import pytest
from sqlmodel import Session, func, select

from app.errors import Conflict
from app.models import Account, Document, Event, Revision
from app.models.revision import RevisionCreate
from app.services.accounts.actors import Actor
from app.services.revisions import revisions as revisions_service
from tests.conftest import STARTED


def actor(session, username):
    return Actor.of(session.exec(select(Account).where(Account.username == username)).one())


def test_a_number_taken_between_reading_and_writing_is_a_409(session, monkeypatch):
    document = session.exec(select(Document)).first()
    revisions_service.issue(
        session,
        document=document,
        actor=actor(session, "chair.rcm"),
        data=RevisionCreate(),
        now=STARTED,
    )
    session.commit()
    events = session.exec(select(func.count()).select_from(Event)).one()
    # The second chair read "no revision yet" just before the first one committed hers.
    monkeypatch.setattr(revisions_service, "_latest_number", lambda session, document_id: None)
    with pytest.raises(Conflict) as caught:
        revisions_service.issue(
            session,
            document=document,
            actor=actor(session, "chair.sacm"),
            data=RevisionCreate(),
            now=STARTED,
        )
    assert caught.value.detail == (
        "Zero draft was issued by someone else a moment ago; reload the revisions before "
        "issuing another."
    )
    assert caught.value.extra["next_number"] == 1
    assert caught.value.extra["code"] == "revision.issued_meanwhile"
    session.rollback()
    assert session.exec(select(Revision.label)).all() == ["Zero draft"]
    assert session.exec(select(func.count()).select_from(Event)).one() == events


@pytest.mark.parametrize("chairs", [4])
def test_chairs_issuing_the_same_revision_at_once_get_one_rev_and_409s(
    api, app, document_id, chairs
):
    barrier = threading.Barrier(chairs)
    results = []

    def issue(i):
        client = api.as_(("chair.rcm", "chair.sacm", "secretariat")[i % 3])
        barrier.wait()
        response = client.post(f"/api/documents/{document_id}/revisions", json={"number": 0})
        results.append(response.status_code)

    threads = [threading.Thread(target=issue, args=(i,)) for i in range(chairs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [201] + [409] * (chairs - 1)
    with Session(app.state.engine) as session:
        assert session.exec(select(Revision.number)).all() == [0]
