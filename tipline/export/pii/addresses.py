"""Street addresses with their unit, and post-office boxes, in English and Spanish.

English: a house number, an optional direction, one to four street-name words,
a street suffix, an optional direction and an optional unit: ``123 Main St``,
``98408 Melanie Parkways``, ``45 W. Elm Avenue, Apt 4``, ``260 Smith Rest,
APT 70E``, ``0532 South Justin Union Fl 2``, ``579 Justin Falls 1st fl``.
Suffixes are the USPS Publication 28 table (every spelling, as the
``usaddress`` package ships it), less a few two-letter forms that are everyday
words ("is", "la", "mi"). All-lowercase addresses (``826 jennifer landing``,
chat messages) need a suffix of four letters or more, or an everyday
abbreviation (``46 stewart ave``), and name words that are not function
words, so "2 people in the park" stays readable. A unit may also stand
before the house number (``Apt. 3 1234 Main St``) or on a line of its own in
an address block. A house number shaped like a year is one before a street
suffix ("2015 N Buckley Loop"), not before an institution ("2019 Berks County
Detention Center"); times, counts and birth words are never part of a street
("0045 hours going up Route 422", "CALZADA BORN 7").

Spanish: a street type (the INEGI *tipo de vialidad* and the Spanish *tipo de
vía* lists), a name, then the number: ``calle Juárez 45``, ``Av. Reforma
100``, ``Calle 5 de Mayo 218``, ``Pasaje de Elvira Ribera 37 Piso 3``; US
streets in Spanish word order (``calle Walnut 1084``, ``2107 de la calle
Walnut``, ``Ryan Walk número 4616``); and the units either language writes
after any of them (``int. 4``, ``apartamento 5B``, ``Edif. 869, Depto. 970``,
``piso 2``, ``Puerta 1``, ``Of. 8675``, ``Dto. 1``). Colombian grid
addresses (``Cr. 161 # 65-27 Sur``, ``Av. Marina Flórez # 83-50``); a street
with no type after "lives at" / "vive en" (``Los Robles 1149``). A street
named without a number ("la calle Juárez") is a place, not an address, and
stays readable.

The town, state and ZIP code after an address are left alone: with the house
number gone they name a town, which summaries need.
"""

from __future__ import annotations

import re
from functools import cache

import usaddress

from tipline.export.pii.findings import Finding, make
from tipline.export.pii.names import fold_word
from tipline.export.pii.namewords import FUNCTION_WORDS, INSTITUTION_WORDS, word_set

# Two-letter Publication 28 spellings that are mostly ordinary words here.
_WORDLIKE_SUFFIXES = frozenset({"is", "la", "mi", "un", "te", "ex", "ci", "dl", "dm", "dv"})
# Publication 28, appendix C2: secondary unit designators (and how people write them).
_UNIT_WORDS = (
    r"apartment|apt|basement|bsmt|building|bldg|department|dept|floor|fl|front|frnt|lobby"
    r"|lot|lower|lowr|office|ofc|penthouse|ph|pier|rear|room|rm|side|slip|space|spc|stop"
    r"|suite|ste|trailer|trlr|unit|upper|uppr|no|number"
    # Spanish, after a US or a Mexican/Spanish address.
    r"|apartamento|apto|int|interior|depto|departamento|dpto|edif|edificio|piso|puerta"
    r"|planta|esc|escalera|bloque|local|casa|lote|mz|manzana|n[úu]m|n[úu]mero|cuarto"
    r"|habitaci[óo]n|hab|bodega|etapa|torre|oficina|ofic|dto"
)
_UNIT_VALUE = r"#?\s?(?:\d{1,5}[A-Za-z]?|[A-Za-z]\d{0,4}|\d{1,3}-[A-Za-z0-9]{1,3})(?![\w-])"
_ONE_UNIT = (
    rf"(?:(?i:{_UNIT_WORDS})\b\.?\s?{_UNIT_VALUE}"
    r"|#\s?[A-Za-z0-9-]{1,5}\b"
    # "Of. 8675" (oficina) in capitals only: "of" is an English word.
    r"|Of\.\s?\d{1,5}\b"
    r"|(?i:\d{1,2}(?:st|nd|rd|th)\s+(?:floor|fl\b\.?|piso))"
    # "segundo piso", "planta baja"; Spain's floor and door: "3º A", "6º izq.".
    r"|(?i:(?:primer|segundo|tercer|cuarto|quinto|sexto)\s+piso|planta\s+baja)\b"
    r"|\d{1,2}\s?[º°ª](?:\s?(?:[A-Za-z]|izq|dcha|izquierda|derecha)\b\.?)?"
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
    r"|pasadizo|ca[ñn]ada|pol[íi]gono|sector|camino\s+real|diag\.?|dg\.?|transversal|tv\.?|vial"
)
# Name words: capitalized words, numerals ("5 de Mayo") and the small words
# Spanish street names carry ("de", "del", "la", "los").
_ES_NAME = (
    r"(?:(?:[A-ZÁÉÍÓÚÑ][\w'’.-]*|\d{1,3}(?:st|nd|rd|th)|\d{1,2}|de|del|la|las|los|y|e)\s+){1,9}"
)
_NUMBER_MARK = r"(?i:no\.?|núm\.?|número|numero|n[°º]\.?|#|casa\s*#?)"
_ES_NUMBER = rf"(?:{_NUMBER_MARK}\s*)?\d{{1,5}}[A-Za-z]?\b"
# Mexican addresses may give the inside number bare after the outside one
# ("Callejón Norte Loera 999 498"), at the end of the address.
# Words that make a number a count or a time, not a house number.
_COUNT_WORDS = (
    r"(?i:a[ñn]os|years?|am|pm|a\.m\.|p\.m\.|hrs?|horas|hours|minutos|minutes|de|del|personas"
    r"|people|agentes|agents|hombres|men|mujeres|women|ni[ñn]os|kids|veces|times|d[íi]as|days"
    r"|meses|months|semanas|weeks)\b"
)
_INSIDE = (
    r"(?:\s\d{1,5}(?![\w-])(?=\s*(?:[,.;:)\n]|$)|\s+[a-záéíóúñ])"
    rf"(?!\s+{_COUNT_WORDS}))?"
)
_SPANISH = re.compile(rf"\b(?i:{_STREET_TYPE})\s+{_ES_NAME}{_ES_NUMBER}{_INSIDE}{_UNITS}")
# All in lower case (chat): "calle bennett 1182 segundo piso".
_SPANISH_LOWER = re.compile(
    rf"\b(?:calle|avenida|av\.|avda\.|calzada|privada|callej[óo]n|pasaje)\s+"
    rf"(?:{_LOW_WORD}\s+){{1,3}}{_ES_NUMBER}{_UNITS}"
)
# "2107 de la calle Walnut", "806 de la calle Krystal, depto. 2"
_SPANISH_NUMBER_FIRST = re.compile(
    rf"{_HOUSE}\s+(?i:de\s+la\s+)?(?i:calle|avenida|av\.)\s+"
    rf"(?:{_CAP_WORD}(?:\s+(?:{_CAP_WORD}|(?:de|del|la)\b))*|{_LOW_WORD}(?:\s+{_LOW_WORD})?){_UNITS}"
)


# Central and South American shapes:
# Honduras "colonia Duarte, bloque 4, casa 2899"; Guatemala "25a. avenida
# 25-44, zona 17"; Colombia "Calle 21 # 84N-23" ; Chile, Argentina: a street
# with no type but a flat after it ("Los Alerces 544 Dpto. 1147").
_NEIGHBOURHOOD = re.compile(
    r"\b(?i:colonia|col\.|barrio|residencial|urbanizaci[óo]n|lotificaci[óo]n|aldea)\s+"
    r"(?:[\w'’.-]+\s+){0,3}?[\w'’.-]+,?"
    r"(?:\s+(?i:bloque|sector|pasaje|senda|calle|etapa|manzana|mz\.?)\s+\w{1,4},?){0,2}"
    r"\s+(?i:casa|lote)\s*#?\s*\d{1,5}[A-Za-z]?\b"
)
_ZONE = re.compile(
    r"(?<![\w-])\d{1,2}\s?(?:a|ª|o|º|era|da|ta)?\.?\s+(?i:calle|avenida|av\.?)\s+"
    r"\d{1,3}\s?-\s?\d{1,3}(?:,?\s+(?i:zona)\s+\d{1,2})?\b"
)
_GRID = re.compile(
    r"\b(?i:(?:avenida|av\.?)\s+(?:calle|carrera)|calle|cll?\.?|carrera|cra\.?|cr\.?|kr\.?|avenida|av\.?"
    r"|diagonal|dg\.?|transversal|tv\.?|tr\.?)"
    r"\s+(?:\d{1,3}\s?[A-Za-zª]{0,2}(?:\s?bis)?(?:\s+(?i:sur|este|norte|oeste))?"
    r"|(?:[A-ZÁÉÍÓÚÑ][\w'’.-]*\s+){1,4})"
    r"\s*(?:#|(?i:no\.?|n[°º]))\s*\d{1,3}[A-Za-z]{0,2}\s?-\s?\d{1,3}"
    r"(?:\s+(?i:sur|este|norte|oeste))?\b" + _UNITS
)
_FLAT_UNIT = (
    r"(?:(?i:dpto|depto|departamento|apto|apartamento|int|interior|piso|casa|oficina)|Of)"
    r"\b\.?\s*#?\s*\w{1,5}"
)
_NO_TYPE = re.compile(rf"\b(?:{_CAP_WORD}\s+){{1,3}}\d{{1,5}}[A-Za-z]?,?\s+{_FLAT_UNIT}")
# Spanish speakers name a US street without its suffix: "en la Taylor número
# 2744", "vive en Fuller número 833 apto. 18". The number mark is required.
_NAMED_NUMBER = re.compile(
    r"(?:\b(?i:en\s+la|en|la|de\s+la|de|frente\s+a|domicilio|direcci[óo]n(?:\s+es)?|address)\s*:?\s+"
    r"|\b(?i:calle|street|casa|home|domicilio|direcci[óo]n|address)\s*:\s*)"
    rf"((?!(?i:en|de|la|el|a|al|del)\s)((?:{_CAP_WORD}|{_LOW_WORD})(?:\s+{_CAP_WORD}){{0,2}})\s+"
    # The number is no phone's first group ("nuevo número 1-215-255-5528").
    rf"(?i:número|numero|núm\.?|n[°º]\.?)\s*\d{{1,6}}[A-Za-z]?\b(?![-.]\d){_UNITS})"
)
# A street with no type after "lives at" / "vive en": "She lives at Los Robles
# 1149", "Mi mamá vive en Los Tilos 2 y ...".
_LIVES_AT = re.compile(
    r"\b(?i:lives?\s+at|living\s+at|viv(?:e|o|en|imos|ía)\s+en)\s+"
    rf"((?:{_CAP_WORD}\s+){{1,4}}\d{{1,5}}[A-Za-z]?(?![\w-])(?!\s+{_COUNT_WORDS}){_UNITS})"
)
_OTHER = (_NEIGHBOURHOOD, _ZONE, _GRID)
_NOT_STREETS = INSTITUTION_WORDS | word_set(
    """
    celda cuarto sala caso expediente unidad modulo pabellon dormitorio cama litera corte
    reo preso interno detenido placa telefono cell room unit pod bed case docket
    """
)
# A unit that the street pattern did not reach ("79 n steven walk trlr 11":
# "trlr" is both a suffix and a unit word).
_MORE_UNITS = re.compile(rf"(?:\s?,?\s{_ONE_UNIT}){{1,2}}")
_BARE_UNIT_VALUE = re.compile(r"\s\d{1,5}[A-Za-z]?(?![\w-])")
_ENDS_WITH_UNIT_WORD = re.compile(rf"\b(?i:{_UNIT_WORDS})\.?$")
_UNIT_WORD = re.compile(rf"(?:{_UNIT_WORDS})")
# A unit on a line of its own in an address block ("1234 Main St\nApt 3\n").
_UNIT_LINE = re.compile(rf"[^\S\n]*,?[^\S\n]*\n[^\S\n]*({_ONE_UNIT})[^\S\n]*,?(?=[^\S\n]*(?:\n|$))")
# A unit written before the house number: "Apt. 3 1234 Main St", "Unit 12 -
# 45 Oak Ave", "Apt 3\n1234 Main St" (never "number 5 ...": a phone's word).
_UNIT_BEFORE = re.compile(
    r"(?<![\w-])((?i:apartment|apt|unit|suite|ste|room|rm|floor|fl|building|bldg|lot|space|spc"
    r"|trailer|trlr|apartamento|apto|depto|departamento|dpto|interior|int)\b\.?\s?#?\s?"
    r"(?:\d{1,5}[A-Za-z]?|[A-Za-z]\d{0,4})|#\s?\d{1,5}[A-Za-z]?)"
    r"(?:[^\S\n]*[,–—-]?[^\S\n]*|[^\S\n]*,?[^\S\n]*\n[^\S\n]*)$"
)


@cache
def _suffixes() -> tuple[str, str]:
    """(every suffix, spelled-out suffixes) as regex alternations, longest first."""
    names = sorted(set(usaddress.STREET_NAMES) - _WORDLIKE_SUFFIXES, key=lambda s: (-len(s), s))
    spelled = [n for n in names if len(n) >= 4]
    return "|".join(map(re.escape, names)), "|".join(map(re.escape, spelled))


@cache
def _suffix_words() -> frozenset[str]:
    return frozenset(usaddress.STREET_NAMES)


@cache
def _english() -> tuple[re.Pattern[str], ...]:
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
    # Lower case with a short suffix ("37 e taylor ct, apt 25r", "90285 s. 9th
    # st"): only with a direction before the name or a unit after the suffix.
    short = re.compile(
        rf"{_HOUSE}\s+(?:(?:{_DIRECTION})\.?\s+(?:(?:{_LOW_WORD}|\d+(?:st|nd|rd|th))\s+){{1,2}}"
        rf"(?:{every})\b\.?{tail}"
        rf"|(?:{_LOW_WORD}\s+){{1,2}}(?:{every})\b\.?(?:\s?,?\s{_ONE_UNIT}){{1,2}})",
        re.IGNORECASE,
    )
    # Chat in lower case with the everyday abbreviations: "46 stewart ave", "77003 watson rd".
    everyday = re.compile(
        rf"{_HOUSE}\s+(?:{_LOW_WORD}\s+){{1,2}}(?:{_EVERYDAY_SUFFIXES})\b\.?{tail}"
    )
    return capitalized, lower, short, everyday


_WORD = re.compile(r"[^\W\d_][\w'’]*")
_EVERYDAY_SUFFIXES = "st|ave|rd|dr|blvd|ln|ct|pl|hwy|pkwy|cir|ter|trl|sq|way"
_NOT_STREET_WORDS = FUNCTION_WORDS - {"no", "home"}
# Words of a time, a count or a birth, never of a street name ("left at 0045
# hours going up Route 422", "CALZADA BORN 7", "CARRERA ESCOBAR NACIDO EL 24").
_NEVER_IN_STREETS = word_set(
    """
    hours hrs hour minutes mins going heading headed up down toward towards around about
    born nacido nacida nacio dob age edad years anos people men women agents officers
    """
)


def _plausible(match: re.Match[str]) -> bool:
    """A street, not "2019 Berks County Detention Center" or "in the park"."""
    value = match.group()
    has_house = bool(re.match(r"\d", value))
    has_number_after = bool(re.search(r"(?i:número|núm|no\.?|#)\s*\d", value))
    if not (has_house or has_number_after):
        return False
    words = [w.lower() for w in _WORD.findall(value)]
    name_words = words[:-1] if words else []
    # Unit words ("unit", "no") are after the street, not in its name.
    name_words = [w for w in name_words if not _UNIT_WORD.fullmatch(w)]
    if any(w in _NOT_STREET_WORDS for w in name_words if w not in ("de", "la", "del")):
        return False
    # "2019 Berks County Detention Center": a year, then an institution (a
    # street's own suffix, "2015 N Buckley Loop", is no institution).
    institution = [w for w in name_words if w in INSTITUTION_WORDS and w not in _suffix_words()]
    if re.match(r"(?:19|20)\d\d\s", value) and institution:
        return False
    return not any(w in ("county", "jail", "prison", "detention", "condado") for w in words)


def _before_story_words(
    pattern: re.Pattern[str], text: str, match: re.Match[str]
) -> re.Match[str] | None:
    """``match`` cut before the first time, count or birth word in it (capitals
    run on: "CALLE BAKER 53 SEGUNDO PISO NACIÓ EL 3"), or None if nothing is left."""
    for word in _WORD.finditer(text, match.start(), match.end()):
        if fold_word(word.group()) in _NEVER_IN_STREETS:
            return pattern.match(text, match.start(), word.start())
    return match


def addresses(text: str) -> list[Finding]:
    """Street addresses (with their unit) and P.O. boxes in ``text``."""
    found: list[Finding | None] = []
    for pattern in _english():
        for whole in pattern.finditer(text):
            match = _before_story_words(pattern, text, whole)
            if match and _plausible(match):
                found.append(make(text, *_with_units(text, match.span()), "address"))
    for pattern in (_ROUTE, _PO_BOX, _SPANISH, _SPANISH_LOWER, _SPANISH_NUMBER_FIRST, *_OTHER):
        for whole in pattern.finditer(text):
            if match := _before_story_words(pattern, text, whole):
                found.append(make(text, *_with_units(text, match.span()), "address"))
    for match in _NO_TYPE.finditer(text):
        if not _names_an_institution(match.group()):
            found.append(make(text, *match.span(), "address"))
    for match in _LIVES_AT.finditer(text):
        if not _names_an_institution(match.group(1)):
            found.append(make(text, *_with_units(text, match.span(1)), "address"))
    for match in _NAMED_NUMBER.finditer(text):
        name = match.group(2)
        if not (_names_an_institution(name) or name.lower() in FUNCTION_WORDS):
            found.append(make(text, *_with_units(text, match.span(1)), "address"))
    return [f for f in found if f]


def _names_an_institution(value: str) -> bool:
    """ "la celda número 14", "Unidad número 4": a room or a case, no street."""
    return any(fold_word(w) in _NOT_STREETS for w in _WORD.findall(value))


def _with_units(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """``span`` grown over the units right after it, on the next line of an
    address block, or written before the house number ("Apt. 3 1234 Main St")."""
    start, end = span
    if _ENDS_WITH_UNIT_WORD.search(text, start, end) and (
        bare := _BARE_UNIT_VALUE.match(text, end)
    ):
        end = bare.end()
    if more := _MORE_UNITS.match(text, end):
        end = more.end()
    if line := _UNIT_LINE.match(text, end):
        end = line.end(1)
    if before := _UNIT_BEFORE.search(text, max(0, start - 30), start):
        start = before.start(1)
    return start, end
