"""The retention policies in force: configuration, overridden by an admin.

Each policy is a number of days or None ("keep forever"). The value comes
from the configuration (``RETENTION_*_DAYS``) unless an admin set it on the
upkeep page, which stores a :class:`~tipline.models.retention.RetentionSetting`
row; "follow the configuration" deletes that row again. Changes are
audited with the new number of days as a count.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from tipline import audit
from tipline.models.base import utcnow
from tipline.models.retention import MAX_RETENTION_DAYS, RETENTION_POLICIES, RetentionSetting
from tipline.models.user import User
from tipline.retention import RetentionError

CONFIG_NAMES = {
    "spam": "RETENTION_SPAM_DAYS",
    "closed": "RETENTION_CLOSED_DAYS",
    "silent": "RETENTION_SILENT_DAYS",
}
LABELS = {
    "spam": "Tips marked spam",
    "closed": "Closed tips, with their files, conversation and summary",
    "silent": "Conversations with no new message",
}
DESCRIPTIONS = {
    "spam": "counted from when the tip was marked spam",
    "closed": "counted from when the tip was closed; never while it is in an open case",
    "silent": "counted from the last message; the tip stays; never while it is in an open case",
}


@dataclass(frozen=True)
class PolicyValue:
    """One policy's days (None: keep forever) and where that value came from."""

    policy: str
    days: int | None
    source: Literal["configuration", "admin"]

    @property
    def label(self) -> str:
        return LABELS[self.policy]

    @property
    def description(self) -> str:
        return DESCRIPTIONS[self.policy]


def effective(session: Session, config: Mapping[str, Any]) -> dict[str, PolicyValue]:
    """Every policy's value in force, in :data:`RETENTION_POLICIES` order."""
    stored = {row.policy: row for row in session.scalars(select(RetentionSetting))}
    values = {}
    for policy in RETENTION_POLICIES:
        row = stored.get(policy)
        if row is not None:
            values[policy] = PolicyValue(policy, row.days, "admin")
        else:
            values[policy] = PolicyValue(policy, config.get(CONFIG_NAMES[policy]), "configuration")
    return values


def days_by_policy(session: Session, config: Mapping[str, Any]) -> dict[str, int | None]:
    return {name: value.days for name, value in effective(session, config).items()}


def set_days(session: Session, policy: str, days: int | None, *, actor: User) -> bool:
    """Set ``policy`` to ``days`` (None: keep forever); True if that changed anything."""
    _check(policy)
    if days is not None and not 0 < days <= MAX_RETENTION_DAYS:
        raise RetentionError(
            f"Enter a number of days from 1 to {MAX_RETENTION_DAYS}, or keep forever."
        )
    row = session.get(RetentionSetting, policy)
    if row is not None and row.days == days:
        return False
    if row is None:
        row = RetentionSetting(policy=policy)
        session.add(row)
    row.days, row.updated_at, row.updated_by_id = days, utcnow(), actor.id
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="retention.set",
        object_type="retention",
        object_id=policy,
        counts={"days": days or 0},
    )
    return True


def follow_configuration(session: Session, policy: str, *, actor: User) -> bool:
    """Drop the admin's value for ``policy``; True if there was one."""
    _check(policy)
    row = session.get(RetentionSetting, policy)
    if row is None:
        return False
    session.delete(row)
    session.flush()
    audit.record(
        session, actor=actor, action="retention.reset", object_type="retention", object_id=policy
    )
    return True


def _check(policy: str) -> None:
    if policy not in RETENTION_POLICIES:
        raise RetentionError("There is no such retention policy.")
