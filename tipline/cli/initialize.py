"""``tipline init``: instance config, organization keys, database, first admin.

Safe to run again: it keeps an existing config and existing keys (replacing
keys needs ``--force`` and a confirmation), upgrades the database, and creates
the first admin only while there is no account at all.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import click

from tipline import wordlist
from tipline.accounts.settings import AccountSettings
from tipline.config import ConfigError, instance_path, load_config
from tipline.crypto import Identity
from tipline.db import Database
from tipline.key_folder import (
    IDENTITY_FILE,
    RECIPIENTS_FILE,
    KeysError,
    generate_keys,
    load_identity,
)
from tipline.tips.tags import seed_default_tags

CONFIG_TEMPLATE = '''\
"""tipline instance configuration, written by 'tipline init'.

Keep this file private: the secrets below protect sessions, receipt phrases and
reviewers' wrapped keys. See README.md, "Configuration", for every setting.
"""

INTAKE_SECRET_KEY = {intake!r}
REVIEW_SECRET_KEY = {review!r}
PHRASE_PEPPER = {pepper!r}
INSTANCE_SECRET = {instance_secret!r}

# STATES = ["PA"]
# MAX_UPLOAD_BYTES = 500 * 1024 * 1024
# ONION_ADDRESS = "example...onion"
# DATABASE_URL = "postgresql+psycopg://tipline@localhost/tipline"
'''


def write_instance_config(instance: Path) -> bool:
    """Write ``config.py`` with fresh secrets unless it exists. True if written."""
    instance.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = instance / "config.py"
    if path.exists():
        return False
    text = CONFIG_TEMPLATE.format(
        intake=secrets.token_urlsafe(48),
        review=secrets.token_urlsafe(48),
        pepper=secrets.token_urlsafe(48),
        instance_secret=secrets.token_urlsafe(48),
    )
    path.touch(mode=0o600)
    path.write_text(text, encoding="utf-8")
    return True


def _read_passphrase(passphrase_file: str | None, interactive: bool) -> str:
    if passphrase_file:
        lines = Path(passphrase_file).read_text(encoding="utf-8").splitlines()
        passphrase = lines[0].strip() if lines else ""
        if len(passphrase) < 12:
            raise click.ClickException("the passphrase file must hold at least 12 characters")
        return passphrase
    if not interactive:
        raise click.ClickException("--non-interactive needs --passphrase-file")
    suggestion = wordlist.generate(8)
    click.echo("The organization identity is sealed with a passphrase. Write it down and")
    click.echo("store it offline: it is needed for recovery and for 'tipline users add'.")
    click.echo(f"Suggested passphrase: {suggestion}")
    entered: str = click.prompt(
        "Passphrase (Enter to use the suggestion)",
        default=suggestion,
        show_default=False,
        hide_input=True,
    )
    # Only a passphrase the person typed needs typing twice; the suggestion
    # is on the screen to be written down.
    if entered != suggestion:
        repeated: str = click.prompt("Repeat the passphrase", hide_input=True)
        if repeated != entered:
            raise click.ClickException("the two passphrases differ; nothing was changed")
    if len(entered) < 12:
        raise click.ClickException("the passphrase must have at least 12 characters")
    return entered


@click.command("init")
@click.option("--non-interactive", is_flag=True, help="Never prompt (needs --passphrase-file).")
@click.option(
    "--passphrase-file",
    type=click.Path(exists=True, dir_okay=False),
    help="File whose first line is the passphrase that seals the organization identity.",
)
@click.option("--force", is_flag=True, help="Replace existing keys (asks for confirmation).")
@click.option(
    "--confirm-replace-keys",
    is_flag=True,
    help="With --force and --non-interactive: confirm that existing keys are destroyed.",
)
@click.option("--admin", "admin_name", default="admin", show_default=True)
@click.option("--work-factor", default=18, show_default=True, help="scrypt log2(N) for the key.")
def init_command(
    non_interactive: bool,
    passphrase_file: str | None,
    force: bool,
    confirm_replace_keys: bool,
    admin_name: str,
    work_factor: int,
) -> None:
    """Create the instance config, organization keys, database and first admin."""
    instance = instance_path()
    if write_instance_config(instance):
        click.echo(f"Wrote {instance / 'config.py'} with fresh secrets.")
    try:
        config = load_config(instance)
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from exc
    keys_dir = Path(config["KEYS_DIR"])
    identity = _ensure_keys(
        keys_dir, passphrase_file, non_interactive, force, confirm_replace_keys, work_factor
    )
    database = Database(config["DATABASE_URL"])
    database.create_all()
    seed_default_tags(database.session)  # the mission's topic tags, once (tipline.tips)
    click.echo("Database is ready.")
    _ensure_admin(
        database, config, keys_dir, identity, admin_name, passphrase_file, non_interactive
    )


def _ensure_keys(
    keys_dir: Path,
    passphrase_file: str | None,
    non_interactive: bool,
    force: bool,
    confirmed: bool,
    work_factor: int,
) -> Identity | None:
    exists = (keys_dir / RECIPIENTS_FILE).exists() or (keys_dir / IDENTITY_FILE).exists()
    if exists and not force:
        click.echo(f"Keeping the existing keys in {keys_dir}.")
        return None
    if exists:
        if non_interactive and not confirmed:
            raise click.ClickException("--force needs --confirm-replace-keys when non-interactive")
        if not non_interactive:
            click.confirm(
                "This destroys the current organization key; tips sealed to it will be "
                "unreadable unless you kept a copy. Continue?",
                abort=True,
            )
    passphrase = _read_passphrase(passphrase_file, not non_interactive)
    try:
        identity = generate_keys(keys_dir, passphrase, work_factor=work_factor, force=True)
    except KeysError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"Generated the organization key in {keys_dir}.")
    return identity


def _ensure_admin(
    database: Database,
    config: Mapping[str, Any],
    keys_dir: Path,
    identity: Identity | None,
    admin_name: str,
    passphrase_file: str | None,
    non_interactive: bool,
) -> None:
    from tipline.accounts import bootstrap

    with database.session() as session:
        if not bootstrap.needs_first_admin(session):
            return
        if identity is None:
            passphrase = _read_passphrase(passphrase_file, not non_interactive)
            try:
                identity = load_identity(keys_dir, passphrase)
            except KeysError as exc:
                raise click.ClickException(str(exc)) from exc
        password = bootstrap.create_first_admin(
            session, AccountSettings.from_config(config), identity, admin_name
        )
        session.commit()
    click.echo(f"Created the first admin '{admin_name}'. One-time password (shown once):")
    click.echo(f"  {password}")
    click.echo("Sign in to the review site with it; you will set a new password and TOTP.")
