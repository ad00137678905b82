"""``tipline maintenance retention [--apply]``: delete what the policies say is due.

Without ``--apply`` it is a dry run: it prints the policies in force, then
one line per tip that would go (its id, the policy and the date it counts
from) and totals per policy, and changes nothing. With ``--apply`` it
deletes through the tip-deletion service, a batch per transaction, one
audit event per tip with counts only, and unlinks the files afterwards.
Tip ids are random and say nothing about anyone; nothing else is printed.
"""

from __future__ import annotations

import click
from sqlalchemy.exc import SQLAlchemyError

from tipline.blobs import BlobStore
from tipline.cli.common import cli_config, database_error, database_session
from tipline.models.base import utcnow
from tipline.retention import policy, sweep


@click.command("retention")
@click.option("--apply", "do_apply", is_flag=True, help="Delete it (default: dry run).")
def retention_command(do_apply: bool) -> None:
    """Show (or, with --apply, delete) spam, closed tips and silent conversations due."""
    config = cli_config()
    store = BlobStore(config["BLOB_DIR"])
    now = utcnow()
    try:
        with database_session(config, immediate=do_apply) as session:
            values = policy.effective(session, config)
            for value in values.values():
                kept = "keep forever" if value.days is None else f"{value.days} day(s)"
                click.echo(f"Policy {value.policy}: {kept} (from the {value.source}).")
            days = {name: value.days for name, value in values.items()}
            if do_apply:
                report = sweep.run(session, store, days, now)
                click.echo(f"Retention: {report.summary()}.")
                return
            candidates = sweep.find(session, days, now)
            for candidate in candidates:
                since = candidate.since.strftime("%Y-%m-%d")
                click.echo(f"would delete {candidate.policy:<7} {candidate.tip_id}  since {since}")
            for name, counts in sweep.totals(session, candidates).items():
                click.echo(
                    f"{name}: {counts['tips']} tip(s), {counts['files']} file(s), "
                    f"{counts['messages']} message(s)"
                )
    except SQLAlchemyError as exc:
        raise database_error(exc) from exc
    click.echo(f"Dry run: {len(candidates)} to delete; add --apply to delete them.")
