"""Restoring a backup into an empty instance, all or nothing.

Everything is staged first: the instance files, keys and blobs go into
hidden folders beside their targets (``.instance.restoring-XXXX``), a SQLite
database into the staged instance folder, PostgreSQL rows into one open
transaction. Only when the whole backup has been read and every part matched
its manifest (reader.py) is the transaction committed and each staged folder
renamed into place. A failure at any point before that removes what was
staged and leaves the targets as they were; a restore killed outright leaves
only hidden staging folders, which the next restore removes.

The target is the configuration the restored instance will run with: the
backup's ``config.py`` read from the staging folder, overridden by
``TIPLINE_*`` variables as always (the CLI hands in tipline.config's loader
and tipline.db's engine factory, so this module needs no Flask). So restoring
a SQLite instance onto PostgreSQL is a matter of setting
``TIPLINE_DATABASE_URL``.

A non-empty target (an instance, key or blob folder with files in it, or a
database with rows) is refused unless ``force``; with it, folders are moved
aside (``<name>.before-restore-<time>``), never deleted, and the database's
rows are deleted in the same transaction that loads the backup's.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine
from sqlalchemy.orm import Session

from tipline import audit, migrate
from tipline.atomic import sync_folder, sync_tree
from tipline.backup import BackupError, tables
from tipline.backup.manifest import HashingReader
from tipline.backup.reader import BackupReader, Part
from tipline.blobs import BlobStore

STAGING_MARK = ".restoring-"
ConfigLoader = Callable[[Path], Mapping[str, Any]]


@dataclass(frozen=True)
class RestoreSummary:
    rows: int
    blobs: int
    files: int
    dialect: str
    moved_aside: tuple[Path, ...]


def _staging_path(final: Path, token: str) -> Path:
    return final.with_name(f".{final.name}{STAGING_MARK}{token}")


def _is_empty_dir(path: Path) -> bool:
    return not path.exists() or (path.is_dir() and not any(path.iterdir()))


def _remove_leftovers(final: Path) -> None:
    """Staging folders of earlier restores that were killed before moving in."""
    if final.parent.is_dir():
        for stale in final.parent.glob(f".{final.name}{STAGING_MARK}*"):
            shutil.rmtree(stale, ignore_errors=True)


@dataclass
class _Folder:
    """A target folder and its staging twin."""

    final: Path
    stage: Path
    # Inside another staged folder (keys kept in the instance folder, say):
    # it moves in with that one.
    nested: bool = False

    def write(self, relative: str, stream: HashingReader) -> None:
        path = self.stage / relative
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            stream.copy_to(handle)
        # fsynced with everything else before the commit (_Restore.sync).


@dataclass(frozen=True)
class Target:
    """Where a restore goes, and how to reach it (the CLI supplies the loaders)."""

    instance: Path
    # Reads the settings the restored instance will run with from the staged
    # config.py (tipline.config.load_config, with TIPLINE_* as always).
    load_config: ConfigLoader
    # tipline.db.make_engine: the pragmas and transaction handling tipline uses.
    make_engine: Callable[[str], Engine]
    force: bool = False


@dataclass
class _Restore:
    target: Target
    token: str = field(default_factory=lambda: secrets.token_hex(4))
    folders: dict[str, _Folder] = field(default_factory=dict)
    config: Mapping[str, Any] | None = None
    engine: Engine | None = None
    connection: Connection | None = None
    blobs: BlobStore | None = None
    sqlite_stage: Path | None = None
    sqlite_final: Path | None = None
    counts: dict[str, int] = field(default_factory=lambda: {"rows": 0, "blobs": 0, "files": 0})

    def folder(self, name: str, final: Path) -> _Folder:
        if name not in self.folders:
            final = final.resolve()
            if not self.force and not _is_empty_dir(final):
                raise BackupError(f"{final} is not empty; restore into an empty one or use --force")
            stage = self.staged(final)
            nested = stage.name != _staging_path(final, self.token).name
            if not nested:
                _remove_leftovers(final)
            stage.mkdir(parents=True, exist_ok=nested, mode=0o700)
            self.folders[name] = _Folder(final, stage, nested)
        return self.folders[name]

    def staged(self, final: Path) -> Path:
        """Where ``final`` goes while staging: inside a staged folder, or beside it."""
        for folder in self.folders.values():
            if not folder.nested and (final == folder.final or folder.final in final.parents):
                return folder.stage / final.relative_to(folder.final)
        return _staging_path(final, self.token)

    def take(self, part: Part) -> None:
        if part.kind == "instance":
            self.folder("instance", self.instance).write(part.name.split("/", 1)[1], part.stream)
            self.counts["files"] += 1
            return
        if part.kind == "header":
            self.folder("instance", self.instance)
            return
        config = self._configure()
        if part.kind == "keys":
            keys = self.folder("keys", Path(config["KEYS_DIR"]))
            keys.write(part.name.split("/", 1)[1], part.stream)
            self.counts["files"] += 1
        elif part.kind == "database":
            table, rows = tables.parse_chunk(part.data)
            tables.load(self._database(), table, rows)
            self.counts["rows"] += len(rows)
        elif part.kind == "blobs":
            store = self._blob_store(config)
            with store.writer(part.name.split("/", 1)[1], sync=False) as (_, handle):
                part.stream.copy_to(handle)
            self.counts["blobs"] += 1

    @property
    def instance(self) -> Path:
        return self.target.instance

    @property
    def force(self) -> bool:
        return self.target.force

    def _configure(self) -> Mapping[str, Any]:
        if self.config is None:
            self.config = self.target.load_config(self.folders["instance"].stage / "config.py")
        return self.config

    def _blob_store(self, config: Mapping[str, Any]) -> BlobStore:
        if self.blobs is None:
            self.blobs = BlobStore(self.folder("blobs", Path(config["BLOB_DIR"])).stage)
        return self.blobs

    def _database(self) -> Connection:
        if self.connection is not None:
            return self.connection
        url = str(self._configure()["DATABASE_URL"])
        if url.startswith("sqlite:///"):
            final = Path(url.removeprefix("sqlite:///")).resolve()
            if final.exists() and not self.force:
                raise BackupError(f"{final} exists; restore into an empty instance, or use --force")
            self.sqlite_final, self.sqlite_stage = final, self.staged(final)
            self.sqlite_stage.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            url = f"sqlite:///{self.sqlite_stage}"
        self.engine = self.target.make_engine(url)
        self._prepare_schema(self.engine)
        self.connection = self.engine.connect()
        self.connection.begin()
        if self.force:
            tables.clear(self.connection)
        return self.connection

    def _prepare_schema(self, engine: Engine) -> None:
        with engine.connect() as connection:
            if not tables.is_empty(connection) and not self.force:
                raise BackupError(
                    "the target database already holds data; restore into an empty one, "
                    "or use --force"
                )
            revision = migrate.current_revision(connection)
        if revision is None:
            migrate.upgrade(engine)
        elif revision != migrate.head_revision():
            raise BackupError(f"the target database is at revision {revision}, not the head")

    def commit(self, backup_id: str) -> None:
        connection = self._database()
        tables.reset_sequences(connection)
        with Session(bind=connection) as session:
            audit.record(
                session,
                actor=None,
                action="backup.restored",
                object_type="backup",
                object_id=backup_id,
            )
            session.flush()
        connection.commit()
        connection.close()
        self.connection = None

    def sync(self) -> None:
        """Make every staged file and folder durable before the database commits.

        Files are written without an fsync each (thousands of blobs), then
        fsynced here one by one with their folders: only this restore's
        files are flushed, not the whole machine's dirty pages (``os.sync``).
        """
        for folder in self.folders.values():
            if not folder.nested:
                sync_tree(folder.stage)
        if self.sqlite_stage is not None:
            sync_folder(self.sqlite_stage.parent)  # SQLite syncs the file itself

    def move_in(self) -> tuple[Path, ...]:
        aside: list[Path] = []
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
        moves = [(f.stage, f.final) for f in self.folders.values() if not f.nested]
        staged, final_db = self.sqlite_stage, self.sqlite_final
        outside = staged is not None and not any(
            f.stage in staged.parents for f in self.folders.values()
        )
        if staged is not None and final_db is not None and outside:
            moves.append((staged, final_db))
        for stage, final in moves:
            if final.is_dir() and not any(final.iterdir()):
                final.rmdir()
            elif final.exists():
                moved = final.with_name(f"{final.name}.before-restore-{stamp}")
                os.rename(final, moved)
                aside.append(moved)
            os.rename(stage, final)
        for parent in {final.parent for _stage, final in moves}:
            sync_folder(parent)  # the renames themselves
        return tuple(aside)

    def abandon(self) -> None:
        if self.connection is not None:
            with contextlib.suppress(Exception):
                self.connection.rollback()
                self.connection.close()
        if self.engine is not None:
            self.engine.dispose()
        for folder in self.folders.values():
            if not folder.nested:
                shutil.rmtree(folder.stage, ignore_errors=True)
        if self.sqlite_stage is not None:
            for suffix in ("", "-wal", "-shm", "-journal"):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(f"{self.sqlite_stage}{suffix}")


def restore(reader: BackupReader, target: Target, backup_name: str = "") -> RestoreSummary:
    """Restore what ``reader`` reads into the target instance and the folders its config names.

    ``backup_name`` (the backup id) goes into the ``backup.restored`` audit event.
    """
    job = _Restore(
        Target(target.instance.resolve(), target.load_config, target.make_engine, target.force)
    )
    try:
        for part in reader.parts():
            job.take(part)
        if job.config is None or job.connection is None:
            raise BackupError("the backup holds no database")
        dialect = job.connection.dialect.name
        job.sync()
        job.commit(backup_name)
    except BaseException:
        job.abandon()
        raise
    if job.engine is not None:
        job.engine.dispose()
    aside = job.move_in()
    return RestoreSummary(
        rows=job.counts["rows"],
        blobs=job.counts["blobs"],
        files=job.counts["files"],
        dialect=dialect,
        moved_aside=aside,
    )
