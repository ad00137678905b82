"""Site-wide counters, one row per coarse hour (see tipline.hourly).

Only one is left: the bytes of attachments stored in an hour, which bounds
the disk a flood can fill (tipline.tips.attachment_budget). It never turns a
tip away, only its files. The count lives in the database, not in process
memory, so it holds across worker processes and hosts. A row names an hour
and a number, which the tips' own ``received_hour`` and size buckets
already reveal more finely.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger
from sqlalchemy.orm import Mapped, mapped_column

from tipline.models.base import Base


class AttachmentBytes(Base):
    __tablename__ = "attachment_bytes"

    # Start of the hour (UTC, minutes and seconds zero), as from coarse_now().
    hour: Mapped[datetime] = mapped_column(primary_key=True)
    count: Mapped[int] = mapped_column(BigInteger, default=0)
