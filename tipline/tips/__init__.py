"""Tip services: submission (the intake), inbox queries, workflow, tags, content.

A tip is created here (:mod:`tipline.tips.submit`, with uploads sealed by
:mod:`tipline.tips.uploads`, the hourly attachment budget in
:mod:`tipline.tips.attachment_budget` and flood marking in :mod:`tipline.tips.flood`)
and read, sorted and changed here for the review app. No Flask here: every
function takes a SQLAlchemy ``Session`` (and, where a tip is opened, an age
identity and a blob store), raises a :class:`TipError` subclass for anything
a reviewer can get wrong, and never commits; the view that called it decides
(Warehouse style, docs/development.md).
"""

from __future__ import annotations


class TipError(Exception):
    """A domain error whose message is safe to show to the reviewer as-is."""


class TipNotFoundError(TipError, LookupError):
    """No tip (or attachment) has that id."""


class InvalidTransitionError(TipError):
    """The requested status change is not allowed from the tip's status."""


class StaleStatusError(TipError):
    """Someone else changed the tip's status since the form was shown."""


class InvalidCountyError(TipError):
    """The county is not one of this instance's counties."""


class TagError(TipError):
    """A tag name is invalid, taken, or the tag cannot be used."""


class FilterError(TipError):
    """An inbox filter value is not understood."""


__all__ = [
    "FilterError",
    "InvalidCountyError",
    "InvalidTransitionError",
    "StaleStatusError",
    "TagError",
    "TipError",
    "TipNotFoundError",
]
