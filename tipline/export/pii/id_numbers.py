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

# The number itself: letters then digits, digits then a letter, digit groups.
_VALUE = r"([A-Z]{1,3}-?\d{4,12}|\d{8}[A-Z]|\d[\d-]{3,13}\d|\d{2,3}(?: \d{3}){2})(?![\w-])"
_ID_CUE = re.compile(
    r"(?:\b(?:inmate|detainee|prisoner|offender|register|BOP|DOC|SID|FBI|CDCR|TDCJ|jail|ID)"
    rf"\s*(?:{_NUMBER_WORD}|ID)|\binmate|\bpassport(?:\s+{_NUMBER_WORD})?"
    rf"|\b(?:driver'?s?\s+)?licen[cs]e\s+{_NUMBER_WORD}|\bdriver'?s?\s+licen[cs]e"
    rf"|\b(?:state|consular|school|student|military|tribal|employee|photo)\s+ID"
    rf"(?:\s+card)?(?:\s+{_NUMBER_WORD})?"
    rf"|\b(?-i:C?DL)\b\s*{_NUMBER_WORD}?"
    rf"|\b(?:green\s+card|work\s+permit|(?-i:EAD)(?:\s+card)?)(?:\s+{_NUMBER_WORD})?"
    r"|\blicencia\s+de\s+(?:conducir|manejo)|\bpermiso\s+de\s+(?:conducir|conducci[óo]n|trabajo)"
    r"|\btarjeta\s+de\s+residen(?:cia|te)|\bReg\.\s*No\b\.?"
    # "LICENSE 17773876": the word alone only right before digits ("license plate" is no ID).
    r"|\blicen[cs](?:e|ia)(?=[^\w\n]{0,4}\d)"
    r"|\bn[úu]m(?:ero|\.)?\s+de\s+(?:reo|preso|recluso|detenido|interno|identificaci[óo]n"
    r"|pasaporte|licencia|registro)"
    r"|\b(?:detenido|interno|recluso|reo|preso)\s+(?:n[úu]mero|no\.?|#)|\bpasaporte"
    # "Booking #: 24-00871", "booking 2015-095587", "BK# 2024-001234", "número de booking".
    rf"|\b(?:booking|BKG?)\b(?:\s*(?:ID|{_NUMBER_WORD}))*|\bn[úu]m(?:ero|\.)?\s+de\s+booking)"
    # "passport number A21180374", "pasaporte número G123", "DL: 31204776".
    r"[^\w\n]{0,4}(?:(?:is|was|es|era|mencionado|listed|number|n[úu]mero|no)\b[^\w\n]{0,3})?"
    + _VALUE,
    re.IGNORECASE,
)
# The person's name may stand between the word and the number, as on a
# roster: "inmate BAXTER, LINDA #FA2724", "el interno MOURA, ANTÓNIO número 993877".
_NAMED_INMATE = re.compile(
    r"(?i:\b(?:inmate|detainee|prisoner|interno|detenido|recluso|reo|preso))"
    r"[^\S\n]+(?:[A-ZÁÉÍÓÚÑ][\w'’-]*,?[^\S\n]+){1,4}"
    rf"(?:#[^\S\n]*|(?i:n[úu]mero|number|no\.?)[^\S\n]*#?[^\S\n]*){_VALUE}"
)


def id_numbers(text: str) -> list[Finding]:
    """Identity-document and inmate numbers after their cue."""
    found = [
        make(text, *m.span(1), "id_number")
        for pattern in (_ID_CUE, _NAMED_INMATE)
        for m in pattern.finditer(text)
        if sum(ch.isdigit() for ch in m.group(1)) >= 4
    ]
    return sorted({f for f in found if f})
