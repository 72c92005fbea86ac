"""One app per backend for a whole module, for tests that build every object they touch."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy.engine import make_url

from app.clock import SettableClock
from app.main import create_app
from app.settings import Settings
from tests.conftest import (
    BACKENDS,
    PG_URL,
    STARTED,
    Api,
    _admin_engine,
    _dispose,
    create_from_template,
)


@pytest.fixture(scope="module", params=BACKENDS)
def shared_api(request, templates, tmp_path_factory) -> Iterator[Api]:
    """An app on a database of its own, shared by the module's tests (one per backend)."""
    if request.param == "sqlite":
        path = tmp_path_factory.mktemp("shared") / "consenso.db"
        shutil.copyfile(templates["sqlite"], path)
        url = f"sqlite:///{path}"
    else:
        name = f"consenso_shared_{os.getpid()}_{request.module.__name__.rsplit('.', 1)[-1]}"
        admin = _admin_engine()
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            create_from_template(conn, name, templates["postgresql"])
        url = make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    clock = SettableClock(STARTED, step=timedelta(milliseconds=1))
    yield Api(create_app(Settings(database_url=url), clock=clock))
    _dispose(url)
    if request.param != "sqlite":
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()
