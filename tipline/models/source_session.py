"""A source signed in with their receipt phrase.

:class:`SourceSession` mirrors the review sessions (tipline.models.review_session):
the row holds a SHA-256 of the random session id (the id itself is in the
source's cookie), the tip, and the source's reply identity sealed to a
per-session X25519 key whose only copy is in that cookie. Neither half opens
anything alone: the cookie without the row is a random key, and the row
without the cookie is ciphertext. The phrase is in neither.

The row keeps one time: the hour by which the session has surely ended (its
absolute deadline rounded up to the hour), for purging. The deadlines to the
minute, idle and absolute, travel in the source's signed cookie; so a seized
database shows the hour a source signed in at most, never the minute, and
nothing about when they were last active. The row is deleted at sign-out,
on expiry, and by every successful sign-in's purge.
Wrong phrases are not counted anywhere (DESIGN.md, "Receipt phrases").
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from tipline.models.base import NO_ROWID, Base


class SourceSession(Base):
    __tablename__ = "source_sessions"

    id_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    tip_id: Mapped[str] = mapped_column(ForeignKey("tips.id", ondelete="CASCADE"), index=True)
    # The source's HybridIdentity string, sealed (age, X25519) to the session key.
    sealed_identity: Mapped[bytes] = mapped_column(LargeBinary)
    # The absolute deadline rounded up to the hour (tipline.conversation.
    # source_sessions); the cookie holds the deadlines to the minute.
    expires_at: Mapped[datetime] = mapped_column(index=True)

    __table_args__ = (NO_ROWID,)

    def __repr__(self) -> str:
        return f"<SourceSession tip={self.tip_id}>"
