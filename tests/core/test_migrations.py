"""Alembic migrations: up to head matches the models, down to base removes all."""

from __future__ import annotations

import os

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from tipline.db import make_engine
from tipline.migrate import downgrade, upgrade
from tipline.models import Base

from ..conftest import PG_ENV


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_engine(request, tmp_path):
    if request.param == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'migrate.sqlite3'}")
    else:
        url = os.environ.get(PG_ENV)
        if not url:
            pytest.skip(f"{PG_ENV} is not set (no PostgreSQL to test on)")
        # A separate schema keeps this test away from the suite's shared tables.
        engine = make_engine(url, connect_args={"options": "-csearch_path=migration_test"})
        with engine.begin() as connection:
            connection.exec_driver_sql("DROP SCHEMA IF EXISTS migration_test CASCADE")
            connection.exec_driver_sql("CREATE SCHEMA migration_test")
    yield engine
    if request.param == "postgresql":
        with engine.begin() as connection:
            connection.exec_driver_sql("DROP SCHEMA IF EXISTS migration_test CASCADE")
    engine.dispose()


def test_upgrade_matches_models_and_downgrade_removes_everything(empty_engine):
    upgrade(empty_engine)
    with empty_engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    assert differences == [], "models and migrations differ; add a migration"
    tables = set(inspect(empty_engine).get_table_names())
    assert tables >= set(Base.metadata.tables)

    downgrade(empty_engine)
    assert set(inspect(empty_engine).get_table_names()) <= {"alembic_version"}

    upgrade(empty_engine)  # and back up again, cleanly
    assert set(inspect(empty_engine).get_table_names()) >= set(Base.metadata.tables)
