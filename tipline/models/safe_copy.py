"""The safe copy of one attachment (tipline.safecopy): two sealed blobs and a row.

``pdf_blob`` is the safe copy itself, a PDF rebuilt from page images;
``manifest_blob`` is a small sealed JSON document (tipline.safecopy.service)
with what the tip page shows: the kind of file the content turned out to be,
the page count, the metadata found in the original (codes, never values), the
preview images and whether the sandbox was used. Both are sealed to the
organization like the attachment they come from, so nothing about the file
is in the clear but the fact that a safe copy exists and the hour it was made.

One per attachment, gone with it (the foreign key cascades; the blobs are
then orphans for ``tipline maintenance sweep-blobs``).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from tipline.models.base import Base, coarse_now, new_id


class SafeCopy(Base):
    __tablename__ = "safe_copies"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    attachment_id: Mapped[str] = mapped_column(
        ForeignKey("attachments.id", ondelete="CASCADE"), unique=True
    )
    pdf_blob: Mapped[str] = mapped_column(String(64))
    manifest_blob: Mapped[str] = mapped_column(String(64))
    created_hour: Mapped[datetime] = mapped_column(default=coarse_now)

    def __repr__(self) -> str:
        return f"<SafeCopy {self.id} of {self.attachment_id}>"
