"""County and state outlines from the committed ``tipline/data/county_paths.json.gz``.

The file is built once by ``tools/build_county_shapes.py`` from us-atlas
(see ``tipline/data/COUNTY_SHAPES.md``): SVG path data already projected to
a 975x610 Albers USA viewport, keyed by FIPS code. Nothing is fetched at run
time.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from tipline.counties import all_counties


@dataclass(frozen=True)
class Shape:
    fips: str
    name: str
    bbox: tuple[float, float, float, float]  # min x, min y, max x, max y
    d: str  # SVG path data


@cache
def _data() -> dict[str, Any]:
    blob = resources.files("tipline").joinpath("data", "county_paths.json.gz").read_bytes()
    data: dict[str, Any] = json.loads(gzip.decompress(blob))
    return data


def _shape(fips: str, entry: dict[str, Any]) -> Shape:
    x0, y0, x1, y1 = entry["bbox"]
    return Shape(fips, entry["name"], (x0, y0, x1, y1), entry["d"])


@cache
def state_fips(usps: str) -> str:
    """Two-digit state FIPS for a USPS code ("PA" -> "42")."""
    for county in all_counties().values():
        if county.state == usps.upper():
            return county.fips[:2]
    raise ValueError(f"unknown state {usps!r}")


def county_shapes(states: tuple[str, ...] | list[str]) -> list[Shape]:
    """Shapes of every county in the given states (USPS codes), by FIPS."""
    prefixes = {state_fips(s) for s in states}
    counties = _data()["counties"]
    return [_shape(f, counties[f]) for f in sorted(counties) if f[:2] in prefixes]


def state_shapes(states: tuple[str, ...] | list[str]) -> list[Shape]:
    wanted = {state_fips(s) for s in states}
    data = _data()["states"]
    return [_shape(f, data[f]) for f in sorted(data) if f in wanted]


def bounds(shapes: list[Shape]) -> tuple[float, float, float, float]:
    """Union bounding box; raises ``ValueError`` for an empty list."""
    if not shapes:
        raise ValueError("no shapes to fit")
    return (
        min(s.bbox[0] for s in shapes),
        min(s.bbox[1] for s in shapes),
        max(s.bbox[2] for s in shapes),
        max(s.bbox[3] for s in shapes),
    )
