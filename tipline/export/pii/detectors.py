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
- plate: a 5-8 character mix of letters and digits near a plate cue ("plate",
  "tag", "placa", "matrícula"), e.g. ``ABC-1234``, ``ABC 1234``, ``7ABC123``.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable

import phonenumbers

from tipline.export.pii.findings import Finding, make

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
_PLATE_CUE = re.compile(
    r"\b(?:licen[cs]e\s+plates?|plates?|tags?|placas?|matr[íi]culas?|registration)\b",
    re.IGNORECASE,
)
_PLATE_WORD = re.compile(r"[A-Za-z0-9]+")
_NOT_PLATE_WORDS = frozenset({"was", "is", "es", "era", "number", "numero", "número", "no"})


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


def _plate_like(token: str) -> bool:
    chars = re.sub(r"[\s-]", "", token)
    letters = sum(ch.isalpha() for ch in chars)
    digits = sum(ch.isdigit() for ch in chars)
    return 5 <= len(chars) <= 8 and 1 <= letters <= 4 and digits >= 1 and chars.isalnum()


def _plate_in(text: str, start: int, end: int, *, any_case: bool) -> Finding | None:
    """The longest plate-shaped run of 1-3 words in ``text[start:end]``."""
    words = [m for m in _PLATE_WORD.finditer(text, start, end)]
    for i, first in enumerate(words):
        if first.group().lower() in _NOT_PLATE_WORDS:
            continue
        for n in (3, 2, 1):
            group = words[i : i + n]
            if len(group) < n:
                continue
            # Words must be joined by exactly one space or dash.
            gaps = [text[a.end() : b.start()] for a, b in itertools.pairwise(group)]
            if any(gap not in (" ", "-") for gap in gaps):
                continue
            token = text[group[0].start() : group[-1].end()]
            if not any_case and token != token.upper():
                continue
            # "in 2023", "PAW 4482 y": a letters-only word must be upper case.
            if any(w.group().isalpha() and not w.group().isupper() for w in group):
                continue
            if _plate_like(token):
                return make(text, group[0].start(), group[-1].end(), "plate")
    return None


def plates(text: str) -> list[Finding]:
    """Plate-shaped tokens shortly after (or just before) a plate cue."""
    found: list[Finding | None] = []
    for cue in _PLATE_CUE.finditer(text):
        line_end = text.find("\n", cue.end())
        after_end = min(cue.end() + 45, line_end if line_end != -1 else len(text))
        near_end = min(after_end, cue.end() + 16)
        found.append(
            _plate_in(text, cue.end(), near_end, any_case=True)
            or _plate_in(text, cue.end(), after_end, any_case=False)
        )
        found.append(_plate_in(text, max(0, cue.start() - 25), cue.start(), any_case=False))
    return _clean(found)


#: The detectors whose matches are dropped inside look-alikes.
NUMBER_DETECTORS: tuple[Detector, ...] = (ssns, a_numbers, id_numbers, phones, plates)
#: The detectors that run unfiltered.
TEXT_DETECTORS: tuple[Detector, ...] = (emails, urls, handles)
