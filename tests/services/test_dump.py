"""The lossless JSON dump: restore into an empty database, on either engine, byte for byte."""

import json

import pytest
from sqlmodel import Session

from app.db import get_engine, write_session
from app.errors import Invalid
from app.services.exports import dump as dump_service
from app.services.text import versions as versions_service
from tests.conftest import BACKENDS, first_paragraph


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
