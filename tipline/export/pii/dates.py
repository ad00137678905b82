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
8 Aug 1999", "DOB:\n03/04/1990") reaches the date on the next line, past up
to two blank lines; a cue that heads a table's column ("Name | DOB |
Country") reaches the dates in that column (:mod:`.table_columns`).
"""

from __future__ import annotations

import re

from tipline.export.pii.findings import Finding, make
from tipline.export.pii.table_columns import cells_below

WINDOW = 100

_MONTHS_EN = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_MONTHS_ES = (
    r"(?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|sep?tiembre|octubre|noviembre"
    r"|diciembre|ene|feb|mar|abr|may|jun|jul|ago|sept?|oct|nov|dic)\.?"
)
_DAY_WORDS = (
    r"(?:(?:twenty|thirty)[-\s]?)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)"
    r"|tenth|eleventh|twelfth|(?:thir|four|fif|six|seven|eigh|nine)teenth|twentieth|thirtieth"
    r"|primero|veinti(?:uno|d[óo]s|tr[ée]s|cuatro|cinco|s[ée]is|siete|ocho|nueve)|veinte"
    r"|treinta(?:\s+y\s+uno)?|diecis[ée]is|diecisiete|dieciocho|diecinueve|uno|dos|tres|cuatro"
    r"|cinco|seis|siete|ocho|nueve|diez|once|doce|trece|catorce|quince"
)
_DAY = rf"(?:(?:[0-2]?\d|3[01])(?:st|nd|rd|th|o|º)?|{_DAY_WORDS})"
_YEAR = r"(?:19|20)\d{2}"
_NUMBER_WORDS = (
    r"ten|eleven|twelve|(?:thir|four|fif|six|seven|eigh|nine)teen|twenty|thirty|forty|fifty"
    r"|sixty|seventy|eighty|ninety|one|two|three|four|five|six|seven|eight|nine|oh|hundred"
    r"|diez|once|doce|trece|catorce|quince|dieci\w+|veinte|veinti\w+|treinta|cuarenta|cincuenta"
    r"|sesenta|setenta|ochenta|noventa|uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve"
)
# A year in words, as a sworn statement writes it: "nineteen ninety-one",
# "mil novecientos noventa y uno", "dos mil cinco".
_YEAR_WORDS = (
    r"(?:nineteen|two\s+thousand(?:\s+and)?|mil\s+novecientos|dos\s+mil)"
    rf"(?:[\s-]+(?:y\s+)?(?:{_NUMBER_WORDS})\b){{0,3}}"
    # and the decade alone, as a two-digit year is said: "del noventa y dos".
    r"|(?:sesenta|setenta|ochenta|noventa)(?:\s+y\s+(?:uno|dos|tres|cuatro|cinco|seis|siete"
    r"|ocho|nueve))?\b"
)
_YEAR_ANY = rf"(?:(?:19|20)\d{{2}}|'?\d{{2}}|{_YEAR_WORDS})"
_MONTHS = rf"(?:{_MONTHS_EN}|{_MONTHS_ES})"
# "born on Monday, June 3, 1991", "nacido el martes 3 de junio".
_WEEKDAY = (
    r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?|lunes|martes"
    r"|mi[ée]rcoles|jueves|viernes|s[áa]bado|domingo)\.?,?\s+(?:the\s+)?"
)
# What separates numeric parts on a form, spaces around it included: "06 / 03 / 1991".
_SEP = r"(?:[^\S\n]*[/.-][^\S\n]*|[^\S\n]+)"

#: Every shape a date of birth is written in. Shared with :mod:`.dob_answers`.
DATE_SHAPE = re.compile(
    rf"(?:{_WEEKDAY})?(?:"
    + "|".join(
        [
            # A line may break after the last separator: "03/04/\n1990".
            r"(?<![\d/.-])\d{1,2}[/.-]\d{1,2}[/.-]\n?(?:\d{4}|\d{2})(?![\d/-]|\.\d)",
            rf"(?<![\d-]){_YEAR}([-/.])\d{{1,2}}\1\d{{1,2}}(?![\d-])",
            # Compact, as forms and databases print it: 19850704, 07041985.
            rf"(?<![\d-]){_YEAR}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?![\d-])",
            rf"(?<![\d-])(?:0[1-9]|[12]\d|3[01])(?:0[1-9]|[12]\d|3[01]){_YEAR}(?![\d-])",
            # and with a two-digit year, as a form field of six boxes: 030490.
            r"(?<![\d-])(?:0[1-9]|[12]\d|3[01])(?:0[1-9]|[12]\d|3[01])\d\d(?![\d-])",
            # Spaced: 06 03 1991, 06 / 03 / 1991.
            rf"(?<![\d/.-])\d{{1,2}}{_SEP}\d{{1,2}}{_SEP}(?:{_YEAR}|\d{{2}})(?![\d/-]|\.\d)",
            rf"\b{_MONTHS_EN}\s+(?:the\s+)?{_DAY}(?:,?\s+of)?,?\s+{_YEAR_ANY}\b",
            rf"\b(?:the\s+)?{_DAY}(?:\s+day)?\s+(?:of\s+)?{_MONTHS_EN},?\s+{_YEAR_ANY}\b",
            # Roman months, as Spanish forms write them: 3-VI-1991, 3/VI/91.
            rf"\b{_DAY}([-/.])(?:XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I)\2{_YEAR_ANY}\b",
            rf"\b(?:{_DAY}|primero)\s+de\s+{_MONTHS_ES}"
            rf"(?:,?\s+(?:de|del)\s+(?:a[ñn]o\s+)?{_YEAR_ANY}|,?\s+{_YEAR})?\b",
            # Legal Spanish: "el día 3 del mes de abril de 1990".
            rf"\b{_DAY}\s+(?:d[íi]as\s+)?del\s+mes\s+de\s+{_MONTHS_ES}"
            rf"(?:\s+(?:de|del)\s+(?:a[ñn]o\s+)?{_YEAR_ANY})?\b",
            rf"\b{_MONTHS_ES}\s+{_DAY},?\s+(?:de\s+|del\s+)?{_YEAR_ANY}\b",
            # Jul-04-1985, Jul/04/85; 1991-Jun-03.
            rf"\b{_MONTHS_EN}[-/]{_DAY}[-/]{_YEAR_ANY}\b",
            rf"\b{_YEAR}[-/.\s]{_MONTHS}[-/.\s]{_DAY}\b",
            # Booking-sheet style: 04-JUL-1972, 4 JUL 72, 03JUN1991.
            rf"\b{_DAY}[-\s/]{_MONTHS_EN}[-\s/]{_YEAR_ANY}\b",
            rf"\b{_DAY}[-/]{_MONTHS_ES}[-/]{_YEAR_ANY}\b",
            rf"\b\d{{1,2}}{_MONTHS}\d{{2,4}}\b",
            # Spanish without "de": 5 agosto 1975, 5 ago. 1975.
            rf"\b{_DAY}\s+{_MONTHS_ES},?\s+{_YEAR_ANY}\b",
            # Month and year: April 1990, abril de 1990, 04/1990.
            rf"\b{_MONTHS_EN}\s+(?:of\s+)?{_YEAR}\b|\b{_MONTHS_ES}\s+(?:de\s+|del\s+)?{_YEAR}\b",
            rf"(?<![\d/.-])(?:0?[1-9]|1[0-2])[/.-]{_YEAR}(?![\d/-]|\.\d)",
            # No year, as a birthday is given: June 3rd, the 3rd of June, 6/3.
            rf"\b{_MONTHS_EN}\s+(?:the\s+)?{_DAY}\b",
            rf"\b(?:the\s+)?{_DAY}(?:\s+day)?\s+(?:of\s+)?{_MONTHS_EN}\b",
            rf"\b{_DAY}\s+{_MONTHS_ES}\b",
            r"(?<![\d/.-])(?:0?[1-9]|[12]\d|3[01])/(?:0?[1-9]|[12]\d|3[01])(?![\d/]|\.\d)",
        ]
    )
    + ")",
    re.IGNORECASE,
)
_YEAR_ONLY = re.compile(
    rf"\b(?:{_MONTHS_EN}\s+(?:of\s+)?|{_MONTHS_ES}\s+(?:de\s+|del\s+)?)?{_YEAR}\b", re.IGNORECASE
)

# Words a birthday is no birth date in: "the birthday party was raided on 3/4".
_NOT_BIRTH = r"(?!\s+(?:party|parties|cake|celebration|dinner|gift|present|card|wishes))"
# ... and in Spanish, where the event comes first: "la fiesta de cumpleaños"
# (looked behind once the word is found: before it, at every position, is slow).
_NOT_CUMPLE = "".join(
    rf"(?<!{word}\sde\scumplea.os)"
    for word in ("fiesta", "pastel", "regalo", "comida", "cena", "tarjeta", "festejo")
)
#: Words that say a date of birth follows ("DOB", "born", "fecha de nac.").
#: Shared with :mod:`.dob_answers`.
BIRTH_CUES = re.compile(
    r"\bD\.?\s?O\.?\s?B\b\.?|\bdate[\s-]+of[\s-]+birth\b|\bbirth[\s-]*date\b"
    rf"|\bbirth\s*day\b{_NOT_BIRTH}|\bb[-'\s]?day\b{_NOT_BIRTH}|\bb[-']?date\b"
    r"|\bbirth\b\s*:|\bborn\b(?:\s+on)?|\bfecha\s+de\s+nac(?:imiento|\.)?|\bf\.\s?nac\b\.?"
    r"|\bF\.N\.|\bFN\s*:|\bF\.?N\b\.?(?=[^\S\n]*\d)|\bbirth\b(?=[^\S\n]*\d{1,2}[/.-]\d)|\bnac(?:í|i|ió|io|ido|ida)\b(?:\s+el\b)?"
    rf"|\bcumplea[ñn]os\b{_NOT_CUMPLE}|\bdate\s*(?:and|&|/)\s*place\s+of\s+birth\b"
    # "(b. Sept. 2, 1982)", "Nacimiento: 15-12-1976", "(nac. 23.05.1978)",
    # "fec. nac.", "f. de nac.".
    r"|(?:^|(?<=[\s(,;]))b\.(?=\s)|\bnacimiento\b|\bnac\b\.?"
    r"|\bf(?:echa|ec)?\.?\s*(?:de\s+)?nac\b\.?"
    # Age with the birthday: "turns 40 on June 3", "she'll be 35 on June 3rd",
    # "cumple 40 años el 3 de junio", "va a cumplir 35 el", "su cumple es el".
    r"|\bturn(?:s|ed|ing)?\s+\d{1,3}\b|(?:\bwill|'ll)\s+be\s+\d{1,3}\s+on\b"
    r"|\bcumpl(?:e|ió|io|irá|ira|ir|iría|iria)\s+\d{1,3}\b(?:\s+años)?"
    r"|\bcumple\s+años\b|\b(?:su|mi|tu|el|del)\s+cumple\b(?!\s+(?:con|de|la|las|los))",
    re.IGNORECASE,
)
# Where a cue after the date may start, and how far back its date may begin.
_CUE_WORD = re.compile(
    r"D\.?\s?O\.?\s?B|birth|b-?day|nac|f\.\s?nac|cumple|\bturn(?:s|ed)?\s+\d", re.IGNORECASE
)
_DATE_SPAN = 80
# An age: a date after it is a birth date only if the two agree ("34 y/o,
# 3 April 1990"; not "34 years old and on 4/12/2024 ICE took him").
_AGE = re.compile(
    r"\b(?:age|edad)\b[^\S\n]*[:=]?[^\S\n]*(\d{1,3})\b"
    r"|\b(\d{1,3})[^\S\n]*(?:years?\s+old|yrs?\.?(?:\s+old)?|y/?o\b|a[ñn]os\b(?:\s+de\s+edad)?)",
    re.IGNORECASE,
)
_ANY_YEAR = re.compile(r"(?:19|20)\d{2}(?!\d)|(?<=['/.\s-])\d{2}$")
#: Texts written from this year to that: an age plus a birth year lands between.
_WRITTEN = (2000, 2040)


def _agrees(age: int, date: str) -> bool:
    years = _ANY_YEAR.findall(date)
    if not years:
        return False
    year = int(years[-1])
    if year < 100:
        year += 1900 if year > 30 else 2000
    return _WRITTEN[0] <= year + age <= _WRITTEN[1]


# The cue after the date: "06/03/1991 (DOB)", "June 3 is his birthday".
_CUE_AFTER = re.compile(
    r"[^\S\n]*(?:[(\[,\u2013\u2014-][^\S\n]*)?"
    r"(?:(?:is|was)\s+(?:his|her|my|their|your)\s+|(?:es|era|fue)\s+(?:su|mi|tu)\s+)?"
    r"(?:D\.?\s?O\.?\s?B\b|date\s+of\s+birth|birth\s*(?:day|date)\b|b-?day\b"
    r"|fecha\s+de\s+nac|f\.\s?nac|cumplea[ñn]os|nacimiento"
    # "on June 3 he turns 40", "el 3 de junio cumple 40 años".
    r"|(?:(?:he|she|I|él|ella|yo)\s+)?(?:turn(?:s|ed)?|cumpl(?:e|ió|io|irá|ira))\s+\d{1,3}\b)",
    re.IGNORECASE,
)
_YEAR_CUES = re.compile(
    r"\bborn\s+in\b|\bborn\b(?=\s+(?:19|20)\d\d\b)|\bnac(?:í|i|ió|io|ido|ida)\s+en\b"
    r"|\bbirth\s+year\b|\byear\s+of\s+birth\b|\baño\s+de\s+nacimiento\b"
    # A biography's "(b. 1987)".
    r"|\bb\.(?=[^\S\n]*(?:19|20)\d\d\b(?![/.-]\d))"
    # A form that asks for the date and gets a year: "DOB: 1991" (not "DOB: 1991-06-03").
    r"|(?:\bD\.?\s?O\.?\s?B\b\.?|\bdate\s+of\s+birth|\bfecha\s+de\s+nacimiento|\bnacimiento)"
    r"(?=[^\S\n]*[:=\-]?[^\S\n]*(?:19|20)\d\d\b(?![/.-]\d))",
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
    r"|transferred|booked|moved|came|entered|arrived|married|since|until|before|after|when"
    r"|raided|hearing|court|sentenced|charged|visited|called|wrote|signed|filed"
    # Spanish participles only as a verb: "fue detenido", not "del detenido".
    r"|(?:fue|fui|fueron|lo|la|los|las|me|le)\s+(?:detenid|arrestad|deportad|liberad|trasladad)[oa]s?"
    r"|detuvieron|arrestaron|agarraron|deportaron|lleg[óo]|entr[óo]|sali[óo]|cas[óo]|desde|hasta"
    r"|antes|despu[ée]s|cuando|audiencia|corte|llam[óo]|escribi[óo])\b"
)
# What may end a cue's line before the date on the next: a colon or a dash.
# A format hint may stand between: "Date of Birth (MM/DD/YYYY)\n06/03/1991".
_LINE_END = re.compile(
    r"[^\S\n]*(?:\([^()\n]{0,20}\))?[^\S\n]*[:\-–—]?[^\S\n]*\n(?:[^\S\n]*\n){0,2}"
)


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


def _dates_before_cues(text: str) -> list[Finding | None]:
    """Dates right before a birth cue; only the stretch before each cue word
    is searched, since scanning every position for a date is slow."""
    found: list[Finding | None] = []
    for word in _CUE_WORD.finditer(text):
        for match in DATE_SHAPE.finditer(text, max(0, word.start() - _DATE_SPAN), word.start()):
            # "booked 3/4/2020, DOB 1/2/1990": a cue with a date of its own is not this one's.
            after = _CUE_AFTER.match(text, match.end())
            if after and after.end() > word.start() and not _near(text, after.end(), DATE_SHAPE):
                found.append(make(text, *match.span(), "dob"))
    return found


def dates_of_birth(text: str) -> list[Finding]:
    """Dates (and birth years) that follow a birth cue."""
    found: list[Finding | None] = []
    for cue in BIRTH_CUES.finditer(text):
        match = _near(text, cue.end(), DATE_SHAPE)
        question = None if match else _QUESTION.match(text, cue.end())
        if question:
            match = _near(text, question.end(), DATE_SHAPE)
        if match:
            found.append(make(text, *match.span(), "dob"))
        # A table's header: "Name | DOB | Country", the dates in rows below.
        for start, end in cells_below(text, cue.start(), cue.end()):
            if cell := DATE_SHAPE.search(text, start, end):
                found.append(make(text, *cell.span(), "dob"))
    for age in _AGE.finditer(text):
        match = _near(text, age.end(), DATE_SHAPE)
        if match and _agrees(int(age.group(1) or age.group(2)), match.group()):
            found.append(make(text, *match.span(), "dob"))
    found += _dates_before_cues(text)
    for cue in _YEAR_CUES.finditer(text):
        match = _near(text, cue.end(), DATE_SHAPE) or _near(text, cue.end(), _YEAR_ONLY)
        if match:
            found.append(make(text, *match.span(), "dob"))
    return sorted({f for f in found if f})
