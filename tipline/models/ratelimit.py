"""Global counters, one row per coarse hour (see tipline.hourly).

The intake limits how many tips it accepts per hour *in total* (it never
identifies or tracks a submitter, so there is nothing per-person to limit).
The count lives in the database, not in process memory, so the limit holds
across several worker processes and hosts. Rows name only an hour and a
number, which the tips' own ``received_hour`` already reveals.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Mapped, mapped_column

from tipline.models.base import Base


class SubmissionCount(Base):
    __tablename__ = "submission_counts"

    # Start of the hour (UTC, minutes and seconds zero), as from coarse_now().
    hour: Mapped[datetime] = mapped_column(primary_key=True)
    count: Mapped[int] = mapped_column(default=0)


class PhraseFailureCount(Base):
    """Wrong receipt phrases in an hour (tipline.conversation.attempts)."""

    __tablename__ = "phrase_failure_counts"

    hour: Mapped[datetime] = mapped_column(primary_key=True)
    count: Mapped[int] = mapped_column(default=0)
