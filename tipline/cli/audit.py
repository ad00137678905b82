"""``tipline audit verify``: check the audit log's hash chain."""

from __future__ import annotations

import click

from tipline import audit
from tipline.cli.common import cli_config, database_session


@click.group("audit")
def audit_group() -> None:
    """Inspect the audit log."""


@audit_group.command("verify")
def verify_command() -> None:
    """Walk the whole chain; report the first edited, deleted or reordered row.

    Exits non-zero if the chain is broken. The printed head hash can be kept
    elsewhere (on paper) to detect a later rewrite of the whole log.
    """
    config = cli_config()
    with database_session(config) as session:
        result = audit.verify(session)
    if not result.ok:
        raise click.ClickException(f"audit log is broken: {result.problem}")
    click.echo(f"Audit log intact: {result.checked} events; head {result.head_hash}")
