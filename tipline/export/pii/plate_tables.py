"""Plates the cue reader of :mod:`.plates` misses or mistakes.

- A table whose column header is the only cue ("Plate", "Placas", "Tag",
  "Matrícula", "License plate"): the cells under it (:mod:`.table_columns`:
  markdown pipes, tabs, CSV, or columns aligned with spaces).
- Digits alone in brackets right after a plate word: "the plate (559666)",
  "la placa (902319)".
- No plate: a month and day in capitals ("OCTOBER 7", "7 OCT"), or a code
  after "Patrulla Fronteriza", which names an agency, not a vehicle
  ("Patrulla Fronteriza folio PF4471").
"""

from __future__ import annotations

import re

from tipline.export.pii.findings import Finding, make
from tipline.export.pii.plate_shapes import plates_in
from tipline.export.pii.plates import plates
from tipline.export.pii.table_columns import cells_below

_HEADER = re.compile(
    r"\b(?:(?:licen[cs]e\s+)?plates?(?:\s+(?:number|no\.?|#))?|tags?"
    r"|(?:n[úu]mero\s+de\s+)?(?:placas?|matr[íi]culas?))(?![\w#])",
    re.IGNORECASE,
)
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


def _table_plates(text: str) -> list[Finding]:
    found: list[Finding] = []
    for header in _HEADER.finditer(text):
        for start, end in cells_below(text, *header.span()):
            found += [
                f
                for f in plates_in(text, start, end, loose=True, minimum=4, digits_only=True)
                if not _YEAR.fullmatch(f.text)
            ]
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
