"""Plates the cue reader of :mod:`.plates` misses or mistakes.

- A table whose column header is the only cue ("Plate", "Placas", "Tag",
  "Matrícula", "License plate"): markdown pipes, tabs, CSV, or columns
  aligned with spaces; the cell under the header in each row below.
- Digits alone in brackets right after a plate word: "the plate (559666)",
  "la placa (902319)".
- No plate: a month and day in capitals ("OCTOBER 7", "7 OCT"), or a code
  after "Patrulla Fronteriza", which names an agency, not a vehicle
  ("Patrulla Fronteriza folio PF4471").
"""

from __future__ import annotations

import csv
import re

from tipline.export.pii.findings import Finding, make
from tipline.export.pii.plate_shapes import plates_in
from tipline.export.pii.plates import plates

_HEADER = re.compile(
    r"(?:licen[cs]e\s+)?plates?(?:\s+(?:number|no\.?|#))?|tags?|placas?|matr[íi]culas?"
    r"|(?:n[úu]mero\s+de\s+)?(?:placas?|matr[íi]cula)",
    re.IGNORECASE,
)
# How a row splits into cells: pipes, tabs, commas, or two spaces or more.
_SPLITS = (
    ("|", re.compile(r"\|")),
    ("\t", re.compile(r"\t")),
    (",", re.compile(r",")),
    ("  ", re.compile(r" {2,}")),
)
_RULE = re.compile(r"[\s|:+-]*")
_AGENCY = re.compile(r"\bpatrulla\s+fronteriza\b", re.IGNORECASE)
_MONTHS = (
    r"JAN(?:UARY)?|FEB(?:RUARY)?|MAR(?:CH)?|APR(?:IL)?|MAY|JUNE?|JULY?|AUG(?:UST)?"
    r"|SEPT?(?:EMBER)?|OCT(?:OBER)?|NOV(?:EMBER)?|DEC(?:EMBER)?|ENE(?:RO)?|FEBRERO|MARZO"
    r"|ABR(?:IL)?|MAYO|JUNIO|JULIO|AGO(?:STO)?|SEPTIEMBRE|SETIEMBRE|OCTUBRE|NOVIEMBRE|DIC(?:IEMBRE)?"
)
_DAY = r"(?:[12]?\d|3[01])"
# A day is one or two digits, so "OCT 7421" may still be a plate.
_MONTH_DAY = re.compile(
    rf"\b(?:{_MONTHS})\.?[\s-]*{_DAY}(?![\w-])|(?<![\w-]){_DAY}[\s-]*(?:{_MONTHS})\b"
)
_BRACKETED_DIGITS = re.compile(
    r"\b(?:licen[cs]e\s+)?(?:plates?|tags?|placas?|matr[íi]culas?|patentes?)"
    r"(?:\s+(?:number|no\.?|n[úu]mero|#))?[^\S\n]*\([^\S\n]*(\d[\d -]{2,10}\d)[^\S\n]*\)",
    re.IGNORECASE,
)
_YEAR = re.compile(r"(?:19|20)\d\d")


def _cells(line: str, start: int, splitter: re.Pattern[str]) -> list[tuple[int, int]]:
    """The cells of a row, as spans of the text, stripped of spaces and quotes."""
    spans: list[tuple[int, int]] = []
    position = 0
    for cut in [*splitter.finditer(line), None]:
        end = cut.start() if cut else len(line)
        cell = line[position:end]
        lead = len(cell) - len(cell.lstrip(" \"'"))
        trail = len(cell.rstrip(" \"'"))
        spans.append((start + position + lead, start + position + max(lead, trail)))
        position = cut.end() if cut else len(line)
    return spans


def _by_position(line: str, start: int, columns: list[int]) -> list[tuple[int, int]]:
    """The cells of an aligned row under headers starting at ``columns``."""
    spans = []
    for left, right in zip(columns, [*columns[1:], len(line)], strict=True):
        cell = line[left:right]
        lead = len(cell) - len(cell.lstrip())
        spans.append((start + left + lead, start + left + max(lead, len(cell.rstrip()))))
    return spans


def _table_plates(text: str) -> list[Finding]:
    found: list[Finding] = []
    lines: list[tuple[int, str]] = []
    position = 0
    for line in text.split("\n"):
        lines.append((position, line))
        position += len(line) + 1
    for number, (start, header) in enumerate(lines):
        for mark, splitter in _SPLITS:
            if mark not in header:
                continue
            # A CSV header is a row of short cells: never a sentence.
            if mark == "," and any(len(c.split()) > 3 for c in next(csv.reader([header]))):
                continue
            heads = _cells(header, start, splitter)
            columns = [i for i, (a, b) in enumerate(heads) if _HEADER.fullmatch(text[a:b])]
            if not columns or len(heads) < 2:
                continue
            for row_start, row in lines[number + 1 :]:
                if _RULE.fullmatch(row) and row.strip():
                    continue  # a markdown rule: |---|---|
                cells = _cells(row, row_start, splitter)
                if mark not in row:
                    break
                if len(cells) != len(heads):
                    if mark != "  ":
                        break
                    # Aligned columns with an empty cell: read by position.
                    cells = _by_position(row, row_start, [a - start for a, _ in heads])
                for column in columns:
                    a, b = cells[column]
                    found += [
                        f
                        for f in plates_in(text, a, b, loose=True, minimum=4, digits_only=True)
                        if not _YEAR.fullmatch(f.text)
                    ]
            break
    return found


def _masked(text: str) -> str:
    """``text`` with "Patrulla Fronteriza" blanked out, offsets unchanged."""
    return _AGENCY.sub(lambda m: " " * len(m.group()), text)


def vehicle_plates(text: str) -> list[Finding]:
    """:func:`.plates.plates` with tables and bracketed digits added, and
    months and an agency's codes left out."""
    masked = _masked(text)
    found = [f for f in plates(masked) if text[f.start : f.end] == f.text]
    found += _table_plates(text)
    for match in _BRACKETED_DIGITS.finditer(text):
        digits = sum(ch.isdigit() for ch in match.group(1))
        if 4 <= digits <= 8 and not _YEAR.fullmatch(match.group(1)):
            found += [f for f in [make(text, *match.span(1), "plate")] if f]
    # "OCTOBER 7", and "SEEN ON 7" of "SEEN ON 7 OCT": a date in capitals.
    dates = [m.span() for m in _MONTH_DAY.finditer(text)]
    return sorted({f for f in found if not any(s < f.end and f.start < e for s, e in dates)})
