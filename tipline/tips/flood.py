"""Is the intake under a flood? And how did a tip arrive?

A flood is judged from what is already stored, with no counter of its own:
the number of tips received in the current and the previous coarse hour
(``Tip.received_hour``, indexed), against ``FLOOD_TIPS_PER_TWO_HOURS``. An
organization that gets a few tips a day never comes near the default; a
script sending junk crosses it within minutes. ``0`` means "always", for an
instance that wants the browser's proof of work on every submission.

Nothing is refused because of a flood. While one lasts the intake asks
browsers with JavaScript for a small proof of work (tipline.intake.
proof_of_work), and every tip stored is marked ``during_flood`` (and
``proof_of_work`` when it came with a valid one), so reviewers can filter a
flood's tips and mark its junk as spam in bulk (tipline.tips.spam).

The count is one indexed query; :class:`FloodGauge` keeps its answer per
process for a few seconds, so a flood of requests does not become a flood of
counting queries. Services only: no Flask here.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tipline.models.base import coarse_now
from tipline.models.tip import Tip

# How long one process trusts its last count.
CHECK_SECONDS = 5.0


@dataclass(frozen=True)
class Arrival:
    """How a tip arrived: during a flood, and with a valid proof of work."""

    during_flood: bool = False
    proof_of_work: bool = False


def recent_tips(session: Session, now: datetime | None = None) -> int:
    """Tips received in the current and the previous hour (one index range count)."""
    since = (now or coarse_now()).replace(minute=0, second=0, microsecond=0) - timedelta(hours=1)
    count = session.scalar(select(func.count()).select_from(Tip).where(Tip.received_hour >= since))
    return int(count or 0)


def under_flood(session: Session, threshold: int, now: datetime | None = None) -> bool:
    """Whether ``threshold`` tips or more arrived in the current and previous hour."""
    return threshold == 0 or recent_tips(session, now) >= threshold


class FloodGauge:
    """:func:`under_flood`, remembered for :data:`CHECK_SECONDS` in this process.

    Two threads that find the answer stale at once may both count: harmless,
    and cheaper than making every request wait on a lock.
    """

    def __init__(self, seconds: float = CHECK_SECONDS, clock: Callable[[], float] = time.monotonic):
        self.seconds = seconds
        self._clock = clock
        self._checked_at: float | None = None
        self._state = False
        self._lock = threading.Lock()

    def under_flood(self, session_factory: Callable[[], Session], threshold: int) -> bool:
        if threshold == 0:
            return True
        now = self._clock()
        with self._lock:
            fresh = self._checked_at is not None and now - self._checked_at < self.seconds
            if fresh:
                return self._state
        # A session of its own (the caller's factory makes it read-only): the
        # count must not open the request's transaction before its writes.
        with session_factory() as session:
            state = under_flood(session, threshold)
        with self._lock:
            self._checked_at, self._state = now, state
        return state
