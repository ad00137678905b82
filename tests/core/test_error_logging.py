"""Unhandled errors are logged with their class and the database's error code,
never their message: that can quote a tip, or SQL parameters."""

from __future__ import annotations

import errno
import logging
import sqlite3
from pathlib import Path
from typing import Any

import psycopg
import pytest
from flask import Flask
from sqlalchemy import Engine, exc

from tipline import faults

SECRET = "Quetzal-4471 wrote this"


def sqlite_error() -> exc.OperationalError:
    try:
        sqlite3.connect(":memory:").execute("select * from nowhere where x = ?", (SECRET,))
    except sqlite3.OperationalError as error:
        return exc.OperationalError("select ...", {"x": SECRET}, error)
    raise AssertionError("unreachable")


def test_describe_names_classes_and_codes_only() -> None:
    disk_full = exc.OperationalError(
        "insert ...", {"body": SECRET}, psycopg.errors.DiskFull(SECRET)
    )
    assert faults.describe(disk_full) == "OperationalError <- DiskFull (SQLSTATE 53100)"
    assert faults.describe(sqlite_error()) == "OperationalError <- OperationalError (SQLITE_ERROR)"
    try:
        raise RuntimeError(SECRET) from OSError(errno.ENOSPC, SECRET)
    except RuntimeError as error:
        assert faults.describe(error) == "RuntimeError <- OSError (ENOSPC)"


@pytest.mark.parametrize(
    ("error", "storage"),
    [
        (OSError(errno.ENOSPC, "No space left on device"), True),
        (OSError(errno.EROFS, "Read-only file system"), True),
        (OSError(errno.ENOENT, "No such file"), False),
        (exc.OperationalError("s", {}, psycopg.errors.DiskFull()), True),
        (exc.OperationalError("s", {}, psycopg.errors.AdminShutdown()), True),
        (exc.OperationalError("s", {}, psycopg.OperationalError("connection refused")), True),
        (exc.IntegrityError("s", {}, psycopg.errors.UniqueViolation()), False),
        (exc.ProgrammingError("s", {}, psycopg.errors.UndefinedTable()), False),
        (sqlite_error(), False),
        (RuntimeError("a bug"), False),
    ],
)
def test_storage_failures_are_told_from_bugs(error: BaseException, storage: bool) -> None:
    assert faults.is_storage_failure(error) is storage


@pytest.fixture
def schemaless_url(database_engine: Engine, tmp_path: Path) -> str:
    """A database the apps can reach but that has none of our tables."""
    if database_engine.dialect.name == "sqlite":
        return f"sqlite:///{tmp_path / 'empty.sqlite3'}"
    url = database_engine.url.update_query_dict({"options": "-csearch_path=no_such_schema"})
    return url.render_as_string(hide_password=False)


def _app(factory: Any, base_config: dict[str, Any], url: str) -> Flask:
    app: Flask = factory({**base_config, "DATABASE_URL": url, "PROPAGATE_EXCEPTIONS": False})
    return app


@pytest.mark.parametrize(
    ("kind", "path", "data"),
    [
        ("intake", "/tip", {"what_happened": f"{SECRET}: the guard called ICE at release."}),
        ("review", "/login", {"username": "quetzal", "password": SECRET}),
    ],
)
def test_logs_name_the_database_error_code_not_what_was_sent(
    kind: str,
    path: str,
    data: dict[str, str],
    base_config: dict[str, Any],
    schemaless_url: str,
    instance_dir: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    from tipline.intake import create_app as intake
    from tipline.review import create_app as review

    app = _app(intake if kind == "intake" else review, base_config, schemaless_url)
    caplog.set_level(logging.ERROR)
    response = app.test_client().post(path, data=data)
    assert response.status_code == 500  # a missing table is a bug, not an outage
    code = "SQLITE_ERROR" if schemaless_url.startswith("sqlite") else "SQLSTATE 42P01"
    assert f"({code}) on POST {path}" in caplog.text
    assert SECRET not in caplog.text and "quetzal" not in caplog.text
    assert "parameters" not in caplog.text
    assert "SELECT" not in caplog.text.upper() and "INSERT" not in caplog.text.upper()


def test_a_real_outage_is_logged_as_a_storage_failure(
    base_config: dict[str, Any], instance_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from tipline.intake import create_app

    # Nothing listens on port 9 (discard) here: the connection is refused.
    url = "postgresql+psycopg://tipline@127.0.0.1:9/tipline?connect_timeout=2"
    app = _app(create_app, base_config, url)
    caplog.set_level(logging.ERROR)
    app.test_client().post("/tip", data={"what_happened": SECRET * 3})
    assert "storage failure OperationalError <- OperationalError on POST /tip" in caplog.text
    assert SECRET not in caplog.text and "127.0.0.1" not in caplog.text


def test_review_app_says_when_the_database_is_unreachable(
    base_config: dict[str, Any], instance_dir: Path, tmp_path: Path
) -> None:
    from tipline.review import create_app

    url = f"sqlite:///{tmp_path / 'no-such-folder' / 'tipline.sqlite3'}"
    app = _app(create_app, base_config, url)
    response = app.test_client().post("/login", data={"username": "pat", "password": SECRET})
    assert response.status_code == 503
    page = response.get_data(as_text=True)
    assert "Try again in a moment" in page and SECRET not in page
