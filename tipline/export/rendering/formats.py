"""CSV and JSON of approved summaries, with stable, documented columns.

An :class:`ExportSummary` is what an organizer may see of one approved
summary: already redacted and approved by a reviewer (the views guarantee
that), with months only - never a day, time, reviewer name or tip id.

Columns, in this order (also in docs/exports.md); new columns are only ever
appended, and ``FORMAT_VERSION`` goes up when one is:

==============  ==============================================================
summary_id      opaque id of the summary (not a tip or case id)
scope           ``tip`` or ``case``
county_fips     five-digit FIPS code, empty when unknown
county_name     display name, e.g. "Berks County, PA"; "Other / not sure"
month           ``YYYY-MM`` the tip arrived / the case was opened
tags            tag names; CSV: joined with "; ", JSON: a list
case_status     case status for ``scope=case`` (e.g. "open"), else empty
summary_text    the approved, redacted text
approved_month  ``YYYY-MM`` the summary was approved
==============  ==============================================================

CSV is UTF-8 with a header row and RFC 4180 quoting. A cell that a
spreadsheet would run as a formula (starting with ``= + - @``, tab or CR) is
prefixed with ``'``; :func:`read_csv` removes that prefix again.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from tipline import counties
from tipline.export.aggregate import Aggregates, check_month

FORMAT_VERSION = 1
COLUMNS: tuple[str, ...] = (
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
TAG_SEPARATOR = "; "
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

Scope = Literal["tip", "case"]


@dataclass(frozen=True)
class ExportSummary:
    summary_id: str
    scope: Scope
    county_fips: str | None
    month: str
    summary_text: str
    approved_month: str
    tags: tuple[str, ...] = ()
    case_status: str | None = None
    county_name: str = field(default="")

    def __post_init__(self) -> None:
        if self.scope not in ("tip", "case"):
            raise ValueError(f"scope must be 'tip' or 'case', got {self.scope!r}")
        check_month(self.month)
        check_month(self.approved_month)
        if any(";" in tag for tag in self.tags):
            raise ValueError("tag names cannot contain ';'")
        if not self.county_name:
            object.__setattr__(self, "county_name", counties.name(self.county_fips))

    def row(self) -> dict[str, Any]:
        """The record as JSON-ready data, keys in :data:`COLUMNS` order."""
        return {
            "summary_id": self.summary_id,
            "scope": self.scope,
            "county_fips": self.county_fips or "",
            "county_name": self.county_name,
            "month": self.month,
            "tags": list(self.tags),
            "case_status": self.case_status or "",
            "summary_text": self.summary_text,
            "approved_month": self.approved_month,
        }

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> ExportSummary:
        tags = row["tags"]
        if isinstance(tags, str):
            tags = [t for t in tags.split(TAG_SEPARATOR) if t] if tags else []
        return cls(
            summary_id=row["summary_id"],
            scope=row["scope"],
            county_fips=row["county_fips"] or None,
            county_name=row["county_name"],
            month=row["month"],
            tags=tuple(tags),
            case_status=row["case_status"] or None,
            summary_text=row["summary_text"],
            approved_month=row["approved_month"],
        )


def _defuse(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_START) else value


def _restore(value: str) -> str:
    return value[1:] if value.startswith("'") and value[1:].startswith(_FORMULA_START) else value


def to_csv(summaries: Iterable[ExportSummary]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for summary in summaries:
        row = summary.row()
        row["tags"] = TAG_SEPARATOR.join(row["tags"])
        writer.writerow({k: _defuse(str(v)) for k, v in row.items()})
    return out.getvalue()


def read_csv(text: str) -> list[ExportSummary]:
    reader = csv.DictReader(io.StringIO(text))
    if tuple(reader.fieldnames or ()) != COLUMNS:
        raise ValueError(f"unexpected CSV columns {reader.fieldnames!r}")
    return [ExportSummary.from_row({k: _restore(v) for k, v in r.items()}) for r in reader]


def to_json(summaries: Iterable[ExportSummary], aggregates: Aggregates | None = None) -> str:
    """``{"format", "version", "columns", "summaries": [...], "aggregates"}``."""
    document: dict[str, Any] = {
        "format": "tipline-export",
        "version": FORMAT_VERSION,
        "columns": list(COLUMNS),
        "summaries": [s.row() for s in summaries],
    }
    if aggregates is not None:
        document["aggregates"] = aggregates.to_dict()
    return json.dumps(document, ensure_ascii=False, indent=2)


def read_json(text: str) -> list[ExportSummary]:
    document = json.loads(text)
    if document.get("format") != "tipline-export" or document.get("version") != FORMAT_VERSION:
        raise ValueError("not a tipline export of a known version")
    return [ExportSummary.from_row(row) for row in document["summaries"]]
