"""The database itself backs the invariants a race could break, and migration 0003 brings an
existing record into line with them."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from app.db import get_engine
from app.models import Account, AmendmentSponsor, Paragraph, Position, SilenceProcedure
from tests.conftest import STARTED, _dispose, _root

NAIVE = STARTED.replace(tzinfo=None)  # raw SQL below writes UTC as the columns store it


def _account(session: Session, username: str) -> int:
    account = session.exec(select(Account).where(Account.username == username)).one()
    assert account.id is not None
    return account.id


def _paragraph(session: Session) -> Paragraph:
    return session.exec(select(Paragraph).order_by(Paragraph.id)).first()


def _position(paragraph: Paragraph, account_id: int, *, current: bool = True) -> Position:
    return Position(
        document_id=paragraph.document_id,
        paragraph_id=paragraph.id,
        version_number=1,
        participant_code="MEX",
        stance="support",
        account_id=account_id,
        created_at=STARTED,
        current=current,
    )


def _silence(paragraph: Paragraph, account_id: int) -> SilenceProcedure:
    return SilenceProcedure(
        document_id=paragraph.document_id,
        paragraph_id=paragraph.id,
        version_number=1,
        deadline=STARTED + timedelta(days=1),
        started_at=STARTED,
        started_by_account_id=account_id,
    )


def _refused(session: Session, row) -> None:
    session.add(row)
    with pytest.raises(IntegrityError):
        session.flush()
    session.rollback()


def test_one_current_position_per_delegation_and_version(session):
    paragraph, mex = _paragraph(session), _account(session, "mex")
    session.add(_position(paragraph, mex))
    session.add(_position(paragraph, mex, current=False))  # history is not limited
    session.commit()
    _refused(session, _position(paragraph, mex))


def test_one_running_silence_per_version(session):
    paragraph, chair = _paragraph(session), _account(session, "chair.rcm")
    first = _silence(paragraph, chair)
    session.add(first)
    session.commit()
    _refused(session, _silence(paragraph, chair))
    first = session.get_one(SilenceProcedure, first.id)
    first.broken_at, first.broken_by_code = STARTED, "PER"
    session.commit()
    session.add(_silence(paragraph, chair))  # the chairs may try again after a break
    session.commit()


def test_one_current_sponsorship_per_delegation(api, doc, session):
    paragraph = doc["sections"][0]["paragraphs"][0]
    aid = (
        api.as_("mex")
        .post(
            f"/api/paragraphs/{paragraph['id']}/amendments",
            json={"base_version": 1, "text": paragraph["text"] + " More."},
        )
        .json()["id"]
    )
    usa = _account(session, "usa")

    def row(**fields) -> AmendmentSponsor:
        return AmendmentSponsor(
            amendment_id=aid, participant_code="USA", joined_by_account_id=usa, **fields
        )

    session.add(row(joined_at=STARTED, left_at=STARTED + timedelta(hours=1)))
    session.add(row(joined_at=STARTED + timedelta(hours=2)))
    session.commit()
    _refused(session, row(joined_at=STARTED + timedelta(hours=3)))


def _config(url: str) -> Config:
    config = Config(str(_root() / "alembic.ini"))
    config.attributes["database_url"] = url
    config.attributes["configure_logger"] = False
    return config


def test_migration_0003_retires_duplicates_and_dates_sponsorships(database_url, session):
    """Back at 0002, a race's leftovers: two current positions, two running procedures, and a
    co-sponsor who joined after revision 2. Upgrading keeps the newest position current,
    cancels the later procedure, and says the sponsor joined revision 2."""
    paragraph, mex = _paragraph(session), _account(session, "mex")
    chair = _account(session, "chair.rcm")
    session.close()
    _dispose(database_url)
    command.downgrade(_config(database_url), "0002")
    engine = get_engine(database_url)
    with engine.begin() as conn:
        positions = [_position(paragraph, mex).model_dump(exclude={"id"}) for _ in range(2)]
        conn.execute(sa.insert(Position.__table__), positions)
        # The columns of revision 0002 (later revisions add some to the model).
        later = {"id", "cancelled_by_code", "cancel_reason", "timezone"}
        silences = [_silence(paragraph, chair).model_dump(exclude=later) for _ in range(2)]
        table_0002 = sa.table("silence_procedure", *(sa.column(c) for c in silences[0]))
        conn.execute(sa.insert(table_0002), silences)
        aid = _amendment_with_two_revisions(conn, paragraph, mex)
        conn.execute(
            sa.text(
                "INSERT INTO amendment_sponsor (amendment_id, participant_code, joined_at,"
                " joined_by_account_id) VALUES (:a, 'MEX', :t0, :m), (:a, 'USA', :t2, :m)"
            ),
            {"a": aid, "m": mex, "t0": NAIVE, "t2": NAIVE + timedelta(hours=3)},
        )
    _dispose(database_url)
    command.upgrade(_config(database_url), "head")
    with Session(get_engine(database_url)) as check:
        current = check.exec(select(Position.id, Position.current).order_by(Position.id)).all()
        assert [c for _, c in current] == [False, True]
        running = check.exec(select(SilenceProcedure).order_by(SilenceProcedure.id)).all()
        assert [p.cancelled_at is None for p in running] == [True, False]
        sponsors = check.exec(
            select(AmendmentSponsor.participant_code, AmendmentSponsor.joined_revision)
            .where(AmendmentSponsor.amendment_id == aid)
            .order_by(AmendmentSponsor.id)
        ).all()
        assert sponsors == [("MEX", 1), ("USA", 2)]


def _amendment_with_two_revisions(conn: sa.Connection, paragraph: Paragraph, author: int) -> int:
    aid = conn.execute(
        sa.text(
            "INSERT INTO amendment (document_id, kind, status, paragraph_id, base_version, text,"
            " patch, text_sha256, rationale, revision, proposer_code, author_account_id,"
            " created_at, updated_at, decision_reason) VALUES (:d, 'modify', 'pending', :p, 1,"
            " 'Two.', '', '', '', 2, 'MEX', :m, :t0, :t1, '') RETURNING id"
        ),
        {
            "d": paragraph.document_id,
            "p": paragraph.id,
            "m": author,
            "t0": NAIVE,
            "t1": NAIVE + timedelta(hours=2),
        },
    ).scalar_one()
    for number, at in ((1, NAIVE), (2, NAIVE + timedelta(hours=2))):
        conn.execute(
            sa.text(
                "INSERT INTO amendment_version (amendment_id, number, base_version, text, patch,"
                " text_sha256, rationale, author_account_id, created_at)"
                " VALUES (:a, :n, 1, 'x', '', '', '', :m, :t)"
            ),
            {"a": aid, "n": number, "m": author, "t": at},
        )
    return aid
