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
  underscore after "instagram/IG/TikTok/... is/es/:"; with no platform
  named, after a request to be contacted ("hmu", "dm me", "escríbeme",
  "búscame como") a user name: marked so, or names run together
  ("brianmoon", "jlopez": :func:`.name_lexicon.is_joined_names`).
- ssn: ``123-45-6789`` or ``123 45 6789``; nine bare digits (or dotted
  groups) after an SSN cue ("SS#", "social", "seguro social"); the last four
  digits after "last 4 of ... SSN", "ending in", "últimos 4 del seguro social";
  a masked ``XXX-XX-6789``.
- a_number: "A" + 8 or 9 digits with or without dashes/spaces, or 8-9 digits
  after a cue ("A-number", "alien number", "número A").
- id_number: booking, inmate, passport, licence and similar numbers after
  their cue ("inmate #2023-04418", "número de reo 448127").
- phone: :mod:`.phones` (US, Mexican, Central American and Spanish numbers).
- plate: :mod:`.plates` (plate-shaped tokens near a plate word or a vehicle).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from tipline.export.pii.findings import Finding, make
from tipline.export.pii.name_lexicon import is_joined_names
from tipline.export.pii.namewords import FUNCTION_WORDS
from tipline.export.pii.national_ids import national_ids
from tipline.export.pii.phones import phones
from tipline.export.pii.plates import plates

Detector = Callable[[str], list[Finding]]

# Spoken emails end in a top-level domain people say out loud: generic ones
# and the country codes of the Americas and Spain ("punto es", "dot mx").
_TLDS = (
    r"(?:com|net|org|edu|gov|info|app|biz|me|io|co|us|mx|es|ar|cl|pe|ve|gt|hn|sv|ni|cr|pa|do"
    r"|cu|pr|ec|bo|py|uy|br|ca|uk)"
)
_EMAIL = re.compile(r"(?<![\w.%+-])[\w.%+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?![\w-])")
# The local part may be spoken too: "maria punto lopez", "lucia guion bajo burg72".
_SPOKEN_JOINERS = r"dot|punto|underscore|guion\s+bajo|gui[óo]n|dash|hyphen"
_SPOKEN_EMAIL = re.compile(
    rf"\b[\w.%+-]+(?:\s+(?:{_SPOKEN_JOINERS})\s+[\w%+-]+)*"
    r"\s*(?:\(at\)|\[at\]|\bat\b|\barroba\b)\s*[\w-]+"
    rf"(?:\s*(?:\(dot\)|\[dot\]|\bdot\b|\bpunto\b|\.)\s*{_TLDS}\b)+",
    re.IGNORECASE,
)
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"'\]]+", re.IGNORECASE)
_PATH_URL = re.compile(
    r"(?<![\w@./-])(?:[a-z0-9-]+\.)+(?:com|net|org|me|be|ly|gl|io|co|mx|us|tv|app|gg|info)"
    r"/[^\s<>\"'\]]+",
    re.IGNORECASE,
)
_HANDLE = re.compile(r"(?<![\w.@/])@[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?")
_PLATFORMS = (
    r"instagram|insta|ig|snapchat|snap|tiktok|twitter|x\.com|telegram|signal|threads|facebook"
    r"|fb|face|whatsapp|discord|bluesky|mastodon|youtube|kik"
)
_HANDLE_CUE = re.compile(
    rf"\b(?:(?:{_PLATFORMS})(?:\s+(?:handle|user(?:name)?|usuario|account|cuenta))?"
    r"|handle|username|user\s+name|usuario|nombre\s+de\s+usuario)"
    # "snap me x", "búscame en tiktok como x", "Signal (x)".
    r"(?:\s+(?:me|como|as)\b)?(?:\s*(?:(?:is|es)\b|:|=)\s*|\s*\(\s*|\s+)"
    r"(@?[A-Za-z0-9_][A-Za-z0-9_.-]{2,29})",
    re.IGNORECASE,
)
# "my @ is alyssagray", "mi @ es nestor83_real".
_AT_CUE = re.compile(
    r"\b(?:my|mi|his|her|su)\s+@\s*(?:(?:is|es)\b|:)?\s*(@?[A-Za-z0-9_][A-Za-z0-9_.-]{2,29})",
    re.IGNORECASE,
)
# A chat log's speaker after its time stamp: "[9:14 PM] daniel65.12: they ...".
_SPEAKER = re.compile(
    r"^[^\S\n]*\[[^\]\n]{1,15}\][^\S\n]*<?([A-Za-z0-9_][A-Za-z0-9_.-]{2,29})>?:[^\S\n]",
    re.MULTILINE,
)
# Asking to be contacted without naming a platform: "hmu brianmoon", "dm me
# at jlopez_88", "escríbeme mariag.12", "búscame como lupita_ruiz".
_CONTACT_CUE = re.compile(
    r"\b(?:hmu|hit\s+me\s+up|[dp]m\s+me|dm|message\s+me|add\s+me|follow\s+me|find\s+me"
    r"|escr[íi]beme|b[úu]scame|agr[ée]game|s[íi]gueme|h[áa]blame"
    r"|m[áa]ndame\s+(?:un\s+)?(?:dm|mensaje|msj|inbox))"
    r"(?:\s+(?:at|on|as|en|como|a|al|por))?(?:\s*:\s*|\s+)"
    r"(@?[A-Za-z0-9_][A-Za-z0-9_.-]{2,29})(?![\w@-])",
    re.IGNORECASE,
)
# Words that follow a platform name but are no handle ("my insta is private").
_NOT_HANDLES = frozenset(
    {
        "private",
        "public",
        "blocked",
        "deleted",
        "gone",
        "down",
        "closed",
        "locked",
        "new",
        "old",
        "live",
        "video",
        "videos",
        "post",
        "posts",
        "page",
        "story",
        "stories",
        "account",
        "profile",
        "message",
        "messages",
        "group",
        "privado",
        "privada",
        "cerrado",
        "cerrada",
        "borrado",
        "nuevo",
        "nueva",
        "ahí",
        "ahi",
        "también",
        "tambien",
        "pero",
        "handle",
        "usuario",
    }
)
_SSN = re.compile(r"(?<![\d-])\d{3}([- ])\d{2}\1\d{4}(?![\d-])")
_SSN_WORD = (
    r"\bSSN\b|\bS\.S\.N\.|\bSS\s?#|\bsoc(?:ial)?\.?\s+sec(?:urity|\.)?(?:\s+(?:number|no\.?|#))?"
    r"|\bsocial\b(?:\s+(?:number|no\.?|#))?|(?:n[úu]mero\s+(?:de|del)\s+)?seguro\s+social"
)
_SSN_CUE = re.compile(
    rf"(?:{_SSN_WORD})[^\d\n]{{0,25}}(\d{{9}}|\d{{3}}([ .-])\d{{2}}\2\d{{4}})(?!\d)", re.IGNORECASE
)
# The last four digits alone narrow a person down with a name and a birth date:
# "last 4 of his SSN 6789", "SSN ending in 6789", "últimos 4 del seguro social: 6789".
_SSN_LAST_FOUR = re.compile(
    rf"(?:\blast\s+(?:4|four)(?:\s+digits)?(?:\s+of)?(?:\s+(?:his|her|my|their|the))?\s+(?:{_SSN_WORD})"
    rf"|(?:{_SSN_WORD})(?:\s+(?:number|no\.?|#))?\s+(?:ending|ends|that\s+ends)(?:\s+(?:in|with))?"
    r"|\b[úu]ltimos\s+(?:4|cuatro)(?:\s+d[íi]gitos)?\s+de(?:l|\s+(?:su|mi))?\s+"
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
    r"|\b(?:driver'?s\s+)?licen[cs]e\s+(?:number|no\.?|#)|\bdriver'?s\s+licen[cs]e"
    r"|\blicencia\s+de\s+(?:conducir|manejo)"
    r"|\bn[úu]m(?:ero|\.)?\s+de\s+(?:reo|preso|recluso|detenido|interno|identificaci[óo]n"
    r"|pasaporte|licencia|registro|booking)"
    r"|\b(?:detenido|interno|recluso|reo|preso)\s+(?:n[úu]mero|no\.?|#)|\bpasaporte)"
    # "Booking #: B-66203", "passport number A21180374", "pasaporte número G123".
    r"[^\w\n]{0,4}(?:(?:is|was|es|era|mencionado|listed|number|n[úu]mero|no)\b[^\w\n]{0,3})?"
    r"([A-Z]{1,3}-?\d{4,12}|\d[\d-]{3,13}\d|\d{2,3}(?: \d{3}){2})(?![\w-])",
    re.IGNORECASE,
)


def _clean(found: list[Finding | None]) -> list[Finding]:
    """Drop empty matches and duplicates found by two patterns."""
    return sorted({f for f in found if f})


def emails(text: str) -> list[Finding]:
    found = [make(text, *m.span(), "email") for m in _EMAIL.finditer(text)]
    for m in _SPOKEN_EMAIL.finditer(text):
        # "the fundraiser is at facebook.com/x": a web address with a path,
        # and "at" is a preposition (urls() takes the address).
        if not text.startswith("/", m.end()):
            found.append(make(text, *m.span(), "email"))
    return _clean(found)


def urls(text: str) -> list[Finding]:
    found = [make(text, *m.span(), "url") for m in _URL.finditer(text)]
    found += [make(text, *m.span(), "url") for m in _PATH_URL.finditer(text)]
    return _clean(found)


def handles(text: str) -> list[Finding]:
    found = [make(text, *m.span(), "handle") for m in _HANDLE.finditer(text)]
    for m in _HANDLE_CUE.finditer(text):
        token = m.group(1).rstrip(".-")
        end = m.start(1) + len(token)
        marked = token.startswith("@") or re.search(r"[\d_.]", token)
        # Unmarked, a handle is one lower-case word that is no ordinary word
        # ("my insta is private", "on tiktok yesterday" stay readable).
        word = token.lower()
        plain = token.islower() and len(token) >= 4 and word not in _NOT_HANDLES
        if marked or (plain and word not in FUNCTION_WORDS):
            found.append(make(text, m.start(1), end, "handle"))
    for m in _AT_CUE.finditer(text):
        token = m.group(1).rstrip(".-")
        found.append(make(text, m.start(1), m.start(1) + len(token), "handle"))
    for m in _SPEAKER.finditer(text):
        token = m.group(1)
        # A user name, not a role ("visitor", "usuaria", "mod").
        if re.search(r"\d|_|\.\w", token) or (token.islower() and is_joined_names(token)):
            found.append(make(text, *m.span(1), "handle"))
    for m in _CONTACT_CUE.finditer(text):
        token = m.group(1).rstrip(".-")
        letters = sum(ch.isalpha() for ch in token)
        # A user name is marked as one (a digit, "_" or "."; never a time
        # like "3pm") or is names run together; "hmu tomorrow" is no handle.
        marked = letters >= 2 and bool(re.search(r"[\d_.]", token))
        marked = marked and not re.fullmatch(r"\d{1,2}(?:[:.]\d\d)?\s*(?:am|pm|h)?", token, re.I)
        if marked or (token.islower() and is_joined_names(token)):
            found.append(make(text, m.start(1), m.start(1) + len(token), "handle"))
    return _clean(found)


def ssns(text: str) -> list[Finding]:
    found = [make(text, *m.span(), "ssn") for m in _SSN.finditer(text)]
    found += [make(text, *m.span(1), "ssn") for m in _SSN_CUE.finditer(text)]
    for pattern in (_SSN_LAST_FOUR, _SSN_LABEL_FOUR):
        found += [make(text, *m.span(1), "ssn") for m in pattern.finditer(text)]
    found += [make(text, *m.span(), "ssn") for m in _SSN_MASKED.finditer(text)]
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


#: The detectors whose matches are dropped inside look-alikes.
NUMBER_DETECTORS: tuple[Detector, ...] = (
    ssns,
    a_numbers,
    id_numbers,
    national_ids,
    phones,
    plates,
)
#: The detectors that run unfiltered.
TEXT_DETECTORS: tuple[Detector, ...] = (emails, urls, handles)
