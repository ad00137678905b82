"""Factories for case and search tests (plain functions, no fixtures).

``sealed_tip`` submits a tip through the real intake service
(tests/factories.make_tip) and then sets its hour and topics; cheap,
unsealed rows for queries that never open a tip come from
tests/review/tip_factories.plain_tip.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta

from sqlalchemy import insert
from sqlalchemy.orm import Session

from tests.factories import make_tip
from tests.review.tip_factories import BASE_HOUR
from tipline.blobs import BlobStore
from tipline.cases.details import make_details
from tipline.cases.service import create_case
from tipline.crypto import Recipient
from tipline.models import Case, Tag, Tip, User, tip_tags
from tipline.tips.tags import normalize_name


def sealed_tip(
    session: Session,
    blobs: BlobStore,
    recipients: Sequence[Recipient],
    text: str,
    *,
    hour: datetime | int = 0,
    county_fips: str | None = "42091",
    tags: Iterable[Tag] = (),
    status: str = "new",
    language: str = "en",
    **fields: str,
) -> Tip:
    """A real, sealed tip saying ``text``, received at ``hour``."""
    tip, _phrase = make_tip(
        session,
        blobs,
        recipients,
        what_happened=text,
        county_fips=county_fips,
        status=status,
        language=language,
        fields=fields,
    )
    tip.received_hour = hour if isinstance(hour, datetime) else BASE_HOUR + timedelta(hours=hour)
    session.flush()
    rows = [{"tip_id": tip.id, "tag_id": t.id, "received_hour": tip.received_hour} for t in tags]
    if rows:
        session.execute(insert(tip_tags), rows)
    return tip


def tag(session: Session, name: str) -> Tag:
    """A topic tag, named as the tag service would name it (no audit event)."""
    display, key = normalize_name(name)
    made = Tag(name=display, name_key=key, retired=False)
    session.add(made)
    session.flush()
    return made


def new_case(
    session: Session,
    actor: User,
    recipients: Sequence[Recipient],
    tips: Sequence[Tip],
    *,
    title: str = "Handoffs at Montgomery County Correctional Facility",
    summary: str = "",
    people: Iterable[str] = (),
) -> Case:
    details = make_details(title, summary, list(people))
    return create_case(
        session, details, [tip.id for tip in tips], actor=actor, recipients=recipients
    )
