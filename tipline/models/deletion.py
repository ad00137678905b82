"""A reviewer's request to delete one tip, waiting for a second person.

Deleting a tip by hand cannot be undone, so it takes two people: one asks
(this row), and an admin or another reviewer approves, which deletes the tip
through tipline.deletion.service. The row says only which tip, who asked and
when; it goes with the tip (cascade) or when the request is withdrawn.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tipline.models.base import Base, utcnow
from tipline.models.user import User


class DeletionRequest(Base):
    __tablename__ = "deletion_requests"

    # One open request per tip.
    tip_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("tips.id", ondelete="CASCADE"), primary_key=True
    )
    requested_by_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    requested_at: Mapped[datetime] = mapped_column(default=utcnow)

    requested_by: Mapped[User] = relationship(lazy="joined")

    def __repr__(self) -> str:
        return f"<DeletionRequest tip={self.tip_id} by={self.requested_by_id}>"
