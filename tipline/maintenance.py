"""Maintenance services behind ``tipline maintenance`` (no Flask, never commit).

- :func:`purge_sessions` deletes expired review and source sessions through
  the purges their own modules run at each sign-in, so expiry means the same
  thing everywhere.
- :func:`find_stale_blobs` / :func:`delete_stale_blobs` find and remove what
  the blob store holds for nobody: partial files in ``tmp/`` (a crash
  mid-upload) and stored blobs that no row references. Both must be older than
  a threshold, because an upload in flight writes its blobs before its row
  commits; a young orphan may be a tip arriving right now.
- :func:`check_instance` verifies the audit chain, the keys, the schema
  revision and that every referenced blob exists, and reports a key
  rotation in progress (a problem only once it has been left interrupted
  for longer than its grace period: tipline.rotation.state).

Results carry ids and counts only, never blob contents.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select, union
from sqlalchemy.orm import Session

from tipline import audit, migrate
from tipline.accounts import custody, review_sessions
from tipline.accounts.settings import AccountSettings
from tipline.blobs import BlobNotFoundError, BlobStore
from tipline.conversation import source_sessions
from tipline.key_folder import KeysError, load_recipients
from tipline.models.blob_columns import BLOB_COLUMNS
from tipline.rotation import state as rotation_state
from tipline.safecopy.sharing_key import unopenable_shared_files

DEFAULT_OLDER_THAN_HOURS = 24
NO_ROTATION = "none in progress"


@dataclass(frozen=True)
class SessionPurge:
    review: int
    source: int


def purge_sessions(
    session: Session, config: Mapping[str, Any], now: datetime | None = None
) -> SessionPurge:
    """Delete every expired review and source session; return the counts."""
    return SessionPurge(
        review=review_sessions.purge_expired(session, AccountSettings.from_config(config), now),
        source=source_sessions.purge_expired(session, now),
    )


def referenced_blob_ids(session: Session) -> set[str]:
    """Every blob id any row refers to."""
    stmt = union(*(select(column) for column in BLOB_COLUMNS))
    return {str(blob_id) for blob_id in session.scalars(stmt)}


@dataclass(frozen=True)
class BlobSweep:
    """What a sweep found (or removed): partial files and orphaned blob ids."""

    partials: list[Path] = field(default_factory=list)
    orphans: list[str] = field(default_factory=list)


def find_stale_blobs(
    session: Session, store: BlobStore, older_than_seconds: float, now: float | None = None
) -> BlobSweep:
    """Partial files and unreferenced blobs last written before the threshold."""
    cutoff = (time.time() if now is None else now) - older_than_seconds
    partials = [path for path in store.partial_files() if _mtime(path) < cutoff]
    # List the old files first and read the references second: a row that
    # commits between the two steps is then seen, so its blob is kept.
    candidates = [blob_id for blob_id in store.ids() if _blob_mtime(store, blob_id) < cutoff]
    referenced = referenced_blob_ids(session) if candidates else set()
    return BlobSweep(partials, [blob_id for blob_id in candidates if blob_id not in referenced])


def delete_stale_blobs(sweep: BlobSweep, store: BlobStore) -> None:
    """Remove what :func:`find_stale_blobs` found (already-gone files are fine)."""
    for path in sweep.partials:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
    for blob_id in sweep.orphans:
        store.delete(blob_id)


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except FileNotFoundError:  # finished or discarded meanwhile: not stale
        return float("inf")


def _blob_mtime(store: BlobStore, blob_id: str) -> float:
    try:
        return store.modified_at(blob_id)
    except BlobNotFoundError:
        return float("inf")


@dataclass(frozen=True)
class InstanceCheck:
    """The outcome of :func:`check_instance`; ``problems`` is empty when healthy."""

    audit_events: int
    recipients: int
    revision: str | None
    head: str | None
    referenced_blobs: int
    missing_blobs: int
    problems: tuple[str, ...]
    # NO_ROTATION, or what tipline.rotation.state.RotationStatus says.
    rotation: str = NO_ROTATION

    @property
    def ok(self) -> bool:
        return not self.problems


def check_instance(
    session: Session,
    store: BlobStore,
    keys_dir: str | Path,
    instance_secret: str | None = None,
    now: datetime | None = None,
) -> InstanceCheck:
    """Verify the audit chain, keys, schema revision and referenced blobs; report a rotation.

    With ``instance_secret``, also that it is the one the key holders' copies
    and the files shared with organizers were made under.
    """
    problems: list[str] = []
    verification = audit.verify(session)
    if not verification.ok:
        problems.append(f"audit log is broken: {verification.problem}")
    recipients = 0
    try:
        recipients = len(load_recipients(keys_dir))
    except KeysError as exc:
        problems.append(f"keys: {' '.join(str(exc).split())}")
    rotation = _rotation(keys_dir, now or datetime.now(UTC).replace(tzinfo=None), problems)
    revision = migrate.current_revision(session.connection())
    head = migrate.head_revision()
    if revision != head:
        problems.append(
            f"database is at revision {revision or 'none'}, the migrations' head is {head}"
        )
    referenced = referenced_blob_ids(session)
    missing = sum(1 for blob_id in referenced if not store.exists(blob_id))
    if missing:
        problems.append(f"{missing} referenced blob(s) are missing from the blob store")
    if instance_secret:
        problems += _secret_problems(session, store, instance_secret)
    return InstanceCheck(
        audit_events=verification.checked,
        recipients=recipients,
        revision=revision,
        head=head,
        referenced_blobs=len(referenced),
        missing_blobs=missing,
        problems=tuple(problems),
        rotation=rotation,
    )


def _secret_problems(session: Session, store: BlobStore, instance_secret: str) -> list[str]:
    problems = []
    see = "was INSTANCE_SECRET changed? see docs/operations.md, 'INSTANCE_SECRET'"
    copies = custody.copies_under_other_secret(session, instance_secret)
    if copies:
        problems.append(f"{copies} key holder copy(ies) do not match INSTANCE_SECRET ({see})")
    shared = unopenable_shared_files(session, store, instance_secret)
    if shared:
        problems.append(
            f"{shared} file(s) shared with organizers do not open with the sharing key ({see})"
        )
    return problems


def _rotation(keys_dir: str | Path, now: datetime, problems: list[str]) -> str:
    try:
        current = rotation_state.status(keys_dir)
    except KeysError as exc:
        problems.append(f"key rotation: {' '.join(str(exc).split())}")
        return "unknown (its state cannot be read)"
    if current is None:
        return NO_ROTATION
    if current.stalled(now):
        problems.append(current.describe(now))
        return "interrupted (see the problem below)"
    return current.describe(now)
