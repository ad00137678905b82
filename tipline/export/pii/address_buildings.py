"""Addresses with no street type: a named street with a unit, a complex, a cue.

:mod:`.addresses` needs a street type (a Publication 28 suffix) or a Spanish
street word. Some streets have none ("Broadway", "Grand Concourse"), and
many people live in a complex that is named instead of its street. Three
shapes say an address without a type:

- a house number, one to three capitalized words and a unit of a dwelling
  (``45 Broadway, 2nd Floor``, ``300 Grand Concourse, Apt 4C``);
- after a cue that says an address follows ("lives at", "address:", "vive
  en", "domicilio:"), a house number and one to three capitalized words
  (``lives at 45 Broadway``);
- an apartment complex, a trailer park or a Mexican housing unit, with the
  flat's number after or before it (``Sunrise Apartments, Apt 12``, ``A-12
  Sunrise Apartments``, ``Unidad Habitacional El Rosario, Edif. 4, Depto.
  302``). The complex's name alone is a place and stays readable;
- a cell under a table's "Address" / "Domicilio" / "Dirección" header that
  names a street with no type and then its number (``Manuel Rodríguez 270``,
  ``Viela de Lima, 6``), or a typed street alone (``Alameda de Monteiro``):
  the header is the cue, rows away.

Never a jail, a court, an office or a person: the words of an institution,
a title or a count end the match ("3 Deputies, Unit 4").
"""

from __future__ import annotations

import re

from tipline.export.pii.address_parts import (
    CAP_WORD,
    COUNT_NOUNS,
    DIRECTION,
    HOUSE,
    ONE_UNIT,
    WORD,
    with_units,
    words_of,
)
from tipline.export.pii.address_spanish import STREET_TYPES, names_an_institution
from tipline.export.pii.findings import Finding, make
from tipline.export.pii.names import fold_word
from tipline.export.pii.namewords import FUNCTION_WORDS, TITLES
from tipline.export.pii.table_columns import cells_below

# Units only a dwelling has (not "room", "office", "number": a jail's or a phone's).
_DWELLING_UNIT = (
    r"(?:(?i:apartment|apt|unit|suite|ste|floor|fl|trailer|trlr|lot|apartamento|apto|depto"
    r"|departamento|dpto|interior|int)\b\.?\s?#?\s?(?:\d{1,5}[A-Za-z]?|[A-Za-z]-?\d{0,4})(?![\w-])"
    r"|#\s?\d{1,5}[A-Za-z]?(?![\w-])"
    r"|(?i:\d{1,2}(?:st|nd|rd|th)\s+(?:floor|fl\b\.?)|rear|basement|bsmt)\b)"
)
_NAMED = re.compile(rf"{HOUSE}\s+((?:{CAP_WORD}\s+){{0,2}}{CAP_WORD}),?\s{_DWELLING_UNIT}")
_CUED = re.compile(
    r"\b(?i:lives?\s+at|living\s+at|stay(?:s|ing)?\s+at|moved\s+to|address(?:\s+(?:is|was))?\s*:?"
    r"|viv(?:e|o|en|imos|ía|íamos|ían)\s+en|domicilio\s*:?|direcci[óo]n(?:\s+(?:es|era))?\s*:?)"
    rf"\s+({HOUSE}\s+((?:{CAP_WORD}\s+){{0,2}}{CAP_WORD}))(?![\w'’-])(?![^\S\n]+\d)"
)
_COMPLEX_WORDS = (
    r"apartments|apts\.?|townhomes|townhouses|condominiums|condos|mobile\s+home\s+park"
    r"|trailer\s+park|trailer\s+court|mobile\s+home\s+court|residences|villas"
)
_COMPLEX = re.compile(
    rf"(?:(?<![\w-])((?:[A-Z]-?\d{{1,4}}|\d{{1,4}}-?[A-Z])(?![\w-])),?\s+)?"
    rf"(?:{CAP_WORD}\s+){{1,3}}(?i:{_COMPLEX_WORDS})\b"
    rf"(?P<unit>(?:,?\s{ONE_UNIT}){{1,2}})?"
)
_HOUSING_UNIT = re.compile(
    r"\b(?i:unidad\s+habitacional|u\.\s?h\.|conjunto(?:\s+habitacional)?|fraccionamiento"
    r"|fracc\.|condominio)\s+(?:(?:[A-ZÁÉÍÓÚÑ][\w'’.-]*|de|del|la|las|los|el)\s+){0,3}"
    r"[A-ZÁÉÍÓÚÑ][\w'’.-]*"
    rf"(?:,?\s{ONE_UNIT}){{1,2}}"
)
_NEVER = TITLES | FUNCTION_WORDS
_DWELLING = re.compile(_DWELLING_UNIT)
_CUE_WORD = re.compile(r"(?i:liv|stay|moved|address|viv|domicilio|direcci)")
_COMPLEX_WORD = re.compile(r"(?i:apartments|apts|town|condo|park|court|residences|villas)")
_HOUSING_WORD = re.compile(r"(?i:habitacional|u\.\s?h\.|conjunto|fracc|condominio)")


_ADDRESS_HEADER = re.compile(
    r"\b(?i:(?:home\s+|street\s+|mailing\s+)?address|domicilio|direcci[óo]n)\b"
)
# A typeless street in a cell: words, then the house number and the units
# after it (the town after them stays, as everywhere).
_CELL_WORD = r"(?:[A-ZÁÉÍÓÚÑ][\w'’.-]*|de|do|da|dos|das|del|la|los|las)"
_CELL_STREET = re.compile(
    rf"(?:{CAP_WORD}|de|do|da|dos|das|del|la|los|las)"
    rf"(?:[^\S\n]+(?:{CAP_WORD}|de|do|da|dos|das|del|la|los|las)){{0,4}},?[^\S\n]+"
    rf"(?i:(?:n[úu]mero|no\.|\#)\s*)?\d{{1,5}}[A-Za-z]?(?![\w/.-]\w)(?:,?\s{ONE_UNIT}){{0,2}}"
)
_YEAR_END = re.compile(r"(?:19|20)\d\d$")
# ... or a whole cell that is a typed street with no number ("Alameda de
# Monteiro", "Calle Ocampo"): in the column of someone's home, the street
# alone is where they live (in running text it is only a place).
_CELL_TYPED = re.compile(
    rf"(?:(?i:{STREET_TYPES})|(?i:c/))[^\S\n]*(?P<name>{_CELL_WORD}(?:[^\S\n]+{_CELL_WORD}){{0,4}})"
    r"[^\S\n]*$"
)
_LINKS = frozenset({"de", "do", "da", "dos", "das", "del", "la", "los", "las"})


def _column_addresses(text: str) -> list[Finding]:
    found: list[Finding | None] = []
    for header in _ADDRESS_HEADER.finditer(text):
        for start, end in cells_below(text, *header.span()):
            street = _CELL_STREET.match(text, start, end) or _CELL_TYPED.match(text, start, end)
            name = street and (street.groupdict().get("name") or street.group())
            if (
                street
                and name
                and not _YEAR_END.search(name)
                and not names_an_institution(name)
                and not any(w in _NEVER for w in words_of(name) if w not in _LINKS)
            ):
                found.append(make(text, *street.span(), "address"))
    return [f for f in found if f]


def _person_or_institution(value: str) -> bool:
    words = [fold_word(w) for w in WORD.findall(value)]
    return (
        names_an_institution(value)
        or any(w in _NEVER for w in words)
        or all(re.fullmatch(DIRECTION, w, re.IGNORECASE) for w in words)
        or bool(re.search(COUNT_NOUNS, value))
    )


def _house_sized(value: str, smallest: int) -> bool:
    """A house number of ``smallest`` digits or more that is no year or 911."""
    number = re.match(r"\d+", value)
    digits = number.group() if number else ""
    year = re.fullmatch(r"(?:19|20)\d\d", digits)
    return len(digits) >= smallest and digits != "911" and not year


def building_addresses(text: str) -> list[Finding]:
    """Addresses of the shapes above in ``text``."""
    found: list[Finding | None] = []
    # Each shape needs a word most text lacks: look for it before the whole pattern.
    named = _NAMED.finditer(text) if _DWELLING.search(text) else ()
    cued = _CUED.finditer(text) if _CUE_WORD.search(text) else ()
    complexes = _COMPLEX.finditer(text) if _COMPLEX_WORD.search(text) else ()
    housing = _HOUSING_UNIT.finditer(text) if _HOUSING_WORD.search(text) else ()
    for match in named:
        if _house_sized(match.group(), 2) and not _person_or_institution(match.group(1)):
            found.append(make(text, *with_units(text, match.span()), "address"))
    # With no unit, only a cue and a house-sized number ("lives at 1450
    # Broadway"; not "lives at 12 Different Places").
    for match in cued:
        if _house_sized(match.group(1), 3) and not _person_or_institution(match.group(2)):
            found.append(make(text, *with_units(text, match.span(1)), "address"))
    for match in complexes:
        name = text[match.start() : match.start("unit") if match.group("unit") else match.end()]
        if (match.group(1) or match.group("unit")) and not names_an_institution(name):
            found.append(make(text, *with_units(text, match.span()), "address"))
    for match in housing:
        found.append(make(text, *with_units(text, match.span()), "address"))
    if _ADDRESS_HEADER.search(text):
        found += _column_addresses(text)
    return [f for f in found if f]
