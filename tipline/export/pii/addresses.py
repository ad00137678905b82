"""Street addresses and post-office boxes, in US English and Spanish forms.

English: a house number, an optional direction, one to four street-name words
(capitalized, or ordinals such as ``5th``), a street suffix, and an optional
unit: ``123 Main St``, ``45 W. Elm Avenue, Apt 4``, ``1417 N. Marshall Street,
Apt 2``, ``88 Rosewood Drive, Unit 3``. All-lowercase street names are taken
too when the suffix is spelled out (``19 linden court``), as chat messages are
rarely capitalized.

Spanish: a street type, a name, then the number: ``calle Juárez 45``,
``Av. Reforma 100``, ``Calle 5 de Mayo 218``, ``Avenida Hidalgo 310``,
``Calle Allende 1520, int. 4``. A street named without a number ("la calle
Juárez") is a place, not an address, and stays readable.

The town, state and ZIP code after an address are left alone: with the house
number gone they name a town, which summaries need.
"""

from __future__ import annotations

import re

from tipline.export.pii.findings import Finding, make

_SUFFIXES = (
    r"street|st|avenue|ave|av|road|rd|boulevard|blvd|drive|dr|lane|ln|court|ct|place|pl"
    r"|way|pike|highway|hwy|terrace|ter|circle|cir|parkway|pkwy|square|sq|trail|trl|alley"
    r"|aly|row|plaza|plz|loop|run|crossing|xing|turnpike|tpke"
)
_SPELLED_SUFFIXES = (
    r"street|avenue|road|boulevard|drive|lane|court|place|way|pike|highway|terrace|circle"
    r"|parkway|square|trail|alley|plaza"
)
_DIRECTION = r"(?:[NSEW]\.?|N\.?[EW]\.?|S\.?[EW]\.?|North|South|East|West)"
_NAME_WORD = r"(?:[A-ZÁÉÍÓÚÑ][\w'’.-]*|\d+(?:st|nd|rd|th))"
_UNIT = (
    r"(?:,?\s+(?:apt\.?|apartment|unit|suite|ste\.?|fl\.?|floor|rm\.?|room|#|no\.?)"
    r"\s*#?\s*[A-Za-z0-9-]{1,5}\b)?"
)
_HOUSE = r"(?<![\w$#.,/-])\d{1,6}[A-Za-z]?(?:-\d{1,4})?"

_ENGLISH = re.compile(
    rf"{_HOUSE}\s+(?:{_DIRECTION}\s+)?(?:{_NAME_WORD}\s+){{1,4}}(?:(?i:{_SUFFIXES}))\b\.?" + _UNIT,
)
_ENGLISH_LOWER = re.compile(
    rf"{_HOUSE}\s+(?:{_DIRECTION}\s+)?(?:[a-z][a-z'-]+\s+){{1,3}}(?:{_SPELLED_SUFFIXES})\b" + _UNIT,
    re.IGNORECASE,
)
_ROUTE = re.compile(
    rf"{_HOUSE}\s+(?:(?:US|State|PA|NJ)\s+)?(?:route|rte\.?|highway|hwy\.?)\s+\d{{1,4}}\b" + _UNIT,
    re.IGNORECASE,
)
_PO_BOX = re.compile(
    r"\b(?:P\.?\s?O\.?\s+Box|Post\s+Office\s+Box|Apartado\s+(?:Postal|Aéreo)|A\.?\s?P\.)"
    r"\s*#?\s*\d{1,7}\b",
    re.IGNORECASE,
)

_STREET_TYPE = (
    r"(?:calle|c\.|avenida|av\.?|avda\.?|boulevard|bulevar|blvd\.?|calzada|calz\.?|camino"
    r"|carretera|privada|priv\.?|callej[óo]n|andador|paseo|prolongaci[óo]n|prol\.?|cerrada)"
)
# Name words: capitalized words, numerals ("5 de Mayo") and the small words
# Spanish street names carry ("de", "del", "la", "los").
_ES_NAME = r"(?:(?:[A-ZÁÉÍÓÚÑ][\w'’.-]*|\d{1,2}|de|del|la|las|los|y)\s+){1,5}"
_SPANISH = re.compile(
    rf"\b(?i:{_STREET_TYPE})\s+{_ES_NAME}(?:(?i:no\.?|núm\.?|número|#)\s*)?\d{{1,5}}[A-Za-z]?\b"
    r"(?:,?\s+(?i:int\.?|interior|depto\.?|departamento|dpto\.?|apto\.?|casa)\s*#?\s*[A-Za-z0-9-]{1,5}\b)?"
)


def addresses(text: str) -> list[Finding]:
    """Street addresses and P.O. boxes in ``text``."""
    found: list[Finding | None] = []
    for pattern in (_ENGLISH, _ENGLISH_LOWER, _ROUTE, _PO_BOX, _SPANISH):
        for match in pattern.finditer(text):
            found.append(make(text, *match.span(), "address"))
    return [f for f in found if f]
