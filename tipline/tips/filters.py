"""Inbox filters and page cursors: parsing query strings strictly.

Every value is checked against what it may be (a status, a known county, an
existing tag, an ISO date, a well-formed cursor). Anything else raises
:class:`~tipline.tips.FilterError` with a message for the reviewer, so a
mistyped or tampered link gets a clear answer, never a server error and never
a silently different result.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm import Session

from tipline import counties
from tipline.models.base import ID_PATTERN, is_id
from tipline.models.case import Case
from tipline.models.tag import Tag
from tipline.models.tip import TIP_STATUSES, Tip
from tipline.tips import FilterError

# The county filter value for "other / not sure" (stored as no county).
NO_COUNTY = "none"
_CURSOR = re.compile(rf"^(\d{{10}})-({ID_PATTERN})$")
_YES_NO = {"": None, "yes": True, "no": False}
# How a tip arrived (tipline.tips.flood), the "flood" filter's values: during
# a flood, during a flood without a proof of work, not during a flood.
FLOOD_FILTERS = ("yes", "unproven", "no")


@dataclass(frozen=True)
class Cursor:
    """A position in the inbox order: the key of the last tip seen."""

    received_hour: datetime
    tip_id: str

    @classmethod
    def of(cls, tip: Tip) -> Cursor:
        return cls(tip.received_hour, tip.id)

    def encode(self) -> str:
        return f"{self.received_hour:%Y%m%d%H}-{self.tip_id}"

    @classmethod
    def decode(cls, raw: str) -> Cursor:
        match = _CURSOR.match(raw)
        if match is None:
            raise FilterError("That page link is not valid; start again from the first page.")
        try:
            hour = datetime.strptime(match.group(1), "%Y%m%d%H")
        except ValueError as exc:
            raise FilterError(
                "That page link is not valid; start again from the first page."
            ) from exc
        return cls(hour, match.group(2))


@dataclass(frozen=True)
class InboxFilters:
    """What the reviewer asked to see. ``None`` means "any"."""

    status: str | None = None  # None: every status but spam
    county: str | None = None  # a FIPS code, or NO_COUNTY
    tag_id: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    has_files: bool | None = None
    unread_only: bool = False
    case_id: str | None = None  # only the tips linked to this case (tipline.cases)
    flood: str | None = None  # one of FLOOD_FILTERS

    def to_args(self) -> dict[str, str]:
        """Query-string arguments that reproduce these filters."""
        args: dict[str, str] = {}
        if self.status is not None:
            args["status"] = self.status
        if self.county is not None:
            args["county"] = self.county
        if self.tag_id is not None:
            args["tag"] = self.tag_id
        if self.date_from is not None:
            args["from"] = self.date_from.isoformat()
        if self.date_to is not None:
            args["to"] = self.date_to.isoformat()
        if self.has_files is not None:
            args["files"] = "yes" if self.has_files else "no"
        if self.unread_only:
            args["unread"] = "1"
        if self.case_id is not None:
            args["case"] = self.case_id
        if self.flood is not None:
            args["flood"] = self.flood
        return args

    @property
    def active(self) -> bool:
        return bool(self.to_args())


def _date(raw: str, label: str) -> date | None:
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError as exc:
        raise FilterError(f"The {label} date must be a date like 2025-01-31.") from exc


def _county(raw: str) -> str | None:
    if not raw:
        return None
    if raw == NO_COUNTY:
        return NO_COUNTY
    # Any real county is accepted (not only this instance's states), so tips
    # from before a change of states can still be found.
    if raw not in counties.all_counties():
        raise FilterError("That county is not known.")
    return raw


def _existing(session: Session, model: type[Tag] | type[Case], raw: str) -> str | None:
    """The ``tag`` or ``case`` filter: the id of an existing row, or ``None`` when empty.

    The case filter shows only the tips linked to that case (tipline.cases).
    """
    if not raw:
        return None
    if not is_id(raw) or session.get(model, raw) is None:
        raise FilterError(f"That {model.__name__.lower()} does not exist.")
    return raw


def parse_filters(session: Session, args: Mapping[str, str]) -> InboxFilters:
    """Read the inbox filters from query-string ``args``."""
    status = args.get("status", "")
    if status and status not in TIP_STATUSES:
        raise FilterError("That status does not exist.")
    files = args.get("files", "")
    if files not in _YES_NO:
        raise FilterError("The files filter must be yes, no, or empty.")
    unread = args.get("unread", "")
    if unread not in ("", "1"):
        raise FilterError("The unread filter must be 1 or empty.")
    flood = args.get("flood", "")
    if flood and flood not in FLOOD_FILTERS:
        raise FilterError("The flood filter must be yes, unproven, no, or empty.")
    date_from = _date(args.get("from", ""), "from")
    date_to = _date(args.get("to", ""), "to")
    if date_from and date_to and date_from > date_to:
        raise FilterError("The from date is after the to date.")
    return InboxFilters(
        status=status or None,
        county=_county(args.get("county", "")),
        tag_id=_existing(session, Tag, args.get("tag", "")),
        date_from=date_from,
        date_to=date_to,
        has_files=_YES_NO[files],
        unread_only=unread == "1",
        case_id=_existing(session, Case, args.get("case", "")),
        flood=flood or None,
    )


def parse_cursors(args: Mapping[str, str]) -> tuple[Cursor | None, Cursor | None]:
    """The ``before`` and ``after`` cursors, at most one of them."""
    before, after = args.get("before", ""), args.get("after", "")
    if before and after:
        raise FilterError("That page link is not valid; start again from the first page.")
    return (Cursor.decode(before) if before else None, Cursor.decode(after) if after else None)


def county_options(states: Sequence[str], selected: str | None = None) -> list[tuple[str, str]]:
    """The county filter's choices: any, the instance's counties, "other / not sure".

    A ``selected`` county from outside the instance's states (an old link, or
    states changed since) is offered too, right after "any", so it shows.
    """
    options = [("", "Any county")]
    options += [(c.fips, c.label) for c in counties.counties_for(states)]
    options.append((NO_COUNTY, counties.name(None)))
    if selected and selected not in {value for value, _ in options}:
        options.insert(1, (selected, counties.name(selected)))
    return options
