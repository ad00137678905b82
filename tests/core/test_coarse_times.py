"""What a seized database and blob store say about *when* a source acted: the hour.

DESIGN.md ("What a seized server reveals about time") makes the promises
these tests check: every time a source's action leaves in a table is a whole
hour; blob files and folders carry no finer time (modification and access
times are set to the hour; reading does not update them); SQLite keeps no
row order that would give the order in which tips arrived.
"""

from __future__ import annotations

import re
import shutil
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import Connection, DateTime, Engine, select, text
from sqlalchemy.orm import Session

from tests.factories import make_tip
from tests.helpers import times_finer_than_the_hour
from tests.intake.conftest import file_part, store_of, tip_data
from tipline.blobs import BlobStore
from tipline.crypto import HybridIdentity
from tipline.models import Attachment, Base, Message, Tip

HOUR = 3600


def epoch(hour: datetime) -> int:
    return int(hour.replace(tzinfo=UTC).timestamp())


def source_visits(intake_app: Flask, intake_client: FlaskClient) -> str:
    """A source sends a tip with a file, comes back, and adds a message and a file."""
    page = intake_client.post(
        "/tip", data=tip_data(attachments=[file_part(b"%PDF-1.4 the letter")])
    ).get_data(as_text=True)
    match = re.search(r'class="receipt__phrase"[^>]*><code>([^<]+)</code>', page)
    assert match, page
    phrase = match.group(1)
    assert intake_client.post("/return", data={"phrase": phrase}).status_code == 303
    response = intake_client.post(
        "/conversation/message",
        data={
            "body": "One more thing.",
            "attachments": [file_part(b"photo", "p.jpg", "image/jpeg")],
        },
    )
    assert response.status_code == 303
    return phrase


def test_a_sources_actions_leave_only_whole_hours(
    intake_app: Flask, intake_client: FlaskClient, db_connection: Connection
) -> None:
    source_visits(intake_app, intake_client)
    found = []
    for table in Base.metadata.sorted_tables:
        for column in table.columns:
            if not isinstance(column.type, DateTime):
                continue
            for (value,) in db_connection.execute(select(column)):
                found.append((table.name, column.name, value))
                if value is not None:
                    assert (value.minute, value.second, value.microsecond) == (0, 0, 0), (
                        f"{table.name}.{column.name} = {value} is finer than the hour"
                    )
    written = {(table, column) for table, column, _ in found}
    assert {("tips", "received_hour"), ("source_sessions", "expires_at")} <= written


def test_blob_files_and_folders_carry_only_the_hour(
    intake_app: Flask, intake_client: FlaskClient, db_connection: Connection
) -> None:
    source_visits(intake_app, intake_client)
    store = store_of(intake_app)
    assert not times_finer_than_the_hour(store.root)  # first: reading sets access times
    session = Session(bind=db_connection)
    tip = session.scalars(select(Tip)).one()
    blob_ids = [tip.body_blob]
    blob_ids += list(session.scalars(select(Attachment.blob_id)))
    blob_ids += list(session.scalars(select(Message.body_blob)))
    assert len(blob_ids) == 4 and set(blob_ids) == set(store.ids())
    for blob_id in blob_ids:
        stat = (store.root / blob_id[:2] / blob_id).stat()
        assert stat.st_mtime == epoch(tip.received_hour), blob_id
        assert stat.st_atime == epoch(tip.received_hour), blob_id


def test_a_deleted_blob_leaves_its_folder_with_the_hour(tmp_path: Path) -> None:
    store = BlobStore(tmp_path / "blobs")
    first, second = store.put(b"sealed one"), store.put(b"sealed two")
    store.delete(first)
    assert not times_finer_than_the_hour(store.root)
    assert store.read(second) == b"sealed two"


def test_reading_a_blob_does_not_record_when(tmp_path: Path) -> None:
    store = BlobStore(tmp_path / "blobs")
    blob_id = store.put(b"a reply the source will read")
    path = store.root / blob_id[:2] / blob_id
    before = path.stat().st_atime
    time.sleep(0.01)
    assert store.read(blob_id) == b"a reply the source will read"
    with store.open(blob_id) as handle:
        handle.read()
    assert path.stat().st_atime == before


def test_blob_times_are_never_in_the_future(tmp_path: Path) -> None:
    store = BlobStore(tmp_path / "blobs")
    blob_id = store.put(b"sealed")
    now = time.time()
    mtime = (store.root / blob_id[:2] / blob_id).stat().st_mtime
    assert now - HOUR < mtime <= now


@pytest.fixture
def sqlite_only(database_engine: Engine) -> None:
    if database_engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL keeps rows in its heap in write order (DESIGN.md says so)")


@pytest.mark.usefixtures("sqlite_only")
def test_sqlite_keeps_no_arrival_order(
    db_session: Session, tmp_path: Path, org_identity: HybridIdentity
) -> None:
    store = BlobStore(tmp_path / "blobs")
    made = [
        make_tip(db_session, store, [org_identity.recipient()], files=[("a.txt", b"x")])[0]
        for _ in range(12)
    ]
    db_session.flush()
    for table in ("tips", "attachments", "messages", "source_sessions"):
        with pytest.raises(Exception, match="rowid"):
            db_session.execute(text(f"SELECT rowid FROM {table}")).all()
    stored = list(db_session.scalars(text("SELECT id FROM tips")))
    assert stored == sorted(tip.id for tip in made)  # key order: random, not arrival


def test_the_migration_creates_the_same_rowless_tables(tmp_path: Path) -> None:
    from tipline.db import make_engine
    from tipline.migrate import upgrade

    engine = make_engine(f"sqlite:///{tmp_path / 'migrated.sqlite3'}")
    upgrade(engine)
    with engine.connect() as connection:
        sql = dict(connection.execute(text("SELECT name, sql FROM sqlite_master")).all())
    engine.dispose()
    for table in ("tips", "attachments", "messages", "source_sessions"):
        assert sql[table].rstrip().upper().endswith("WITHOUT ROWID"), table


def test_a_spent_proof_of_work_keeps_only_the_hour(db_session: Session) -> None:
    """During a flood a source's proof is remembered until it goes stale; the
    exact deadline would give the second the source opened the form."""
    from tipline.intake.proof_of_work import spend
    from tipline.models.spent_proof import SpentProof

    spend(db_session, "v1.challenge", datetime(2099, 3, 4, 10, 17, 42))
    assert db_session.scalars(select(SpentProof.expires_at)).one() == datetime(2099, 3, 4, 11)


def an_hour_later(monkeypatch: pytest.MonkeyPatch) -> None:
    real = time.time
    monkeypatch.setattr("tipline.blobs.time.time", lambda: real() + HOUR)


def test_settling_gives_a_past_hours_blobs_fresh_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The kernel's change and birth times cannot be set; a fresh file made
    after the hour has ended carries the settling time instead of the write's."""
    store = BlobStore(tmp_path / "blobs")
    blob_id = store.put(b"sealed letter")
    path = store.root / blob_id[:2] / blob_id
    before = path.stat()
    assert store.settle() == 0  # its hour is not over yet
    an_hour_later(monkeypatch)
    started = time.time()
    assert store.settle() == 1
    after = path.stat()
    assert after.st_ino != before.st_ino  # a new inode: new change and birth times
    assert after.st_ctime >= started - HOUR  # (the clock here runs an hour ahead)
    assert (after.st_mtime, after.st_atime) == (before.st_mtime, before.st_mtime)
    assert after.st_mode & 0o777 == 0o400
    assert store.read(blob_id) == b"sealed letter"
    assert store.settle() == 0  # once only
    assert list(store.partial_files()) == []


def test_settling_never_brings_back_a_deleted_blob(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = BlobStore(tmp_path / "blobs")
    doomed, kept = store.put(b"deleted while settling"), store.put(b"kept")
    an_hour_later(monkeypatch)
    real_copy = shutil.copyfileobj

    def copy_then_delete(source: Any, target: Any, *args: Any) -> None:
        real_copy(source, target, *args)
        store.delete(doomed)  # a retention run deletes it meanwhile

    monkeypatch.setattr("tipline.blobs.shutil.copyfileobj", copy_then_delete)
    store.settle()
    assert list(store.ids()) == [kept]
    assert list(store.partial_files()) == []


def test_settling_never_undoes_a_replacement(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Key rotation (or a restore) rewrites a blob under its own id while it is
    being settled: the new contents stay, never the settling copy of the old."""
    store = BlobStore(tmp_path / "blobs")
    blob_id = store.put(b"sealed to the old key")
    an_hour_later(monkeypatch)
    real_copy = shutil.copyfileobj

    def copy_then_rotate(source: Any, target: Any, *args: Any) -> None:
        real_copy(source, target, *args)
        with store.writer(blob_id) as (_same, handle):
            handle.write(b"sealed to the new key")

    monkeypatch.setattr("tipline.blobs.shutil.copyfileobj", copy_then_rotate)
    assert store.settle() == 0
    monkeypatch.setattr("tipline.blobs.shutil.copyfileobj", real_copy)
    assert store.read(blob_id) == b"sealed to the new key"
    later = time.time() + 2 * HOUR  # (the patched clock above is already an hour on)
    monkeypatch.setattr("tipline.blobs.time.time", lambda: later)
    assert store.settle() == 1  # a later run settles the new file
    assert store.read(blob_id) == b"sealed to the new key"


def test_a_settled_blob_can_still_be_resealed_and_deleted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Settled blobs are read-only files; key rotation (and a restore) must still
    replace them, retention must still delete them, and a re-sealed blob is
    settled again on a later run."""
    store = BlobStore(tmp_path / "blobs")
    resealed, deleted = store.put(b"sealed to the old key"), store.put(b"to be deleted")
    an_hour_later(monkeypatch)
    assert store.settle() == 2
    with store.writer(resealed) as (_same, handle):
        handle.write(b"sealed to the new key")
    store.delete(deleted)
    assert store.read(resealed) == b"sealed to the new key"
    assert list(store.ids()) == [resealed]
    # Listing the store (settling above, ids() here) leaves no time on its folders.
    assert not times_finer_than_the_hour(store.root)
    later = time.time() + 2 * HOUR  # (the patched clock above is already an hour on)
    monkeypatch.setattr("tipline.blobs.time.time", lambda: later)
    assert store.settle() == 1
    assert store.read(resealed) == b"sealed to the new key"


def test_settling_excludes_rotation_and_deletion_across_descriptors(tmp_path: Path) -> None:
    """While settling swaps a file in (under the store's lock), re-sealing or
    deleting a blob waits: the lock is flock on the store's folder, which
    separate opens exclude, as separate processes would."""
    store = BlobStore(tmp_path / "blobs")
    resealed, deleted = store.put(b"old key"), store.put(b"doomed")
    done: list[str] = []

    def reseal() -> None:
        with store.writer(resealed) as (_same, handle):
            handle.write(b"new key")
        done.append("reseal")

    def delete() -> None:
        store.delete(deleted)
        done.append("delete")

    with store._swap_lock():  # what settling holds while it replaces a file
        workers = [threading.Thread(target=reseal), threading.Thread(target=delete)]
        for worker in workers:
            worker.start()
        time.sleep(0.3)
        assert done == []  # both wait for the lock
    for worker in workers:
        worker.join(timeout=10)
    assert sorted(done) == ["delete", "reseal"]
    assert store.read(resealed) == b"new key" and not store.exists(deleted)
