"""``tipline users add|list|disable|reset``: accounts from the command line.

The same services as the admin pages. Creating or resetting an admin or
reviewer wraps a copy of the organization identity, so those commands open
``keys/identity.age`` with its passphrase ($TIPLINE_PASSPHRASE, or a prompt).
One-time passwords are printed once and never stored or logged.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import click
from flask import Config
from sqlalchemy.orm import Session

from tipline.accounts import custody, service, two_factor
from tipline.accounts.errors import AccountError
from tipline.config import ConfigError, load_config
from tipline.crypto import Identity
from tipline.db import Database
from tipline.key_folder import KeysError, load_identity
from tipline.models.user import KEY_HOLDER_ROLES, ROLES

PASSPHRASE_ENV = "TIPLINE_PASSPHRASE"  # noqa: S105 - a variable name, not a secret


def cli_config() -> Config:
    """The instance configuration, or a one-line error."""
    try:
        return load_config()
    except ConfigError as exc:
        raise click.ClickException(f"configuration: {exc}") from exc


@contextmanager
def database_session(config: Config) -> Iterator[Session]:
    """A session on the configured database (closed afterwards, never auto-committed)."""
    database = Database(config["DATABASE_URL"])
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
    return click.ClickException(" ".join(str(exc).split()))


@click.group("users")
def users_group() -> None:
    """Manage review-site accounts (admin, reviewer, organizer)."""


@users_group.command("add")
@click.argument("username")
@click.option("--role", type=click.Choice(ROLES), default="reviewer", show_default=True)
def add_command(username: str, role: str) -> None:
    """Create an account and print its one-time password."""
    config = cli_config()
    identity = org_identity(config) if role in KEY_HOLDER_ROLES else None
    with database_session(config) as session:
        try:
            user, password = service.create_user(
                session, config, username=username, role=role, identity=identity, actor=None
            )
        except AccountError as exc:
            raise fail(exc) from exc
        session.commit()
        click.echo(f"Created {role} '{user.username}'. One-time password (shown once):")
        click.echo(f"  {password}")


@users_group.command("list")
def list_command() -> None:
    """List accounts: role, status, authenticator, key copy."""
    config = cli_config()
    with database_session(config) as session:
        rows: list[tuple[Any, ...]] = []
        for user in service.list_users(session):
            status = (
                "disabled" if user.disabled else ("locked" if service.is_locked(user) else "active")
            )
            rows.append(
                (
                    user.username,
                    user.role,
                    status,
                    "totp" if user.totp_confirmed else "no-totp",
                    "key" if custody.has_copy(session, user.id) else "no-key",
                )
            )
    if not rows:
        click.echo("No accounts. Run 'tipline init' to create the first admin.")
        return
    width = max(len(row[0]) for row in rows)
    for row in rows:
        click.echo(f"{row[0]:<{width}}  {row[1]:<9}  {row[2]:<8}  {row[3]:<7}  {row[4]}")


@users_group.command("disable")
@click.argument("username")
def disable_command(username: str) -> None:
    """Disable an account: delete its key copy and its sessions."""
    config = cli_config()
    with database_session(config) as session:
        try:
            user = service.get_by_username(session, username)
            service.disable_user(session, user, actor=None)
        except AccountError as exc:
            raise fail(exc) from exc
        session.commit()
    click.echo(f"Disabled '{user.username}'; its key copy and sessions are deleted.")


@users_group.command("reset")
@click.argument("username")
@click.option("--totp", "reset_totp", is_flag=True, help="Also forget its authenticator app.")
def reset_command(username: str, reset_totp: bool) -> None:
    """Issue a new one-time password (re-enables a disabled account)."""
    config = cli_config()
    with database_session(config) as session:
        try:
            user = service.get_by_username(session, username)
            identity = org_identity(config) if user.holds_key else None
            password = service.reset_password(session, config, user, identity, actor=None)
            if reset_totp:
                two_factor.reset(session, user, actor=None)
        except AccountError as exc:
            raise fail(exc) from exc
        session.commit()
    click.echo(f"New one-time password for '{user.username}' (shown once):")
    click.echo(f"  {password}")
    if reset_totp:
        click.echo("They will set up an authenticator app at their next sign-in.")
