"""Which reviewer has read which tip: one row per (reviewer, tip) pair.

Read state is per reviewer, so each lawyer's inbox shows what *they* have not
opened yet. No timestamp is kept: when someone opened a tip is the audit log's
business, and this table only has to answer "read or not".
"""

from __future__ import annotations

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from tipline.models.base import Base


class TipRead(Base):
    __tablename__ = "tip_reads"

    # (user_id, tip_id) is the primary key, so "unread by me" is an index probe
    # per inbox row; tip_id has its own index for cascading tip deletions.
    user_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    tip_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("tips.id", ondelete="CASCADE"), primary_key=True, index=True
    )

    def __repr__(self) -> str:
        return f"<TipRead user={self.user_id} tip={self.tip_id}>"
