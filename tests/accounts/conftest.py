"""Fixtures for the accounts services: a full config with fast KDFs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from sqlalchemy import Engine

from tests.conftest import FAST_KDF, TEST_PASSPHRASE
from tipline.accounts.settings import AccountSettings
from tipline.config import DEFAULTS
from tipline.db import make_engine
from tipline.models import Base


@pytest.fixture
def settings(base_config: dict[str, Any]) -> AccountSettings:
    """The account settings from DEFAULTS and the shared test config (fast Argon2id)."""
    return AccountSettings.from_config({**DEFAULTS, **base_config})


@pytest.fixture
def cli_instance(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, keys_dir: Path
) -> Iterator[Engine]:
    """An instance for CLI tests: secrets and fast KDFs in the environment,
    a committed SQLite database with the schema, the test keys and passphrase.
    Yields an engine on that database for setting up and checking rows.
    """
    instance = tmp_path / "instance"
    instance.mkdir()
    monkeypatch.setenv("TIPLINE_INSTANCE", str(instance))
    monkeypatch.setenv("TIPLINE_KEYS", str(keys_dir))
    monkeypatch.setenv("TIPLINE_PASSPHRASE", TEST_PASSPHRASE)
    for name in ("INTAKE_SECRET_KEY", "REVIEW_SECRET_KEY", "PHRASE_PEPPER", "INSTANCE_SECRET"):
        monkeypatch.setenv(f"TIPLINE_{name}", f"{name.lower()}-for-cli-tests-0123456789abcdef")
    for name, value in FAST_KDF.items():
        monkeypatch.setenv(f"TIPLINE_{name}", str(value))
    engine = make_engine(f"sqlite:///{instance / 'tipline.sqlite3'}")
    Base.metadata.create_all(engine)
    yield engine
    engine.dispose()


def one_line_error(result: Result) -> str:
    """Assert a CLI failure: non-zero exit and exactly one line of output."""
    assert result.exit_code != 0, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert "Traceback" not in result.output
    return lines[0]
