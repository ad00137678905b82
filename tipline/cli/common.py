"""What every ``tipline`` command shares: the configuration, a database session,
the organization identity, and one-line errors.

Commands import these from here (never from another command's module), so a
command loads only its own dependencies (tipline/cli/__init__.py).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

import click
from flask import Config
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from tipline.config import ConfigError, load_config
from tipline.crypto import Identity
from tipline.db import Database
from tipline.key_folder import KeysError, load_identity

PASSPHRASE_ENV = "TIPLINE_PASSPHRASE"  # noqa: S105 - a variable name, not a secret


def cli_config() -> Config:
    """The instance configuration, or a one-line error."""
    try:
        return load_config()
    except ConfigError as exc:
        raise click.ClickException(f"configuration: {exc}") from exc


@contextmanager
def database_session(config: Config, *, immediate: bool = False) -> Iterator[Session]:
    """A session on the configured database (closed afterwards, never auto-committed).

    ``immediate``: begin SQLite transactions with ``BEGIN IMMEDIATE``, as the
    apps do (tipline.db), for a command that reads and then writes while the
    apps may be writing too.
    """
    database = Database(config["DATABASE_URL"], immediate=immediate)
    try:
        with database.session() as session:
            yield session
    finally:
        database.engine.dispose()


def org_identity(config: Config) -> Identity:
    """Open keys/identity.age with $TIPLINE_PASSPHRASE or a hidden prompt."""
    passphrase = os.environ.get(PASSPHRASE_ENV)
    if not passphrase:
        passphrase = click.prompt("Passphrase of the organization identity", hide_input=True)
    try:
        return load_identity(config["KEYS_DIR"], passphrase or "")
    except KeysError as exc:
        raise click.ClickException(str(exc)) from exc


def fail(exc: Exception) -> click.ClickException:
    """A domain error as a one-line CLI error (whitespace folded)."""
    return click.ClickException(" ".join(str(exc).split()))


def database_error(exc: SQLAlchemyError) -> click.ClickException:
    # The first line only: driver messages can run to several lines with SQL.
    first = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    return click.ClickException(f"database: {first[0] if first else exc.__class__.__name__}")
