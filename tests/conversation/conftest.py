"""Fixtures for the conversation tests: a source's tip, signed-in clients, helpers.

Both apps share one blob folder and one rolled-back transaction (tests/
conftest.py), so a tip made here through the real submission service can be
signed into on the intake and replied to on the review side in one test.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.orm import Session
from werkzeug.test import TestResponse

from tests.factories import TEST_PEPPER, make_tip
from tests.review.factories import make_user
from tipline.blobs import BlobStore
from tipline.conversation.source_sessions import SourceSettings
from tipline.crypto import HybridIdentity, Recipient
from tipline.models import Tip, User
from tipline.receipt_phrases import derive_source_keys

HOSTILE = (
    "<script>alert('x')</script>",
    "<img src=x onerror=\"window.pwned='img'\">",
    '"><svg onload="window.pwned=\'svg\'">',
)


@dataclass
class SourceTip:
    """A stored tip and what only its source knows."""

    tip: Tip
    phrase: str

    @property
    def identity(self) -> HybridIdentity:
        """The source's own key, derived from the phrase as the server does."""
        return derive_source_keys(self.phrase, TEST_PEPPER).identity


@pytest.fixture
def source_tip(db_session: Session, blobs: BlobStore, recipients: list[Recipient]) -> SourceTip:
    tip, phrase = make_tip(db_session, blobs, recipients)
    return SourceTip(tip, phrase)


@pytest.fixture
def reviewer(
    db_session: Session, base_config: dict[str, Any], org_identity: HybridIdentity
) -> User:
    """A reviewer account (for replies written through the services)."""
    return make_user(db_session, base_config, org_identity, role="reviewer")


@pytest.fixture
def settings() -> SourceSettings:
    return SourceSettings(pepper=TEST_PEPPER, idle_minutes=20)


def sign_in(client: FlaskClient, phrase: str, **headers: str) -> TestResponse:
    return client.post("/return", data={"phrase": phrase}, headers=headers)


@pytest.fixture
def source_client(intake_app: Flask, source_tip: SourceTip) -> FlaskClient:
    client = intake_app.test_client()
    response = sign_in(client, source_tip.phrase)
    assert response.status_code == 303, response.get_data(as_text=True)
    assert response.headers["Location"].endswith("/conversation")
    return client


def set_cookies(response: TestResponse) -> list[tuple[str, str]]:
    """(name, value) of every cookie a response sets."""
    found = []
    for header in response.headers.getlist("Set-Cookie"):
        match = re.match(r"([^=]+)=([^;]*)", header)
        assert match, header
        found.append((match.group(1), match.group(2).strip('"')))
    return found
