"""Deleting tips: the one service that does it, and the two-person rule for doing it by hand.

- :mod:`tipline.deletion.service`: delete a tip (or only its conversation)
  and every row hanging off it, audit counts, return the blobs to unlink;
  retention (tipline.retention) and the manual deletion both call it, and
  anything else that must delete a tip calls it too.
- :mod:`tipline.deletion.approval`: one reviewer asks, a second approves.

It sits above tips and cases (a deleted tip leaves its cases through the
cases service), so neither of those imports it.
"""

from __future__ import annotations


class DeletionError(Exception):
    """A deletion cannot go ahead; the message is safe to show the reviewer as-is."""


__all__ = ["DeletionError"]
