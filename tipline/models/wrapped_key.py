"""A key holder's wrapped copy of the organization identity.

One row per admin or reviewer: the identity string sealed (age) to an X25519
recipient derived from the holder's password *and* the instance secret
(tipline.accounts.passwords). Organizers never have a row. Disabling an
account deletes its row; a password change replaces it.

The row also keeps that X25519 recipient (the public half: it opens nothing)
and an HMAC of it under the instance secret. Key rotation seals the new
organization key to it, so every holder's copy is re-made without their
password; the HMAC stops someone who can write to the database, but does not
hold the instance secret, from slipping in a recipient of their own.
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
    wrap_recipient: Mapped[str] = mapped_column(String(128))
    wrap_mac: Mapped[bytes] = mapped_column(LargeBinary(32))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
