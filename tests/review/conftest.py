"""Review-app fixtures: users of each role and clients signed in as them.

Built on tests/conftest.py's ``review_app`` (CSRF off, sessions joined to
the test's rolled-back transaction). Clients sign in through the real
password + TOTP flow; admin and reviewer sessions hold the unlocked key.
"""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from tests.review.factories import login, make_user
from tipline.blobs import BlobStore
from tipline.crypto import HybridIdentity, Identity, Recipient
from tipline.models.tag import Tag
from tipline.models.user import User
from tipline.tips.tags import ensure_default_tags, list_tags
from tipline.web import BLOBS_KEY


@pytest.fixture
def admin_user(db_session: Session, review_app: Flask, org_identity: Identity) -> User:
    return make_user(db_session, review_app.config, org_identity, role="admin")


@pytest.fixture
def reviewer_user(db_session: Session, review_app: Flask, org_identity: Identity) -> User:
    return make_user(db_session, review_app.config, org_identity, role="reviewer")


@pytest.fixture
def organizer_user(db_session: Session, review_app: Flask, org_identity: Identity) -> User:
    return make_user(db_session, review_app.config, org_identity, role="organizer")


@pytest.fixture
def admin_client(review_app: Flask, admin_user: User) -> FlaskClient:
    client = review_app.test_client()
    login(client, admin_user)
    return client


@pytest.fixture
def reviewer_client(review_app: Flask, reviewer_user: User) -> FlaskClient:
    client = review_app.test_client()
    login(client, reviewer_user)
    return client


@pytest.fixture
def organizer_client(review_app: Flask, organizer_user: User) -> FlaskClient:
    client = review_app.test_client()
    login(client, organizer_user)
    return client


# -- inbox and tip page (tipline.tips) ---------------------------------------


@pytest.fixture
def review_blobs(review_app: Flask) -> BlobStore:
    """The review app's blob store (where make_tip must put sealed tips)."""
    store: BlobStore = review_app.extensions[BLOBS_KEY]
    return store


@pytest.fixture
def org_recipients(org_identity: HybridIdentity) -> list[Recipient]:
    return [org_identity.recipient()]


@pytest.fixture
def default_tags(db_session: Session) -> dict[str, Tag]:
    """The mission's default topic tags, by name."""
    ensure_default_tags(db_session)
    return {tag.name: tag for tag in list_tags(db_session)}
