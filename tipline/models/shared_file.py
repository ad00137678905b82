"""A safe copy chosen to go with a summary for organizers (tipline.safecopy.sharing).

Organizers never see a source's original file: the only thing a summary can
carry is a *safe copy* (the foreign key is to ``safe_copies``, so there is
nothing else to point at). Organizers hold no organization key, so when a
reviewer chooses a safe copy its PDF is re-sealed, in ``shared_blob``, to the
instance's sharing key (derived from ``INSTANCE_SECRET``, which lives outside
the database, like the reviewers' wrapped keys): a stolen database and blob
folder alone still open nothing. Organizers get the file only while the
summary is approved; choosing files takes the summary back to draft.

Gone with the summary or the safe copy (both foreign keys cascade; the blob
is then an orphan for ``tipline maintenance sweep-blobs``).
"""

from __future__ import annotations

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tipline.models.base import Base, new_id


class SharedFile(Base):
    __tablename__ = "shared_files"

    # Opaque: organizer links name only this id, never the tip or attachment.
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    summary_id: Mapped[str] = mapped_column(
        ForeignKey("summaries.id", ondelete="CASCADE"), index=True
    )
    safe_copy_id: Mapped[str] = mapped_column(
        ForeignKey("safe_copies.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    pages: Mapped[int] = mapped_column(default=0)
    shared_blob: Mapped[str] = mapped_column(String(64))

    __table_args__ = (UniqueConstraint("summary_id", "safe_copy_id", name="summary_copy"),)

    def __repr__(self) -> str:
        return f"<SharedFile {self.id} of summary {self.summary_id}>"
