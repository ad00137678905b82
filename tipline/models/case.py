"""The case aggregate: tips put together, with sealed details, notes and a timeline.

A case is how single tips become evidence: two letters about the same jail,
three reports of release-time handoffs in one county. What stays in the clear
is what the threat model allows for sorting and counting (DESIGN.md, threat
model 2): ids, a status, county FIPS codes, tag ids, user ids and timestamps
of reviewer actions. What people wrote is sealed with age to the organization
recipients (tipline.cases.details):

- ``Case.sealed``: the title, the summary and the "people" list (names the
  case involves; the exports use it for redaction);
- ``CaseNote.sealed``: one reviewer note each.

They are sealed *columns*, not blob files: they are small, so keeping them in
the row makes a note or an edit atomic with its transaction (a rollback leaves
no orphan file, a deletion leaves no file behind), and search reads every
case's text in one query instead of one file per case. Each value is still a
standard, Padmé-padded age file, so it can be opened offline like a tip.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Column, ForeignKey, Index, Integer, LargeBinary, String, Table
from sqlalchemy.orm import Mapped, mapped_column

from tipline.models.base import Base, new_id, utcnow

# "referred" is shown as "Referred / litigation" (tipline.cases.CASE_STATUS_LABELS).
CASE_STATUSES = ("open", "investigating", "referred", "closed")

case_tips = Table(
    "case_tips",
    Base.metadata,
    Column("case_id", String(32), ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True),
    # Indexed for "which cases hold this tip" (the tip page, related cases).
    Column(
        "tip_id",
        String(32),
        ForeignKey("tips.id", ondelete="CASCADE"),
        primary_key=True,
        index=True,
    ),
)

case_assignees = Table(
    "case_assignees",
    Base.metadata,
    Column("case_id", String(32), ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True),
    Column(
        "user_id",
        String(32),
        ForeignKey("users.id", ondelete="CASCADE"),
        primary_key=True,
        index=True,
    ),
)

case_tags = Table(
    "case_tags",
    Base.metadata,
    Column("case_id", String(32), ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True),
    Column(
        "tag_id",
        String(32),
        ForeignKey("tags.id", ondelete="CASCADE"),
        primary_key=True,
        index=True,
    ),
)

case_counties = Table(
    "case_counties",
    Base.metadata,
    Column("case_id", String(32), ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True),
    Column("county_fips", String(5), primary_key=True, index=True),
    # True when the county came from a linked tip: unlinking the last tip from
    # that county removes it again. A county a reviewer added stays.
    Column("from_tips", Boolean, nullable=False, default=False),
)


class Case(Base):
    __tablename__ = "cases"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    status: Mapped[str] = mapped_column(String(16), default="open")
    # age file: {"kind": "case", "title", "summary", "people"} (tipline.cases.details).
    sealed: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Bumped by every change, so the case list shows recently worked cases first.
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[str | None] = mapped_column(
        String(32), ForeignKey("users.id", ondelete="SET NULL")
    )

    __table_args__ = (
        Index("ix_cases_updated", "updated_at", "id"),
        Index("ix_cases_status_updated", "status", "updated_at", "id"),
    )

    def __repr__(self) -> str:
        return f"<Case {self.id} {self.status}>"  # never the title


class CaseNote(Base):
    """A reviewer's note on a case; append-only, like a case file."""

    __tablename__ = "case_notes"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    case_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("cases.id", ondelete="CASCADE"), index=True
    )
    author_id: Mapped[str | None] = mapped_column(
        String(32), ForeignKey("users.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # age file: {"kind": "case-note", "body": light Markdown}.
    sealed: Mapped[bytes] = mapped_column(LargeBinary)


class CaseEvent(Base):
    """One line of a case's timeline: who did what, with ids and codes only.

    ``kind`` is one of tipline.cases.timeline.EVENT_KINDS. ``tip_id``,
    ``user_id`` and ``value`` (a status, county FIPS, tag id or note id) say
    what it was about; nothing anyone wrote is ever copied here. No foreign
    key on ``tip_id``/``user_id``: the timeline must outlive what it names.
    """

    __tablename__ = "case_events"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("cases.id", ondelete="CASCADE"), index=True
    )
    at: Mapped[datetime] = mapped_column(default=utcnow)
    actor_id: Mapped[str | None] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(24))
    tip_id: Mapped[str | None] = mapped_column(String(32))
    user_id: Mapped[str | None] = mapped_column(String(32))
    value: Mapped[str | None] = mapped_column(String(64))
    previous: Mapped[str | None] = mapped_column(String(64))
