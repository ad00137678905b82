"""``tipline doctor``: check this deployment, one line per check, a fix for each failure.

Run it as the user the services run as, with their environment (the
worker's, for the mail password), after installing and after any change:
docs/deployment.md shows the command. It exits non-zero when a check
fails; warnings and skipped checks do not fail. The checks that read the
database still run the others first, so a broken database is one failing
line among the rest.
"""

from __future__ import annotations

import click
from sqlalchemy.exc import SQLAlchemyError

from tipline.cli.common import cli_config, database_error, database_session
from tipline.doctor import Finding, fail
from tipline.doctor.checks import Environment, database_checks, everything_ok, system_checks


@click.command("doctor")
def doctor_command() -> None:
    """Check permissions, exposure, access logs, mail, backups, the clock and the worker."""
    config = cli_config()
    env = Environment()
    findings: list[Finding] = []
    for finding in system_checks(config, env):
        findings.append(finding)
        click.echo(finding.line())
    try:
        with database_session(config) as session:
            for finding in database_checks(session, config, env):
                findings.append(finding)
                click.echo(finding.line())
    except SQLAlchemyError as exc:
        finding = fail(
            "database",
            f"cannot be read ({database_error(exc).message.removeprefix('database: ')}).",
            "check DATABASE_URL and that the database is running and migrated ('tipline init')",
        )
        findings.append(finding)
        click.echo(finding.line())
    failed = sum(1 for finding in findings if finding.failed)
    if not everything_ok(findings):
        raise click.ClickException(f"{failed} check(s) failed")
    click.echo("All checks passed.")
