"""Structured detectors: emails, URLs, social handles, SSNs, A-numbers, ID
numbers, phone numbers and licence plates.

Each detector is ``(text) -> list[Finding]`` and knows nothing about the
others; :func:`tipline.export.pii.redaction.find_identifying` runs them all,
drops number-shaped matches inside look-alikes (:mod:`.lookalikes`) and
resolves overlaps. Cues are English and Spanish together, since tips mix them.

Rules, in brief (the tests pin each one down):

- email, url: :mod:`.web_addresses` (written, spaced out, bracketed and
  spoken forms; a bare domain only with a path or after a site cue, so a
  mention of "ice.gov" stays readable).
- handle: :mod:`.handles` (``@name``, or a user name after a platform or a
  request to be contacted), with a form's bracketed hint skipped
  (:mod:`.handle_forms`: "Instagram (usuario): lupita.ruiz"), and a chat
  log's speakers with no time stamp (:mod:`.chat_speakers`).
- ssn: ``123-45-6789`` or ``123 45 6789``; nine digits however spaced after
  an SSN cue ("SS#", "SS:", "social", "seguro social", "seguridad social");
  the last four digits after "last 4 of ... SSN", "ending in", "últimos 4
  del seguro social" (four digits with a name and a birth date narrow a
  person down, so they are a detail); a masked ``XXX-XX-6789``.
- a_number: "A" + 8 or 9 digits, the letter with what people put after it
  ("A#: ", "A - ", "A. ") and dashes, dots or spaces between digits, also
  wrapped over a line ("A-212-\n555-123"); 8-9 digits after a cue
  ("A-number", "alien number", "número A"), or "A" + 7 digits after one (older
  files: "A-number: A2045578").
- id_number: :mod:`.id_numbers` (passport, licence, state or consular ID,
  inmate numbers after their cue; never a booking, case or other reference
  number) and :mod:`.national_ids`.
- phone: :mod:`.phones` (US, Mexican, Central American and Spanish numbers).
- plate: :mod:`.plates` (plate-shaped tokens near a plate word or a vehicle)
  and :mod:`.plate_tables` (a table's "Plate" column, "the plate (559666)";
  no month and day, no code after "Patrulla Fronteriza").
"""

from __future__ import annotations

import re
from collections.abc import Callable

from tipline.export.pii.chat_speakers import chat_speakers
from tipline.export.pii.findings import Finding, make
from tipline.export.pii.handle_forms import form_handles
from tipline.export.pii.handles import handles as handles
from tipline.export.pii.id_numbers import id_numbers
from tipline.export.pii.national_ids import national_ids
from tipline.export.pii.phones import phones
from tipline.export.pii.plate_tables import vehicle_plates
from tipline.export.pii.plates import plates as plates
from tipline.export.pii.web_addresses import emails, urls

# ``handles`` and ``plates`` stay importable from here (tests use them); the
# lists below run them with forms, chats and tables read too.
Detector = Callable[[str], list[Finding]]

_SSN = re.compile(r"(?<![\d-])\d{3}([- ])\d{2}\1\d{4}(?![\d-])")
_SSN_WORD = (
    r"\bSSN\b|\bS\.S\.N\.|\bSS\s?#|(?-i:\bS\.?S\.?)(?=[^\S\n]*[:#])|\bsoc(?:ial)?\.?\s+sec(?:urity|\.)?(?:\s+(?:number|no\.?|#))?"
    r"|\bsocial\b(?:\s+(?:number|no\.?|#))?|(?:n[úu]mero\s+(?:de|del)\s+)?seguro\s+social"
    r"|(?:n[úu]mero\s+de\s+(?:la\s+)?)?seguridad\s+social"
)
# After a cue, nine digits however they are spaced ("1234 56789", "123 - 45 - 6789"),
# also on the next line when the cue ends one ("her ssn is\n380091945").
_SSN_CUE = re.compile(
    rf"(?:{_SSN_WORD})[^\d\n]{{0,25}}(?:\n[^\S\n]*)?(\d(?:(?: ?[.-] ?| )?\d){{8}})(?!\d)(?![.-]\d)",
    re.IGNORECASE,
)
# The last four digits alone narrow a person down with a name and a birth date:
# "last 4 of his SSN 6789", "SSN ending in 6789", "últimos 4 del seguro social: 6789".
_SSN_LAST_FOUR = re.compile(
    rf"(?:\blast\s+(?:4|four)(?:\s+(?:digits|numbers))?(?:\s+of)?(?:\s+(?:his|her|my|their|the))?\s+(?:{_SSN_WORD})"
    rf"|(?:{_SSN_WORD})(?:\s+(?:number|no\.?|#))?\s+(?:ending|ends|that\s+ends)(?:\s+(?:in|with))?"
    r"|\b[úu]ltimos\s+(?:4|cuatro)(?:\s+(?:d[íi]gitos|n[úu]meros))?\s+de(?:l|\s+(?:su|mi))?\s+"
    rf"(?:{_SSN_WORD})|(?:{_SSN_WORD})\s+(?:que\s+)?termina(?:do)?\s+en)"
    r"[^\d\n]{0,12}(\d{4})(?![\d-])",
    re.IGNORECASE,
)
# The label says so: "SSN (last 4): 6789", "seguro social (últimos 4): 6789".
_SSN_LABEL_FOUR = re.compile(
    rf"(?:{_SSN_WORD})[^\S\n]*[(,]?[^\S\n]*(?:last\s+(?:4|four)|[úu]ltimos\s+(?:4|cuatro))"
    r"(?:\s+(?:digits|d[íi]gitos))?[^\S\n]*\)?[^\S\n]*[:#=-]?[^\S\n]*(\d{4})(?![\d-])",
    re.IGNORECASE,
)
# A masked number still gives the last four away: "XXX-XX-6789", "***-**-6789".
_SSN_MASKED = re.compile(r"(?<![\w*-])[Xx*•]{3}([- ]?)[Xx*•]{2}\1\d{4}(?![\d-])")
# Dashes as word processors write them too: "A‑212‑555‑123".
_DASHES = "-\u2010\u2011\u2012\u2013\u2014"
_DASH = re.escape(_DASHES)
# Between digits: a space, a dot or a dash, with spaces around it ("A 123 -
# 456 - 789"), and a line break inside the number in wrapped text (never
# after a whole number: "A#: 123456789" over a numbered list "1. ...",
# :func:`_a_number`).
_GAP = rf"[^\S\n]?[.{_DASH}]?[^\S\n]?(?:\n[^\S\n]*)?"
_DIGITS = rf"\d(?:{_GAP}\d){{6,9}}"
# The letter with what people put after it: "A#: ", "A - ", "A. ", "A-".
_PREFIX = rf"A[^\S\n]{{0,2}}[#.:{_DASH}]{{0,2}}[^\S\n]{{0,2}}"
_A_NUMBER = re.compile(rf"(?<![\w{_DASH}])(?:{_PREFIX}|a[{_DASH}]?)({_DIGITS})(?![\w{_DASH}])")
_A_NUMBER_CUE = re.compile(
    r"(?:\bA[\s-]?(?:number|num\.?|no\.?|#)|\balien(?:\s+registration)?(?:\s+(?:number|no\.?)|\s*#)"
    r"|\b(?:USCIS|immigration)\s*(?:number|no\.?|#|n[úu]mero)|\bn[úu]mero\s+(?:de\s+)?USCIS"
    r"|\b(?:n[úu]m(?:ero|\.)?|n[º°o]\.?)\s*(?:de\s+)?(?:(?-i:A)\b|alien\b"
    r"|inmigraci[óo]n\b|(?:registro\s+de\s+)?extranjer[oa])"
    # "my A is", "mi A es": the letter alone, as people call it.
    r"|\b(?:my|his|her|their|your|mi|su|tu)\s+(?-i:A)\s*(?:is|es|:)"
    # The number may sit on the form's next line.
    # A form's hint may stand between: "A-Number (9 digits):".
    # On the next line, an answer's label may come first ("R: 268002687").
    rf")[^\d\n]{{0,25}}?(?:\([^()\n]{{0,30}}\)[^\d\n]{{0,10}}?)?"
    rf"(?:\n[^\S\n]*(?:(?:R|A|Answer|Respuesta)[^\S\n]*[:.][^\S\n]*)?)?"
    rf"((?:{_PREFIX})?{_DIGITS})(?![\w{_DASH}])",
    re.IGNORECASE,
)

# An Immigration Court caption's "File No." is the A-number: "In the Matter
# of: NAME, File No.: A 123 456 789". Nine bare digits count only where the
# text is about removal proceedings, so a court's other file numbers stay.
# (A Spanish "expediente" is a case number: :mod:`.lookalikes`.)
_FILE_NO = re.compile(
    r"\bfile[^\S\n]*(?:no\.?|number|num\.?|#)"
    rf"[^\S\n]*[:#.]?[^\S\n]*((?:A[^\S\n]?[#.:{_DASH}]?[^\S\n]?)?\d{{3}}((?:[^\S\n]|[.{_DASH}])?)\d{{3}}\2\d{{3}})"
    rf"(?![\w{_DASH}])",
    re.IGNORECASE,
)
_REMOVAL = re.compile(
    r"immigra|inmigra|removal|deporta|\bEOIR\b|in\s+the\s+matter\s+of|en\s+el\s+asunto\s+de"
    r"|respondent|\b(?-i:ICE|DHS)\b|asylum|asilo",
    re.IGNORECASE,
)


def _clean(found: list[Finding | None]) -> list[Finding]:
    """Drop empty matches and duplicates found by two patterns."""
    return sorted({f for f in found if f})


def ssns(text: str) -> list[Finding]:
    found = [make(text, *m.span(), "ssn") for m in _SSN.finditer(text)]
    found += [make(text, *m.span(1), "ssn") for m in _SSN_CUE.finditer(text)]
    for pattern in (_SSN_LAST_FOUR, _SSN_LABEL_FOUR):
        found += [make(text, *m.span(1), "ssn") for m in pattern.finditer(text)]
    found += [make(text, *m.span(), "ssn") for m in _SSN_MASKED.finditer(text)]
    return _clean(found)


def _digit_count(value: str) -> int:
    return sum(ch.isdigit() for ch in value)


def _a_number(text: str, start: int, end: int, least: int) -> Finding | None:
    """The A-number in ``text[start:end]`` if it has ``least`` to 9 digits. A
    line break is read as part of the number only when the line before holds
    too few digits to be one (a number wrapped, not two numbers on two lines)."""
    value = text[start:end]
    head, newline, _ = value.partition("\n")
    if newline and _digit_count(head) >= least:
        end = start + len(head.rstrip(f" .,{_DASHES}"))
        value = text[start:end]
    if least <= _digit_count(value) <= 9:
        return make(text, start, end, "a_number")
    return None


def a_numbers(text: str) -> list[Finding]:
    found: list[Finding | None] = []
    # Alone, eight or nine digits ("A1234567" may be a part or a room);
    # older files have seven, taken after a cue with the letter ("A-number:
    # A2045578"; "immigration number 555-1234" is a phone).
    found += [_a_number(text, *m.span(), 8) for m in _A_NUMBER.finditer(text)]
    found += [
        _a_number(text, *m.span(1), 7 if m.group(1)[0] in "Aa" else 8)
        for m in _A_NUMBER_CUE.finditer(text)
    ]
    found += [
        make(text, *m.span(1), "a_number")
        for m in _FILE_NO.finditer(text)
        if _REMOVAL.search(text, max(0, m.start() - 400), m.end() + 400)
    ]
    return _clean(found)


#: The detectors whose matches are dropped inside look-alikes.
NUMBER_DETECTORS: tuple[Detector, ...] = (
    ssns,
    a_numbers,
    id_numbers,
    national_ids,
    phones,
    vehicle_plates,
)
#: The detectors that run unfiltered.
TEXT_DETECTORS: tuple[Detector, ...] = (emails, urls, form_handles, chat_speakers)
