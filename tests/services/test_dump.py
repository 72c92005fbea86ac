"""The lossless JSON dump: restore into an empty database, on either engine, byte for byte."""

import json

import pytest
import sqlalchemy as sa
from sqlmodel import Session, func, select

from app.db import get_engine, write_session
from app.errors import Invalid
from app.models import Account, Document
from app.services.exports import dump as dump_service
from app.services.record.audit import RecordDamaged
from app.services.text import versions as versions_service
from tests.conftest import BACKENDS, first_paragraph, problem_of


def _history(api, doc):
    chair = api.as_("chair.rcm")
    paragraph = first_paragraph(doc)
    text = paragraph["text"]
    for n in range(1, 13):  # past a snapshot boundary
        text = f"{text} «Cláusula {n}» <b>&</b> migração"
        chair.patch(
            f"/api/paragraphs/{paragraph['id']}", json={"text": text, "expected_version": n}
        )
    return paragraph["id"], text


@pytest.mark.parametrize("target", BACKENDS)
def test_dump_restore_dump_gives_identical_bytes(
    api, doc, document_id, app, empty_databases, target
):
    paragraph_id, text = _history(api, doc)
    with Session(app.state.engine) as session:
        first = dump_service.to_bytes(dump_service.dump(session, document_id=document_id))

    url = empty_databases[target]
    with write_session(get_engine(url)) as session:
        restored_id = dump_service.restore(session, data=json.loads(first))
        session.commit()
    assert restored_id == document_id
    with Session(get_engine(url)) as session:
        again = dump_service.to_bytes(dump_service.dump(session, document_id=document_id))
        # The history rebuilds from the restored patches and hashes.
        assert versions_service.text_of(session, paragraph_id=paragraph_id, number=13) == text
    assert again == first


def test_restore_refuses_a_database_with_data_and_writes_nothing(app, document_id):
    with Session(app.state.engine) as session:
        data = dump_service.dump(session, document_id=document_id)
    with write_session(app.state.engine) as session, pytest.raises(Invalid) as error:
        dump_service.restore(session, data=data)
    assert "already has account rows" in error.value.detail


def test_restore_refuses_what_is_not_a_dump(app):
    with write_session(app.state.engine) as session, pytest.raises(Invalid) as error:
        dump_service.restore(session, data={"hello": "world"})
    assert error.value.detail == (
        "This file is not a Consenso dump (its 'format' is not consenso-dump)."
    )


def test_the_dump_never_contains_credentials(app, document_id):
    with Session(app.state.engine) as session:
        raw = dump_service.to_bytes(dump_service.dump(session, document_id=document_id))
    assert b"password" not in raw and b"argon2" not in raw and b"token" not in raw


def _forge_a_head(app, document_id):
    with app.state.engine.begin() as conn:
        conn.execute(
            sa.text("UPDATE paragraph SET head_text = 'Forged.' WHERE id ="
                    " (SELECT MIN(id) FROM paragraph WHERE document_id = :d)"),
            {"d": document_id},
        )  # fmt: skip


def test_a_damaged_record_is_not_dumped(api, app, document_id):
    _forge_a_head(app, document_id)
    with Session(app.state.engine) as session, pytest.raises(RecordDamaged) as error:
        dump_service.dump(session, document_id=document_id)
    assert error.value.status == 503
    assert "its cached head text differs" in error.value.detail
    response = api.as_("secretariat").get(f"/api/documents/{document_id}/export?format=json")
    body = problem_of(response)
    assert response.status_code == 503
    assert body["where"].startswith("paragraph ") and "cached head text" in body["what"]
    assert "A dump of a damaged record is not made." in body["detail"]


def test_the_dump_names_the_moment_it_holds(app, document_id):
    with Session(app.state.engine) as session:
        data = dump_service.dump(session, document_id=document_id)
        document = session.get(Document, document_id)
        assert (data["audit_seq"], data["audit_head"]) == (document.event_seq, document.event_head)


def _restore_fails(url, data):
    with write_session(get_engine(url)) as session, pytest.raises(Invalid) as error:
        dump_service.restore(session, data=data)
    with Session(get_engine(url)) as session:  # rolled back: nothing is left
        assert session.exec(select(func.count()).select_from(Document)).one() == 0
        assert session.exec(select(func.count()).select_from(Account)).one() == 0
    return error.value


@pytest.mark.parametrize(
    "forge",
    [
        lambda d: d["tables"]["paragraph_version"][0].update(patch="@@ -0,0 +1,7 @@\n+Forged.\n"),
        lambda d: d["tables"]["event"].pop(),
        lambda d: d["tables"]["event"][3]["payload"].update(forged=True),
        lambda d: d.update(audit_seq=d["audit_seq"] - 1),
    ],
    ids=["version", "cut-short", "event", "moment"],
)
def test_a_dump_that_does_not_verify_is_refused_and_nothing_restored(
    app, document_id, empty_databases, forge
):
    with Session(app.state.engine) as session:
        data = dump_service.dump(session, document_id=document_id)
    forge(data)
    error = _restore_fails(empty_databases["sqlite"], data)
    assert error.detail.startswith("This dump does not verify: ")
    assert error.detail.endswith("Nothing was restored.")
    assert error.extra["where"]


def test_every_table_is_dumped_or_left_out_on_purpose():
    """A new table joins the dump (or is named as left out), so a restore never loses rows."""
    from app.models import SQLModel

    dumped = {name for name, _ in dump_service._SELECTION}
    assert set(SQLModel.metadata.tables) - dumped == set(dump_service.NOT_DUMPED)
