"""Retention periods an admin set on the upkeep page, one row per policy.

A policy without a row follows the configuration (``RETENTION_*_DAYS``);
a row overrides it, and ``days`` None in a row means "keep forever" even if
the configuration says otherwise (tipline.retention.policy). Only numbers
and who set them are stored.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from tipline.models.base import Base, utcnow

# Tips marked spam; closed tips (not in an open case); conversations gone silent.
RETENTION_POLICIES = ("spam", "closed", "silent")
# The longest retention period anyone may set: a hundred years.
MAX_RETENTION_DAYS = 36500


class RetentionSetting(Base):
    __tablename__ = "retention_settings"

    policy: Mapped[str] = mapped_column(String(16), primary_key=True)
    days: Mapped[int | None]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_by_id: Mapped[str | None] = mapped_column(
        String(32), ForeignKey("users.id", ondelete="SET NULL")
    )

    __table_args__ = (
        CheckConstraint("policy IN ('spam', 'closed', 'silent')", name="policy"),
        CheckConstraint("days IS NULL OR days > 0", name="days"),
    )
