"""``tipline backup create|verify|restore``: sealed backups of the whole instance.

``create`` seals to every organization recipient in keys/recipients.txt, to
``BACKUP_RECIPIENTS`` and to each ``-r``, writes to a hidden temporary file
beside ``-o`` and renames it into place only when the backup is complete, then
records ``backup.created`` in the audit log. ``verify`` and ``restore`` open
the backup with ``-i FILE`` (an identity file: the offline backup key, or a
copy of keys/identity.age, whose passphrase is asked for) or, without ``-i``,
with keys/identity.age and its passphrase. Every failure is one line and a
non-zero exit; the layout and the checks are in tipline/backup/.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Sequence
from pathlib import Path

import click
from sqlalchemy.exc import SQLAlchemyError

from tipline.atomic import OutputError, atomic_output
from tipline.backup import BackupError
from tipline.backup.create import backup_id, record_created, write_backup
from tipline.backup.reader import BackupReader
from tipline.backup.restore import Target, restore
from tipline.cli.age import CLIError, load_identity_file
from tipline.cli.common import cli_config, database_session, fail, org_identity
from tipline.cli.progress import progress_for
from tipline.config import ConfigError, instance_path, load_config
from tipline.crypto import Identity, Recipient, parse_recipient
from tipline.db import Database, make_engine
from tipline.key_folder import KeysError, load_recipients

MIB = 1024 * 1024


@click.group("backup")
def backup_group() -> None:
    """Sealed backups: create one, verify one, restore one on a new machine."""


def _recipients(keys_dir: str, configured: Sequence[str], extra: Sequence[str]) -> list[Recipient]:
    try:
        recipients: list[Recipient] = list(load_recipients(keys_dir))
    except KeysError as exc:
        raise fail(exc) from exc
    seen = {str(r) for r in recipients}
    for text in [*configured, *extra]:
        try:
            recipient = parse_recipient(text.strip())
        except ValueError as exc:
            raise click.ClickException(f"invalid backup recipient: {exc}") from exc
        if str(recipient) not in seen:
            seen.add(str(recipient))
            recipients.append(recipient)
    return recipients


@backup_group.command("create")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "-r",
    "--recipient",
    "extra",
    multiple=True,
    help="Also seal to this age recipient (an offline backup key); repeatable.",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def create_command(output: Path, extra: tuple[str, ...], quiet: bool) -> None:
    """Write a sealed backup of the database, blobs, config and keys to -o FILE."""
    config = cli_config()
    recipients = _recipients(config["KEYS_DIR"], config["BACKUP_RECIPIENTS"], extra)
    database = Database(config["DATABASE_URL"])
    try:
        with atomic_output(output, f".{output.name}.partial-") as handle:
            summary = write_backup(handle, database.engine, config, recipients, progress_for(quiet))
        name = backup_id(output)
        with database_session(config) as session:
            record_created(session, name)
            session.commit()
    except OutputError as exc:
        raise click.ClickException(f"cannot write {output}: {exc.strerror}") from exc
    except (BackupError, OSError, SQLAlchemyError) as exc:
        raise _one_line(exc) from exc
    finally:
        database.engine.dispose()
    click.echo(
        f"Wrote {output}: {summary.rows} rows, {summary.blobs} blobs "
        f"({summary.blob_bytes / MIB:.1f} MiB), {summary.files} files; "
        f"sealed to {len(recipients)} recipient(s)."
    )
    click.echo(f"Backup id {name} (as the audit log names it).")
    if summary.missing_blobs:
        click.echo(
            f"Warning: {summary.missing_blobs} blob(s) the database refers to were missing; "
            "run 'tipline maintenance check'.",
            err=True,
        )


def _one_line(exc: Exception) -> click.ClickException:
    """An expected failure as one line; a database error by its driver's first line."""
    if isinstance(exc, SQLAlchemyError):
        lines = str(getattr(exc, "orig", None) or exc).strip().splitlines()
        return click.ClickException(f"database: {lines[0] if lines else type(exc).__name__}")
    return fail(exc)


def _identities(paths: Sequence[str]) -> list[Identity]:
    """From ``-i`` files, or keys/identity.age with its passphrase."""
    if paths:
        identities: list[Identity] = []
        for path in paths:
            try:
                identities.extend(load_identity_file(path))
            except CLIError as exc:
                raise click.ClickException(exc.format_message()) from exc
        return identities
    try:
        config = load_config(require_secrets=False)
    except ConfigError as exc:
        raise click.ClickException(f"configuration: {exc}") from exc
    if not (Path(config["KEYS_DIR"]) / "identity.age").is_file():
        raise click.ClickException(
            f"no identity: {config['KEYS_DIR']}/identity.age does not exist; pass -i FILE "
            "(the offline backup key, or a copy of keys/identity.age)"
        )
    return [org_identity(config)]


_IDENTITY_OPTION = click.option(
    "-i",
    "--identity",
    "identity_paths",
    multiple=True,
    type=click.Path(dir_okay=False),
    help="Identity file that opens the backup (repeatable); default keys/identity.age.",
)
_QUIET_OPTION = click.option("--quiet", "-q", is_flag=True, help="No progress bar.")


@contextlib.contextmanager
def _reader(path: str, identity_paths: Sequence[str], quiet: bool) -> Iterator[BackupReader]:
    identities = _identities(identity_paths)
    progress = progress_for(quiet)
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise click.ClickException(f"cannot open {path}: {exc.strerror}") from exc
    with handle:
        progress.start("reading", os.fstat(handle.fileno()).st_size)
        try:
            yield BackupReader(handle, identities, progress)
        finally:
            progress.finish()


@backup_group.command("verify")
@click.argument("path", type=click.Path(dir_okay=False))
@_IDENTITY_OPTION
@_QUIET_OPTION
def verify_command(path: str, identity_paths: tuple[str, ...], quiet: bool) -> None:
    """Open a backup and check every part against its manifest."""
    with _reader(path, identity_paths, quiet) as reader:
        blobs = 0
        try:
            for part in reader.parts():
                blobs += part.kind == "blobs"
        except BackupError as exc:
            raise fail(exc) from exc
    rows = sum(reader.rows.values())
    click.echo(
        f"OK: {path} (backup id {backup_id(path)}) made {reader.header.get('created')}: "
        f"{rows} rows in {len(reader.rows)} tables, {blobs} blobs; "
        "every part matches its manifest."
    )


@backup_group.command("restore")
@click.argument("path", type=click.Path(dir_okay=False))
@_IDENTITY_OPTION
@click.option("--force", is_flag=True, help="Restore over a non-empty target (moved aside).")
@_QUIET_OPTION
def restore_command(path: str, identity_paths: tuple[str, ...], force: bool, quiet: bool) -> None:
    """Restore a backup into an empty instance, keys folder and database."""
    with _reader(path, identity_paths, quiet) as reader:
        try:
            target = Target(
                instance_path(),
                lambda staged: load_config(instance_path(), config_file=staged),
                make_engine,
                force=force,
            )
            summary = restore(reader, target, backup_id(path))
        except ConfigError as exc:
            raise click.ClickException(f"the restored configuration: {exc}") from exc
        except (BackupError, OSError, SQLAlchemyError) as exc:
            raise _one_line(exc) from exc
    click.echo(
        f"Restored {summary.rows} rows ({summary.dialect}), {summary.blobs} blobs and "
        f"{summary.files} files into {instance_path()}."
    )
    for moved in summary.moved_aside:
        click.echo(f"Moved the previous {moved.name.split('.before-restore-')[0]} to {moved}.")
    click.echo("Next: 'tipline maintenance check' and 'tipline audit verify'.")
