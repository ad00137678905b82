"""Fixtures for the upkeep tests: a worker's database, a tip with everything on it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import Connection, Engine
from sqlalchemy.orm import Session, sessionmaker

from tests.upkeep.factories import FullTip, full_tip
from tipline.blobs import BlobStore
from tipline.crypto import HybridIdentity, Recipient
from tipline.db import Database
from tipline.models import User


@pytest.fixture
def bound(db_connection: Connection, database_engine: Engine) -> Database:
    """A Database whose sessions join the test's rolled-back transaction (for jobs)."""
    database = Database(database_engine.url.render_as_string(hide_password=False))
    database.sessionmaker = sessionmaker(
        bind=db_connection, expire_on_commit=False, join_transaction_mode="create_savepoint"
    )
    return database


@pytest.fixture
def full(
    db_session: Session,
    blobs: BlobStore,
    recipients: list[Recipient],
    org_identity: HybridIdentity,
    reviewer_user: User,
) -> Callable[..., FullTip]:
    """Make a tip with everything hanging off it (tests/upkeep/factories.full_tip)."""

    def make(**options: Any) -> FullTip:
        return full_tip(db_session, blobs, recipients, org_identity, reviewer_user, **options)

    return make
