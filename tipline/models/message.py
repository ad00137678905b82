"""The conversation about a tip: a source's follow-up messages and the replies.

A :class:`Message` belongs to one tip. What anyone wrote is in the sealed body
blob (a Padmé-padded age file, tipline.conversation.documents), never in the
row. What stays in the clear is what ordering and the unread markers need
(DESIGN.md, threat model 2):

- ``seq``: the message's place in the tip's conversation (1, 2, 3...). Order
  comes from it, not from a timestamp, because a source's messages carry only
  the hour;
- ``author``: ``"source"`` or ``"organization"``; for a reply, ``author_id``
  names the reviewer who wrote it (a source is never identified);
- ``sent_at``: the hour (minutes and seconds zero) for a source's message,
  as for a tip (``coarse_now``); the exact time for a reviewer's reply, like
  any other reviewer action;
- ``seen_by_source`` / ``seen_by_organization``: the unread markers. Each
  side's own messages are born seen by that side.

Files a source adds later are :class:`~tipline.models.tip.Attachment` rows of
the same tip with ``message_id`` set; their names and types are listed in the
message's sealed body.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tipline.models.base import NO_ROWID, Base, new_id

SOURCE = "source"
ORGANIZATION = "organization"
MESSAGE_AUTHORS = (SOURCE, ORGANIZATION)


class Message(Base):
    __tablename__ = "messages"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    tip_id: Mapped[str] = mapped_column(ForeignKey("tips.id", ondelete="CASCADE"))
    seq: Mapped[int]
    author: Mapped[str] = mapped_column(String(16))
    # The reviewer who wrote a reply; always None for a source's message. The
    # reply stays if the account is ever removed (the audit log names them).
    author_id: Mapped[str | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    sent_at: Mapped[datetime]
    body_blob: Mapped[str] = mapped_column(String(64))
    # 64-bit: a bucket reaches 2**32 for files over 2 GiB (MAX_UPLOAD_BYTES may allow them).
    size_bucket: Mapped[int] = mapped_column(BigInteger)
    seen_by_source: Mapped[bool] = mapped_column(default=False)
    seen_by_organization: Mapped[bool] = mapped_column(default=False)
    # False until the worker has looked at it for the reviewers' email
    # notifications (tipline.notify.activity; only a source's message counts).
    notified: Mapped[bool] = mapped_column(default=False, index=True)

    __table_args__ = (
        # One place per message in its tip's conversation; the index behind it
        # also serves "this tip's messages" and the unread counts per tip.
        UniqueConstraint("tip_id", "seq", name="uq_messages_tip_seq"),
        CheckConstraint(f"author IN ('{SOURCE}', '{ORGANIZATION}')", name="author"),
        CheckConstraint(
            f"author = '{ORGANIZATION}' OR author_id IS NULL", name="source_is_anonymous"
        ),
        NO_ROWID,
    )

    @property
    def from_source(self) -> bool:
        return self.author == SOURCE

    def __repr__(self) -> str:
        return f"<Message {self.id} tip={self.tip_id} #{self.seq} {self.author}>"
