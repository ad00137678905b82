"""``tipline maintenance purge-sessions|sweep-blobs|settle-blobs|check|retention``: housekeeping.

Thin wrappers over tipline.maintenance and the blob store. They print counts
and blob ids only, never contents. ``sweep-blobs`` is a dry run unless given
``--delete``; ``settle-blobs`` (hourly) gives each blob of a past hour a fresh
file, so the file system's own times show when it settled, not when it came
(tipline.blobs); ``check`` exits non-zero when anything is wrong, so cron can
alert on it. ``retention`` lives in its own module (tipline.cli.retention).
"""

from __future__ import annotations

import click
from sqlalchemy.exc import SQLAlchemyError

from tipline import maintenance
from tipline.blobs import BlobStore
from tipline.cli.common import cli_config, database_error, database_session
from tipline.cli.retention import retention_command


@click.group("maintenance")
def maintenance_group() -> None:
    """Purge expired sessions, sweep orphaned blobs, check the instance."""


maintenance_group.add_command(retention_command)


@maintenance_group.command("purge-sessions")
def purge_sessions_command() -> None:
    """Delete expired review and source sessions."""
    config = cli_config()
    try:
        with database_session(config) as session:
            purged = maintenance.purge_sessions(session, config)
            session.commit()
    except SQLAlchemyError as exc:
        raise database_error(exc) from exc
    click.echo(f"Purged {purged.review} review session(s) and {purged.source} source session(s).")


@maintenance_group.command("sweep-blobs")
@click.option(
    "--older-than-hours",
    type=click.FloatRange(min=0),
    default=maintenance.DEFAULT_OLDER_THAN_HOURS,
    show_default=True,
    help="Only files last written longer ago than this (uploads in flight are younger).",
)
@click.option("--delete", "do_delete", is_flag=True, help="Remove them (default: dry run).")
def sweep_blobs_command(older_than_hours: float, do_delete: bool) -> None:
    """Find partial uploads and blobs that no row references."""
    config = cli_config()
    store = BlobStore(config["BLOB_DIR"])
    try:
        with database_session(config) as session:
            sweep = maintenance.find_stale_blobs(session, store, older_than_hours * 3600)
    except SQLAlchemyError as exc:
        raise database_error(exc) from exc
    for blob_id in sweep.orphans:
        click.echo(f"orphan {blob_id}")
    if do_delete:
        maintenance.delete_stale_blobs(sweep, store)
        verb = "Deleted"
    else:
        verb = "Would delete (dry run; add --delete)"
    click.echo(
        f"{verb}: {len(sweep.partials)} partial file(s), {len(sweep.orphans)} orphaned blob(s)."
    )


@maintenance_group.command("settle-blobs")
def settle_blobs_command() -> None:
    """Copy each blob of an hour that has ended into a fresh file (run hourly)."""
    config = cli_config()
    try:
        settled = BlobStore(config["BLOB_DIR"]).settle()
    except OSError as exc:
        raise click.ClickException(f"blob store: {exc.strerror or type(exc).__name__}") from exc
    click.echo(f"Settled {settled} blob(s).")


@maintenance_group.command("check")
def check_command() -> None:
    """Verify the audit log, keys, database revision and referenced blobs."""
    config = cli_config()
    store = BlobStore(config["BLOB_DIR"])
    try:
        with database_session(config) as session:
            result = maintenance.check_instance(
                session, store, config["KEYS_DIR"], config.get("INSTANCE_SECRET")
            )
    except SQLAlchemyError as exc:
        raise database_error(exc) from exc
    click.echo(f"Audit log: {result.audit_events} event(s) checked.")
    click.echo(f"Keys: {result.recipients} recipient(s).")
    click.echo(f"Key rotation: {result.rotation}.")
    click.echo(f"Database revision: {result.revision or 'none'} (head {result.head}).")
    click.echo(f"Blobs: {result.referenced_blobs} referenced, {result.missing_blobs} missing.")
    for problem in result.problems:
        click.echo(f"Problem: {problem}")
    if not result.ok:
        raise click.ClickException(f"{len(result.problems)} problem(s) found")
    click.echo("All checks passed.")
