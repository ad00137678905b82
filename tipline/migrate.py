"""Alembic, driven from code: ``tipline init`` and tests call these.

The migration scripts live in ``tipline/migrations`` inside the package, so an
installed tipline can upgrade its database without the source tree.

Alembic is imported only by the functions that run or read migration
scripts: :func:`current_revision` reads Alembic's version table with plain
SQL, so a command that only needs to know the revision (``tipline backup
create``) starts without loading Alembic.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, column, inspect, select, table

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# Alembic's own bookkeeping table (alembic.runtime.migration's defaults).
VERSION_TABLE = table("alembic_version", column("version_num"))


def alembic_config(engine: Engine) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    # env.py uses this engine instead of building one from a URL string, so
    # passwords in URLs never pass through Alembic's config interpolation.
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    from alembic import command

    command.upgrade(alembic_config(engine), revision)


def downgrade(engine: Engine, revision: str = "base") -> None:
    from alembic import command

    command.downgrade(alembic_config(engine), revision)


def head_revision() -> str | None:
    """The newest revision among the packaged migration scripts."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory(str(MIGRATIONS_DIR)).get_current_head()


def current_revision(connection: Connection) -> str | None:
    """The revision the database is stamped with; None if it was never migrated."""
    if not inspect(connection).has_table(VERSION_TABLE.name):
        return None
    revisions = list(connection.scalars(select(VERSION_TABLE.c.version_num)))
    if len(revisions) > 1:
        # Alembic refuses this too: a database at two heads needs a merge.
        raise RuntimeError(f"the database is stamped with several revisions: {revisions}")
    return revisions[0] if revisions else None
