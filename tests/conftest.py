"""Shared fixtures: keys, databases, both apps, their clients, accounts, a CLI runner.

Every fixture used by more than one test folder lives here; a folder's own
conftest.py holds only what that folder uses, and no folder imports another's
conftest (shared plain helpers are in tests/factories.py and tests/helpers.py).

Every database test runs twice, on SQLite and on PostgreSQL (the latter only
where ``TIPLINE_TEST_DATABASE_URL`` is set, as ``.ci/run`` does). The schema is
created once per database; each test then runs inside a transaction that is
rolled back, with the apps' sessions joined to it through SAVEPOINTs, so a
view's ``commit()`` commits only the savepoint (Warehouse's pattern).

Under pytest-xdist (``-n 2``) each worker gets a PostgreSQL database of its
own, made from the one named and dropped at the end (:func:`pytest_configure`):
the schema fixtures drop and create tables, which two workers cannot share.

Both apps and the ``blobs`` fixture use one blob folder (``BLOB_DIR``), so a
tip sealed by a service test opens on the review app's tip page.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import Connection, Engine, create_engine, make_url, text
from sqlalchemy.orm import Session, sessionmaker

from tests.review.factories import login, make_user
from tipline.blobs import BlobStore
from tipline.crypto import HybridIdentity, Recipient
from tipline.db import get_db, make_engine
from tipline.key_folder import generate_keys, load_recipients
from tipline.models import Base, Tag, User
from tipline.tips.tags import ensure_default_tags, list_tags

PG_ENV = "TIPLINE_TEST_DATABASE_URL"
TEST_PASSPHRASE = "correct horse battery staple organization"

_worker_database: list[tuple[str, str]] = []  # (the run's URL, this worker's database)


def _on_server(url: str, statement: str) -> None:
    admin = create_engine(make_url(url), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(statement))
    finally:
        admin.dispose()


def pytest_configure(config: pytest.Config) -> None:
    """Give an xdist worker its own PostgreSQL database (see the module docstring)."""
    worker, base = os.environ.get("PYTEST_XDIST_WORKER"), os.environ.get(PG_ENV)
    if not worker or not base:
        return
    url = make_url(base)
    database = f"{url.database}_{worker}"
    _on_server(base, f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
    _on_server(base, f'CREATE DATABASE "{database}"')
    _worker_database.append((base, database))
    os.environ[PG_ENV] = url.set(database=database).render_as_string(hide_password=False)


def pytest_unconfigure(config: pytest.Config) -> None:
    for base, database in _worker_database:
        os.environ[PG_ENV] = base
        _on_server(base, f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
    _worker_database.clear()


# Cheap KDF settings: the real costs are deliberate defences, not what a unit
# test is about. Tests that are about the cost set their own values.
FAST_KDF: dict[str, Any] = {
    "ARGON2_MEMORY_KIB": 64,
    "ARGON2_ITERATIONS": 1,
    "ARGON2_LANES": 1,
}


# Every test client request comes from these addresses (documentation ranges),
# so the suite-wide log check below can prove no address is ever logged.
CLIENT_ADDRESS = "203.0.113.77"
CLIENT_FORWARDED = "2001:db8::7:77, 198.51.100.9"
_ADDRESS_PATTERN = re.compile(
    r"\b(?:203\.0\.113\.77|198\.51\.100\.9|127\.0\.0\.1)\b|2001:db8::7:77"
)


class AddressedClient(FlaskClient):
    """A test client whose requests carry a client address and proxy headers."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.environ_base.update(
            {
                "REMOTE_ADDR": CLIENT_ADDRESS,
                "HTTP_X_FORWARDED_FOR": CLIENT_FORWARDED,
                "HTTP_USER_AGENT": "Mozilla/5.0 (tipline-test-agent)",
            }
        )


class _RecordEverything(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.offending: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        text = self.format(record)
        if _ADDRESS_PATTERN.search(text) or "tipline-test-agent" in text:
            self.offending.append(text)


@pytest.fixture(scope="session", autouse=True)
def no_addresses_in_logs() -> Iterator[None]:
    """Fail the run if anything logged during the suite names a client address."""
    handler = _RecordEverything()
    root = logging.getLogger()
    root.addHandler(handler)
    yield
    root.removeHandler(handler)
    assert handler.offending == [], f"client addresses or user agents logged: {handler.offending}"


@pytest.fixture(scope="session")
def org_keys(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, HybridIdentity]:
    """One organization key pair for the whole run (keys dir, identity)."""
    keys_dir = tmp_path_factory.mktemp("keys")
    identity = generate_keys(keys_dir, TEST_PASSPHRASE, work_factor=2)
    return keys_dir, identity


@pytest.fixture
def keys_dir(org_keys: tuple[Path, HybridIdentity]) -> Path:
    return org_keys[0]


@pytest.fixture
def org_identity(org_keys: tuple[Path, HybridIdentity]) -> HybridIdentity:
    return org_keys[1]


@pytest.fixture
def fast_kdf() -> dict[str, Any]:
    """Config overrides that make password and phrase KDFs fast."""
    return dict(FAST_KDF)


def _database_params() -> list[Any]:
    pg = pytest.param(
        "postgresql",
        marks=pytest.mark.skipif(
            not os.environ.get(PG_ENV), reason=f"{PG_ENV} is not set (no PostgreSQL to test on)"
        ),
    )
    return ["sqlite", pg]


@pytest.fixture(scope="session", params=_database_params())
def database_engine(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Engine]:
    """An engine with the full schema, once per database kind per run."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"
    else:
        url = os.environ[PG_ENV]
    engine = make_engine(url)
    Base.metadata.drop_all(engine)
    Base.metadata.create_all(engine)
    yield engine
    if request.param != "sqlite":
        Base.metadata.drop_all(engine)
    engine.dispose()


@pytest.fixture
def db_connection(database_engine: Engine) -> Iterator[Connection]:
    """A connection inside a transaction that is rolled back after the test."""
    connection = database_engine.connect()
    transaction = connection.begin()
    try:
        yield connection
    finally:
        transaction.rollback()
        connection.close()


@pytest.fixture
def committed_engine(database_engine: Engine, tmp_path: Path) -> Iterator[Engine]:
    """An engine whose commits are real, for races between connections.

    SQLite gets a fresh database file; PostgreSQL uses the run's database,
    emptied afterwards (every other test rolls back, so it held nothing).
    """
    if database_engine.dialect.name == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'committed.sqlite3'}")
        Base.metadata.create_all(engine)
        yield engine
        engine.dispose()
        return
    try:
        yield database_engine
    finally:
        with database_engine.begin() as connection:
            for table in reversed(Base.metadata.sorted_tables):
                connection.execute(table.delete())


@pytest.fixture
def db_session(db_connection: Connection) -> Iterator[Session]:
    """A session for service tests; ``commit()`` only releases a savepoint."""
    session = Session(bind=db_connection, join_transaction_mode="create_savepoint")
    try:
        yield session
    finally:
        session.close()


@pytest.fixture
def base_config(
    tmp_path: Path, keys_dir: Path, database_engine: Engine, fast_kdf: dict[str, Any]
) -> dict[str, Any]:
    """Test config shared by both apps (secrets, folders, fast KDFs)."""
    return {
        "TESTING": True,
        "WTF_CSRF_ENABLED": False,
        "INTAKE_SECRET_KEY": "intake-secret-key-for-tests-0123456789",
        "REVIEW_SECRET_KEY": "review-secret-key-for-tests-0123456789",
        "PHRASE_PEPPER": "phrase-pepper-for-tests-0123456789abcdef",
        "INSTANCE_SECRET": "instance-secret-for-tests-0123456789abcd",
        "DATABASE_URL": database_engine.url.render_as_string(hide_password=False),
        "BLOB_DIR": str(tmp_path / "blobs"),
        "KEYS_DIR": str(keys_dir),
        **fast_kdf,
    }


def bind_to_connection(app: Flask, connection: Connection) -> None:
    """Make ``app``'s sessions join the test's rolled-back transaction."""
    get_db(app).sessionmaker = sessionmaker(
        bind=connection, expire_on_commit=False, join_transaction_mode="create_savepoint"
    )


@pytest.fixture
def instance_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty instance folder, selected through ``TIPLINE_INSTANCE``."""
    path = tmp_path / "instance"
    path.mkdir()
    monkeypatch.setenv("TIPLINE_INSTANCE", str(path))
    return path


@pytest.fixture
def intake_app(base_config: dict[str, Any], db_connection: Connection, instance_dir: Path) -> Flask:
    from tipline.intake import create_app

    app = create_app(base_config)
    app.test_client_class = AddressedClient
    bind_to_connection(app, db_connection)
    return app


@pytest.fixture
def make_intake_app(
    base_config: dict[str, Any], db_connection: Connection, instance_dir: Path
) -> Callable[..., Flask]:
    """Build an intake app with config overrides, joined to the test transaction."""

    def build(**overrides: Any) -> Flask:
        from tipline.intake import create_app

        app = create_app({**base_config, **overrides})
        bind_to_connection(app, db_connection)
        return app

    return build


@pytest.fixture
def intake_client(intake_app: Flask) -> FlaskClient:
    return intake_app.test_client()


@pytest.fixture
def review_app(base_config: dict[str, Any], db_connection: Connection, instance_dir: Path) -> Flask:
    from tipline.review import create_app

    app = create_app(base_config)
    app.test_client_class = AddressedClient
    bind_to_connection(app, db_connection)
    return app


@pytest.fixture
def review_client(review_app: Flask) -> FlaskClient:
    return review_app.test_client()


@pytest.fixture
def cli_runner() -> CliRunner:
    return CliRunner()


# -- keys, blobs and tags that services and views share ----------------------


@pytest.fixture
def recipients(keys_dir: Path) -> list[Recipient]:
    """The organization recipients, as the apps load them from the keys folder."""
    return load_recipients(keys_dir)


@pytest.fixture
def blobs(base_config: dict[str, Any]) -> BlobStore:
    """The blob store of both apps (``BLOB_DIR``): what a test seals here the apps open."""
    return BlobStore(base_config["BLOB_DIR"])


@pytest.fixture
def default_tags(db_session: Session) -> dict[str, Tag]:
    """The mission's default topic tags, by name."""
    ensure_default_tags(db_session)
    return {tag.name: tag for tag in list_tags(db_session)}


# -- accounts: service actors, and users of each role signed in to the review app


@pytest.fixture
def actor(db_session: Session, base_config: dict[str, Any], org_identity: HybridIdentity) -> User:
    """A reviewer who acts through the services (no app needed)."""
    return make_user(db_session, base_config, org_identity, role="reviewer", username="lawyer-a")


@pytest.fixture
def colleague(
    db_session: Session, base_config: dict[str, Any], org_identity: HybridIdentity
) -> User:
    """A second reviewer."""
    return make_user(db_session, base_config, org_identity, role="reviewer", username="lawyer-b")


@pytest.fixture
def admin_user(db_session: Session, review_app: Flask, org_identity: HybridIdentity) -> User:
    return make_user(db_session, review_app.config, org_identity, role="admin")


@pytest.fixture
def reviewer_user(db_session: Session, review_app: Flask, org_identity: HybridIdentity) -> User:
    return make_user(db_session, review_app.config, org_identity, role="reviewer")


@pytest.fixture
def organizer_user(db_session: Session, review_app: Flask, org_identity: HybridIdentity) -> User:
    return make_user(db_session, review_app.config, org_identity, role="organizer")


@pytest.fixture
def admin_client(review_app: Flask, admin_user: User) -> FlaskClient:
    """Signed in through the real password + TOTP flow; the session holds the key."""
    client = review_app.test_client()
    login(client, admin_user)
    return client


@pytest.fixture
def reviewer_client(review_app: Flask, reviewer_user: User) -> FlaskClient:
    """Signed in through the real password + TOTP flow; the session holds the key."""
    client = review_app.test_client()
    login(client, reviewer_user)
    return client


@pytest.fixture
def organizer_client(review_app: Flask, organizer_user: User) -> FlaskClient:
    """Signed in; organizers hold no key."""
    client = review_app.test_client()
    login(client, organizer_user)
    return client
