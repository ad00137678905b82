"""Aggregates: small-count suppression, and the subtraction attacks it must defeat."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tipline.config import DEFAULTS
from tipline.export.aggregate import (
    Aggregates,
    Breakdown,
    TipFacts,
    aggregate,
    check_month,
    month_of,
)

A, B, C, D = "42011", "42091", "42101", "42071"  # Berks, Montgomery, Philadelphia, Lancaster


def rows(spec: dict[tuple[str | None, str], int], tags: tuple[str, ...] = ()) -> list[TipFacts]:
    return [TipFacts(county, month, tags) for (county, month), n in spec.items() for _ in range(n)]


def feasible(line: Breakdown, total: int, key: str, t: int) -> tuple[int, int]:
    """What someone who knows the exact total and every published figure of
    ``line`` can conclude about cell ``key``: its smallest and largest value."""
    known = sum(c.value for c in line.cells if c.status == "exact" and c.value is not None)
    rest = total - known

    def bounds(cell):
        if cell.status == "small":
            return 0, t - 1
        return cell.value, total  # withheld: at least the published bound

    target = line.cell(key)
    lo_others = sum(bounds(c)[0] for c in line.cells if c is not target and c.status != "exact")
    hi_others = sum(bounds(c)[1] for c in line.cells if c is not target and c.status != "exact")
    lo, hi = bounds(target)
    return max(lo, rest - hi_others), min(hi, rest - lo_others)


def assert_no_small_count_pinned(result: Aggregates, true_counts: dict[str, dict[str, int]]):
    t = result.threshold
    total = result.total.value
    if total is None:
        return  # the total itself is small: nothing exact to subtract from
    for line in (result.by_county, result.by_month):
        if not line.published:
            continue
        for cell in line.cells:
            true = true_counts[line.dimension].get(cell.key, 0)
            if cell.status == "small" and true > 0:
                lo, hi = feasible(line, total, cell.key, t)
                assert lo <= 0 < true <= hi, (line.dimension, cell.key, true, lo, hi)


def test_small_counts_including_zero_show_as_below_threshold():
    result = aggregate(rows({(A, "2023-01"): 5, (B, "2023-01"): 2}), counties=[A, B, C])
    shown = {c.key: c.display for c in result.by_county.cells}
    assert shown[B] == "<3" and shown[C] == "<3"
    assert result.by_county.cell(B).value is None


def test_threshold_comes_from_config_default():
    assert DEFAULTS["EXPORT_SUPPRESS_BELOW"] == 3
    result = aggregate(rows({(A, "2023-01"): 9, (B, "2023-01"): 4}), counties=[A, B], threshold=5)
    assert result.by_county.cell(B).display == "<5"


def test_subtraction_attack_with_the_total():
    # Naively: total 37 - 20 - 15 = 2 tips from Berks. Here it cannot be worked out.
    data = rows({(A, "2023-01"): 2, (B, "2023-01"): 20, (C, "2023-02"): 15})
    result = aggregate(data, counties=[A, B, C])
    assert result.total.display == "37"
    assert result.by_county.cell(A).display == "<3"
    largest = result.by_county.cell(B)
    assert largest.status == "withheld" and largest.display == "≥15"
    assert result.by_county.cell(C).display == "15"
    assert feasible(result.by_county, 37, A, 3) == (0, 2)


def test_subtraction_attack_across_two_dimensions():
    # Months are all large, so they give away the exact total; counties have
    # one small cell. Subtracting the visible counties from the month total
    # must still not reveal it.
    data = rows({(A, "2023-01"): 1, (B, "2023-01"): 10, (C, "2023-02"): 12, (D, "2023-02"): 6})
    result = aggregate(data, counties=[A, B, C, D])
    month_total = sum(c.value for c in result.by_month.cells if c.value is not None)
    assert all(c.status == "exact" for c in result.by_month.cells)
    assert month_total == 29
    lo, hi = feasible(result.by_county, month_total, A, 3)
    assert lo == 0 and hi >= 1
    assert_no_small_count_pinned(
        result, {"county": {A: 1, B: 10, C: 12, D: 6}, "month": {"2023-01": 11, "2023-02": 18}}
    )


def test_all_small_cells_at_the_maximum_is_not_published():
    # Two cells of 2 and a total of 4: each cell would be pinned at 2.
    data = rows({(A, "2023-01"): 2, (None, "2023-02"): 2})
    result = aggregate(data, counties=[A])
    assert not result.by_county.published
    assert result.to_dict()["by_county"] == {"published": False, "cells": []}


def test_line_whose_total_forces_every_small_cell_above_zero_is_not_published():
    # Four months, seven tips, none with 3: every month had at least one tip.
    data = rows({(A, "2023-01"): 2, (A, "2023-02"): 2, (B, "2023-03"): 2, (B, "2023-04"): 1})
    result = aggregate(data, counties=[A, B, C, D])
    assert not result.by_month.published
    # The same rule on (total, cells) alone, whatever the cells hold.
    # (so withholding it says nothing about the cells).
    spread = rows({(A, "2023-01"): 6, (A, "2023-02"): 1})
    assert not aggregate(spread, counties=[A], months=("2023-01", "2023-04")).by_month.published
    five_months = aggregate(spread, counties=[A], months=("2023-01", "2023-05")).by_month
    assert five_months.published
    assert [c.display for c in five_months.cells] == ["≥3", "<3", "<3", "<3", "<3"]


def test_tiny_total_is_suppressed_too():
    result = aggregate(rows({(A, "2023-01"): 2}), counties=[A, B])
    assert result.total.display == "<3"
    assert all(c.status == "small" for c in result.by_county.cells)


def test_other_bucket_and_month_range():
    data = rows(
        {(A, "2023-01"): 4, ("34001", "2023-02"): 3, (None, "2023-03"): 1, (A, "2022-12"): 7}
    )
    result = aggregate(data, counties=[A], months=("2023-01", "2023-03"))
    assert result.months == ("2023-01", "2023-02", "2023-03")
    assert result.total.value == 8  # December 2022 is outside the period everywhere
    other = result.by_county.cell("other")
    assert other.label == "Other / not sure"
    assert [c.key for c in result.by_month.cells] == ["2023-01", "2023-02", "2023-03"]


def test_tags_count_each_tip_once_per_tag():
    data = rows({(A, "2023-01"): 5}, tags=("handoff", "joint", "handoff"))
    data += rows({(A, "2023-02"): 2}, tags=("handoff",))
    data += rows({(B, "2023-01"): 1}, tags=("profiling",))
    result = aggregate(data, counties=[A, B], tags=["handoff", "joint", "profiling"])
    shown = {c.key: c.display for c in result.by_tag.cells}
    assert shown == {"handoff": "≥5", "joint": "5", "profiling": "<3"}


def test_months_only_never_days():
    assert month_of(datetime(2023, 3, 14, 15, 9)) == "2023-03"
    assert month_of(date(2024, 12, 1)) == "2024-12"
    for bad in ("2023-03-14", "2023-3", "2023-13", "March 2023"):
        with pytest.raises(ValueError):
            check_month(bad)
    with pytest.raises(ValueError):
        TipFacts(A, "2023-03-14")


def test_json_shape_has_no_raw_small_values():
    data = rows({(A, "2023-01"): 2, (B, "2023-01"): 20, (C, "2023-02"): 15})
    document = aggregate(data, counties=[A, B, C]).to_dict()
    cells = {c["key"]: c for c in document["by_county"]["cells"]}
    assert cells[A] == {
        "key": A,
        "label": "Berks County, PA",
        "status": "small",
        "value": None,
        "display": "<3",
    }


@settings(max_examples=200, deadline=None)
@given(
    county_counts=st.lists(st.integers(0, 12), min_size=2, max_size=5),
    month_split=st.lists(st.integers(0, 3), min_size=40, max_size=40),
)
def test_no_small_count_can_be_subtracted_back(county_counts, month_split):
    """Property: whoever knows the exact total (from any line) cannot narrow a
    nonzero small cell down to one value, in counties or months."""
    counties = [A, B, C, D, "42001"][: len(county_counts)]
    data = []
    i = 0
    for county, n in zip(counties, county_counts, strict=True):
        for _ in range(n):
            data.append(TipFacts(county, f"2023-0{1 + month_split[i % 40]}"))
            i += 1
    if not data:
        return
    result = aggregate(data, counties=counties, months=("2023-01", "2023-04"))
    true = {
        "county": dict(zip(counties, county_counts, strict=True)),
        "month": {m: sum(1 for f in data if f.month == m) for m in result.months},
    }
    assert_no_small_count_pinned(result, true)
