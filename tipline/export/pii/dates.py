"""Dates of birth: a date shortly after a birth cue, in English or Spanish.

Only dates in a birth context are identifying: "arrested on 10/02/2023" is the
story and stays readable, "DOB 10/02/1986" is a person. A cue ("DOB", "date of
birth", "born on", "fecha de nacimiento", "nació el", ...) must come first, at
most :data:`WINDOW` characters before the date with no sentence end between.

Date shapes: numeric (``11/23/1986``, ``23/08/1990``, ``07-30-1979``,
``1986-11-23``, two-digit years), written English (``June 3, 1991``,
``Aug. 21, 1993``, ``12 January 2022``, ``March 3rd``) and Spanish (``15 de
marzo de 1988``, ``marzo 15, 1988``, ``1o de mayo del 90``). After "born in" /
"nació en" a bare year is taken too, since a birth year narrows a person down
as much as the rest of a summary allows, and so does a birth month ("born in
March 1985", "nació en marzo de 1985").

A cue at the end of a line (a form's label, a hand-wrapped letter: "born\n
8 Aug 1999", "DOB:\n03/04/1990") reaches the date on the next line.
"""

from __future__ import annotations

import re

from tipline.export.pii.findings import Finding, make

WINDOW = 40

_MONTHS_EN = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_MONTHS_ES = (
    r"(?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|sep?tiembre|octubre|noviembre"
    r"|diciembre|ene|feb|mar|abr|may|jun|jul|ago|sep|oct|nov|dic)\.?"
)
_DAY = r"(?:[0-2]?\d|3[01])(?:st|nd|rd|th|o|º)?"
_YEAR = r"(?:19|20)\d{2}"
_YEAR_ANY = r"(?:(?:19|20)\d{2}|'?\d{2})"

_DATE = re.compile(
    "|".join(
        [
            r"(?<![\d/.-])\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})(?![\d/-]|\.\d)",
            rf"(?<![\d-]){_YEAR}([-/.])\d{{1,2}}\1\d{{1,2}}(?![\d-])",
            # Compact, as forms and databases print it: 19850704.
            rf"(?<![\d-]){_YEAR}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?![\d-])",
            rf"\b{_MONTHS_EN}\s+(?:the\s+)?{_DAY},?\s+{_YEAR_ANY}\b",
            rf"\b{_DAY}\s+(?:of\s+)?{_MONTHS_EN},?\s+{_YEAR_ANY}\b",
            rf"\b(?:{_DAY}|primero)\s+de\s+{_MONTHS_ES}"
            rf"(?:,?\s+(?:de|del)\s+{_YEAR_ANY}|,?\s+{_YEAR})?\b",
            rf"\b{_MONTHS_ES}\s+{_DAY},?\s+(?:de\s+|del\s+)?{_YEAR_ANY}\b",
            rf"\b{_MONTHS_EN}\s+{_DAY}\b",
            # Jul-04-1985, Jul/04/85.
            rf"\b{_MONTHS_EN}[-/]{_DAY}[-/]{_YEAR_ANY}\b",
            # Booking-sheet style: 04-JUL-1972, 4 JUL 72.
            rf"\b{_DAY}[-\s/]{_MONTHS_EN}[-\s/]{_YEAR_ANY}\b",
            rf"\b{_DAY}[-/]{_MONTHS_ES}[-/]{_YEAR_ANY}\b",
            # Spanish without "de": 5 agosto 1975, 5 ago. 1975.
            rf"\b{_DAY}\s+{_MONTHS_ES},?\s+{_YEAR_ANY}\b",
        ]
    ),
    re.IGNORECASE,
)
_YEAR_ONLY = re.compile(
    rf"\b(?:{_MONTHS_EN}\s+(?:of\s+)?|{_MONTHS_ES}\s+(?:de\s+|del\s+)?)?{_YEAR}\b", re.IGNORECASE
)

_CUES = re.compile(
    r"\bD\.?\s?O\.?\s?B\b\.?|\bdate\s+of\s+birth\b|\bbirth\s*date\b|\bbirthday\b|\bb-?day\b"
    r"|\bbirth\b\s*:|\bborn\b(?:\s+on)?|\bfecha\s+de\s+nac(?:imiento|\.)?|\bf\.\s?nac\b\.?"
    r"|\bF\.N\.|\bFN\s*:|\bnac(?:í|i|ió|io|ido|ida)\b(?:\s+el\b)?|\bcumplea[ñn]os\b"
    # "(b. Sept. 2, 1982)", "Nacimiento: 15-12-1976", "(nac. 23.05.1978)",
    # "fec. nac.", "f. de nac.".
    r"|(?:^|(?<=[\s(,;]))b\.(?=\s)|\bnacimiento\b|\bnac\b\.?"
    r"|\bf(?:echa|ec)?\.?\s*(?:de\s+)?nac\b\.?"
    # Age with the birthday: "turns 40 on June 3", "cumple 40 años el 3 de junio".
    r"|\bturn(?:s|ed)\s+\d{1,3}\s+on\b|\bcumpl(?:e|ió|io|irá|ira)\s+\d{1,3}(?:\s+años)?\s+el\b",
    re.IGNORECASE,
)
_YEAR_CUES = re.compile(
    r"\bborn\s+in\b|\bborn\b(?=\s+(?:19|20)\d\d\b)|\bnac(?:í|i|ió|io|ido|ida)\s+en\b|\bbirth\s+year\b|\baño\s+de\s+nacimiento\b",
    re.IGNORECASE,
)
# A question answered on the next line of a chat or form ("¿fecha de
# nacimiento?\n[10:13] usuaria: 6-jun-2000"): the answer follows its speaker.
_QUESTION = re.compile(
    r"[^\S\n]*\?[^\S\n]*\n(?:\[[^\]\n]{1,12}\][^\S\n]*)?(?:[^\W\d][\w .-]{0,20}:[^\S\n]*)?"
)
# A sentence end between cue and date breaks the link, and so does another
# event: "born in Honduras and arrested on 3/4/2020" dates the arrest.
_BREAK = re.compile(
    r"[.!?;]\s+[A-ZÁÉÍÓÚÑ¿¡]|\n|\b(?i:arrested|detained|picked|taken|deported|released"
    r"|transferred|booked|moved|came|entered|arrived|married|since|until"
    # Spanish participles only as a verb: "fue detenido", not "del detenido".
    r"|(?:fue|fui|fueron|lo|la|los|las|me|le)\s+(?:detenid|arrestad|deportad|liberad|trasladad)[oa]s?"
    r"|detuvieron|arrestaron|agarraron|deportaron|lleg[óo]|entr[óo]|sali[óo]|cas[óo]|desde|hasta)\b"
)
# What may end a cue's line before the date on the next: a colon or a dash.
_LINE_END = re.compile(r"[^\S\n]*[:\-–—]?[^\S\n]*\n")


def _near(text: str, start: int, pattern: re.Pattern[str]) -> re.Match[str] | None:
    if wrapped := _LINE_END.match(text, start):
        start = wrapped.end()
    window_end = min(len(text), start + WINDOW)
    stop = _BREAK.search(text, start, window_end)
    limit = stop.start() if stop else window_end
    match = pattern.search(text, start)
    if match and match.start() <= limit:
        return match
    return None


def dates_of_birth(text: str) -> list[Finding]:
    """Dates (and birth years) that follow a birth cue."""
    found: list[Finding | None] = []
    for cue in _CUES.finditer(text):
        match = _near(text, cue.end(), _DATE)
        question = None if match else _QUESTION.match(text, cue.end())
        if question:
            match = _near(text, question.end(), _DATE)
        if match:
            found.append(make(text, *match.span(), "dob"))
    for cue in _YEAR_CUES.finditer(text):
        match = _near(text, cue.end(), _DATE) or _near(text, cue.end(), _YEAR_ONLY)
        if match:
            found.append(make(text, *match.span(), "dob"))
    return sorted({f for f in found if f})
