"""Amendment services against a real database: base-text caching, overlaps, merges, races."""

from __future__ import annotations

import json
import threading

import pytest
from sqlmodel import select

from app.errors import Conflict
from app.models import Account, Amendment, AmendmentVersion, Document, Event, Paragraph
from app.models.amendment import AmendmentCreate, AmendmentRevise, StructuralAmendmentCreate
from app.services.accounts.actors import Actor
from app.services.amendments import decisions as decisions_service
from app.services.amendments import merging as merging_service
from app.services.amendments import proposals as amendments_service
from app.services.amendments import views as views_service
from app.services.text import paragraphs as paragraphs_service
from app.services.text import versions as versions_service
from tests.conftest import STARTED, first_paragraph, problem_of


def actor(session, username: str) -> Actor:
    return Actor.of(session.exec(select(Account).where(Account.username == username)).one())


def paragraph_of(session, doc) -> Paragraph:
    session.rollback()
    return session.get(Paragraph, first_paragraph(doc)["id"])


def test_listing_rebuilds_each_base_version_once(doc, session, monkeypatch):
    paragraph = paragraph_of(session, doc)
    chair = actor(session, "chair.rcm")
    members = [actor(session, u) for u in ("mex", "bra", "usa", "arg", "chl")]
    texts = [paragraph.head_text]
    for n in range(3):
        texts.append(texts[-1] + f" Clause {n}.")
        versions_service.append(
            session,
            paragraph=paragraph,
            text=texts[-1],
            expected_version=n + 1,
            actor=chair,
            source="edit",
            now=STARTED,
        )
    for i in range(50):
        base = 1 + i % 3  # versions 1, 2 and 3; the head is 4
        amendments_service.propose(
            session,
            paragraph=paragraph,
            data=AmendmentCreate(
                base_version=base, text=texts[base - 1].replace("states", f"states {i}", 1)
            ),
            actor=members[i % 5],
            now=STARTED,
        )
    session.commit()

    calls = {"text_of": 0, "all_texts": 0}
    for name in calls:
        original = getattr(versions_service, name)

        def counting(*args, _name=name, _original=original, **kwargs):
            calls[_name] += 1
            return _original(*args, **kwargs)

        monkeypatch.setattr(versions_service, name, counting)
    listed = views_service.list_for_paragraph(session, paragraph=paragraph)
    assert len(listed) == 50
    assert calls == {"text_of": 0, "all_texts": 1}
    assert {a.rebase.status for a in listed} == {"applies_cleanly"}
    assert listed[7].rebase.text == texts[-1].replace("states", "states 7", 1)


def test_overlaps_set_aside_what_conflicts_with_or_is_already_in_the_head(doc, session):
    paragraph = paragraph_of(session, doc)
    base = paragraph.head_text
    chair, mex, bra, usa = (actor(session, u) for u in ("chair.rcm", "mex", "bra", "usa"))

    def propose(who, text):
        return amendments_service.propose(
            session,
            paragraph=paragraph,
            data=AmendmentCreate(base_version=1, text=text),
            actor=who,
            now=STARTED,
        ).id

    clashing = propose(mex, base.replace("always", "at times"))
    carried = propose(bra, base.replace("history", "shared history"))
    fine = propose(usa, base.replace("transit", "of transit"))
    versions_service.append(
        session,
        paragraph=paragraph,
        text=base.replace("always", "long").replace("history", "shared history"),
        expected_version=1,
        actor=chair,
        source="edit",
        now=STARTED,
    )
    report = views_service.overlaps(session, paragraph=paragraph)
    assert report.compared == [fine]
    assert [(s.amendment_id, s.status) for s in report.set_aside] == [
        (clashing, "conflict"),
        (carried, "already_applied"),
    ]
    assert report.set_aside[0].reason == "Conflicts with version 2 at 'always '."
    assert report.set_aside[1].reason == "Version 2 already carries its changes."
    assert report.all_combinable is True
    assert report.combined_text == paragraph.head_text.replace("transit", "of transit")


def test_a_merge_accepts_what_it_carries_in_full_and_partly_accepts_the_rest(doc, session):
    paragraph = paragraph_of(session, doc)
    base = paragraph.head_text
    chair, mex, bra = (actor(session, u) for u in ("chair.sacm", "mex", "bra"))
    full = amendments_service.propose(
        session,
        paragraph=paragraph,
        data=AmendmentCreate(base_version=1, text=base.replace("enriches", "greatly enriches")),
        actor=mex,
        now=STARTED,
    )
    part = amendments_service.propose(
        session,
        paragraph=paragraph,
        data=AmendmentCreate(
            base_version=1, text=base.replace("origin, transit", "origin, return, transit")
        ),
        actor=bra,
        now=STARTED,
    )
    compromise = base.replace("enriches", "greatly enriches").replace("transit", "and transit")
    version, sources = merging_service.merge(
        session,
        paragraph=paragraph,
        amendment_ids=[part.id, full.id],
        text=compromise,
        expected_version=1,
        actor=chair,
        now=STARTED,
    )
    assert version.number == 2 and version.source == "merge"
    assert {a.id: a.status for a in sources} == {full.id: "accepted", part.id: "partly_accepted"}
    assert all(a.result_version == 2 for a in sources)
    event = session.exec(select(Event).where(Event.action == "amendment.merged")).one()
    assert json.loads(json.dumps(event.payload)) == event.payload
    assert event.payload["amendment_ids"] == sorted([full.id, part.id])


def test_revising_keeps_each_version_with_its_own_patch(doc, session):
    paragraph = paragraph_of(session, doc)
    base = paragraph.head_text
    mex = actor(session, "mex")
    amendment = amendments_service.propose(
        session,
        paragraph=paragraph,
        data=AmendmentCreate(base_version=1, text=base + " First."),
        actor=mex,
        now=STARTED,
    )
    amendments_service.revise(
        session,
        amendment=amendment,
        data=AmendmentRevise(text=base + " Second."),
        actor=mex,
        now=STARTED,
    )
    rows = session.exec(
        select(AmendmentVersion)
        .where(AmendmentVersion.amendment_id == amendment.id)
        .order_by(AmendmentVersion.number)
    ).all()
    assert [(v.number, v.text) for v in rows] == [(1, base + " First."), (2, base + " Second.")]
    assert rows[0].patch != rows[1].patch
    assert amendment.patch == rows[1].patch and amendment.revision == 2


def test_a_new_paragraph_whose_anchor_was_deleted_no_longer_applies(doc, session):
    session.rollback()
    principles = doc["sections"][0]["paragraphs"]
    document = session.get(Paragraph, principles[0]["id"]).document_id
    col, chair = actor(session, "col"), actor(session, "chair.rcm")
    amendment = amendments_service.propose_structural(
        session,
        document=session.get(Document, document),
        data=StructuralAmendmentCreate(
            kind="insert_paragraph", section="principles", after=principles[1]["id"], text="New."
        ),
        actor=col,
        now=STARTED,
    )
    amendments_service.revise(
        session, amendment=amendment, data=AmendmentRevise(text="Newer."), actor=col, now=STARTED
    )
    paragraphs_service.remove(
        session, paragraph=session.get(Paragraph, principles[1]["id"]), actor=chair, now=STARTED
    )
    view = views_service.public(session, amendment=amendment)
    assert view.text == "Newer." and view.revision == 2
    assert view.rebase.status == "not_applicable"
    assert view.rebase.reason == (
        f"Paragraph {principles[1]['id']}, which the new paragraph was to follow, has been deleted."
    )
    with pytest.raises(Conflict) as error:
        decisions_service.accept(
            session, amendment=amendment, expected_version=0, actor=chair, now=STARTED
        )
    assert error.value.detail.startswith(
        f"Paragraph {principles[1]['id']}, which the new paragraph"
    )


def test_concurrent_accepts_on_one_version_keep_one(api, doc, session):
    paragraph = paragraph_of(session, doc)
    base = paragraph.head_text
    ids = []
    for who, old, new in [
        ("mex", "always", "long"),
        ("bra", "history", "shared history"),
        ("usa", "transit", "of transit"),
    ]:
        response = api.as_(who).post(
            f"/api/paragraphs/{paragraph.id}/amendments",
            json={"base_version": 1, "text": base.replace(old, new)},
        )
        ids.append(response.json()["id"])
    barrier = threading.Barrier(len(ids))
    results = []

    def accept(i, amendment_id):
        client = api.as_("chair.rcm" if i % 2 else "chair.sacm")
        barrier.wait()
        response = client.post(
            f"/api/amendments/{amendment_id}/accept", json={"expected_version": 1}
        )
        results.append((amendment_id, response.status_code))

    threads = [threading.Thread(target=accept, args=(i, a)) for i, a in enumerate(ids)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(code for _, code in results) == [200, 409, 409], results
    session.rollback()
    statuses = {a.id: a.status for a in session.exec(select(Amendment))}
    winner = next(a for a, code in results if code == 200)
    assert statuses == {a: ("accepted" if a == winner else "pending") for a in ids}
    assert session.get(Paragraph, paragraph.id).head_version == 2


def test_a_double_click_on_co_sponsor_joins_once(api, doc, session):
    pid = first_paragraph(doc)["id"]
    text = first_paragraph(doc)["text"] + " More."
    aid = (
        api.as_("mex")
        .post(f"/api/paragraphs/{pid}/amendments", json={"base_version": 1, "text": text})
        .json()["id"]
    )
    barrier = threading.Barrier(3)
    responses = []

    def join():
        client = api.as_("usa")
        barrier.wait()
        responses.append(client.post(f"/api/amendments/{aid}/sponsors"))

    threads = [threading.Thread(target=join) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(r.status_code for r in responses) == [201, 409, 409]
    conflict = next(r for r in responses if r.status_code == 409)
    assert problem_of(conflict)["detail"] == f"USA already co-sponsors amendment {aid}."
