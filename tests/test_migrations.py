"""The schema is built by the migrations, both ways, on every backend."""

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext

from app.db import get_engine
from app.models import SQLModel
from tests.conftest import BACKENDS, _dispose, _root, empty_postgres


@pytest.fixture(params=BACKENDS)
def empty_url(request, tmp_path):
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'empty.db'}"
        yield url
        _dispose(url)
        return
    with empty_postgres("consenso_migrations_test") as url:
        yield url


def _config(url):
    config = Config(str(_root() / "alembic.ini"))
    config.attributes["database_url"] = url
    config.attributes["configure_logger"] = False
    return config


def test_upgrade_to_head_matches_the_models_and_downgrades_to_empty(empty_url):
    config = _config(empty_url)
    command.upgrade(config, "head")
    engine = get_engine(empty_url)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    assert diff == [], f"models and migrations disagree: {diff}"
    assert {"paragraph_version", "amendment", "position", "event"} <= set(
        sa.inspect(engine).get_table_names()
    )

    command.downgrade(config, "base")
    _dispose(empty_url)
    remaining = set(sa.inspect(get_engine(empty_url)).get_table_names()) - {"alembic_version"}
    assert remaining == set()
