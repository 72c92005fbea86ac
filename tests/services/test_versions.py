"""Version storage against a real database: snapshots, hashes, concurrent writers."""

import threading

import pytest
from sqlmodel import Session, select

from app.models import ParagraphVersion
from app.services.text import versions as versions_service
from tests.conftest import first_paragraph


def test_every_version_rebuilds_exactly_across_snapshots(api, doc, session):
    chair = api.as_("chair.rcm")
    paragraph = first_paragraph(doc)
    texts = [paragraph["text"]]
    for n in range(1, 24):
        text = f"{texts[-1]} Addition {n}."
        if n % 5 == 0:
            text = text.replace("Addition", "Clause", 1)
        response = chair.patch(
            f"/api/paragraphs/{paragraph['id']}", json={"text": text, "expected_version": n}
        )
        assert response.status_code == 200, response.text
        texts.append(text)
    rows = session.exec(
        select(ParagraphVersion).where(ParagraphVersion.paragraph_id == paragraph["id"])
    ).all()
    # Snapshots every 10 versions: 1, 11, 21; the others store only a patch.
    assert sorted(v.number for v in rows if v.snapshot is not None) == [1, 11, 21]
    for number, text in enumerate(texts, start=1):
        assert (
            versions_service.text_of(session, paragraph_id=paragraph["id"], number=number) == text
        )


def test_a_damaged_patch_is_refused_not_guessed(api, doc, session):
    chair = api.as_("chair.rcm")
    paragraph = first_paragraph(doc)
    url = f"/api/paragraphs/{paragraph['id']}"
    chair.patch(url, json={"text": paragraph["text"] + " More.", "expected_version": 1})
    version = session.exec(
        select(ParagraphVersion).where(
            ParagraphVersion.paragraph_id == paragraph["id"], ParagraphVersion.number == 2
        )
    ).one()
    version.sha256 = "0" * 64
    session.add(version)
    session.commit()
    response = chair.get(f"{url}/versions/2")
    assert response.status_code == 503
    assert "does not rebuild to its stored hash" in response.json()["detail"]


@pytest.mark.parametrize("writers", [4])
def test_concurrent_edits_on_one_version_keep_one_and_refuse_the_rest(api, doc, app, writers):
    paragraph = first_paragraph(doc)
    barrier = threading.Barrier(writers)
    results = []

    def edit(i):
        client = api.as_("chair.rcm" if i % 2 else "secretariat")
        barrier.wait()
        response = client.patch(
            f"/api/paragraphs/{paragraph['id']}",
            json={"text": f"Competing text number {i}.", "expected_version": 1},
        )
        results.append((i, response.status_code))

    threads = [threading.Thread(target=edit, args=(i,)) for i in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    statuses = sorted(code for _, code in results)
    assert statuses == [200] + [409] * (writers - 1), results
    winner = next(i for i, code in results if code == 200)
    with Session(app.state.engine) as session:
        head = versions_service.text_of(session, paragraph_id=paragraph["id"], number=2)
        assert head == f"Competing text number {winner}."
        assert (
            session.exec(
                select(ParagraphVersion).where(
                    ParagraphVersion.paragraph_id == paragraph["id"], ParagraphVersion.number == 3
                )
            ).first()
            is None
        )
