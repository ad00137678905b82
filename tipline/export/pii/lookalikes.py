"""Spans that look like identifying numbers but are not, and must stay readable.

Summaries cite court cases, statutes, detainer forms, times and money amounts;
organizers need those in the clear ("Case No. 2024-CR-001234", "§ 287(g)",
"I-247A", "11:15 pm", "$5,000"). :func:`protected_spans` finds them so that the
number-shaped detectors (phone, SSN, A-number, ID number, plate) can drop any
match that overlaps one. Names, emails, URLs and addresses are not filtered:
none of these look-alikes can contain one.

:func:`reference_spans` finds a weaker kind: the value after a paperwork
cue (incident, receipt, flight, room, ticket...). It is no ID
number and no phone (:func:`tipline.export.pii.redaction.find_identifying`
drops those on it), but unlike a protected span it stays on the approval
screen's "check these" list, because a bare reference is still a number a
reviewer should see.
"""

from __future__ import annotations

import re

# "number", "no.", "#" after the word that says what the number is for.
NUMBER_WORD = r"(?:number|no\.?|num\.?|n[úu]mero|nº|#)"

_CASE_CUE = (
    r"(?:case|caso|docket|expediente|causa|matter|indictment|proceso)"
    r"(?:\s+(?:no\.?|number|num\.?|n[úu]mero|#))?\s*[:#]?\s*"
)
_CASE_NUMBER = r"[A-Za-z0-9]{1,6}(?:[-/:.][A-Za-z0-9]{1,8}){1,4}|\d{3,12}"

_PATTERNS = [
    # "Case No. 2024-CR-001234", "docket 21-cv-1234", "caso 2023-CR-004512"
    re.compile(rf"\b{_CASE_CUE}(?:{_CASE_NUMBER})", re.IGNORECASE),
    # Court numbers without a cue: digits, a 2-3 letter court code, digits.
    re.compile(r"(?<![\w-])\d{1,4}[-:][A-Za-z]{2,3}[-:]\d{2,7}(?:-[A-Za-z]{1,4})?(?![\w-])"),
    # Statutes and regulations: "8 U.S.C. § 1357(g)", "§ 287(g)", "8 CFR 287.7".
    re.compile(r"\b\d+\s*U\.?\s?S\.?\s?C\.?\s*(?:§+\s*)?\d+[a-z]?(?:\([a-z0-9]+\))*", re.I),
    re.compile(r"§+\s*\d+(?:[.\-]\d+)*[a-z]?(?:\([a-z0-9]+\))*", re.IGNORECASE),
    re.compile(r"\b\d+\s*C\.?F\.?R\.?\s*(?:§+\s*)?\d+(?:\.\d+)*", re.IGNORECASE),
    re.compile(r"\b287\s*\(\s*g\s*\)", re.IGNORECASE),
    # Immigration forms: I-247A, I-213, G-28.
    re.compile(r"(?<![\w-])[IG]-\d{2,3}[A-Z]?(?![\w-])"),
    # Clock times: 4:30 am, 10:30, 23:15 h.
    re.compile(r"(?<![\d:])\d{1,2}:\d{2}(?:\s*[ap]\.?\s?m\.?)?(?![\d:])", re.IGNORECASE),
    # Money: $5,000, $1.5 million, 3,000 dólares, USD 90.
    re.compile(r"(?:US)?\$\s?\d[\d,]*(?:\.\d+)?(?:\s*(?:million|millones|mil|k))?", re.I),
    re.compile(r"\b\d[\d,.]*\s*(?:dollars|d[óo]lares|pesos|USD)\b", re.IGNORECASE),
]

# What a reference number is for; "file number" is left out (a USCIS file
# number is the A-number), as are account numbers (a person's bank) and
# "cell" (a cell phone as often as a jail cell).
_KIND = (
    r"case|caso|docket|incident|incidente|report|reporte|informe|receipt|recibo"
    r"|confirmation|confirmaci[óo]n|flight|vuelo|room|cuarto|habitaci[óo]n"
    r"|ticket|boleto|citation|multa|order|orden|pedido|reservation|reserva(?:ci[óo]n)?"
    r"|tracking|rastreo|invoice|factura|claim|reclamo|folio|expediente|form|formulario"
    r"|bond|fianza|warrant|event|evento|request|solicitud|transaction|transacci[óo]n"
    r"|cause|causa|complaint|denuncia|queja|grievance|rpt|meeting|reuni[óo]n"
)
# Kinds that may stand right before their number with no "number" or "#":
# "docket 22-4412", "vuelo 4412"; "in case 215..." and "order 3" may not.
_BARE_KIND = (
    r"docket|incident|incidente|receipt|recibo|confirmation|flight|vuelo|ticket"
    r"|boleto|citation|folio|expediente|tracking|rastreo|reservation|reserva"
    # A money transfer's control number (Western Union's MTCN).
    r"|MTCN|control\s+number"
)
_REFERENCE = re.compile(
    rf"(?:\b(?:n[úu]m(?:ero|\.)?|number|no\.?)\s+(?:del?\s+)?(?:la\s+)?(?:{_KIND})\b"
    rf"|\b(?:{_KIND})\b(?:\s*(?:ID|{NUMBER_WORD}))+|\b(?:{_BARE_KIND})\b)"
    r"[^\S\n]*[:#=.-]?[^\S\n]*"
    r"([A-Za-z]{0,4}-?\d[\w/.-]*(?: \d+)*)",
    re.IGNORECASE,
)


def protected_spans(text: str) -> list[tuple[int, int]]:
    """Sorted ``(start, end)`` spans of case numbers, statutes, forms, times
    and money amounts in ``text``."""
    spans = {m.span() for pattern in _PATTERNS for m in pattern.finditer(text)}
    return sorted(spans)


def overlaps_any(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """Whether ``[start, end)`` overlaps one of ``spans``."""
    return any(s < end and start < e for s, e in spans)


def reference_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the values after case, docket, incident, receipt, flight,
    room and other reference cues."""
    return [m.span(1) for m in _REFERENCE.finditer(text)]
