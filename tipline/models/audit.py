"""The hash-chained audit log.

Each :class:`AuditEvent` records who did what to which object and when, never
content. Its ``hash`` covers the previous row's hash and its own fields, so an
edited, deleted or reordered row breaks the chain (tipline.audit.verify). The
single :class:`AuditHead` row holds the last sequence number and hash; writers
update it in the same transaction, which serializes them across processes (a
row lock on PostgreSQL, the write lock on SQLite).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from tipline.models.base import Base

GENESIS_HASH = "0" * 64


class AuditEvent(Base):
    __tablename__ = "audit_events"

    # Assigned from AuditHead, not by the database: gaps are tampering.
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    at: Mapped[datetime] = mapped_column(index=True)
    # No foreign key: the log must outlive whatever it mentions.
    actor_id: Mapped[str | None] = mapped_column(String(32))
    actor_name: Mapped[str | None] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(64))
    object_type: Mapped[str | None] = mapped_column(String(32))
    object_id: Mapped[str | None] = mapped_column(String(64))
    # Counts only, as compact JSON ({"attachments": 2, "messages": 5}): what a
    # deletion removed, say. Never content (tipline.audit.record takes ints).
    detail: Mapped[str | None] = mapped_column(String(255))
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))

    __table_args__ = (
        Index("ix_audit_events_actor", "actor_id", "seq"),
        Index("ix_audit_events_object", "object_type", "object_id", "seq"),
    )


class AuditHead(Base):
    """Exactly one row (id 1): the chain's tip."""

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    seq: Mapped[int] = mapped_column(BigInteger, default=0)
    last_hash: Mapped[str] = mapped_column(String(64), default=GENESIS_HASH)
