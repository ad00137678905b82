"""Live instances for backup and rotation tests: real folders, committed databases.

A backup reads the database through its own connection and a restore writes
through its own, so these tests cannot use the suite's rolled-back session.
Each :class:`LiveInstance` gets an instance folder with a config file, a keys
folder and a database of its own: a SQLite file in the instance folder, or a
fresh database on the PostgreSQL server named by ``TIPLINE_TEST_DATABASE_URL``
(created here, dropped afterwards), so both databases are tested for real.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, make_url, text

from tests.conftest import FAST_KDF, PG_ENV, TEST_PASSPHRASE
from tipline.blobs import BlobStore
from tipline.cli import cli
from tipline.config import load_config
from tipline.crypto import Recipient
from tipline.db import Database
from tipline.key_folder import generate_keys, load_recipients

SECRETS = {
    "INTAKE_SECRET_KEY": "intake-secret-key-for-tests-0123456789",
    "REVIEW_SECRET_KEY": "review-secret-key-for-tests-0123456789",
    "PHRASE_PEPPER": "phrase-pepper-for-tests-0123456789abcdef",
    "INSTANCE_SECRET": "instance-secret-for-tests-0123456789abcd",
}


@dataclass
class LiveInstance:
    """Folders and a database of one instance, and how to point the CLI at it."""

    root: Path
    database_url: str

    @property
    def instance(self) -> Path:
        return self.root / "instance"

    @property
    def keys(self) -> Path:
        return self.root / "keys"

    @property
    def blobs(self) -> BlobStore:
        return BlobStore(self.instance / "blobs")

    def env(self) -> dict[str, str]:
        return {
            "TIPLINE_INSTANCE": str(self.instance),
            "TIPLINE_KEYS": str(self.keys),
            "TIPLINE_DATABASE_URL": self.database_url,
            "TIPLINE_PASSPHRASE": TEST_PASSPHRASE,
        }

    def use(self, monkeypatch: pytest.MonkeyPatch) -> None:
        for name, value in self.env().items():
            monkeypatch.setenv(name, value)

    def config(self) -> Any:
        return load_config(self.instance)

    def database(self) -> Database:
        return Database(self.database_url)

    def recipients(self) -> list[Recipient]:
        return list(load_recipients(self.keys))


class Databases:
    """Makes empty databases of one kind and drops them at the end."""

    def __init__(self, kind: str, tmp: Path) -> None:
        self.kind = kind
        self.tmp = tmp
        self.created: list[str] = []

    def new(self, name: str) -> str:
        if self.kind == "sqlite":
            return f"sqlite:///{self.tmp / name / 'instance' / 'tipline.sqlite3'}"
        base = make_url(os.environ[PG_ENV])
        database = f"tipline_bk_{secrets.token_hex(4)}"
        admin = create_engine(base, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{database}"'))
        admin.dispose()
        self.created.append(database)
        return base.set(database=database).render_as_string(hide_password=False)

    def drop_all(self) -> None:
        if not self.created:
            return
        admin = create_engine(make_url(os.environ[PG_ENV]), isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            for database in self.created:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
        admin.dispose()


def _kinds() -> list[Any]:
    pg = pytest.param(
        "postgresql",
        marks=pytest.mark.skipif(not os.environ.get(PG_ENV), reason=f"{PG_ENV} is not set"),
    )
    return ["sqlite", pg]


@pytest.fixture(params=_kinds())
def databases(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Databases]:
    made = Databases(request.param, tmp_path)
    yield made
    made.drop_all()


def write_config(instance: Path, extra: dict[str, Any] | None = None) -> None:
    instance.mkdir(parents=True, exist_ok=True, mode=0o700)
    settings = {**SECRETS, **FAST_KDF, **(extra or {})}
    lines = [f"{name} = {value!r}" for name, value in settings.items()]
    (instance / "config.py").write_text("\n".join(lines) + "\n", encoding="utf-8")


def make_live(root: Path, database_url: str) -> LiveInstance:
    """An initialized instance: config, keys, a migrated database."""
    instance = LiveInstance(root, database_url)
    write_config(instance.instance)
    generate_keys(instance.keys, TEST_PASSPHRASE, work_factor=2)
    database = instance.database()
    database.create_all()
    database.engine.dispose()
    return instance


@pytest.fixture
def live(databases: Databases, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> LiveInstance:
    """An initialized instance, selected by environment variables."""
    instance = make_live(tmp_path / "live", databases.new("live"))
    instance.use(monkeypatch)
    return instance


@pytest.fixture
def empty_target(databases: Databases, tmp_path: Path) -> LiveInstance:
    """Where a restore goes: no folders yet, an empty database."""
    return LiveInstance(tmp_path / "target", databases.new("target"))


def run(runner: CliRunner, instance: LiveInstance, *args: str, **env: str) -> Any:
    """``tipline ARGS`` against ``instance`` (its folders, database and passphrase)."""
    return runner.invoke(cli, list(args), env={**instance.env(), **env})


def assert_healthy(instance: LiveInstance) -> None:
    """``tipline maintenance check`` and ``tipline audit verify`` both pass."""
    for check in (["maintenance", "check"], ["audit", "verify"]):
        outcome = run(CliRunner(), instance, *check)
        assert outcome.exit_code == 0, outcome.output


@pytest.fixture
def backup(live: LiveInstance, tmp_path: Path) -> Path:
    """A backup of ``live`` filled with one of every sealed thing (tests/backup/populate.py)."""
    from tests.backup.populate import populate

    populate(live)
    path = tmp_path / "backup.age"
    result = run(CliRunner(), live, "backup", "create", "-o", str(path))
    assert result.exit_code == 0, result.output
    return path
