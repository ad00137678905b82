"""The tip-deletion service: every row under a tip goes, blobs after commit, audit counts.

Runs on SQLite and PostgreSQL. The guard tests at the end fail when a new
table or blob column hangs off tips and the service does not handle it.
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Table, func, select
from sqlalchemy.orm import Session

from tipline import audit
from tipline.blobs import BlobStore
from tipline.deletion.service import (
    BLOB_TABLES,
    HANDLED_TABLES,
    KEPT_TABLES,
    delete_conversation,
    delete_tip,
    preview,
    unlink_blobs,
)
from tipline.maintenance import BLOB_COLUMNS, referenced_blob_ids
from tipline.models import Attachment, AuditEvent, Base, CaseEvent, SafeCopy, SharedFile, Tip, User


def _rows_for(session: Session, tip_id: str) -> dict[str, int]:
    """Rows naming ``tip_id`` in every table with a ``tip_id`` column (and tips)."""
    counts = {}
    for table in Base.metadata.sorted_tables:
        column = table.c.get("tip_id") if table.name != "tips" else table.c.id
        if column is None or table.name in KEPT_TABLES:
            continue
        counts[table.name] = int(
            session.scalar(select(func.count()).select_from(table).where(column == tip_id)) or 0
        )
    # Safe copies hang off attachments, shared files off safe copies.
    copies = select(SafeCopy.id).join(Attachment).where(Attachment.tip_id == tip_id)
    counts["safe_copies"] = len(session.scalars(copies).all())
    shared = select(func.count()).where(SharedFile.safe_copy_id.in_(copies))
    counts["shared_files"] = int(session.scalar(shared) or 0)
    return counts


def _last_event(session: Session) -> AuditEvent:
    return session.scalars(select(AuditEvent).order_by(AuditEvent.seq.desc()).limit(1)).one()


def test_delete_tip_removes_every_row_and_leaves_files_until_unlinked(
    db_session: Session, full: Any, blobs: BlobStore, reviewer_user: User
) -> None:
    made = full(in_case=True)
    before = _rows_for(db_session, made.tip.id)
    assert all(before[name] for name in ("tips", "attachments", "messages", "summaries"))
    assert before["safe_copies"] == 2 and before["shared_files"] == 2
    copy_ids = db_session.scalars(select(SafeCopy.id)).all()
    assert before["tip_tags"] and before["tip_reads"] and before["source_sessions"]
    assert before["case_tips"] == 1
    expected = preview(db_session, made.tip)

    deletion = delete_tip(db_session, made.tip, actor=reviewer_user, action="tip.delete")
    db_session.commit()

    assert set(_rows_for(db_session, made.tip.id).values()) == {0}
    assert not db_session.scalars(select(SafeCopy).where(SafeCopy.id.in_(copy_ids))).all()
    assert not db_session.scalars(select(SharedFile)).all()
    assert {k: v for k, v in deletion.counts.items()} == expected
    assert deletion.counts["attachments"] == 3 and deletion.counts["messages"] == 2
    assert deletion.counts["safe_copies"] == 2 and deletion.counts["shared_files"] == 2
    assert sorted(deletion.blob_ids) == sorted(made.blob_ids)
    # The files are still there until the caller, having committed, unlinks them.
    assert all(blobs.exists(blob_id) for blob_id in made.blob_ids)
    assert unlink_blobs(blobs, deletion.blob_ids) == len(made.blob_ids)
    assert not any(blobs.exists(blob_id) for blob_id in made.blob_ids)
    assert not set(made.blob_ids) & referenced_blob_ids(db_session)

    event = _last_event(db_session)
    assert (event.action, event.object_id, event.actor_id) == (
        "tip.delete",
        made.tip.id,
        reviewer_user.id,
    )
    assert audit.event_counts(event) == deletion.counts
    assert audit.verify(db_session).ok
    # The case stays, without the tip, and its timeline says so.
    assert made.case is not None
    kinds = db_session.scalars(
        select(CaseEvent.kind).where(
            CaseEvent.case_id == made.case.id, CaseEvent.tip_id == made.tip.id
        )
    ).all()
    assert "unlinked" in kinds


def test_a_rolled_back_deletion_keeps_rows_and_files(
    db_session: Session, full: Any, blobs: BlobStore
) -> None:
    made = full()
    db_session.commit()
    before = _rows_for(db_session, made.tip.id)
    delete_tip(db_session, made.tip, actor=None, action="retention.closed")
    db_session.rollback()
    assert _rows_for(db_session, made.tip.id) == before
    assert all(blobs.exists(blob_id) for blob_id in made.blob_ids)


def test_delete_conversation_keeps_the_tip_and_its_own_files(
    db_session: Session, full: Any
) -> None:
    made = full()
    tip_files = {a.blob_id for a in made.tip.attachments if a.message_id is None}
    deletion = delete_conversation(
        db_session, made.tip, actor=None, action="retention.conversation"
    )
    db_session.commit()
    after = _rows_for(db_session, made.tip.id)
    assert after["tips"] == 1 and after["attachments"] == 2 and after["summaries"] == 1
    assert after["safe_copies"] == 1 and after["shared_files"] == 1
    assert after["messages"] == 0 and after["source_sessions"] == 0
    assert deletion.counts == {
        "files": 1,
        "messages": 2,
        "safe_copies": 1,
        "shared_files": 1,
        "source_sessions": 1,
    }
    assert made.tip.body_blob not in deletion.blob_ids
    assert not tip_files & set(deletion.blob_ids)
    # Two message bodies, one file, its safe copy (PDF, manifest) and its shared copy.
    assert len(deletion.blob_ids) == 6
    event = _last_event(db_session)
    assert event.actor_id is None and audit.event_counts(event) == deletion.counts
    assert audit.verify(db_session).ok


def test_preview_changes_nothing(db_session: Session, full: Any) -> None:
    made = full()
    before = _rows_for(db_session, made.tip.id)
    counts = preview(db_session, made.tip)
    assert counts["attachments"] == 3 and counts["case_links"] == 0
    assert _rows_for(db_session, made.tip.id) == before
    assert db_session.get(Tip, made.tip.id) is not None


def test_audit_counts_take_whole_numbers_only(db_session: Session) -> None:
    for counts in ({"files": "a note"}, {"files": -1}, {"files": True}, {"bad name!": 1}):
        with pytest.raises(ValueError):
            audit.record(db_session, actor=None, action="tip.delete", counts=counts)  # type: ignore[dict-item]


def test_events_without_counts_hash_as_before(db_session: Session) -> None:
    audit.record(db_session, actor=None, action="tip.view", object_type="tip", object_id="x")
    event = _last_event(db_session)
    assert event.detail is None
    assert audit.canonical(event.prev_hash, event).count(b",") == 7  # eight fields, as always


# -- guards ---------------------------------------------------------------------


def _tables_under_tips() -> set[str]:
    """Tables with a foreign key to tips, or to a table that has one (transitively)."""
    tables: dict[str, Table] = dict(Base.metadata.tables)
    under = {"tips"}
    grew = True
    while grew:
        grew = False
        for name, table in tables.items():
            if name not in under and any(
                fk.column.table.name in under for fk in table.foreign_keys
            ):
                under.add(name)
                grew = True
    return under


def test_every_table_that_refers_to_tips_is_deleted_or_kept_on_purpose() -> None:
    named = {t.name for t in Base.metadata.tables.values() if "tip_id" in t.c}
    unhandled = (_tables_under_tips() | named) - HANDLED_TABLES - KEPT_TABLES
    assert not unhandled, (
        f"tables {sorted(unhandled)} refer to tips: delete their rows in "
        "tipline.deletion.service.PARTS, or add them to KEPT_TABLES with the reason"
    )


def test_every_blob_column_under_a_tip_is_collected() -> None:
    under = _tables_under_tips()
    blob_tables = {column.table.name for column in BLOB_COLUMNS}  # type: ignore[attr-defined]
    missed = (blob_tables & under) - BLOB_TABLES
    assert not missed, f"blobs in {sorted(missed)} would be orphaned: collect them in _blob_ids"
