"""Street addresses with their unit, and post-office boxes, in English and Spanish.

English: a house number, an optional direction, one to four street-name words,
a street suffix, an optional direction and an optional unit: ``123 Main St``,
``98408 Melanie Parkways``, ``45 W. Elm Avenue, Apt 4``, ``260 Smith Rest,
APT 70E``, ``0532 South Justin Union Fl 2``, ``579 Justin Falls 1st fl``.
Suffixes are the USPS Publication 28 table (every spelling, as the
``usaddress`` package ships it), less a few two-letter forms that are everyday
words ("is", "la", "mi"). All-lowercase addresses (``826 jennifer landing``,
chat messages) need a suffix of four letters or more and name words that are
not function words, so "2 people in the park" stays readable.

Spanish: a street type (the INEGI *tipo de vialidad* and the Spanish *tipo de
vía* lists), a name, then the number: ``calle Juárez 45``, ``Av. Reforma
100``, ``Calle 5 de Mayo 218``, ``Pasaje de Elvira Ribera 37 Piso 3``; US
streets in Spanish word order (``calle Walnut 1084``, ``2107 de la calle
Walnut``, ``Ryan Walk número 4616``); and the units either language writes
after any of them (``int. 4``, ``apartamento 5B``, ``Edif. 869, Depto. 970``,
``piso 2``, ``Puerta 1``). A street named without a number ("la calle
Juárez") is a place, not an address, and stays readable.

The town, state and ZIP code after an address are left alone: with the house
number gone they name a town, which summaries need.
"""

from __future__ import annotations

import re
from functools import cache

import usaddress

from tipline.export.pii.findings import Finding, make
from tipline.export.pii.namewords import FUNCTION_WORDS, INSTITUTION_WORDS

# Two-letter Publication 28 spellings that are mostly ordinary words here.
_WORDLIKE_SUFFIXES = frozenset({"is", "la", "mi", "un", "te", "ex", "ci", "dl", "dm", "dv"})
# Publication 28, appendix C2: secondary unit designators (and how people write them).
_UNIT_WORDS = (
    r"apartment|apt|basement|bsmt|building|bldg|department|dept|floor|fl|front|frnt|lobby"
    r"|lot|lower|lowr|office|ofc|penthouse|ph|pier|rear|room|rm|side|slip|space|spc|stop"
    r"|suite|ste|trailer|trlr|unit|upper|uppr|no|number"
    # Spanish, after a US or a Mexican/Spanish address.
    r"|apartamento|apto|int|interior|depto|departamento|dpto|edif|edificio|piso|puerta"
    r"|planta|esc|escalera|bloque|local|casa|lote|mz|manzana|n[úu]m|n[úu]mero"
)
_UNIT_VALUE = r"#?\s?(?:\d{1,5}[A-Za-z]?|[A-Za-z]\d{0,4}|\d{1,3}-[A-Za-z0-9]{1,3})(?![\w-])"
_ONE_UNIT = (
    rf"(?:(?i:{_UNIT_WORDS})\b\.?\s?{_UNIT_VALUE}"
    r"|#\s?[A-Za-z0-9-]{1,5}\b"
    r"|(?i:\d{1,2}(?:st|nd|rd|th)\s+(?:floor|fl\b\.?|piso))"
    r"|(?i:basement|bsmt|rear|front|upper|lower|penthouse)\b)"
)
# Up to two units ("Edif. 869, Depto. 970"), each after a space or a comma.
_UNITS = rf"(?:\s?,?\s{_ONE_UNIT}){{0,2}}"
_DIRECTION = r"(?:[NSEW]\.?|[NS][EW]\.?|N\.\s?[EW]\.|S\.\s?[EW]\.|North|South|East|West)"
_HOUSE = r"(?<![\w$#.,/:-])\d{1,6}[A-Za-z]?(?:-\d{1,4})?"
_CAP_WORD = r"(?:[A-ZÁÉÍÓÚÑ][\w'’.-]*|\d+(?:st|nd|rd|th))"
_LOW_WORD = r"[a-záéíóúñ][a-záéíóúñ'-]+"

_PO_BOX = re.compile(
    r"\b(?:P\.?\s?O\.?\s+Box|Post\s+Office\s+Box|Apartado\s+(?:Postal|Aéreo)|A\.?\s?P\.)"
    r"\s*#?\s*\d{1,7}\b",
    re.IGNORECASE,
)
_ROUTE = re.compile(
    rf"{_HOUSE}\s+(?:(?:US|State|PA|NJ)\s+)?(?:route|rte\.?|highway|hwy\.?)\s+\d{{1,4}}\b" + _UNITS,
    re.IGNORECASE,
)

# INEGI (Mexico) and INE/Catastro (Spain) street types, with common abbreviations.
_STREET_TYPE = (
    r"calle|c\.|avenida|av\.?|avda\.?|boulevard|bulevar|blvd\.?|calzada|calz\.?|camino"
    r"|carretera|privada|priv\.?|callej[óo]n|andador|paseo|prolongaci[óo]n|prol\.?|cerrada"
    r"|ampliaci[óo]n|circuito|circunvalaci[óo]n|continuaci[óo]n|corredor|diagonal|eje\s+vial"
    r"|pasaje|peatonal|perif[ée]rico|retorno|viaducto|acceso|alameda|autov[íi]a|bajada"
    r"|carrera|cuesta|glorieta|plaza|rambla|ronda|traves[íi]a|urbanizaci[óo]n|v[íi]a"
    r"|pasadizo|ca[ñn]ada|pol[íi]gono|sector|camino\s+real"
)
# Name words: capitalized words, numerals ("5 de Mayo") and the small words
# Spanish street names carry ("de", "del", "la", "los").
_ES_NAME = r"(?:(?:[A-ZÁÉÍÓÚÑ][\w'’.-]*|\d{1,2}|de|del|la|las|los|y)\s+){1,6}"
_ES_NUMBER = r"(?:(?i:no\.?|núm\.?|número|#)\s*)?\d{1,5}[A-Za-z]?\b"
# Mexican addresses may give the inside number bare after the outside one
# ("Callejón Norte Loera 999 498"), at the end of the address.
_INSIDE = r"(?:\s\d{1,5}(?=\s*(?:[,.;:)\n]|$)))?"
_SPANISH = re.compile(rf"\b(?i:{_STREET_TYPE})\s+{_ES_NAME}{_ES_NUMBER}{_INSIDE}{_UNITS}")
# "2107 de la calle Walnut", "806 de la calle Krystal, depto. 2"
_SPANISH_NUMBER_FIRST = re.compile(
    rf"{_HOUSE}\s+(?i:de\s+la\s+)?(?i:calle|avenida|av\.)\s+"
    rf"{_CAP_WORD}(?:\s+(?:{_CAP_WORD}|de|del|la))*{_UNITS}"
)


@cache
def _suffixes() -> tuple[str, str]:
    """(every suffix, spelled-out suffixes) as regex alternations, longest first."""
    names = sorted(set(usaddress.STREET_NAMES) - _WORDLIKE_SUFFIXES, key=lambda s: (-len(s), s))
    spelled = [n for n in names if len(n) >= 4]
    return "|".join(map(re.escape, names)), "|".join(map(re.escape, spelled))


@cache
def _english() -> tuple[re.Pattern[str], re.Pattern[str]]:
    every, spelled = _suffixes()
    tail = rf"(?:\s+{_DIRECTION}\b\.?)?{_UNITS}"
    # Spanish order for a US street: "Ryan Walk número 4616".
    numbered = r"(?:\s+(?i:número|núm\.?|no\.?|#)\s*\d{1,6}[A-Za-z]?\b)?"
    capitalized = re.compile(
        rf"(?:{_HOUSE}\s+)?(?:{_DIRECTION}\s+)?(?:{_CAP_WORD}\s+){{1,4}}"
        rf"(?i:{every})\b\.?{numbered}{tail}"
    )
    lower = re.compile(
        rf"{_HOUSE}\s+(?:(?i:{_DIRECTION})\s+)?(?:{_LOW_WORD}\s+){{1,3}}"
        rf"(?:{spelled})\b{tail}",
        re.IGNORECASE,
    )
    return capitalized, lower


_WORD = re.compile(r"[^\W\d_][\w'’]*")
_NOT_STREET_WORDS = FUNCTION_WORDS - {"no", "home"}


def _plausible(match: re.Match[str]) -> bool:
    """A street, not "2019 Berks County Detention Center" or "in the park"."""
    value = match.group()
    has_house = bool(re.match(r"\d", value))
    has_number_after = bool(re.search(r"(?i:número|núm|no\.?|#)\s*\d", value))
    if not (has_house or has_number_after):
        return False
    words = [w.lower() for w in _WORD.findall(value)]
    name_words = words[:-1] if words else []
    if any(w in _NOT_STREET_WORDS for w in name_words if w not in ("de", "la", "del")):
        return False
    if re.match(r"(?:19|20)\d\d\s", value) and any(w in INSTITUTION_WORDS for w in name_words):
        return False
    return not any(w in ("county", "jail", "prison", "detention", "condado") for w in words)


def addresses(text: str) -> list[Finding]:
    """Street addresses (with their unit) and P.O. boxes in ``text``."""
    found: list[Finding | None] = []
    capitalized, lower = _english()
    for pattern in (capitalized, lower):
        for match in pattern.finditer(text):
            if _plausible(match):
                found.append(make(text, *match.span(), "address"))
    for pattern in (_ROUTE, _PO_BOX, _SPANISH, _SPANISH_NUMBER_FIRST):
        for match in pattern.finditer(text):
            found.append(make(text, *match.span(), "address"))
    return [f for f in found if f]
