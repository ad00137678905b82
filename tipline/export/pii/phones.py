"""Phone numbers as people in the US, Mexico, Central America and Spain write
them.

The rules keep false positives down the way the US rules always have: a
number must be grouped like a phone (groups of 2-4 digits, or one run), and
every number-shaped match is later dropped inside a look-alike
(:mod:`.lookalikes`: case numbers, times, money) or an identity-document
finding (:func:`.redaction.find_identifying`). On top of that, a shape that
other numbers share needs more evidence:

- US and Mexican 10-digit numbers: ``phonenumbers`` (regions US and MX) plus
  the US shapes the library rejects as invalid (555 example numbers).
- any number with its country code: ``+502 7777-8888``, ``00503 7123 4567``,
  ``(502) 2222-3333``, ``+34 612 345 678``, ``+52 1 55 1234 5678``.
- Mexico's dialling prefixes: ``044 55 1234 5678``, ``01 800 123 4567``.
- a country code without its plus, if ``phonenumbers`` finds the rest a
  valid number: ``573056781673``, ``34 612 345 678``.
- Spain's nine digits bare only in its own groupings, which nothing else
  uses: ``612 34 56 78``, ``91 123 45 67``, ``612 345 678`` (a mobile).
- eight digits (Guatemala, El Salvador, Honduras: ``7777-8888``) only after
  a phone cue ("cel", "teléfono", "WhatsApp", "llamar al", "call me at"),
  because a bare ``2222 3333`` is as likely a booking or incident number;
  a second one listed after it too ("cel 7777-8888 o 5555-6666").

Numbers in words ("cinco cinco uno dos ...") are not read: transcripts
seldom spell a whole number out, and "tres cuatro" is as often a count.
"""

from __future__ import annotations

import re

import phonenumbers

from tipline.export.pii.findings import Finding, make

_SEP = r"[\s.-]"
_EXTENSION_WORDS = r"\s?(?:x|ext\.?|extension|extensi[óo]n)\s?\d{1,6}"
_EXTENSION = rf"(?:{_EXTENSION_WORDS})?"
_EXTENSION_AFTER = re.compile(rf"{_EXTENSION_WORDS}(?![\w-])")
# No digit, sign, amount or path before a number, and none after it.
_BEFORE = r"(?<![\w$.,/+-])"
_AFTER = r"(?![\w/-])(?![.,]\d)"
# Not a piece of a longer grouped number either (a card's "5299 1234 5678 9012").
_ALONE_BEFORE = rf"{_BEFORE}(?<!\d[ .-])"
_ALONE_AFTER = rf"{_AFTER}(?![ .-]\d)"

_US_PHONE = re.compile(
    r"(?<![\w$.,/-])(?:\+?1[\s.-]?|001[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-]?)\d{3}[\s.-]?\d{4}"
    rf"{_EXTENSION}(?![\w/-])"
    r"|(?<![\w$.,/-])\d{3}[.-]\d{4}(?![\w/-])"
    # "589/502-7119": a slash after the area code, as some forms print it.
    r"|(?<![\w$.,/-])\d{3}/\d{3}[.-]\d{4}(?![\w/-])"
)
# Any number written with its country code: "+34 922 790 328", "+52 (55) 1234 5678".
_INTERNATIONAL_PHONE = re.compile(
    r"(?<![\w+])\+\d{1,3}[\s.-]?(?:(?:\d[\s.-]?)?\(\d{1,4}\)[\s.-]?)?\d(?:[\s.-]?\d){5,13}"
    rf"{_EXTENSION}(?![\w-])"
)
# The same with the "00" international prefix, for the countries tips come
# from (a bare "00" and any digits would take serial numbers): "00503 7123-4567".
_COUNTRY_CODES = r"(?:1|34|52|5[1-8]|50[1-9]|59[1-8])"
# Never over a line break: "... 2695\n3. Next" is a list's next item.
_LINE_SEP = r"[^\S\n]|[.-]"
_ZERO_ZERO_PHONE = re.compile(
    rf"{_BEFORE}00(?:{_LINE_SEP})?{_COUNTRY_CODES}(?:{_LINE_SEP})?(?:\(\d{{1,4}}\)(?:{_LINE_SEP})?)?"
    rf"\d(?:(?:{_LINE_SEP})?\d){{6,12}}"
    rf"{_EXTENSION}{_AFTER}"
)
# A country code without its plus, as a WhatsApp link or a contact card
# copies it: "573056781673", "34 612 345 678". Eleven to thirteen digits
# whose start is a country code tips come from (not 1: the US rules take
# those); the phone library must find a valid number in it.
_BARE_COUNTRY = re.compile(
    rf"{_ALONE_BEFORE}(?=(?:34|5[0-9])){_COUNTRY_CODES}(?:[ .-]?\d){{9,11}}{_ALONE_AFTER}"
)
# Central American country codes in brackets or before a 4-4 number:
# "(502) 2222-3333", "503 7123 4567" (a US number groups its 10 digits 3-3-4).
_CENTRAL_AMERICA = re.compile(
    rf"(?:(?<![\w(])\(50[2-7]\)|{_BEFORE}50[2-7](?={_SEP}\d{{4}}{_SEP}\d{{4}}))"
    rf"{_SEP}?\d{{4}}{_SEP}?\d{{4}}{_AFTER}"
)
# Mexico's old mobile and long-distance prefixes before ten digits, and its
# country code without the plus: "52 1 55 1234 5678".
_MEXICO_PREFIXED = re.compile(
    rf"{_ALONE_BEFORE}(?:044|045|01|52{_SEP}?1|52){_SEP}?(?:\(\d{{2,3}}\)|\d{{2,3}}){_SEP}?\d{{3,4}}"
    rf"{_SEP}?\d{{4}}{_ALONE_AFTER}"
)
# Spain's groupings: 3-2-2-2 and 2-3-2-2 (fixed lines start 8 or 9, mobiles
# 6 or 7), and a mobile's 3-3-3 (spaces only: "612.345.678" is an amount).
_SPAIN = re.compile(
    rf"{_BEFORE}(?:[6-9]\d\d(?P<s>[ .])\d\d(?P=s)\d\d(?P=s)\d\d"
    rf"|[89]\d(?P<t>[ .])\d{{3}}(?P=t)\d\d(?P=t)\d\d|[67]\d\d (?!000)\d{{3}} (?!000)\d{{3}})"
    rf"{_AFTER}"
)
# Spain's nine digits in dashed threes ("964-161-149"), which the phone
# library must find a valid Spanish number (an A-number has its letter).
_SPAIN_DASHED = re.compile(rf"{_ALONE_BEFORE}[6-9]\d\d-\d{{3}}-\d{{3}}{_ALONE_AFTER}")
# A phone cue, in English or Spanish, and what may stand between it and the
# number ("cel de mi hermana es", "WhatsApp:", "llamar al", "call me at").
_PHONE_WORD = (
    r"cel(?:ular)?|cell(?:phone)?|m[óo]vil|mobile|tel[ée]fono|tel|tfno|tlf|phone|whats(?:app)?"
    r"|wsp|wpp|wa|celu|contacto"
)
_CALL_WORD = (
    r"(?:llamar|ll[áa]m(?:a|e|en|ar)?(?:le|me|nos|les)?|m[áa]rca(?:r|le|me|nos)?|marcar"
    r"|h[áa]bl(?:a|e|en)(?:le|me)?|escr[íi]be(?:le|me)|m[áa]nd(?:a|e)(?:le|me)\s+(?:un\s+)?mensaje)"
    r"(?:\s+usted(?:es)?)?\s+al|call|text|ring|reach\s+(?:me|him|her|them)\s+at|dial"
)
_NUMBER_WORD = r"n[úu]mero|number|n[úu]m\.|num\.|no\."
_CUE = (
    rf"\b(?:(?:{_PHONE_WORD})\b\.?[^\d\n]{{0,24}}?|(?:{_CALL_WORD})\b(?:\s+(?:me|us|him|her)\b)?"
    rf"(?:\s+(?:at|on)\b)?[^\w\n]{{0,3}}|(?:{_NUMBER_WORD})(?:\s+(?:es|is|was|era)\b)?"
    # "mi número es el 7123-4567"
    rf"(?:\s+(?:el|al)\b)?[^\w\n]{{0,3}})"
)
# After a cue: eight digits 4-4 or 2-2-2-2 (one separator throughout), with
# or without a country code, and Spain's nine in 3-3-3 ("tel 912 345 678") or
# in one run ("llámame al 612345678").
# Longer numbers after a cue are the other rules'.
_CUED = re.compile(
    rf"{_CUE}(?P<n>{_BEFORE}(?:(?:\+|00{_SEP}?)?50[2-7]{_SEP}?)?"
    # Ten digits too, when a line break splits them ("cel 55 4433\n2211").
    rf"(?:\d\d{_SEP}\d{{4}}{_SEP}\d{{4}}|\d{{3}}{_SEP}\d{{3}}{_SEP}\d{{4}}"
    rf"|\d{{4}}{_SEP}?\d{{4}}|\d\d(?P<u>{_SEP})\d\d(?P=u)\d\d(?P=u)\d\d"
    rf"|[6-9]\d\d(?P<v>{_SEP})\d{{3}}(?P=v)\d{{3}}|[6-9]\d{{8}}){_AFTER})",
    re.IGNORECASE,
)
# A second number after a cued one: "cel 7777-8888 o 5555-6666".
_ANOTHER = re.compile(
    rf"[^\S\n]*(?:[/,;]|\b(?:o|ó|y|or|and)\b)[^\S\n]*(?P<n>{_BEFORE}\d{{4}}{_SEP}?\d{{4}}{_AFTER})"
)
# Nine digits in one run are also an SSN, an A-number or a booking number:
# only a word for a phone or a call makes them Spain's phone.
_PHONE_CUE = re.compile(rf"\b(?:{_PHONE_WORD}|{_CALL_WORD})\b", re.IGNORECASE)
_GROUPS = re.compile(r"\d+")
# A date is no phone, whatever the phone library makes of it ("3.10.2004").
_DATE_SHAPE = re.compile(r"\d{1,2}([./-])\d{1,2}\1(?:19|20)\d\d")
# Two years are a span of time ("llamó al 1998-2004"), not a number to call.
_YEARS = re.compile(r"(?:19|20)\d\d\D*(?:19|20)\d\d")


def _grouped_like_a_phone(raw: str) -> bool:
    """Phone numbers are written in groups of 2-4 digits (or as one run); a
    year and a serial ("2015-095587", a booking or incident number) are not."""
    groups = _GROUPS.findall(raw)
    return len(groups) == 1 or raw.lstrip().startswith("+") or max(map(len, groups)) <= 4


def _valid_with_plus(raw: str) -> bool:
    return _valid_in("+" + re.sub(r"\D", "", raw), None)


def _valid_in(raw: str, region: str | None) -> bool:
    """Whether the phone library finds a valid number in ``raw``."""
    try:
        number = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.is_valid_number(number)


def phones(text: str) -> list[Finding]:
    found: list[Finding | None] = []
    for region in ("US", "MX"):
        for match in phonenumbers.PhoneNumberMatcher(text, region):
            raw = match.raw_string
            if not _grouped_like_a_phone(raw) or _DATE_SHAPE.fullmatch(raw.strip()):
                continue
            end = match.end
            extension = _EXTENSION_AFTER.match(text, end)
            found.append(make(text, match.start, extension.end() if extension else end, "phone"))
    for pattern in (
        _US_PHONE,
        _INTERNATIONAL_PHONE,
        _ZERO_ZERO_PHONE,
        _CENTRAL_AMERICA,
        _MEXICO_PREFIXED,
        _SPAIN,
    ):
        found += [make(text, *m.span(), "phone") for m in pattern.finditer(text)]
    for m in _SPAIN_DASHED.finditer(text):
        if _valid_in(m.group(), "ES"):
            found.append(make(text, *m.span(), "phone"))
    for m in _BARE_COUNTRY.finditer(text):
        if _grouped_like_a_phone(m.group()) and _valid_with_plus(m.group()):
            found.append(make(text, *m.span(), "phone"))
    for m in _CUED.finditer(text):
        number = m.group("n")
        if number.isdigit() and len(number) == 9 and not _PHONE_CUE.search(m.group()):
            continue
        if not (_DATE_SHAPE.fullmatch(number) or _YEARS.fullmatch(number)):
            found.append(make(text, *m.span("n"), "phone"))
            end = m.end("n")
            while (more := _ANOTHER.match(text, end)) is not None:
                found.append(make(text, *more.span("n"), "phone"))
                end = more.end()
    return sorted({f for f in found if f})
