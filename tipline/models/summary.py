"""The summary aggregate: a shareable account of a tip or a case.

A reviewer writes a summary for organizers, tipline flags identifying
details in it, the reviewer accepts or rejects each finding, and approves it
(tipline.export.summaries.service). Until then the summary is a *draft* and may still
hold names, phone numbers, addresses: the draft text and the reviewer's
decisions (which quote the flagged strings) are one age file sealed to the
organization recipients, in ``sealed`` (a column, not a blob, so a save is
atomic with its transaction, like ``Case.sealed``).

Approval stores ``approved_text``, the redacted text, in the clear: it is
meant to be shared, and the organizer pages read it without any key.
Editing an approved summary turns it back into a draft and clears the
approved text, so it leaves every export until it is approved again.

County, month, tags and case status are not copied here: they come from the
tip or case (tipline.export.summaries.selection), which keeps them in the clear already.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from tipline.models.base import Base, new_id, utcnow

SUMMARY_SCOPES = ("tip", "case")
SUMMARY_STATUSES = ("draft", "approved")


class Summary(Base):
    __tablename__ = "summaries"

    # Opaque and unrelated to the tip or case id: exports show only this one.
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    scope: Mapped[str] = mapped_column(String(8))
    # One summary per tip or case (unique), gone with it (cascade).
    tip_id: Mapped[str | None] = mapped_column(
        String(32), ForeignKey("tips.id", ondelete="CASCADE"), unique=True
    )
    case_id: Mapped[str | None] = mapped_column(
        String(32), ForeignKey("cases.id", ondelete="CASCADE"), unique=True
    )
    status: Mapped[str] = mapped_column(String(16), default="draft")
    # age file: {"kind": "summary-draft", "text", "decisions", "style"}, Padmé-padded.
    sealed: Mapped[bytes] = mapped_column(LargeBinary)
    # The redacted text, in the clear; only while status == "approved".
    approved_text: Mapped[str | None] = mapped_column(Text)
    # "YYYY-MM": the only approval time an export shows.
    approved_month: Mapped[str | None] = mapped_column(String(7))
    approved_by_id: Mapped[str | None] = mapped_column(
        String(32), ForeignKey("users.id", ondelete="SET NULL")
    )
    # Bumped by every change; forms carry it so a stale page cannot
    # approve or decide on a text that has changed since it was shown.
    version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (
        CheckConstraint("scope IN ('tip', 'case')", name="scope"),
        CheckConstraint("status IN ('draft', 'approved')", name="status"),
        CheckConstraint(
            "(scope = 'tip' AND tip_id IS NOT NULL AND case_id IS NULL) OR "
            "(scope = 'case' AND case_id IS NOT NULL AND tip_id IS NULL)",
            name="target",
        ),
        CheckConstraint(
            "(status = 'approved') = (approved_text IS NOT NULL AND approved_month IS NOT NULL)",
            name="approved_text",
        ),
        # The organizer view: approved summaries, most recently approved first.
        Index("ix_summaries_status_month", "status", "approved_month", "id"),
    )

    @property
    def target_id(self) -> str:
        """The id of the tip or case this summary is about."""
        target = self.tip_id if self.scope == "tip" else self.case_id
        assert target is not None  # guaranteed by the "target" constraint
        return target

    def __repr__(self) -> str:
        return f"<Summary {self.id} {self.scope} {self.status} v{self.version}>"  # never text
