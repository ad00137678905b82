"""A key holder's wrapped copy of the organization identity.

One row per admin or reviewer: the identity string sealed (age) to an X25519
recipient derived from the holder's password *and* the instance secret
(tipline.accounts.passwords). Organizers never have a row. Disabling an
account deletes its row; a password change replaces it.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from tipline.models.base import Base, utcnow


class WrappedKey(Base):
    __tablename__ = "wrapped_keys"

    user_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    sealed_identity: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
