"""Spans that look like identifying numbers but are not, and must stay readable.

Summaries cite court cases, statutes, detainer forms, times and money amounts;
organizers need those in the clear ("Case No. 2024-CR-001234", "§ 287(g)",
"I-247A", "11:15 pm", "$5,000"). :func:`protected_spans` finds them so that the
number-shaped detectors (phone, SSN, A-number, ID number, plate) can drop any
match that overlaps one. Names, emails, URLs and addresses are not filtered:
none of these look-alikes can contain one.
"""

from __future__ import annotations

import re

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


def protected_spans(text: str) -> list[tuple[int, int]]:
    """Sorted ``(start, end)`` spans of case numbers, statutes, forms, times
    and money amounts in ``text``."""
    spans = {m.span() for pattern in _PATTERNS for m in pattern.finditer(text)}
    return sorted(spans)


def overlaps_any(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """Whether ``[start, end)`` overlaps one of ``spans``."""
    return any(s < end and start < e for s, e in spans)
