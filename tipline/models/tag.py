"""Topic tags: an admin-managed list, and which tips carry which tag.

Tag names are configuration the admins write ("release-time handoff"), not
anything a source typed, so they are stored in the clear (DESIGN.md, threat
model 2 allows ids and tag ids; the names are the organization's own words).
A tag is never deleted, only retired: tips keep it, the inbox can still filter
by it, but it is no longer offered when tagging.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, DateTime, ForeignKey, Index, String, Table
from sqlalchemy.orm import Mapped, mapped_column

from tipline.models.base import Base, new_id, utcnow

TAG_NAME_MAX = 60

tip_tags = Table(
    "tip_tags",
    Base.metadata,
    Column("tip_id", String(32), ForeignKey("tips.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", String(32), ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True),
    # A copy of the tip's received_hour (which never changes), so a tag's
    # tips can be read newest first straight from the index below: the inbox
    # filtered by a tag is then an ordered range scan, not a sort of every
    # tip with that tag (tipline.tips.inbox).
    Column("received_hour", DateTime, nullable=False),
    Index("ix_tip_tags_tag_received", "tag_id", "received_hour", "tip_id"),
)


class Tag(Base):
    __tablename__ = "tags"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    name: Mapped[str] = mapped_column(String(TAG_NAME_MAX))
    # NFKC-casefolded name: "Home Raid" and "home raid" cannot both exist,
    # enforced by the database rather than by a check that could race.
    name_key: Mapped[str] = mapped_column(String(TAG_NAME_MAX * 3), unique=True)
    retired: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    def __repr__(self) -> str:
        return f"<Tag {self.id} {self.name!r}{' retired' if self.retired else ''}>"
