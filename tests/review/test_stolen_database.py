"""A stolen database (and blob store) opens nothing.

Threat model 2 and 4: with the database and the blobs, but without the
instance secret (kept outside the database) or without the password, no
wrapped copy, no session row and therefore no tip opens. The session rows
are sealed to random keys that exist only in users' cookies.
"""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import inspect, select, text
from sqlalchemy.orm import Session

from tests.factories import make_tip
from tests.review.factories import DEFAULT_PASSWORD, login, make_user
from tipline.accounts import custody, passwords, totp
from tipline.accounts.errors import KeyUnavailableError
from tipline.accounts.passwords import KdfParams
from tipline.blobs import BlobStore
from tipline.crypto import AgeError, HybridIdentity, Identity, X25519Identity, decrypt
from tipline.documents import open_document
from tipline.models import Base, ReviewSession, Tip, User, WrappedKey

WRONG_SECRET = "not-the-instance-secret-0123456789abcdef"
WRONG_PASSWORD = "a guess at the password!!"


@pytest.fixture
def stolen(review_app: Flask, db_session: Session, org_identity: HybridIdentity) -> dict[str, Any]:
    """A populated instance: users of every role, live sessions, a sealed tip."""
    config = review_app.config
    users = [
        make_user(db_session, config, org_identity, role=role)
        for role in ("admin", "reviewer", "reviewer", "organizer")
    ]
    for user in users:
        login(review_app.test_client(), user)
    blobs = BlobStore(config["BLOB_DIR"])
    tip, _phrase = make_tip(
        db_session, blobs, [org_identity.recipient()], files=[("memo.txt", b"names and dates")]
    )
    db_session.flush()
    return {"config": config, "users": users, "blobs": blobs, "tip": tip}


def _derive(user: User, password: str, secret: str) -> passwords.DerivedKeys:
    params = KdfParams(user.kdf_memory_kib, user.kdf_iterations, user.kdf_lanes)
    return passwords.derive(password, user.password_salt, params, secret, user.id)


def _opens_tip(candidate: Identity, tip: Tip, blobs: BlobStore) -> bool:
    try:
        open_document(blobs.read(tip.body_blob), [candidate])
    except Exception:
        return False
    return True


def test_wrapped_copies_need_both_the_password_and_the_instance_secret(
    stolen: dict[str, Any], db_session: Session, org_identity: HybridIdentity
) -> None:
    config, tip, blobs = stolen["config"], stolen["tip"], stolen["blobs"]
    rows = db_session.scalars(select(WrappedKey)).all()
    assert len(rows) == 3  # admin and two reviewers; the organizer has none
    for row in rows:
        user = db_session.get(User, row.user_id)
        right = config["INSTANCE_SECRET"]
        for password, secret in (
            (DEFAULT_PASSWORD, WRONG_SECRET),
            (WRONG_PASSWORD, right),
            (WRONG_PASSWORD, WRONG_SECRET),
        ):
            keys = _derive(user, password, secret)
            assert not keys.matches(user.password_verifier)
            with pytest.raises(KeyUnavailableError):
                custody.open_identity(row.sealed_identity, keys.wrap_identity)
            # The wrap key itself does not open the tip either.
            assert not _opens_tip(keys.wrap_identity, tip, blobs)
        # Control: both together do open it, so the test could fail.
        opened = custody.open_identity(
            row.sealed_identity, _derive(user, DEFAULT_PASSWORD, right).wrap_identity
        )
        assert _opens_tip(opened, tip, blobs)


def test_session_rows_open_with_nothing_in_the_database(
    stolen: dict[str, Any], db_session: Session
) -> None:
    config, tip, blobs = stolen["config"], stolen["tip"], stolen["blobs"]
    rows = db_session.scalars(select(ReviewSession)).all()
    sealed = [row for row in rows if row.sealed_identity is not None]
    assert len(sealed) == 3 and len(rows) == 4
    candidates: list[X25519Identity] = []
    for user in stolen["users"]:
        for password, secret in itertools.product(
            (DEFAULT_PASSWORD, WRONG_PASSWORD), (config["INSTANCE_SECRET"], WRONG_SECRET)
        ):
            candidates.append(_derive(user, password, secret).wrap_identity)
    # Everything in a row that could be mistaken for key material.
    for row in rows:
        for blob in (row.id_hash.encode(), bytes.fromhex(row.id_hash), row.user_id.encode()):
            candidates.append(X25519Identity.from_bytes(blob[:32].ljust(32, b"\0")))
    for row, candidate in itertools.product(sealed, candidates):
        with pytest.raises(AgeError):
            decrypt(row.sealed_identity, [candidate])
        assert not _opens_tip(candidate, tip, blobs)


def test_totp_secrets_need_the_instance_secret(stolen: dict[str, Any], db_session: Session) -> None:
    for user in db_session.scalars(select(User)):
        with pytest.raises(KeyUnavailableError):
            totp.open_secret(user.totp_secret_sealed, WRONG_SECRET, user.id)


def test_no_secret_appears_anywhere_in_the_database(
    stolen: dict[str, Any], db_session: Session, org_identity: HybridIdentity
) -> None:
    secrets = [
        str(org_identity).encode(),
        DEFAULT_PASSWORD.encode(),
        stolen["config"]["INSTANCE_SECRET"].encode(),
    ]
    for user in stolen["users"]:
        secrets.append(
            totp.open_secret(
                user.totp_secret_sealed, stolen["config"]["INSTANCE_SECRET"], user.id
            ).encode()
        )
    connection = db_session.connection()
    names = inspect(connection).get_table_names()
    assert {table.name for table in Base.metadata.sorted_tables} <= set(names)
    for table in Base.metadata.sorted_tables:
        for row in connection.execute(text(f"SELECT * FROM {table.name}")):
            for value in row:
                data = value if isinstance(value, bytes) else str(value).encode()
                for secret in secrets:
                    assert secret not in data, table.name
