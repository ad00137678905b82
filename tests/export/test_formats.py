"""CSV and JSON exports: stable columns, round trips, no formula injection."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tipline.export.aggregate import TipFacts, aggregate
from tipline.export.rendering.formats import (
    COLUMNS,
    ExportSummary,
    read_csv,
    read_json,
    to_csv,
    to_json,
)


def summaries():
    return [
        ExportSummary(
            "s1",
            "tip",
            "42011",
            "2023-03",
            "Según la fuente, [name] fue entregado a ICE; dijo “ya”.",
            "2023-04",
            ("release-time handoff", "joint operation"),
        ),
        ExportSummary(
            "s2",
            "case",
            None,
            "2023-05",
            '=HYPERLINK("x") three letters, 12 people',
            "2023-06",
            (),
            "open",
        ),
    ]


def test_columns_are_stable():
    # Appending is allowed (bump FORMAT_VERSION); reordering or renaming is not.
    assert COLUMNS == (
        "summary_id",
        "scope",
        "county_fips",
        "county_name",
        "month",
        "tags",
        "case_status",
        "summary_text",
        "approved_month",
    )
    header = next(csv.reader(io.StringIO(to_csv(summaries()))))
    assert tuple(header) == COLUMNS
    assert list(json.loads(to_json(summaries()))["summaries"][0]) == list(COLUMNS)


def test_csv_round_trip_and_formula_defused():
    text = to_csv(summaries())
    assert "'=HYPERLINK" in text  # a spreadsheet shows it as text
    assert read_csv(text) == summaries()
    row = next(csv.DictReader(io.StringIO(text)))
    assert row["tags"] == "release-time handoff; joint operation"
    assert row["county_name"] == "Berks County, PA"


def test_json_round_trip_with_aggregates():
    data = [TipFacts("42011", "2023-03")] * 4
    text = to_json(summaries(), aggregate(data, counties=["42011"]))
    document = json.loads(text)
    assert document["format"] == "tipline-export" and document["version"] == 1
    assert document["aggregates"]["total"]["display"] == "4"
    assert read_json(text) == summaries()
    assert "Según" in text  # UTF-8, not \\u escapes


def test_no_exact_times_or_reviewers():
    with pytest.raises(ValueError):
        ExportSummary("s", "tip", None, "2023-03-14", "text", "2023-04")
    with pytest.raises(ValueError):
        ExportSummary("s", "tip", None, "2023-03", "text", "2023-04-01T10:00")
    assert not any("review" in c or "time" in c or "date" in c for c in COLUMNS)


def test_bad_input_is_refused():
    with pytest.raises(ValueError):
        ExportSummary("s", "note", None, "2023-03", "t", "2023-04")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        ExportSummary("s", "tip", None, "2023-03", "t", "2023-04", ("a;b",))
    with pytest.raises(ValueError):
        read_csv("a,b\n1,2\n")
    with pytest.raises(ValueError):
        read_json('{"format": "other"}')
