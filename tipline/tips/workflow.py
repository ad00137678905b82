"""The status workflow, county corrections and per-reviewer read marks.

Statuses (``TIP_STATUSES``) move new → triaged → corroborating → closed, with
spam as a side exit. :data:`TRANSITIONS` is the whole rulebook; anything else
is an :class:`~tipline.tips.InvalidTransitionError` the reviewer sees as a message.
A status change names the status the reviewer saw, so two lawyers acting on
the same tip at once cannot silently overwrite each other. Every change is
recorded in the audit log here (``tip.status``, ``tip.county``, ``tip.read``,
``tip.unread``; ids only), in the caller's transaction.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from tipline import audit, counties
from tipline.models.base import affected_rows, is_id, utcnow
from tipline.models.read import TipRead
from tipline.models.tip import TIP_STATUSES, Tip
from tipline.models.user import User
from tipline.tips import (
    InvalidCountyError,
    InvalidTransitionError,
    StaleStatusError,
    TipNotFoundError,
)

TRANSITIONS: dict[str, tuple[str, ...]] = {
    "new": ("triaged", "spam"),
    "triaged": ("corroborating", "closed", "spam"),
    "corroborating": ("closed", "triaged"),
    # Reopening: a closed matter can come back when new evidence arrives.
    "closed": ("corroborating",),
    # Undo a mistaken spam mark: the tip goes back to the inbox as new.
    "spam": ("new",),
}

STATUS_LABELS = {
    "new": "New",
    "triaged": "Triaged",
    "corroborating": "Corroborating",
    "closed": "Closed",
    "spam": "Spam",
}


def get_tip(session: Session, tip_id: str) -> Tip:
    """The tip with that id; :class:`TipNotFoundError` for anything else."""
    # Anything but an id (a very long string, NUL bytes that PostgreSQL
    # rejects) never reaches the query.
    tip = session.get(Tip, tip_id) if is_id(tip_id) else None
    if tip is None:
        raise TipNotFoundError("There is no tip with that id.")
    return tip


def allowed_transitions(status: str) -> tuple[str, ...]:
    return TRANSITIONS.get(status, ())


def change_status(
    session: Session, tip: Tip, new_status: str, *, expected: str, actor: User
) -> str:
    """Move ``tip`` to ``new_status``; return the old status (``tip.status``).

    ``expected`` is the status the reviewer saw. The update is conditional on
    it in the database, so a concurrent change raises :class:`StaleStatusError`.
    It stamps ``status_changed_at``, which retention counts days from; any
    other code that changes a status must stamp it too.
    """
    if new_status not in TIP_STATUSES:
        raise InvalidTransitionError("That is not a status.")
    if tip.status != expected:
        raise StaleStatusError(_stale_message(tip.status))
    if new_status not in allowed_transitions(expected):
        raise InvalidTransitionError(
            f"A tip cannot go from {STATUS_LABELS[expected]} to {STATUS_LABELS[new_status]}."
        )
    result = session.execute(
        update(Tip)
        .where(Tip.id == tip.id, Tip.status == expected)
        .values(status=new_status, status_changed_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    if affected_rows(result) != 1:
        session.refresh(tip)
        raise StaleStatusError(_stale_message(tip.status))
    session.refresh(tip)
    audit.record(session, actor=actor, action="tip.status", object_type="tip", object_id=tip.id)
    return expected


def _stale_message(current: str) -> str:
    label = STATUS_LABELS.get(current, current)
    return f"Someone else changed this tip's status (it is now {label}); nothing was changed."


def county_choices(states: Iterable[str]) -> list[tuple[str, str]]:
    """``(value, label)`` pairs: the instance's counties, then "other / not sure"."""
    choices = [(c.fips, c.label) for c in counties.counties_for(states)]
    return [*choices, ("", counties.name(None))]


def correct_county(
    session: Session, tip: Tip, fips: str | None, states: Iterable[str], *, actor: User
) -> bool:
    """Set the tip's county (``None``: other / not sure); True if it changed
    (``tip.county``).

    Only the instance's counties are accepted. Keeping the current value is
    always allowed, even if the instance's states changed since it was set.
    The cases holding the tip take their counties from it: the review app
    corrects a county through tipline.cases.membership.correct_tip_county,
    which calls this and then brings those cases in step.
    """
    value = fips or None
    if value == tip.county_fips:
        return False
    if value is not None and not counties.is_valid(value, list(states)):
        raise InvalidCountyError("That county is not one of this tip line's counties.")
    tip.county_fips = value
    session.flush()
    audit.record(session, actor=actor, action="tip.county", object_type="tip", object_id=tip.id)
    return True


def mark_read(session: Session, tip: Tip, user_id: str) -> bool:
    """Record that ``user_id`` has read ``tip``; True if it was unread."""
    exists = session.get(TipRead, (user_id, tip.id))
    if exists is not None:
        return False
    session.add(TipRead(user_id=user_id, tip_id=tip.id))
    session.flush()
    return True


def mark_unread(session: Session, tip: Tip, user_id: str) -> bool:
    """Forget that ``user_id`` read ``tip``; True if it had been read."""
    result = session.execute(
        delete(TipRead).where(TipRead.user_id == user_id, TipRead.tip_id == tip.id)
    )
    return bool(affected_rows(result))


def set_read_mark(session: Session, tip: Tip, actor: User, *, read: bool) -> bool:
    """``actor`` marks ``tip`` read or unread by hand (``tip.read``, ``tip.unread``).

    Recorded even when the mark was already so: the reviewer asked. True if
    the mark changed.
    """
    changed = mark_read(session, tip, actor.id) if read else mark_unread(session, tip, actor.id)
    action = "tip.read" if read else "tip.unread"
    audit.record(session, actor=actor, action=action, object_type="tip", object_id=tip.id)
    return changed


def is_read(session: Session, tip: Tip, user_id: str) -> bool:
    return session.get(TipRead, (user_id, tip.id)) is not None


def read_tip_ids(session: Session, user_id: str, tip_ids: Iterable[str]) -> set[str]:
    """Which of ``tip_ids`` ``user_id`` has read (one query for an inbox page)."""
    ids = list(tip_ids)
    if not ids:
        return set()
    query = select(TipRead.tip_id).where(TipRead.user_id == user_id, TipRead.tip_id.in_(ids))
    return set(session.scalars(query))
