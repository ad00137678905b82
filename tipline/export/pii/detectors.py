"""Structured detectors: emails, URLs, social handles, SSNs, A-numbers, ID
numbers, phone numbers and licence plates.

Each detector is ``(text) -> list[Finding]`` and knows nothing about the
others; :func:`tipline.export.pii.redaction.find_identifying` runs them all,
drops number-shaped matches inside look-alikes (:mod:`.lookalikes`) and
resolves overlaps. Cues are English and Spanish together, since tips mix them.

Rules, in brief (the tests pin each one down):

- email: ``local@domain.tld``, and the spoken forms transcribers write
  ("maria at gmail dot com", "maria arroba gmail punto com").
- url: anything starting ``http(s)://`` or ``www.``; a bare domain only with a
  path (``facebook.com/x``), so a mention of "ice.gov" stays readable.
- handle: ``@name`` not inside an email or URL, or a name with a dot, digit or
  underscore after "instagram/IG/TikTok/... is/es/:".
- ssn: ``123-45-6789`` or ``123 45 6789``; nine bare digits after an SSN cue.
- a_number: "A" + 8 or 9 digits with or without dashes/spaces, or 8-9 digits
  after a cue ("A-number", "alien number", "número A").
- id_number: booking, inmate, passport, licence and similar numbers after
  their cue ("inmate #2023-04418", "número de reo 448127").
- phone: ``phonenumbers`` matcher for US and MX, plus US formats the library
  rejects as invalid (the 555 numbers people use as examples still need hiding).
- plate: :mod:`.plates` (plate-shaped tokens near a plate word or a vehicle).
"""

from __future__ import annotations

import re
from collections.abc import Callable

import phonenumbers

from tipline.export.pii.findings import Finding, make
from tipline.export.pii.plates import plates

Detector = Callable[[str], list[Finding]]

_TLDS = r"(?:com|net|org|edu|gov|mx|us|me|io|co|info|app)"
_EMAIL = re.compile(r"(?<![\w.%+-])[\w.%+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?![\w-])")
_SPOKEN_EMAIL = re.compile(
    r"\b[\w.%+-]+\s*(?:\(at\)|\[at\]|\bat\b|\barroba\b)\s*[\w-]+"
    rf"(?:\s*(?:\(dot\)|\[dot\]|\bdot\b|\bpunto\b|\.)\s*{_TLDS}\b)+",
    re.IGNORECASE,
)
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"'\]]+", re.IGNORECASE)
_PATH_URL = re.compile(
    r"(?<![\w@./-])(?:[a-z0-9-]+\.)+(?:com|net|org|me|be|ly|gl|io|co|mx|us|tv|app|gg|info)"
    r"/[^\s<>\"'\]]+",
    re.IGNORECASE,
)
_HANDLE = re.compile(r"(?<![\w.@/])@[A-Za-z0-9_](?:[A-Za-z0-9_.]*[A-Za-z0-9_])?")
_HANDLE_CUE = re.compile(
    r"\b(?:instagram|insta|ig|snapchat|snap|tiktok|twitter|telegram|signal|threads|facebook|fb)"
    r"(?:\s+(?:handle|user(?:name)?|usuario|account|cuenta))?\s*(?:is|es|:|=)\s*"
    r"(@?[A-Za-z0-9_.]{3,30})",
    re.IGNORECASE,
)
_SSN = re.compile(r"(?<![\d-])\d{3}([- ])\d{2}\1\d{4}(?![\d-])")
_SSN_CUE = re.compile(
    r"(?:\bSSN|\bSS#|social security(?:\s+(?:number|no\.?|#))?|seguro social)"
    r"[^\d\n]{0,12}(\d{9}|\d{3}[ -]\d{2}[ -]\d{4})(?!\d)",
    re.IGNORECASE,
)
_DIGITS = r"\d(?:[\s.-]?\d){6,9}"
_A_NUMBER = re.compile(rf"(?<![\w-])(?:A[\s#.:-]{{0,2}}|a-?)({_DIGITS})(?![\w-])")
_A_NUMBER_CUE = re.compile(
    r"(?:\bA[\s-]?(?:number|num\.?|no\.?|#)|\balien(?:\s+registration)?\s+(?:number|no\.?|#)"
    r"|\bn[úu]mero\s+(?:de\s+)?A\b|\bn[úu]mero\s+de\s+(?:registro\s+de\s+)?extranjero)"
    rf"[^\d\n]{{0,25}}?((?:A[\s#.:-]{{0,2}})?{_DIGITS})(?![\w-])",
    re.IGNORECASE,
)
_ID_CUE = re.compile(
    r"(?:\b(?:booking|inmate|detainee|prisoner|offender|register|BOP|DOC|SID|jail|ID)"
    r"\s*(?:number|no\.?|num\.?|#|ID)|\binmate|\bbooking|\bpassport(?:\s+(?:number|no\.?|#))?"
    r"|\b(?:driver'?s\s+)?licen[cs]e\s+(?:number|no\.?|#)"
    r"|\bn[úu]mero\s+de\s+(?:reo|preso|recluso|detenido|interno|identificaci[óo]n|pasaporte"
    r"|licencia|registro|booking)|\b(?:detenido|interno|recluso|reo|preso)\s+(?:n[úu]mero|no\.?|#)"
    r"|\bpasaporte)"
    r"[^\w\n]{0,3}(?:(?:is|was|es|era|mencionado|listed)\b[^\w\n]{0,3})?"
    r"([A-Z]{0,3}-?\d[\d-]{3,13}\d)(?![\w-])",
    re.IGNORECASE,
)
_US_PHONE = re.compile(
    r"(?<![\w$.,/-])(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-]?)\d{3}[\s.-]?\d{4}(?![\w/-])"
    r"|(?<![\w$.,/-])\d{3}[.-]\d{4}(?![\w/-])"
)


def _clean(found: list[Finding | None]) -> list[Finding]:
    """Drop empty matches and duplicates found by two patterns."""
    return sorted({f for f in found if f})


def emails(text: str) -> list[Finding]:
    found = [make(text, *m.span(), "email") for m in _EMAIL.finditer(text)]
    found += [make(text, *m.span(), "email") for m in _SPOKEN_EMAIL.finditer(text)]
    return _clean(found)


def urls(text: str) -> list[Finding]:
    found = [make(text, *m.span(), "url") for m in _URL.finditer(text)]
    found += [make(text, *m.span(), "url") for m in _PATH_URL.finditer(text)]
    return _clean(found)


def handles(text: str) -> list[Finding]:
    found = [make(text, *m.span(), "handle") for m in _HANDLE.finditer(text)]
    for m in _HANDLE_CUE.finditer(text):
        token = m.group(1)
        # "my insta is private" is not a handle; real ones carry a mark.
        if token.startswith("@") or re.search(r"[\d_.]", token.strip(".")):
            found.append(make(text, *m.span(1), "handle"))
    return _clean(found)


def ssns(text: str) -> list[Finding]:
    found = [make(text, *m.span(), "ssn") for m in _SSN.finditer(text)]
    found += [make(text, *m.span(1), "ssn") for m in _SSN_CUE.finditer(text)]
    return _clean(found)


def _digit_count(value: str) -> int:
    return sum(ch.isdigit() for ch in value)


def a_numbers(text: str) -> list[Finding]:
    found = [
        make(text, *m.span(), "a_number")
        for m in _A_NUMBER.finditer(text)
        if _digit_count(m.group(1)) in (8, 9)
    ]
    found += [
        make(text, *m.span(1), "a_number")
        for m in _A_NUMBER_CUE.finditer(text)
        if _digit_count(m.group(1)) in (8, 9)
    ]
    return _clean(found)


def id_numbers(text: str) -> list[Finding]:
    found = [
        make(text, *m.span(1), "id_number")
        for m in _ID_CUE.finditer(text)
        if _digit_count(m.group(1)) >= 4
    ]
    return _clean(found)


def phones(text: str) -> list[Finding]:
    found: list[Finding | None] = []
    for region in ("US", "MX"):
        for match in phonenumbers.PhoneNumberMatcher(text, region):
            found.append(make(text, match.start, match.end, "phone"))
    for m in _US_PHONE.finditer(text):
        found.append(make(text, *m.span(), "phone"))
    return _clean(found)


#: The detectors whose matches are dropped inside look-alikes.
NUMBER_DETECTORS: tuple[Detector, ...] = (ssns, a_numbers, id_numbers, phones, plates)
#: The detectors that run unfiltered.
TEXT_DETECTORS: tuple[Detector, ...] = (emails, urls, handles)
