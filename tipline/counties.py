"""US counties by FIPS code, from the Census 2020 list shipped in ``addfips``.

An instance chooses its state(s) (``STATES``, default Pennsylvania's 67
counties). Forms offer those counties plus "other / not sure", which is stored
as no county at all. Names are for display; FIPS codes are what we store.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class County:
    fips: str  # five digits: state (2) + county (3)
    name: str  # e.g. "Montgomery County"
    state: str  # USPS code, e.g. "PA"

    @property
    def label(self) -> str:
        return f"{self.name}, {self.state}"


def _read(name: str) -> list[dict[str, str]]:
    text = resources.files("addfips").joinpath("data", name).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


@cache
def _state_codes() -> dict[str, str]:
    """State FIPS code -> USPS code."""
    return {row["fips"]: row["postal"] for row in _read("states.csv")}


@cache
def all_counties() -> dict[str, County]:
    """Every county in the 2020 Census list, keyed by five-digit FIPS."""
    states = _state_codes()
    result = {}
    for row in _read("counties_2020.csv"):
        fips = row["statefp"] + row["countyfp"]
        result[fips] = County(fips=fips, name=row["name"], state=states.get(row["statefp"], "??"))
    return result


def counties_for(states: Iterable[str]) -> list[County]:
    """The counties of the given states, ordered by state then name."""
    return list(_counties_for(frozenset(s.upper() for s in states)))


@cache
def _counties_for(wanted: frozenset[str]) -> tuple[County, ...]:
    # Every tip form builds its county choices from this: scanning all 3,000+
    # counties took about 2 ms of CPU per form page and per submission.
    chosen = [c for c in all_counties().values() if c.state in wanted]
    return tuple(sorted(chosen, key=lambda c: (c.state, c.name)))


def is_valid(fips: str, states: Iterable[str]) -> bool:
    county = all_counties().get(fips)
    return county is not None and county.state in {s.upper() for s in states}


def name(fips: str | None) -> str:
    """Display name for a stored FIPS code; unknown or missing reads plainly."""
    if not fips:
        return "Other / not sure"
    county = all_counties().get(fips)
    return county.label if county else f"Unknown county ({fips})"
