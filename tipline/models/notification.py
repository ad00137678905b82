"""Email notifications: who asked for them, and mail waiting to go out.

:class:`NotificationSubscription` is a reviewer's opt-in: how often
(``immediate`` or a ``daily`` digest) and the address, sealed under a key
derived from the instance secret (tipline.crypto.secretbox), so a stolen database
alone does not list the lawyers' addresses. ``pending`` says that something
new arrived since their last mail; what arrived is never recorded.

:class:`OutgoingMail` is one message to one reviewer, queued by the worker
and sent by it with retries (tipline.notify.delivery). It names the user,
never the address, and keeps only the class of the last error.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from tipline.models.base import Base, new_id, utcnow

NOTIFY_MODES = ("immediate", "daily")


class NotificationSubscription(Base):
    __tablename__ = "notification_subscriptions"

    user_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    mode: Mapped[str] = mapped_column(String(16))
    email_sealed: Mapped[bytes] = mapped_column(LargeBinary)
    pending: Mapped[bool] = mapped_column(default=False)
    # When the last mail for this reviewer was queued: spaces immediate mails
    # out and sends a digest at most once a day.
    last_queued_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (CheckConstraint("mode IN ('immediate', 'daily')", name="mode"),)


class OutgoingMail(Base):
    __tablename__ = "outgoing_mail"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    user_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    # The kind of failure ("connection", "authentication", "refused"...), never
    # a server reply that could quote an address.
    last_error: Mapped[str | None] = mapped_column(String(64))
    gave_up: Mapped[bool] = mapped_column(default=False)
