"""Retention: deleting what an organization has decided not to keep.

Three policies, each a number of days or "keep forever"
(:mod:`tipline.retention.policy`): tips marked spam, closed tips, and
conversations that have gone silent. Tips in an open case are never touched
by the last two. :mod:`tipline.retention.sweep` finds what is due and
deletes it through the one tip-deletion service (tipline.deletion.service);
``tipline maintenance retention`` and the worker run it.
"""

from __future__ import annotations


class RetentionError(ValueError):
    """A retention setting is not acceptable (the message says why)."""


__all__ = ["RetentionError"]
