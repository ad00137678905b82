"""Marking a flood's tips as spam in bulk: by time window and the inbox's filters.

A flood leaves hundreds or thousands of junk tips, marked ``during_flood``
(tipline.tips.flood). A reviewer narrows the inbox to them (the flood filter,
and any other filter), chooses a window of hours, sees how many tips that
is, confirms, and they all move to "spam" at once. The confirmation carries
the count the reviewer saw: if tips arrived or changed since, the action is
refused with the new count rather than applied to tips nobody looked at.

Only tips whose status may move to spam (:data:`~tipline.tips.workflow.
TRANSITIONS`: new and triaged) are touched; a tip a lawyer is corroborating
or has closed is never swept up. Spam is not deletion: each tip can be moved
back to "new" from its page, and the "Spam" tab lists them.

The action is one audit event, ``tips.bulk_spam``, naming the count and
the window (the audit log keeps who and when). Services only: the caller
commits.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Select, func, select, update
from sqlalchemy.orm import Session

from tipline import audit
from tipline.models.base import utcnow
from tipline.models.tip import Tip
from tipline.models.user import User
from tipline.tips import FilterError, TipError
from tipline.tips.filters import InboxFilters
from tipline.tips.inbox import matching_tip_ids
from tipline.tips.workflow import TRANSITIONS

SPAM = "spam"
# The statuses from which the workflow allows "spam".
SWEEPABLE = tuple(status for status, targets in TRANSITIONS.items() if SPAM in targets)
MAX_WINDOW = timedelta(days=31)
_HOUR_FORMAT = "%Y-%m-%dT%H:%M"


class CountChangedError(TipError):
    """The tips in the window changed since the reviewer saw the count."""

    def __init__(self, count: int) -> None:
        super().__init__(
            f"The number of matching tips changed to {count:,} since you looked; "
            "check the count again before confirming."
        )
        self.count = count


@dataclass(frozen=True)
class Window:
    """Hours from ``start`` to ``end``, both included (tips keep only the hour)."""

    start: datetime
    end: datetime

    @classmethod
    def parse(cls, start: str, end: str) -> Window:
        """From two ``YYYY-MM-DDTHH:MM`` values (``<input type="datetime-local">``)."""
        try:
            first = datetime.strptime(start.strip(), _HOUR_FORMAT)
            last = datetime.strptime(end.strip(), _HOUR_FORMAT)
        except ValueError as exc:
            raise FilterError("Give the window as two times like 2026-01-31T14:00 (UTC).") from exc
        window = cls(first.replace(minute=0), last.replace(minute=0))
        if window.start > window.end:
            raise FilterError("The window starts after it ends.")
        if window.end - window.start > MAX_WINDOW:
            raise FilterError("The window may be at most 31 days long.")
        return window

    def args(self) -> dict[str, str]:
        return {
            "window_start": self.start.strftime(_HOUR_FORMAT),
            "window_end": self.end.strftime(_HOUR_FORMAT),
        }

    def __str__(self) -> str:
        return f"{self.start:%Y-%m-%d %H}:00 to {self.end:%Y-%m-%d %H}:59 UTC"


def _candidates(filters: InboxFilters, window: Window, user_id: str) -> Select[str]:
    return matching_tip_ids(filters, user_id).where(
        Tip.received_hour >= window.start,
        Tip.received_hour <= window.end,
        Tip.status.in_(SWEEPABLE),
    )


def count_spam_candidates(
    session: Session, filters: InboxFilters, window: Window, user_id: str
) -> int:
    """How many tips :func:`mark_spam` would move, for the confirmation."""
    ids = _candidates(filters, window, user_id)
    return int(session.scalar(select(func.count()).select_from(ids.subquery())) or 0)


def mark_spam(
    session: Session,
    actor: User,
    filters: InboxFilters,
    window: Window,
    *,
    expected: int,
) -> int:
    """Move every matching tip in ``window`` to spam; return how many moved.

    ``expected`` is the count the reviewer confirmed; any other count raises
    :class:`CountChangedError` and changes nothing.
    """
    count = count_spam_candidates(session, filters, window, actor.id)
    if count != expected:
        raise CountChangedError(count)
    if count == 0:
        return 0
    ids = _candidates(filters, window, actor.id)
    result = session.execute(
        update(Tip)
        .where(Tip.id.in_(ids.scalar_subquery()), Tip.status.in_(SWEEPABLE))
        # Retention counts a spam tip's days from here (tipline.retention).
        .values(status=SPAM, status_changed_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    moved = int(result.rowcount)  # type: ignore[attr-defined]
    # object_id holds 64 characters: the count and the window's first hour.
    audit.record(
        session,
        actor=actor,
        action="tips.bulk_spam",
        object_type="tips",
        object_id=f"{moved} from {window.start:%Y-%m-%dT%H} to {window.end:%Y-%m-%dT%H}",
    )
    return moved
