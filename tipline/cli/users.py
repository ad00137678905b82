"""``tipline users add|list|disable|reset``: accounts from the command line.

The same services as the admin pages. Creating or resetting an admin or
reviewer wraps a copy of the organization identity, so those commands open
``keys/identity.age`` with its passphrase ($TIPLINE_PASSPHRASE, or a prompt).
One-time passwords are printed once and never stored or logged.
"""

from __future__ import annotations

from typing import Any

import click

from tipline.accounts import custody, service, two_factor
from tipline.accounts.errors import AccountError
from tipline.accounts.settings import AccountSettings
from tipline.cli.common import cli_config, database_session, fail, org_identity
from tipline.models.user import KEY_HOLDER_ROLES, ROLES


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
                session,
                AccountSettings.from_config(config),
                username=username,
                role=role,
                identity=identity,
                actor=None,
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
            password = service.reset_password(
                session, AccountSettings.from_config(config), user, identity, actor=None
            )
            if reset_totp:
                two_factor.reset(session, user, actor=None)
        except AccountError as exc:
            raise fail(exc) from exc
        session.commit()
    click.echo(f"New one-time password for '{user.username}' (shown once):")
    click.echo(f"  {password}")
    if reset_totp:
        click.echo("They will set up an authenticator app at their next sign-in.")
