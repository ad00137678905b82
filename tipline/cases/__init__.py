"""Case services: putting tips together into cases (issue 5, part 1).

No Flask here (docs/development.md, Warehouse style): every function takes a
SQLAlchemy ``Session`` (and, where something is sealed or opened, the
organization recipients or identity), raises a :class:`CaseError` subclass
for anything a reviewer can get wrong, and never commits. Every change also
writes one line of the case's timeline and one audit event, in the caller's
transaction, so no caller can forget either.

Modules:

- :mod:`tipline.cases.details`: the sealed title, summary, people list and
  notes (``case_people`` for the exports);
- :mod:`tipline.cases.service`: create, edit, link and unlink tips, status,
  assignees, tags, counties, notes;
- :mod:`tipline.cases.timeline`: the timeline, written and read;
- :mod:`tipline.cases.membership`: assignees, topics and counties, and a
  tip's county correction that its cases follow;
- :mod:`tipline.cases.queries`: the case list and its filters, cases of a tip;
- :mod:`tipline.cases.reading`: what the case pages and the tip page's case
  panel show, opened for one request (``case.list``, ``case.view``);
- :mod:`tipline.cases.related`: related tips and cases for a tip.
"""

from __future__ import annotations

CASE_STATUS_LABELS = {
    "open": "Open",
    "investigating": "Investigating",
    "referred": "Referred / litigation",
    "closed": "Closed",
}


class CaseError(Exception):
    """A domain error whose message is safe to show to the reviewer as-is."""


class CaseNotFoundError(CaseError, LookupError):
    """No case (or no tip, user, tag) has that id."""


class CaseInputError(CaseError, ValueError):
    """A title, summary, name, note or choice is not acceptable."""


class StaleCaseError(CaseError):
    """Someone else changed the case since the form was shown."""


class CaseFilterError(CaseError):
    """A case-list or inbox case filter value is not understood."""


__all__ = [
    "CASE_STATUS_LABELS",
    "CaseError",
    "CaseFilterError",
    "CaseInputError",
    "CaseNotFoundError",
    "StaleCaseError",
]
