"""Backup, wipe, restore, compare everything, on SQLite and PostgreSQL.

The backup is made with the CLI while the source instance is live; the
restore goes into an empty instance, keys folder and database, as on a new
machine. Afterwards every table holds the same rows, every blob the same
bytes, every sealed object opens with the same passphrase, the reviewer's
own password and TOTP still work, and both checks pass.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from tests.backup.conftest import (
    Databases,
    LiveInstance,
    assert_healthy,
    make_live,
    run,
    write_config,
)
from tests.backup.populate import populate, read_everything, sign_in
from tests.conftest import PG_ENV, TEST_PASSPHRASE
from tests.helpers import times_finer_than_the_hour
from tipline.backup import tables
from tipline.cases.service import add_note
from tipline.key_folder import load_identity
from tipline.models import AuditEvent, Case, User


def dump_all(instance: LiveInstance) -> dict[str, list[bytes]]:
    database = instance.database()
    try:
        with tables.snapshot(database.engine) as connection:
            return {
                table.name: [c.data for c in tables.dump(connection, table)]
                for table in tables.tables()
            }
    finally:
        database.engine.dispose()


def assert_same_rows(after: dict[str, list[bytes]], before: dict[str, list[bytes]]) -> None:
    """Every table alike, but for the audit log: a restore appends its own event."""
    assert {k: v for k, v in after.items() if not k.startswith("audit")} == {
        k: v for k, v in before.items() if not k.startswith("audit")
    }


def files_under(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "tmp" not in p.relative_to(root).parts
    }


def test_round_trip_restores_everything(
    live: LiveInstance, empty_target: LiveInstance, tmp_path: Path
) -> None:
    made = populate(live)
    runner = CliRunner()
    backup = tmp_path / "backup.age"
    result = run(runner, live, "backup", "create", "-o", str(backup))
    assert result.exit_code == 0, result.output
    assert "sealed to 1 recipient" in result.output
    assert not list(tmp_path.glob(".backup.age.partial-*"))

    verified = run(runner, live, "backup", "verify", str(backup))
    assert verified.exit_code == 0, verified.output
    assert verified.output.startswith("OK:")

    before_rows = dump_all(live)
    before_blobs = files_under(live.instance / "blobs")
    before_keys = files_under(live.keys)
    identity = load_identity(live.keys, TEST_PASSPHRASE)
    database = live.database()
    with database.session() as session:
        before_plain = read_everything(session, live.blobs, identity)
    database.engine.dispose()

    # A new machine: nothing but the backup and a copy of the identity file.
    identity_copy = tmp_path / "identity-copy.age"
    shutil.copy(live.keys / "identity.age", identity_copy)
    restored = run(runner, empty_target, "backup", "restore", str(backup), "-i", str(identity_copy))
    assert restored.exit_code == 0, restored.output
    # Restored blobs carry the hour of the restore, no finer (DESIGN.md); checked
    # first, as reading the files below with plain open() sets their access time.
    assert not times_finer_than_the_hour(empty_target.instance / "blobs")

    after_rows = dump_all(empty_target)
    # The restore adds one audit event (and bumps the chain's head row).
    assert_same_rows(after_rows, before_rows)
    assert files_under(empty_target.instance / "blobs") == before_blobs
    assert files_under(empty_target.keys) == before_keys
    assert (empty_target.instance / "config.py").read_bytes() == (
        live.instance / "config.py"
    ).read_bytes()

    database = empty_target.database()
    with database.session() as session:
        restored_identity = load_identity(empty_target.keys, TEST_PASSPHRASE)
        assert read_everything(session, empty_target.blobs, restored_identity) == before_plain
        reviewer_key = sign_in(session, empty_target.config(), made.reviewer)
        assert read_everything(session, empty_target.blobs, reviewer_key) == before_plain
        events = list(session.scalars(select(AuditEvent).order_by(AuditEvent.seq)))
        actions = [event.action for event in events]
        # Work goes on: new rows get fresh ids (PostgreSQL's sequences moved on).
        case = session.scalars(select(Case)).one()
        author = session.scalars(select(User).where(User.username == made.reviewer)).one()
        add_note(session, case, "After the restore.", actor=author, recipients=live.recipients())
        session.commit()
    database.engine.dispose()
    # "backup.created" is written once the backup is complete, after its snapshot.
    assert actions[-1] == "backup.restored"
    source = live.database()
    with source.session() as session:
        newest = session.scalars(select(AuditEvent).order_by(AuditEvent.seq.desc())).first()
    source.engine.dispose()
    assert newest is not None and newest.action == "backup.created"
    assert newest.object_id is not None and len(newest.object_id) == 16
    assert events[-1].object_id == newest.object_id  # the restore names the same backup

    assert_healthy(empty_target)


def test_restore_refuses_a_non_empty_target(
    backup: Path, live: LiveInstance, empty_target: LiveInstance
) -> None:
    runner = CliRunner()
    write_config(empty_target.instance)
    (empty_target.instance / "notes.txt").write_text("already here")
    identity = str(live.keys / "identity.age")
    refused = run(runner, empty_target, "backup", "restore", str(backup), "-i", identity)
    assert refused.exit_code == 1
    assert "is not empty" in refused.output
    assert (empty_target.instance / "notes.txt").read_text() == "already here"
    assert not list(empty_target.root.glob(".*restoring-*"))

    forced = run(runner, empty_target, "backup", "restore", str(backup), "-i", identity, "--force")
    assert forced.exit_code == 0, forced.output
    aside = list(empty_target.root.glob("instance.before-restore-*"))
    assert len(aside) == 1 and (aside[0] / "notes.txt").exists()
    assert run(runner, empty_target, "maintenance", "check").exit_code == 0


def test_restore_refuses_a_database_that_holds_data(
    backup: Path, live: LiveInstance, tmp_path: Path
) -> None:
    """Restoring onto the live instance's own database without --force changes nothing."""
    runner = CliRunner()
    other = LiveInstance(tmp_path / "other", live.database_url)
    if live.database_url.startswith("sqlite"):
        pytest.skip("a SQLite database lives in its instance folder (covered above)")
    refused = run(
        runner, other, "backup", "restore", str(backup), "-i", str(live.keys / "identity.age")
    )
    assert refused.exit_code == 1
    assert "already holds data" in refused.output
    assert not (other.root / "instance").exists()


@pytest.mark.skipif(not os.environ.get(PG_ENV), reason=f"{PG_ENV} is not set")
def test_a_sqlite_backup_restores_onto_postgresql(tmp_path: Path) -> None:
    """Moving to PostgreSQL: restore with TIPLINE_DATABASE_URL pointing at it."""
    postgres = Databases("postgresql", tmp_path)
    try:
        source = make_live(tmp_path / "small", Databases("sqlite", tmp_path).new("small"))
        populate(source)
        target = LiveInstance(tmp_path / "big", postgres.new("big"))
        runner = CliRunner()
        backup = tmp_path / "backup.age"
        assert run(runner, source, "backup", "create", "-o", str(backup)).exit_code == 0
        identity = str(source.keys / "identity.age")
        result = run(runner, target, "backup", "restore", str(backup), "-i", identity)
        assert result.exit_code == 0, result.output
        assert "(postgresql)" in result.output
        before, after = dump_all(source), dump_all(target)
        assert_same_rows(after, before)
        assert_healthy(target)
    finally:
        postgres.drop_all()


def test_many_small_parts_round_trip(
    live: LiveInstance, empty_target: LiveInstance, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Many database chunks and manifest parts: the paths a large instance takes."""
    from tipline.backup import manifest

    monkeypatch.setattr(tables, "CHUNK_BYTES", 256)
    monkeypatch.setattr(manifest, "PART_ENTRIES", 3)
    populate(live)
    runner = CliRunner()
    backup = tmp_path / "backup.age"
    assert run(runner, live, "backup", "create", "-o", str(backup)).exit_code == 0
    assert run(runner, live, "backup", "verify", str(backup)).exit_code == 0
    identity = str(live.keys / "identity.age")
    restored = run(runner, empty_target, "backup", "restore", str(backup), "-i", identity)
    assert restored.exit_code == 0, restored.output
    before, after = dump_all(live), dump_all(empty_target)
    assert_same_rows(after, before)


def test_restore_fsyncs_each_file_it_wrote_not_the_whole_machine(
    backup: Path, live: LiveInstance, empty_target: LiveInstance, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every restored file and folder is fsynced before the commit; ``os.sync`` is never called."""
    synced: set[str] = set()
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        synced.add(os.readlink(f"/proc/self/fd/{fd}"))
        real_fsync(fd)

    def no_sync() -> None:
        raise AssertionError("os.sync flushes every file system of the machine")

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "sync", no_sync)
    identity = str(live.keys / "identity.age")
    restored = run(CliRunner(), empty_target, "backup", "restore", str(backup), "-i", identity)
    assert restored.exit_code == 0, restored.output
    root = empty_target.root
    written = [p for p in root.rglob("*") if "tmp" not in p.relative_to(root).parts]
    blobs = [p for p in written if p.is_file() and "blobs" in p.parts]
    assert blobs
    # Synced under their staging names (.instance.restoring-XXXX), then renamed.
    final_names = {re.sub(r"/\.([^/]+)\.restoring-[0-9a-f]+", r"/\1", name) for name in synced}
    for path in written:
        assert str(path) in final_names, path
    assert str(empty_target.root) in synced  # the folder the renames happened in
