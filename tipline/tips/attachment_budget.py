"""The site-wide bound on attachment bytes stored per hour, which never refuses a tip.

A flood of large uploads would otherwise fill the disk, and a full disk
refuses everyone. So attachments (with a new tip or a source's later
message) count against ``ATTACHMENT_BYTES_PER_HOUR``; once the hour's bytes
plus the incoming request would pass it, that request's files are read and
dropped unsealed, never stored, and the source is told to add them later
from the conversation page. The text of the tip or message is stored as
always: a text-only tip is never refused, whatever anyone uploaded.

This is a budget a stranger can spend, but only for files and only for the
rest of the hour, and only by actually sending that many bytes; the
alternative, a full disk, refuses text too. Concurrent uploads that each
fit can overshoot it by at most the uploads in flight at once (workers x
threads x MAX_UPLOAD_BYTES): the check happens before a file's first byte is
stored, the count after its tip commits.

Services only: they take a ``Session`` and never commit.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from tipline import hourly
from tipline.models.hourly_count import AttachmentBytes


def used_this_hour(session: Session) -> int:
    """Attachment bytes stored so far this hour (a read, no lock)."""
    return hourly.count_this_hour(session, AttachmentBytes)


def allows(session: Session, incoming: int, limit: int) -> bool:
    """Whether ``incoming`` more bytes of files fit in this hour's ``limit``."""
    return used_this_hour(session) + incoming <= limit


def record(session: Session, size: int) -> None:
    """Count ``size`` stored bytes of files in this hour (in the caller's transaction)."""
    if size > 0:
        hourly.increment(session, AttachmentBytes, size)
