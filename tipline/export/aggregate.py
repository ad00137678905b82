"""Counts by county, month and tag, with small counts suppressed soundly.

Input is plain :class:`TipFacts` rows (county FIPS, month ``"YYYY-MM"``, tag
names), not ORM objects: the view builds them from the clear-text columns
(``Tip.county_fips``, the month of ``Tip.received_hour``, tag names). Output
carries months only - never a day or a time.

The rule (``t`` = ``EXPORT_SUPPRESS_BELOW``, default 3), applied to each
breakdown ("line": all counties plus "other / not sure", all months in the
range, all tags) of the same set of tips:

1. **Small cells.** A count below ``t`` - *including zero* - is shown as
   ``"<3"``. Zero is included so that "<3" never tells whether a county had
   any tip at all.
2. **The largest cell is withheld whenever a line has a small cell.** It is
   shown as "at least L", with L the largest *other* published count (or
   ``t``), never its own value.
3. **A line is not published when (cells - 1) x (t - 1) < total <= cells x
   (t - 1).** Only then could every cell be small while the total forces
   each of them above zero (e.g. 4 months, total 7: every month had a tip).
4. **The total** (number of tips) is exact when at least ``t``, else "<3".

Why this is sound, even against someone who knows these rules: the total is
exact, and a second breakdown (months) gives it away anyway - so assume the
attacker knows it. In a line with a small cell and a large one, the attacker
can subtract the exact cells from the total and learn the sum of the small
cells plus the withheld one. Every small cell's true count ``v`` could
equally be 0 with ``v`` more in the withheld cell: that cell has no upper
bound the attacker knows and its lower bound L does not depend on its own
value. In a line of small cells only, the total is at most (cells - 1) x
(t - 1) by rule 3, so any one cell could be 0 with the others at most t - 1.
So no small count can be told apart from zero, in any line, whatever the
other lines say.
Rule 2 is triggered only by the number of "<3" cells and rule 3 only by the
total and the number of cells - both public - so *when* they fire reveals
nothing either. Tags may overlap (a tip has several); the same rules are
applied as if they did not, which costs a little and covers tag sets that
happen to partition the tips.

What this does not cover: comparing two exports made at different times
(a county going from 12 to 13 says one tip came in between). Publish exports
for closed periods, and see docs/exports.md.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

from tipline import counties as county_names

DEFAULT_THRESHOLD = 3
OTHER = "other"
_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")

Status = Literal["exact", "small", "withheld"]


def month_of(moment: date | datetime) -> str:
    """The ``"YYYY-MM"`` month of a date: the only time granularity exported."""
    return f"{moment.year:04d}-{moment.month:02d}"


def check_month(month: str) -> str:
    if not isinstance(month, str) or not _MONTH.match(month):
        raise ValueError(f"month must look like 'YYYY-MM', got {month!r}")
    return month


@dataclass(frozen=True)
class TipFacts:
    """What aggregates need to know about one tip."""

    county_fips: str | None
    month: str
    tags: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        check_month(self.month)


@dataclass(frozen=True)
class Cell:
    key: str  # county FIPS or "other", "YYYY-MM", or tag name
    label: str
    status: Status
    # Exact count; for "withheld" a lower bound; None for "small".
    value: int | None
    threshold: int

    @property
    def display(self) -> str:
        if self.status == "small":
            return f"<{self.threshold}"
        if self.status == "withheld":
            return f"≥{self.value}"
        return str(self.value)


@dataclass(frozen=True)
class Breakdown:
    dimension: str  # "county", "month" or "tag"
    cells: tuple[Cell, ...]
    published: bool = True  # False: withheld entirely (rule 3)

    def cell(self, key: str) -> Cell:
        return next(c for c in self.cells if c.key == key)


@dataclass(frozen=True)
class Aggregates:
    threshold: int
    total: Cell
    by_county: Breakdown
    by_month: Breakdown
    by_tag: Breakdown
    months: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        """Plain data for the JSON export (see docs/exports.md)."""

        def line(b: Breakdown) -> dict[str, Any]:
            cells = [
                {
                    "key": c.key,
                    "label": c.label,
                    "status": c.status,
                    "value": c.value,
                    "display": c.display,
                }
                for c in b.cells
            ]
            return {"published": b.published, "cells": cells if b.published else []}

        return {
            "suppress_below": self.threshold,
            "total": {
                "status": self.total.status,
                "value": self.total.value,
                "display": self.total.display,
            },
            "by_county": line(self.by_county),
            "by_month": line(self.by_month),
            "by_tag": line(self.by_tag),
        }


def _protect(
    dimension: str, counts: list[tuple[str, str, int]], total: int | None, t: int
) -> Breakdown:
    """Apply rules 1-3 to one line of ``(key, label, count)``."""
    k = len(counts)
    if total is not None and (k - 1) * (t - 1) < total <= k * (t - 1):
        hidden = tuple(Cell(key, label, "small", None, t) for key, label, _ in counts)
        return Breakdown(dimension, hidden, published=False)
    small = [n < t for _, _, n in counts]
    withheld = -1
    if any(small) and not all(small):
        # Largest cell, first by position on ties: a public, data-light choice.
        withheld = max(range(k), key=lambda i: (counts[i][2], -i))
    others = [n for i, (_, _, n) in enumerate(counts) if not small[i] and i != withheld]
    bound = max([t, *others])
    cells: list[Cell] = []
    for i, (key, label, n) in enumerate(counts):
        if small[i]:
            cells.append(Cell(key, label, "small", None, t))
        elif i == withheld:
            cells.append(Cell(key, label, "withheld", bound, t))
        else:
            cells.append(Cell(key, label, "exact", n, t))
    return Breakdown(dimension, tuple(cells))


def _month_range(first: str, last: str) -> list[str]:
    year, month = map(int, first.split("-"))
    months = []
    while f"{year:04d}-{month:02d}" <= last:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def aggregate(
    rows: Iterable[TipFacts],
    *,
    counties: Sequence[str],
    months: tuple[str, str] | None = None,
    tags: Sequence[str] | None = None,
    threshold: int = DEFAULT_THRESHOLD,
    county_label: Callable[[str], str] | None = None,
) -> Aggregates:
    """Suppressed counts of ``rows``.

    ``counties``: the instance's county FIPS codes (every one gets a cell, so
    zeros are counted); tips elsewhere or without a county go to ``"other"``.
    ``months``: inclusive ``("YYYY-MM", "YYYY-MM")``; tips outside are left out
    of every breakdown, so all lines count the same tips. Default: first to
    last month seen. ``tags``: tag names to count (default: every tag seen).
    """
    if threshold < 1:
        raise ValueError("threshold must be at least 1")
    label = county_label or county_names.name
    facts = list(rows)
    if months is not None:
        first, last = check_month(months[0]), check_month(months[1])
        facts = [f for f in facts if first <= f.month <= last]
    elif facts:
        first, last = min(f.month for f in facts), max(f.month for f in facts)
    else:
        first = last = ""
    month_keys = _month_range(first, last) if first else []
    wanted = list(dict.fromkeys(counties))
    by_county = Counter(f.county_fips if f.county_fips in wanted else OTHER for f in facts)
    by_month = Counter(f.month for f in facts)
    by_tag = Counter(tag for f in facts for tag in set(f.tags))
    tag_keys = list(tags) if tags is not None else sorted(by_tag)

    n = len(facts)
    exact_total = n >= threshold
    total = Cell(
        "total",
        "All tips",
        "exact" if exact_total else "small",
        n if exact_total else None,
        threshold,
    )
    known = n if exact_total else None
    county_line = [(fips, label(fips), by_county[fips]) for fips in wanted]
    county_line.append((OTHER, "Other / not sure", by_county[OTHER]))
    return Aggregates(
        threshold=threshold,
        total=total,
        by_county=_protect("county", county_line, known, threshold),
        by_month=_protect("month", [(m, m, by_month[m]) for m in month_keys], known, threshold),
        by_tag=_protect("tag", [(tag, tag, by_tag[tag]) for tag in tag_keys], known, threshold),
        months=tuple(month_keys),
    )
