"""``tipline maintenance``: session purge, blob sweep, instance check.

The CLI tests write the shared test config into the instance folder and run
the commands on the test's rolled-back session (so they run on SQLite and
PostgreSQL alike): ``database_session`` in the CLI module yields ``db_session``.
"""

from __future__ import annotations

import os
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from tests.factories import make_tip
from tests.helpers import run_on_session, use_instance_config
from tipline import audit
from tipline.blobs import BlobStore
from tipline.cli import cli
from tipline.config import DEFAULTS
from tipline.maintenance import (
    check_instance,
    find_stale_blobs,
    purge_sessions,
    referenced_blob_ids,
)
from tipline.migrate import MIGRATIONS_DIR
from tipline.models import AuditEvent, Message, ReviewSession, SourceSession, Tip, User
from tipline.models.base import coarse_now, utcnow

OLD_HOURS = 48


@pytest.fixture
def store(base_config: dict[str, Any]) -> BlobStore:
    return BlobStore(base_config["BLOB_DIR"])


@pytest.fixture
def run(
    cli_runner: Any,
    base_config: dict[str, Any],
    instance_dir: Path,
    db_session: Session,
    monkeypatch: pytest.MonkeyPatch,
) -> Any:
    """Invoke ``tipline maintenance ...`` against the test's session."""
    use_instance_config(instance_dir, base_config)
    run_on_session(monkeypatch, "tipline.cli.maintenance", db_session)

    def invoke(*args: str) -> Any:
        return cli_runner.invoke(cli, ["maintenance", *args])

    return invoke


def _user(session: Session) -> User:
    user = User(
        username=f"maint-{os.urandom(4).hex()}",
        role="reviewer",
        password_salt=b"s" * 32,
        password_verifier=b"v" * 32,
        kdf_memory_kib=64,
        kdf_iterations=1,
        kdf_lanes=1,
    )
    session.add(user)
    session.flush()
    return user


def _age(path: Path, hours: float) -> None:
    at = time.time() - hours * 3600
    os.utime(path, (at, at))


def _blob_path(store: BlobStore, blob_id: str) -> Path:
    return store.root / blob_id[:2] / blob_id


def _stamp(session: Session, revision: str) -> None:
    MigrationContext.configure(session.connection()).stamp(
        ScriptDirectory(str(MIGRATIONS_DIR)), revision
    )


# -- purge-sessions ----------------------------------------------------------


def _sessions(session: Session, store: BlobStore, recipients: list[Any]) -> dict[str, str]:
    """Review and source sessions, live and expired; returns name -> id_hash."""
    now = utcnow()
    user = _user(session)
    review = {
        "live": ("active", now - timedelta(minutes=5), now - timedelta(minutes=1)),
        "idle": ("active", now - timedelta(hours=2), now - timedelta(hours=1)),
        "too_old": ("active", now - timedelta(hours=13), now - timedelta(minutes=1)),
        "pending_old": ("totp", now - timedelta(minutes=20), now - timedelta(minutes=20)),
        "pending_new": ("totp", now - timedelta(minutes=2), now - timedelta(minutes=2)),
    }
    ids: dict[str, str] = {}
    for name, (stage, created, seen) in review.items():
        ids[name] = os.urandom(32).hex()
        session.add(
            ReviewSession(
                id_hash=ids[name],
                user_id=user.id,
                stage=stage,
                created_at=created,
                last_seen_at=seen,
                totp_failures=0,
            )
        )
    tip, _ = make_tip(session, store, recipients)
    # A source session's row keeps only the hour it surely ends by; its idle
    # deadline is in the source's cookie.
    source = {
        "source_live": now + timedelta(hours=2),
        "source_over": now - timedelta(minutes=1),
    }
    for name, absolute in source.items():
        ids[name] = os.urandom(32).hex()
        session.add(
            SourceSession(
                id_hash=ids[name],
                tip_id=tip.id,
                sealed_identity=b"sealed",
                expires_at=absolute,
            )
        )
    session.flush()
    return ids


def _remaining(session: Session) -> set[str]:
    hashes = set(session.scalars(select(ReviewSession.id_hash)))
    return hashes | set(session.scalars(select(SourceSession.id_hash)))


def test_purge_sessions_deletes_only_expired(db_session, store, recipients, base_config):
    ids = _sessions(db_session, store, recipients)
    purged = purge_sessions(db_session, {**DEFAULTS, **base_config})
    assert (purged.review, purged.source) == (3, 1)
    assert _remaining(db_session) >= {ids["live"], ids["pending_new"], ids["source_live"]}
    gone = {ids[name] for name in ("idle", "too_old", "pending_old", "source_over")}
    assert not _remaining(db_session) & gone


def test_purge_sessions_command_prints_counts(run, db_session, store, recipients):
    ids = _sessions(db_session, store, recipients)
    result = run("purge-sessions")
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "Purged 3 review session(s) and 1 source session(s)."
    assert ids["live"] in _remaining(db_session)
    assert run("purge-sessions").output.startswith("Purged 0 review session(s) and 0 source")


def test_commands_fail_in_one_line_without_config(cli_runner, instance_dir):
    result = cli_runner.invoke(cli, ["maintenance", "purge-sessions"])
    assert result.exit_code != 0
    assert len(result.output.strip().splitlines()) == 1
    assert result.output.startswith("Error: configuration:")


# -- sweep-blobs -------------------------------------------------------------


def _blob_zoo(session: Session, store: BlobStore, recipients: list[Any]) -> dict[str, Any]:
    """Referenced blobs (tip body, attachment, message), orphans and partials."""
    tip, _ = make_tip(session, store, recipients, files=[("a.txt", b"attached file")])
    message = Message(
        tip_id=tip.id,
        seq=1,
        author="source",
        sent_at=coarse_now(),
        body_blob=store.put(b"sealed message"),
        size_bucket=1,
    )
    session.add(message)
    session.flush()
    referenced = {tip.body_blob, tip.attachments[0].blob_id, message.body_blob}
    old_orphan, young_orphan = store.put(b"old orphan"), store.put(b"young orphan")
    for blob_id in (*referenced, old_orphan):
        _age(_blob_path(store, blob_id), OLD_HOURS)
    tmp_dir = store.root / "tmp"
    old_partial, young_partial = tmp_dir / "partial-old", tmp_dir / "partial-new"
    old_partial.write_bytes(b"half an upload")
    young_partial.write_bytes(b"an upload in flight")
    _age(old_partial, OLD_HOURS)
    return {
        "referenced": referenced,
        "old_orphan": old_orphan,
        "young_orphan": young_orphan,
        "old_partial": old_partial,
        "young_partial": young_partial,
    }


def test_referenced_blob_ids_cover_every_blob_column(db_session, store, recipients):
    zoo = _blob_zoo(db_session, store, recipients)
    assert zoo["referenced"] <= referenced_blob_ids(db_session)
    assert zoo["old_orphan"] not in referenced_blob_ids(db_session)


def test_find_stale_blobs_skips_referenced_and_young(db_session, store, recipients):
    zoo = _blob_zoo(db_session, store, recipients)
    sweep = find_stale_blobs(db_session, store, 24 * 3600)
    assert sweep.orphans == [zoo["old_orphan"]]
    assert sweep.partials == [zoo["old_partial"]]
    # A zero threshold makes the young ones stale too, never the referenced.
    everything = find_stale_blobs(db_session, store, 0, now=time.time() + 1)
    assert set(everything.orphans) == {zoo["old_orphan"], zoo["young_orphan"]}
    assert len(everything.partials) == 2


def test_sweep_dry_run_deletes_nothing(run, db_session, store, recipients):
    zoo = _blob_zoo(db_session, store, recipients)
    before = set(store.ids())
    result = run("sweep-blobs")
    assert result.exit_code == 0, result.output
    assert f"orphan {zoo['old_orphan']}" in result.output
    assert "Would delete (dry run; add --delete): 1 partial file(s), 1 orphaned blob(s)." in (
        result.output
    )
    assert b"old orphan" not in result.stdout_bytes
    assert set(store.ids()) == before
    assert zoo["old_partial"].exists() and zoo["young_partial"].exists()


def test_sweep_delete_removes_only_old_orphans(run, db_session, store, recipients):
    zoo = _blob_zoo(db_session, store, recipients)
    result = run("sweep-blobs", "--delete", "--older-than-hours", "24")
    assert result.exit_code == 0, result.output
    assert "Deleted: 1 partial file(s), 1 orphaned blob(s)." in result.output
    assert set(store.ids()) == zoo["referenced"] | {zoo["young_orphan"]}
    assert not zoo["old_partial"].exists() and zoo["young_partial"].exists()
    assert "0 partial file(s), 0 orphaned blob(s)" in run("sweep-blobs", "--delete").output


def test_sweep_rejects_a_negative_threshold(run):
    result = run("sweep-blobs", "--older-than-hours", "-1")
    assert result.exit_code != 0


# -- check -------------------------------------------------------------------


def _healthy(session: Session, store: BlobStore, recipients: list[Any]) -> Tip:
    tip, _ = make_tip(session, store, recipients, files=[("a.txt", b"attached file")])
    audit.record(session, actor=None, action="tip.view", object_type="tip", object_id=tip.id)
    audit.record(session, actor=None, action="tip.tag", object_type="tip", object_id=tip.id)
    _stamp(session, "head")
    session.flush()
    return tip


def test_check_passes_on_a_healthy_instance(run, db_session, store, recipients, keys_dir):
    _healthy(db_session, store, recipients)
    outcome = check_instance(db_session, store, keys_dir)
    assert outcome.ok, outcome.problems
    assert outcome.missing_blobs == 0 and outcome.referenced_blobs >= 2
    result = run("check")
    assert result.exit_code == 0, result.output
    assert "All checks passed." in result.output


def test_check_fails_on_a_tampered_audit_row(run, db_session, store, recipients):
    _healthy(db_session, store, recipients)
    first = db_session.scalars(select(AuditEvent.seq).order_by(AuditEvent.seq.desc())).first()
    db_session.execute(
        update(AuditEvent).where(AuditEvent.seq == first).values(action="tip.download")
    )
    result = run("check")
    assert result.exit_code != 0
    assert "Problem: audit log is broken" in result.output
    assert result.output.strip().endswith("Error: 1 problem(s) found")


def test_check_fails_on_a_missing_blob(run, db_session, store, recipients):
    tip = _healthy(db_session, store, recipients)
    store.delete(tip.attachments[0].blob_id)
    result = run("check")
    assert result.exit_code != 0
    assert "Problem: 1 referenced blob(s) are missing" in result.output


def test_check_fails_on_an_unmigrated_database_and_missing_keys(
    db_session, store, recipients, tmp_path
):
    _healthy(db_session, store, recipients)
    _stamp(db_session, "base")
    outcome = check_instance(db_session, store, tmp_path / "no-keys")
    assert not outcome.ok
    assert outcome.revision is None
    assert any(problem.startswith("database is at revision none") for problem in outcome.problems)
    assert any(problem.startswith("keys:") for problem in outcome.problems)


def test_every_blob_id_column_is_known_to_the_sweep():
    """A blob column missing from BLOB_COLUMNS would make its blobs look orphaned."""
    from tipline.maintenance import BLOB_COLUMNS
    from tipline.models import Base

    known = {(column.class_.__tablename__, column.key) for column in BLOB_COLUMNS}
    blob_like = {
        (table.name, column.name)
        for table in Base.metadata.tables.values()
        for column in table.columns
        if "blob" in column.name and str(column.type).startswith(("VARCHAR", "CHAR", "TEXT"))
    }
    assert blob_like <= known, (
        f"add these to tipline.models.blob_columns.BLOB_COLUMNS: {blob_like - known}"
    )


# -- settle-blobs ------------------------------------------------------------


def test_settle_blobs_rewrites_only_past_hours(run, store, monkeypatch):
    young = store.put(b"sealed this hour")
    assert run("settle-blobs").output.strip() == "Settled 0 blob(s)."
    real = time.time
    monkeypatch.setattr("tipline.blobs.time.time", lambda: real() + 3600)
    result = run("settle-blobs")
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "Settled 1 blob(s)."
    assert store.read(young) == b"sealed this hour"
