"""Cheap tips for inbox tests: rows only, no sealing.

The inbox queries read only clear columns, so service tests that need many
tips insert rows directly (the sealed body is a placeholder blob id that is
never opened). Tests that open a tip use tests/factories.make_tip instead.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from sqlalchemy import insert
from sqlalchemy.orm import Session

from tipline.models import Tag, Tip, tip_tags
from tipline.models.base import new_id

BASE_HOUR = datetime(2025, 3, 1, 12)


def plain_tip(
    session: Session,
    *,
    hour: datetime | int = 0,
    status: str = "new",
    county_fips: str | None = "42091",
    has_files: bool = False,
    tags: Iterable[Tag] = (),
    during_flood: bool = False,
    proof_of_work: bool = False,
) -> Tip:
    """One tip row; ``hour`` is a datetime or an offset in hours from BASE_HOUR."""
    received = hour if isinstance(hour, datetime) else BASE_HOUR + timedelta(hours=hour)
    tip_id = new_id()
    tip = Tip(
        id=tip_id,
        received_hour=received,
        county_fips=county_fips,
        status=status,
        size_bucket=4096,
        has_files=has_files,
        body_blob=new_id(),
        source_lookup=tip_id,
        source_recipient="placeholder",
        during_flood=during_flood,
        proof_of_work=proof_of_work,
    )
    session.add(tip)
    session.flush()
    rows = [{"tip_id": tip.id, "tag_id": tag.id, "received_hour": received} for tag in tags]
    if rows:
        session.execute(insert(tip_tags), rows)
    return tip
