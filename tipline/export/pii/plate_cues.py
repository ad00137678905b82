"""Plate cues that are not a plate word: a state before the plate, a partial plate.

:mod:`.plates` finds plates near a plate word or a vehicle. Two more shapes
tell a plate apart from any other code:

- a US state (name or postal code) written right before a plate-shaped token
  of letters and digits, in a line that names a vehicle or a plate
  (``Texas ABC-1234 on a black Tahoe``, ``a silver Camry NY HJK-2231``): the
  state is how people read a plate aloud. Digits alone after a state are a
  ZIP code ("PA 19601") and never taken. A state written out needs no
  vehicle when three letters and three or four digits follow it (``Ohio
  HTR 2231``);
- the part of a plate someone remembered, after "ended in" / "starts with" /
  "termina en" right after a plate word (``the plate ended in 4471``,
  ``placa empieza con KZX``): short, but still the plate.
"""

from __future__ import annotations

import re

from tipline.export.pii.findings import Finding, make
from tipline.export.pii.plate_shapes import plates_in

_STATE_NAMES = (
    r"Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia"
    r"|Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland"
    r"|Massachusetts|Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada"
    r"|New\s+Hampshire|New\s+Jersey|New\s+Mexico|New\s+York|North\s+Carolina|North\s+Dakota"
    r"|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode\s+Island|South\s+Carolina|South\s+Dakota"
    r"|Tennessee|Texas|Utah|Vermont|Virginia|Washington|West\s+Virginia|Wisconsin|Wyoming"
    r"|Puerto\s+Rico"
)
# USPS state codes, in capitals as written on a plate.
_STATE_CODES = (
    r"AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE"
    r"|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|PR|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY"
)
_STATE = re.compile(
    rf"\b(?:{_STATE_NAMES}|(?:{_STATE_CODES})(?![\w.]))(?:\s+(?i:state))?[^\S\n]+(?=[A-Z0-9])"
)
_LINE = 80
# A bill or a road after a state is neither a plate: "Arizona SB 1070",
# "Texas HB 2", "Florida SR 826", "Texas FM 1960".
_BILL_OR_ROAD = re.compile(r"(?:SB|HB|AB|HR|SF|HF|LB|LD|SR|CR|US|FM|RM|SH|RT|HWY|I)[\s-]?\d")

_STRICT = re.compile(
    # (a year after an agency's letters is a report's: "Texas DPS 2023").
    r"(?:[A-Z]{3}[ -]?(?!(?:19|20)\d\d(?!\d))\d{3,4}|\d{3,4}[ -]?[A-Z]{3}|\d[A-Z]{3}\d{3})"
    r"(?![\w-])(?![^\S\n]*[/-]\d)"
)
_PARTIAL = re.compile(
    r"[^\S\n]+(?:(?i:number|was|is|no\.?|era|es)[^\S\n]+)?"
    r"(?i:(?:ended|ends|ending|started|starts|starting|began|begins|beginning)\s+(?:in|with)"
    r"|termina(?:ba)?\s+en|empieza(?:ba)?\s+con|comienza(?:ba)?\s+con)"
    r"[^\S\n]+(\d{2,8}|(?=[A-Z0-9]*[A-Z])[A-Z0-9]{2,8})(?![\w-])"
)


def after_a_state(text: str, cues: list[tuple[int, int]]) -> list[Finding]:
    """Plates right after a state, in a line where one of ``cues`` (vehicle
    and plate words) stands within a line's length."""
    found: list[Finding] = []
    for state in _STATE.finditer(text):
        line_start = text.rfind("\n", 0, state.start()) + 1
        line_end = text.find("\n", state.end())
        line_end = len(text) if line_end == -1 else line_end
        cued = any(
            max(line_start, state.start() - _LINE) <= s and e <= min(line_end, state.end() + _LINE)
            for s, e in cues
        )
        # With no cue, a state written out and a plate of the common US shape
        # still read as a plate ("Ohio HTR 2231", "Texas 4471 KZX"): three
        # letters, never a state code before a ZIP code ("New York NY 10001").
        if not cued:
            if state.group()[:2].isupper() or not (
                strict := _STRICT.match(text, state.end(), line_end)
            ):
                continue
            found += [f for f in [make(text, *strict.span(), "plate")] if f]
            continue
        end = min(line_end, state.end() + 12)
        after = plates_in(text, state.end(), end, loose=False, minimum=5)
        if (
            after
            and after[0].start == state.end()
            and any(ch.isalpha() for ch in after[0].text)
            and not _BILL_OR_ROAD.match(after[0].text)
        ):
            found.append(after[0])
    return found


def partial_plate(text: str, cue_end: int) -> list[Finding]:
    """ "the plate ended in 4471": the remembered part right after a plate word."""
    partial = _PARTIAL.match(text, cue_end)
    return [f for f in [make(text, *partial.span(1), "plate")] if f] if partial else []
