"""``tipline worker``: run the upkeep jobs on their schedule until stopped.

Without options it runs until SIGTERM or Ctrl-C (systemd runs it as
deploy/systemd/tipline-worker.service), and several may run at once. With
``--once`` it runs the jobs that are due and exits; ``--job NAME`` (one or
more) runs those jobs now whatever their schedule. Either prints one line
per job and exits non-zero if one failed, so cron can alert on it.
"""

from __future__ import annotations

import click
from sqlalchemy.exc import SQLAlchemyError

from tipline import security
from tipline.blobs import BlobStore
from tipline.cli.common import cli_config, database_error
from tipline.db import Database
from tipline.worker.jobs import JOBS
from tipline.worker.runner import Worker


@click.command("worker")
@click.option("--once", is_flag=True, help="Run the jobs that are due, once, then exit.")
@click.option(
    "--job",
    "job_names",
    multiple=True,
    type=click.Choice(list(JOBS)),
    help="Run this job now, whatever its schedule (repeatable; implies --once).",
)
def worker_command(once: bool, job_names: tuple[str, ...]) -> None:
    """Run notifications, session purges, blob sweeps, retention and checks on schedule."""
    config = cli_config()
    security.configure_logging(config["LOG_LEVEL"])
    # BEGIN IMMEDIATE on SQLite, as the apps do (tipline.db): the jobs read
    # and then write while the intake writes too.
    database = Database(config["DATABASE_URL"], immediate=True)
    worker = Worker(config, database, BlobStore(config["BLOB_DIR"]))
    try:
        if not (once or job_names):
            worker.install_signal_handlers()
            worker.run_forever()
            return
        worker.prepare()
        results = worker.run_due(job_names or None, force=bool(job_names))
    except SQLAlchemyError as exc:
        raise database_error(exc) from exc
    finally:
        database.engine.dispose()
    for name in job_names or worker.enabled:
        result = results.get(name)
        if result is None:
            click.echo(f"{name}: not run (not due, or another worker has it)")
        else:
            click.echo(f"{name}: {'ok' if result.ok else 'FAILED'}: {result.summary}")
    failed = [name for name, result in results.items() if not result.ok]
    if failed:
        raise click.ClickException(f"{len(failed)} job(s) failed: {', '.join(failed)}")
