"""The worker's jobs: a lease each, and how the last run went.

One row per scheduled job (tipline.worker.jobs). Several ``tipline worker``
processes may run at once: a process runs a job only after taking its lease
with one conditional UPDATE (tipline.worker.leases), so exactly one of them
wins each turn, on SQLite and PostgreSQL alike. A crashed worker's lease
runs out and another takes over. The admin upkeep page shows the rest:
when each job last ran and a one-line outcome with counts only.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from tipline.models.base import Base, utcnow


class WorkerJob(Base):
    __tablename__ = "worker_jobs"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    # "host:pid:random" of the worker running it now, until lease_until.
    lease_owner: Mapped[str | None] = mapped_column(String(96))
    lease_until: Mapped[datetime | None]
    next_run_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_started_at: Mapped[datetime | None]
    last_finished_at: Mapped[datetime | None]
    last_ok: Mapped[bool | None]
    # Counts and error classes only ("deleted 3 tip(s)"), never content.
    last_summary: Mapped[str | None] = mapped_column(String(255))
    # Failed runs in a row; the admin page shows it, the doctor warns on it.
    failures: Mapped[int] = mapped_column(default=0)

    def __repr__(self) -> str:
        return f"<WorkerJob {self.name} ok={self.last_ok}>"
