"""The tip aggregate: a sealed submission and its sealed attachments.

Only what is needed to sort and count stays in the clear (DESIGN.md, threat
model 2): a random id, county FIPS, the hour it arrived, a size bucket, status.
Everything the source wrote is in the sealed body blob.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tipline.models.base import NO_ROWID, Base, coarse_now, new_id

TIP_STATUSES = ("new", "triaged", "corroborating", "closed", "spam")


class Tip(Base):
    __tablename__ = "tips"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    received_hour: Mapped[datetime] = mapped_column(default=coarse_now)
    county_fips: Mapped[str | None] = mapped_column(String(5))
    status: Mapped[str] = mapped_column(String(16), default="new")
    # 64-bit: a bucket reaches 2**32 for files over 2 GiB (MAX_UPLOAD_BYTES may allow them).
    size_bucket: Mapped[int] = mapped_column(BigInteger)
    has_files: Mapped[bool] = mapped_column(default=False)
    # Blob id of the sealed tip document (tipline.intake.document).
    body_blob: Mapped[str] = mapped_column(String(64))
    # Derived from the receipt phrase with the instance pepper; never the phrase.
    source_lookup: Mapped[str] = mapped_column(String(64), unique=True)
    # The source's own reply recipient (a public key), derived from the phrase.
    source_recipient: Mapped[str] = mapped_column(String(2048))
    # How it arrived (tipline.tips.flood): while the intake was under a flood,
    # and whether the form came with a valid proof of work (JavaScript on).
    # Reviewers filter on these and mark a flood's junk as spam in bulk.
    during_flood: Mapped[bool] = mapped_column(default=False)
    proof_of_work: Mapped[bool] = mapped_column(default=False)
    # When a reviewer last changed the status (None: never). Retention counts
    # a closed or spam tip's days from here, not from when it arrived, so a
    # tip closed today is not deleted today (tipline.retention).
    status_changed_at: Mapped[datetime | None]
    # False until the worker has counted the tip as new activity for the
    # reviewers' email notifications (tipline.notify.activity). It says that
    # something arrived since the last pass, never when.
    notified: Mapped[bool] = mapped_column(default=False)

    attachments: Mapped[list[Attachment]] = relationship(
        back_populates="tip", cascade="all, delete-orphan", order_by="Attachment.position"
    )

    __table_args__ = (
        # The inbox pages newest first by the key (received_hour, id), within
        # the usual filters (tipline.tips.inbox); each index ends in that key so
        # a page is an index range scan, not a sort, at any depth.
        Index("ix_tips_received_id", "received_hour", "id"),
        Index("ix_tips_status_received", "status", "received_hour", "id"),
        Index("ix_tips_county_received", "county_fips", "received_hour", "id"),
        Index("ix_tips_county_status_received", "county_fips", "status", "received_hour", "id"),
        Index("ix_tips_flood_received", "during_flood", "received_hour", "id"),
        # The notification job's "anything new?" probe.
        Index("ix_tips_notified", "notified"),
        # SQLite: store rows by their random id, not in a rowid that counts
        # up, which would give the order tips arrived in (DESIGN.md).
        NO_ROWID,
    )


class Attachment(Base):
    """A sealed file; its name and type live in the sealed tip document."""

    __tablename__ = "attachments"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    tip_id: Mapped[str] = mapped_column(ForeignKey("tips.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    blob_id: Mapped[str] = mapped_column(String(64))
    # 64-bit: a bucket reaches 2**32 for files over 2 GiB (MAX_UPLOAD_BYTES may allow them).
    size_bucket: Mapped[int] = mapped_column(BigInteger)
    received_hour: Mapped[datetime] = mapped_column(default=coarse_now)
    # Set for a file a source added later with a message (tipline.conversation),
    # whose sealed body names it; None for the files sent with the tip itself.
    message_id: Mapped[str | None] = mapped_column(
        ForeignKey("messages.id", ondelete="CASCADE"), index=True
    )

    tip: Mapped[Tip] = relationship(back_populates="attachments")

    __table_args__ = (NO_ROWID,)
