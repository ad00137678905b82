"""Fixtures for the summary and organizer tests (tipline.export.summaries,
tipline.export.selection, tipline.review.summaries, tipline.review.organizer).

Service tests run on ``db_session`` (rolled back, both databases). View tests
use the review app fixtures (tests/review/conftest.py), re-exported here so
pytest finds them for tests in this folder. Tips are real sealed tips in the
review app's blob store, so the tip page can open them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy.orm import Session

from tests.cases.factories import new_case, sealed_tip
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
from tipline.keys import load_recipients
from tipline.models import Case, Tip, User
from tipline.web import BLOBS_KEY

# Invented details; each one must be found and redacted.
NAME = "Maria Lopez"
PHONE = "610-555-0142"
EMAIL = "maria.lopez@example.org"
A_NUMBER = "A123456789"
SUMMARY = (
    f"Deputies handed {NAME} to ICE at the jail's back door right after her release. "
    f"Her sister called {PHONE} and wrote to {EMAIL}. Her A-number is {A_NUMBER}."
)
SECRETS = (NAME, PHONE, EMAIL, A_NUMBER)
REDACTED = (
    "Deputies handed [name] to ICE at the jail's back door right after her release. "
    "Her sister called [phone] and wrote to [email]. Her A-number is [a-number]."
)


@pytest.fixture
def recipients(keys_dir: Path) -> list[Recipient]:
    return load_recipients(keys_dir)


@pytest.fixture
def blobs(tmp_path: Path) -> BlobStore:
    return BlobStore(tmp_path / "service-blobs")


@pytest.fixture
def app_blobs(review_app: Flask) -> BlobStore:
    store: BlobStore = review_app.extensions[BLOBS_KEY]
    return store


@pytest.fixture
def actor(db_session: Session, base_config: dict[str, Any], org_identity: Identity) -> User:
    return make_user(db_session, base_config, org_identity, role="reviewer", username="lawyer-x")


@pytest.fixture
def tip(db_session: Session, blobs: BlobStore, recipients: list[Recipient]) -> Tip:
    return sealed_tip(db_session, blobs, recipients, "What the source wrote (never exported).")


@pytest.fixture
def case(db_session: Session, actor: User, recipients: list[Recipient], tip: Tip) -> Case:
    """A case holding ``tip`` whose people list names Maria Lopez."""
    return new_case(db_session, actor, recipients, [tip], people=[NAME, "Rosa Lopez"])
