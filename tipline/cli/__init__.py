"""The ``tipline`` command: one click group, one module per command.

Subcommands are loaded lazily. :data:`COMMANDS` maps each command name to the
module and attribute that define it, and a module is imported only when its
command runs (or when ``tipline --help`` lists every command with its help
line). So ``tipline age -e`` loads click and the age code, not Flask,
SQLAlchemy or Alembic, and starts as fast as a small script.

To add a command: write ``tipline/cli/<name>.py`` defining one click command
or group, then add one line to :data:`COMMANDS` (docs/development.md, "Adding
a command"). Nothing else imports it.

The same commands are on the review app's Flask CLI (``flask --app
tipline.review tipline ...``) through the ``flask.commands`` entry point in
setup.cfg: the CLI registers itself there, so the web apps import nothing of
it.

Every command turns expected failures into a one-line ``Error: ...`` and a
non-zero exit (click's ``ClickException``), never a traceback.
"""

from __future__ import annotations

import gc
import importlib
from types import ModuleType

import click

#: Command name -> "module:attribute" of its click command or group.
COMMANDS: dict[str, str] = {
    "init": "tipline.cli.initialize:init_command",
    "serve": "tipline.cli.serve:serve_command",
    "users": "tipline.cli.users:users_group",
    "keys": "tipline.cli.keys:keys_group",
    "audit": "tipline.cli.audit:audit_group",
    "maintenance": "tipline.cli.maintenance:maintenance_group",
    "backup": "tipline.cli.backup:backup_group",
    "safe-copy": "tipline.cli.safe_copy:safe_copy_command",
    "age": "tipline.cli.age:age_command",
    "age-keygen": "tipline.cli.age:age_keygen_command",
    "worker": "tipline.cli.worker:worker_command",
    "doctor": "tipline.cli.doctor:doctor_command",
}


def import_quietly(name: str) -> ModuleType:
    """Import ``name`` with the cyclic garbage collector paused.

    A command's imports (SQLAlchemy and the models, for most) create tens of
    thousands of objects that all live until the command ends; every 700 of
    them the collector would walk the young ones, and now and then all of
    them, finding nothing to free. Paused, start-up costs about a sixth less
    CPU time (bench/backup.py prints it).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return importlib.import_module(name)
    finally:
        if was_enabled:
            gc.enable()


class LazyGroup(click.Group):
    """A click group that imports a subcommand's module only when it is used."""

    def __init__(self, *args: object, lazy: dict[str, str], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.lazy = lazy

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = self.lazy.get(cmd_name)
        if target is None:
            return super().get_command(ctx, cmd_name)
        module_name, attribute = target.split(":")
        command = getattr(import_quietly(module_name), attribute)
        if not isinstance(command, click.Command):
            raise TypeError(f"{target} is not a click command")
        return command


@click.group(cls=LazyGroup, lazy=COMMANDS)
@click.version_option(package_name="tipline")
def cli() -> None:
    """tipline: a secure anonymous tip line with case tracking.

    The instance folder is $TIPLINE_INSTANCE (default ./instance) and the keys
    folder is $TIPLINE_KEYS (default ./keys).
    """


def main() -> None:
    cli(prog_name="tipline")
