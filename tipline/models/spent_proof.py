"""Proofs of work already used (tipline.intake.proof_of_work).

A proof is checked without any stored challenge: the challenge carries its
own time and MAC. What must be remembered is only that a proof was spent, so
the same solved challenge cannot carry a second tip. A row holds the SHA-256
of the challenge (nothing a source wrote, nothing that links to a tip) until
the challenge would be stale anyway; then it is deleted.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from tipline.models.base import Base


class SpentProof(Base):
    __tablename__ = "spent_proofs"

    digest: Mapped[str] = mapped_column(String(64), primary_key=True)
    # The hour after the challenge goes stale (rounded up: a finer time would
    # date the source's visit; tipline.intake.proof_of_work).
    expires_at: Mapped[datetime] = mapped_column(index=True)
