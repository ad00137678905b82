"""Fixtures for case and search tests: keys, a blob store, accounts.

Service tests run on ``db_session`` (rolled back, both databases); view
tests use the review app fixtures (tests/review/conftest.py), re-exported
here so pytest finds them for tests in this folder.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy.orm import Session

from tests.review.conftest import (  # noqa: F401 (fixtures)
    admin_client,
    admin_user,
    organizer_client,
    organizer_user,
    reviewer_client,
    reviewer_user,
)
from tests.review.factories import make_user
from tipline.blobs import BlobStore
from tipline.crypto import Identity, Recipient
from tipline.key_folder import load_recipients
from tipline.models import User
from tipline.web import BLOBS_KEY


@pytest.fixture
def recipients(keys_dir: Path) -> list[Recipient]:
    return load_recipients(keys_dir)


@pytest.fixture
def blobs(tmp_path: Path) -> BlobStore:
    return BlobStore(tmp_path / "service-blobs")


@pytest.fixture
def app_blobs(review_app: Flask) -> BlobStore:
    """The review app's own blob store, for tips its views must open."""
    store: BlobStore = review_app.extensions[BLOBS_KEY]
    return store


@pytest.fixture
def actor(db_session: Session, base_config: dict[str, Any], org_identity: Identity) -> User:
    return make_user(db_session, base_config, org_identity, role="reviewer", username="lawyer-a")


@pytest.fixture
def colleague(db_session: Session, base_config: dict[str, Any], org_identity: Identity) -> User:
    return make_user(db_session, base_config, org_identity, role="reviewer", username="lawyer-b")
