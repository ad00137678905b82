"""``tipline keys rotate``: a new organization key, everything re-sealed, the old one retired.

Safe to interrupt (Ctrl-C, ``kill -9``, a power cut): run it again with the
same passphrases and it continues where it stopped (tipline.rotation). It
keeps the identity's passphrase unless ``--new-passphrase`` is given (then
$TIPLINE_NEW_PASSPHRASE, or a prompt). The old key is retired only after
``--grace-minutes`` have passed since the switch, so that uploads which began
before it, sealed to the old key, are re-sealed too; until then each run
re-seals what arrived and says when to run it again.
"""

from __future__ import annotations

import os
from datetime import timedelta

import click
from sqlalchemy.exc import SQLAlchemyError

from tipline.cli.common import PASSPHRASE_ENV, cli_config
from tipline.cli.keys import MIN_PASSPHRASE
from tipline.cli.progress import progress_for
from tipline.db import Database
from tipline.key_folder import KeysError
from tipline.rotation import Rotation, RotationError, RotationResult

NEW_PASSPHRASE_ENV = "TIPLINE_NEW_PASSPHRASE"  # noqa: S105 - a variable name, not a secret


def _passphrase() -> str:
    value = os.environ.get(PASSPHRASE_ENV) or click.prompt(
        "Passphrase of the organization identity", hide_input=True
    )
    return str(value)


def _new_passphrase(current: str, asked: bool) -> str:
    if not asked:
        return current
    value = str(
        os.environ.get(NEW_PASSPHRASE_ENV)
        or click.prompt(
            "Passphrase for the new identity", hide_input=True, confirmation_prompt=True
        )
    )
    if len(value) < MIN_PASSPHRASE:
        raise click.ClickException(f"the passphrase must have at least {MIN_PASSPHRASE} characters")
    return value


@click.command("rotate")
@click.option(
    "--grace-minutes",
    type=click.IntRange(min=0),
    default=60,
    show_default=True,
    help="Retire the old key only this long after the switch (uploads in flight).",
)
@click.option("--new-passphrase", is_flag=True, help="Seal the new identity with a new passphrase.")
@click.option(
    "--work-factor", default=18, show_default=True, help="scrypt log2(N) for the new identity file."
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def rotate_command(grace_minutes: int, new_passphrase: bool, work_factor: int, quiet: bool) -> None:
    """Make a new organization key and re-seal everything to it (resumable)."""
    config = cli_config()
    passphrase = _passphrase()
    database = Database(config["DATABASE_URL"])
    rotation = Rotation(
        config=config,
        sessions=database.session,
        passphrase=passphrase,
        new_passphrase=_new_passphrase(passphrase, new_passphrase),
        progress=progress_for(quiet),
        grace=timedelta(minutes=grace_minutes),
        work_factor=work_factor,
    )
    try:
        result = rotation.run()
    except (RotationError, KeysError, OSError) as exc:
        raise click.ClickException(" ".join(str(exc).split())) from exc
    except SQLAlchemyError as exc:
        lines = str(getattr(exc, "orig", None) or exc).strip().splitlines()
        raise click.ClickException(f"database: {lines[0] if lines else exc}") from exc
    finally:
        database.engine.dispose()
    _report(result)


def _report(result: RotationResult) -> None:
    click.echo(f"New organization key: {result.new_fingerprint}")
    click.echo(
        f"Checked {result.checked} sealed object(s), re-sealed {result.resealed}; "
        f"{result.rewrapped} key holder copy(ies) re-made; "
        f"{result.sessions_ended} signed-in session(s) ended (they sign in again)."
    )
    for username in result.dropped:
        click.echo(
            f"Warning: the key copy of '{username}' could not be re-made; "
            f"give them the key with 'tipline users reset {username}'.",
            err=True,
        )
    if result.unreadable:
        click.echo(
            f"Warning: {len(result.unreadable)} object(s) open with neither key and were left "
            f"as they are (first: {result.unreadable[0]}).",
            err=True,
        )
    if result.finished:
        where = (
            f" (kept, passphrase-sealed, as {result.retired_file})" if result.retired_file else ""
        )
        click.echo(f"Done: nothing refers to the old key any more; it is retired{where}.")
    elif result.retire_after is not None:
        click.echo(
            f"Everything stored is sealed to the new key. Run 'tipline keys rotate' again after "
            f"{result.retire_after:%Y-%m-%d %H:%M} UTC to retire the old key."
        )
    else:
        click.echo("Objects arrived sealed to the old key meanwhile; run it again to finish.")
