"""``tipline worker``: the long-running process that does the upkeep on a schedule.

- :mod:`tipline.worker.jobs`: the jobs (notifications, purge-sessions,
  sweep-blobs, retention, check) and the schedule from the configuration;
- :mod:`tipline.worker.leases`: one row per job; a process runs a job only
  after taking its lease with a conditional UPDATE, so several workers can
  run side by side (for redundancy) without doing anything twice;
- :mod:`tipline.worker.runner`: the loop, which stops cleanly on SIGTERM.

Jobs report counts and error classes only; the admin upkeep page shows the
last outcome of each.
"""

from __future__ import annotations
