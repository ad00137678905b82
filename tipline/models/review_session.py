"""Server-side review sessions.

The row holds only what the server may know: a SHA-256 of the random session
id (the id itself is in the user's cookie), the user, when it started and was
last used, how far sign-in has got (``stage``), and the organization identity
sealed under a per-session key whose only copy is in the user's cookie. Rows
are deleted at logout and on expiry.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from tipline.models.base import Base, utcnow

# Sign-in stages, in order: password accepted and waiting for a TOTP code (or
# for TOTP enrolment), then for a new password, then fully signed in.
SESSION_STAGES = ("totp", "enrol", "password", "active")


class ReviewSession(Base):
    __tablename__ = "review_sessions"

    id_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    stage: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    # None for organizers (they hold no key) and for key holders whose copy
    # could not be opened; views that need the key then refuse.
    sealed_identity: Mapped[bytes | None] = mapped_column(LargeBinary)
    # Wrong TOTP codes typed during this sign-in.
    totp_failures: Mapped[int] = mapped_column(default=0)
