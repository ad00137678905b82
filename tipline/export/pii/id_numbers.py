"""Identity-document numbers, and the reference numbers that are not.

An ``id_number`` finding is the number of something a person carries or is
filed under for good: a passport, a driver's licence ("DL", "permiso de
conducir"), a state, consular, school or national ID, a green card or work
permit, and an inmate, prisoner, detainee, register or booking number
("inmate #2023-04418", "número de reo 448127", "booking #: B-66203"), which
a jail's public roster or locator turns back into a name: a booking number
names one person's arrest, so it is redacted like the inmate number it
stands for. Each is taken only after its cue, because the same shapes are
everywhere. National documents of Latin America and Spain (DUI, DPI,
cédula, DNI/NIE, CURP...) live in :mod:`.national_ids`.

A *reference number* names an event or a thing, not a person: case,
docket, incident, report, receipt, confirmation, flight, room, bed, ticket,
order, tracking and form numbers. Organizers need those readable,
so :func:`tipline.export.pii.lookalikes.reference_spans` finds the value
after such a cue, and
:func:`tipline.export.pii.redaction.find_identifying` drops an ID-number or
phone finding on it ("Case ID number 2023-44512", "incident # 2024-0012",
"ticket number 2241-5512"). Such a number is still listed in the approval
screen's "check these" list (:mod:`.unreviewed`), so a reviewer sees it.
"""

from __future__ import annotations

import re

from tipline.export.pii.findings import Finding, make
from tipline.export.pii.lookalikes import NUMBER_WORD as _NUMBER_WORD
from tipline.export.pii.table_columns import cells_below

#: How document numbers are printed, shared with :mod:`.national_ids`: a
#: letter and hyphenated digit groups ("W570-565-23-098-4", a licence), three
#: or four groups of digits spaced as on a card ("3067 30696 0625", a
#: Guatemalan CUI; "123 456 789"), one or two letters and digits ("VD302981").
GROUPED_VALUE = r"[A-Z]\d{2,4}(?:-\d{1,4}){2,5}|\d{3,5}(?: \d{3,5}){2,3}|\d{2,3}(?: \d{3}){2}"
LETTERS_VALUE = r"[A-Z]{1,2}\d{6,8}"
# The number itself: the shapes above, letters then digits, digits then a
# letter, one run or hyphenated groups of digits.
_VALUE = rf"({GROUPED_VALUE}|[A-Z]{{1,3}}-?\d{{4,12}}|\d{{8}}[A-Z]|\d[\d-]{{3,13}}\d)(?![\w-])"
_ID_CUE = re.compile(
    r"(?:\b(?:inmate|detainee|prisoner|offender|register|BOP|DOC|SID|FBI|CDCR|TDCJ|jail|ID)"
    rf"\s*(?:{_NUMBER_WORD}|ID)|\binmate|\bpassport(?:\s+{_NUMBER_WORD})?"
    rf"|\b(?:driver'?s?\s+)?licen[cs]e\s+{_NUMBER_WORD}|\bdriver'?s?\s+licen[cs]e"
    rf"|\b(?:state|consular|school|student|military|tribal|employee|photo)\s+ID"
    rf"(?:\s+card)?(?:\s+{_NUMBER_WORD})?"
    rf"|\b(?-i:C?DL)\b\s*{_NUMBER_WORD}?"
    rf"|\b(?:green\s+card|work\s+permit|(?-i:EAD)(?:\s+card)?)(?:\s+{_NUMBER_WORD})?"
    r"|\blicencia\s+de\s+(?:conducir|manejo)|\bpermiso\s+de\s+(?:conducir|conducci[óo]n|trabajo)"
    r"|\btarjeta\s+de\s+residen(?:cia|te)|\bReg\.\s*No\b\.?|\bresident\s+card"
    rf"|\bficha\s+de\s+ingreso(?:\s+{_NUMBER_WORD})?"
    # "LICENSE 17773876", "licencia N0961334": the word alone only right before
    # the number ("license plate" is no ID).
    r"|\blicen[cs](?:e|ia)(?=[^\w\n]{0,4}(?:\d|(?-i:[A-Z])\d{5}))"
    r"|\bn[úu]m(?:ero|\.)?\s+de\s+(?:reo|preso|recluso|detenido|interno|identificaci[óo]n"
    r"|pasaporte|licencia|registro)"
    r"|\b(?:detenido|interno|recluso|reo|preso)\s+(?:n[úu]mero|no\.?|#)|\bpasaporte"
    # "Booking #: 24-00871", "booking 2015-095587", "BK# 2024-001234", "número de booking".
    rf"|\b(?:booking|BKG?)\b(?:\s*(?:ID|{_NUMBER_WORD}))*|\bn[úu]m(?:ero|\.)?\s+de\s+booking"
    # A police report's operator licence number, a patient's record number.
    rf"|\b(?-i:OLN|DLN|MRN)\b|\bmedical\s+record\s+{_NUMBER_WORD}"
    # A county's person number (Harris County's SPN), a sheriff's number, a
    # register number written short, an I-94 record number.
    rf"|\b(?-i:SPN|JID)\s*(?:{_NUMBER_WORD})?(?=[^\w\n]{{0,4}}\d)|\b(?-i:SO)\s*#|\bReg\.?\s*#"
    rf"|(?<![\w-])I-94\s*{_NUMBER_WORD}"
    # "(reo BK7459488)", "prisoner 24-00871": the word right before its number.
    r"|\b(?:reo|reclus[oa]|pres[oa]|intern[oa]|detainee|prisoner)\b"
    # "Registro: 24-98880", "Registro BK5920029": a jail's or a clinic's register.
    r"|\bregistro\b"
    # "ID: 634933", "Resident: COOK, LAURA ID J950860": the letters alone, in
    # capitals, say what the number is (a caller ID is a phone).
    r"|(?<!caller )(?<!Caller )(?<!CALLER )\b(?-i:ID)\b)"
    # "passport number A21180374", "pasaporte número G123", "DL: 31204776",
    # and a form's value on the line under its label ("Booking #:\n24-00871").
    r"(?:[^\w\n]{0,4}|[^\S\n]*[:#]?[^\S\n]*\n[^\S\n]*)"
    r"(?:(?:is|was|es|era|el|la|mencionado|listed|number|n[úu]mero|no)\b[^\w\n]{0,3}){0,2}"
    + _VALUE,
    re.IGNORECASE,
)
# The person's name may stand between the word and the number, as on a
# roster: "inmate BAXTER, LINDA #FA2724", "el interno MOURA, ANTÓNIO número 993877".
# So may a label's colon, and the number's own label: "Inmate: GLENN ROBERTS
# ID: 634933", "Interno: IXCOY, DARWIN  Registro J721335", "Número: J955784".
_NAMED_INMATE = re.compile(
    r"(?i:\b(?:inmate|detainee|prisoner|resident|interno|detenido|recluso|reo|preso))"
    r"[^\S\n]*:?[^\S\n]+(?:[A-ZÁÉÍÓÚÑ][\w'’-]*,?[^\S\n]+){1,4}"
    r"(?:#[^\S\n]*|(?i:n[úu]mero|number|no\.?|registro|reg\.)[^\S\n]*[:#]?[^\S\n]*#?[^\S\n]*"
    rf"|ID[^\S\n]*[:#]?[^\S\n]*){_VALUE}"
)
# A roster's "LAST, FIRST #number" is an inmate number wherever it stands,
# as in a jail tablet's message header ("FROM: TÉLLEZ, GRISELDA #J537174").
_ROSTER = re.compile(
    r"(?<![\w,])[A-ZÁÉÍÓÚÑÜ][\w'’-]+(?:[^\S\n][A-ZÁÉÍÓÚÑÜ][\w'’-]+){0,2},[^\S\n]*"
    rf"[A-ZÁÉÍÓÚÑÜ][\w'’-]+(?:[^\S\n][A-ZÁÉÍÓÚÑÜ][\w'’-]+){{0,2}}[^\S\n]+#[^\S\n]*{_VALUE}"
)
# A table's column of them, under a header cell that is the cue alone:
# "Name | Booking # | DOB", "Nombre;DNI;Teléfono" (a "Case ID" column is not).
_HEADER = re.compile(
    r"(?<![\w-])(?:n[úu]m(?:ero|\.)?\s+de\s+)?(?:booking|inmate|detainee|prisoner|jail|BOP|DOC"
    r"|SID|SPN|passport|pasaporte|(?-i:C?DL|OLN|ID|DNI|NIE|DUI|DPI|CUI|INE|CURP|RUT)|licen[cs]e"
    r"|licencia(?:\s+de\s+conducir)?|driver'?s?\s+licen[cs]e|c[ée]dula|registro|reo|interno"
    r"|matr[íi]cula(?:\s+consular)?|(?:state|consular|inmate)\s+ID)"
    rf"(?:\s*(?:ID|{_NUMBER_WORD}))*(?![\w-])",
    re.IGNORECASE,
)
# A cell holds the number alone, so Spain's NIE and dotted groups count too.
_CELL_VALUE = re.compile(
    _VALUE.removesuffix(r"(?![\w-])") + r"|[XYZ]-?\d{7}-?[A-Z]|\d{1,3}(?:\.\d{3}){2,3}(?:-[\dkK])?"
)
# A table's header row is no label over a value on the next line.
_TABLE_ROW = re.compile(r"[|\t;]")
# A date after a cue is when, not who ("detainee 12-03-2024").
_DATE = re.compile(r"\d{1,2}([-/.])\d{1,2}\1\d{2,4}")


def id_numbers(text: str) -> list[Finding]:
    """Identity-document and inmate numbers after their cue."""
    found = [
        make(text, *m.span(1), "id_number")
        for pattern in (_ID_CUE, _NAMED_INMATE, _ROSTER)
        for m in pattern.finditer(text)
        if _is_number(m.group(1)) and not _header_over_row(text, m.start(), m.start(1))
    ]
    for header in _HEADER.finditer(text):
        for start, end in cells_below(text, *header.span()):
            value = _CELL_VALUE.fullmatch(text, start, end)
            if value is not None and _is_number(value.group()):
                found.append(make(text, start, end, "id_number"))
    return sorted({f for f in found if f})


def _header_over_row(text: str, start: int, value: int) -> bool:
    """Whether a cue and the value on the next line are a table's header and
    first row ("Flight | Booking\nAA1234 | pending")."""
    if "\n" not in text[start:value]:
        return False
    line_start = text.rfind("\n", 0, start) + 1
    return _TABLE_ROW.search(text, line_start, text.index("\n", start)) is not None


def _is_number(value: str) -> bool:
    """Enough digits to name someone, and no date."""
    return sum(ch.isdigit() for ch in value) >= 4 and not _DATE.fullmatch(value)
