"""Fixtures for the summary and organizer tests (tipline.export.summaries.service,
tipline.export.summaries.selection, tipline.review.summaries, tipline.review.organizer).

Service tests run on ``db_session`` (rolled back, both databases). View tests
use the review app fixtures (tests/review/conftest.py); keys and blob stores
are the case tests' (tests/cases/conftest.py). Both are re-exported here so
pytest finds them for tests in this folder. Tips are real sealed tips in the
review app's blob store, so the tip page can open them.
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy.orm import Session

from tests.cases import conftest as case_fixtures
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
from tipline.models import Case, Tip, User

# The case tests' keys and blob stores (fixtures, found here by these names).
recipients = case_fixtures.recipients
blobs = case_fixtures.blobs
app_blobs = case_fixtures.app_blobs

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
def actor(db_session: Session, base_config: dict[str, Any], org_identity: Identity) -> User:
    return make_user(db_session, base_config, org_identity, role="reviewer", username="lawyer-x")


@pytest.fixture
def tip(db_session: Session, blobs: BlobStore, recipients: list[Recipient]) -> Tip:
    return sealed_tip(db_session, blobs, recipients, "What the source wrote (never exported).")


@pytest.fixture
def case(db_session: Session, actor: User, recipients: list[Recipient], tip: Tip) -> Case:
    """A case holding ``tip`` whose people list names Maria Lopez."""
    return new_case(db_session, actor, recipients, [tip], people=[NAME, "Rosa Lopez"])
