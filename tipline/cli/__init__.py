"""The ``tipline`` command: one click group, one module per concern.

Every command turns expected failures into a one-line ``Error: ...`` and a
non-zero exit (click's ``ClickException``), never a traceback.
"""

from __future__ import annotations

import click

from tipline.cli.audit import audit_group
from tipline.cli.initialize import init_command
from tipline.cli.keys import keys_group
from tipline.cli.maintenance import maintenance_group
from tipline.cli.serve import serve_command
from tipline.cli.users import users_group


@click.group()
@click.version_option(package_name="tipline")
def cli() -> None:
    """tipline: a secure anonymous tip line with case tracking.

    The instance folder is $TIPLINE_INSTANCE (default ./instance) and the keys
    folder is $TIPLINE_KEYS (default ./keys).
    """


cli.add_command(init_command)
cli.add_command(serve_command)
cli.add_command(users_group)
cli.add_command(keys_group)
cli.add_command(audit_group)
cli.add_command(maintenance_group)


def _register_optional() -> None:
    # Commands whose modules are built in parallel register here once present.
    from tipline.cli import age

    cli.add_command(age.age_command)
    cli.add_command(age.age_keygen_command)


_register_optional()


def main() -> None:
    cli(prog_name="tipline")
