"""Regenerate the single initial Alembic migration from the models.

Only while tipline has never been released: once a database exists in the
wild, write new revisions instead (``alembic revision --autogenerate``).
Usage: python tools/regen_initial_migration.py
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from alembic import command

from tipline.db import make_engine
from tipline.migrate import MIGRATIONS_DIR, alembic_config


def main() -> None:
    for old in (MIGRATIONS_DIR / "versions").glob("*.py"):
        old.unlink()
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{Path(tmp) / 'empty.sqlite3'}")
        command.revision(
            alembic_config(engine),
            message="initial schema",
            autogenerate=True,
            rev_id="0001",
        )


if __name__ == "__main__":
    main()
