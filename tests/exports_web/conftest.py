"""Fixtures for the summary and organizer tests (tipline.export.summaries.service,
tipline.export.summaries.selection, tipline.review.summaries, tipline.review.organizer).

Service tests run on ``db_session`` (rolled back, both databases); view tests
use the review app and its signed-in clients (tests/conftest.py). Tips are
real sealed tips in the shared blob store, so the tip page can open them.
"""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from tests.cases.factories import new_case, sealed_tip
from tipline.blobs import BlobStore
from tipline.crypto import Recipient
from tipline.models import Case, Tip, User

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
def tip(db_session: Session, blobs: BlobStore, recipients: list[Recipient]) -> Tip:
    return sealed_tip(db_session, blobs, recipients, "What the source wrote (never exported).")


@pytest.fixture
def case(db_session: Session, actor: User, recipients: list[Recipient], tip: Tip) -> Case:
    """A case holding ``tip`` whose people list names Maria Lopez."""
    return new_case(db_session, actor, recipients, [tip], people=[NAME, "Rosa Lopez"])
