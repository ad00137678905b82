"""The pieces every address pattern is built of, and the units around an address.

Shared by the English (:mod:`.addresses`) and the Spanish and Latin American
(:mod:`.address_spanish`) patterns: the house number, the words of a street
name, the count and time words that end one, and the secondary units
(USPS Publication 28, appendix C2, and their Spanish counterparts) that
:func:`with_units` adds to a found street: after it (``, Apt 4``), on a line
of their own in an address block, or before the house number (``Apt. 3 1234
Main St``).
"""

from __future__ import annotations

import re

from tipline.export.pii.name_lexicon import is_first_name, is_mostly_first_name, is_surname
from tipline.export.pii.names import fold_word
from tipline.export.pii.namewords import TITLES, word_set

# Spain's door beside the floor: "3º izda.", "2º dcha", "bajo izq.".
_SIDE = r"(?i:izq|izqda|izda|izquierda|dcha|dch|dra|derecha|ctro|centro|int|ext)"
# Publication 28, appendix C2: secondary unit designators (and how people write them).
UNIT_WORDS = (
    r"apartment|apt|basement|bsmt|building|bldg|department|dept|floor|fl|front|frnt|lobby"
    r"|lot|lower|lowr|office|ofc|penthouse|ph|pier|rear|room|rm|side|slip|space|spc|stop"
    r"|suite|ste|trailer|trlr|unit|upper|uppr|no|number"
    # Spanish, after a US or a Mexican/Spanish address.
    r"|apartamento|apto|int|interior|depto|departamento|dpto|edif|edificio|piso|puerta"
    r"|planta|esc|escalera|bloque|local|casa|lote|mz|manzana|n[úu]m|n[úu]mero|cuarto"
    r"|habitaci[óo]n|hab|bodega|etapa|torre|oficina|ofic|dto|lt|lte|mza"
)
_UNIT_VALUE = r"#?\s?(?:\d{1,5}[A-Za-z]?|[A-Za-z]-?\d{0,4}|\d{1,3}-[A-Za-z0-9]{1,3})(?![\w-])"
ONE_UNIT = (
    rf"(?:(?i:{UNIT_WORDS})\b\.?\s?{_UNIT_VALUE}"
    r"|#\s?[A-Za-z0-9-]{1,5}\b"
    # "Of. 8675" (oficina) capitalized only: "of" is an English word.
    r"|(?:Of|OF)\.\s?\d{1,5}\b"
    # "2nd floor", "2do piso", "3er piso", "1º planta".
    r"|(?i:\d{1,2}\s?(?:st|nd|rd|th|er|ro|do|to|vo|mo|no|[º°])\.?\s+(?:floor|fl\b\.?|piso|planta))"
    # "segundo piso", "planta baja"; Spain's floor and door: "3º A", "6º izq.".
    r"|(?i:(?:primer|segundo|tercer|cuarto|quinto|sexto)\s+piso|planta\s+baja)\b"
    rf"|\d{{1,2}}\s?[º°ª](?:\s?-?\s?(?:{_SIDE}|\d{{1,2}}\s?[ª°º]?|[A-Za-z])\b\.?)?"
    # ... or with a dash between floor and door after the number: "C/ Bosch, 176 2-D".
    r"|\d{1,2}-[A-Z]\b"
    r"|(?i:(?:basement|bsmt|rear|front|upper|lower|penthouse)\b(?:\s(?:apt|apartment|unit)\b)?)"
    # A dwelling named by where it stands in the house or the lot: "upstairs",
    # "back house", "arriba", "casa de atrás".
    r"|(?i:upstairs|downstairs|(?:back|rear)\s+house|(?:casa\s+)?de\s+atr[áa]s"
    r"|(?:cuarto|casa)\s+de\s+arriba|arriba|atr[áa]s)\b"
    # Spain's ground floor and attic, after a comma: "Calle del Carmen 8, bajo".
    rf"|(?<=,\s)(?i:bajo|bajos|entresuelo|[áa]tico|principal|pral\.)(?:\s?(?:{_SIDE}|[A-Z])\b\.?)?)"
)
# Up to two units ("Edif. 869, Depto. 970"), each after a space or a comma.
UNITS = rf"(?:\s?[,–—-]?\s{ONE_UNIT}){{0,2}}"
DIRECTION = r"(?:[NSEW]\.?|[NS][EW]\.?|N\.\s?[EW]\.|S\.\s?[EW]\.|North|South|East|West)"
# "123 1/2 Oak St": a house split in two keeps its half.
HOUSE = r"(?<![\w$#.,/:-])\d{1,6}[A-Za-z]?(?:-\d{1,4}|-[A-Za-z](?![\w-]))?(?:\s1/2|½)?"
CAP_WORD = r"(?:[A-ZÁÉÍÓÚÑ][\w'’.-]*|\d+(?:st|nd|rd|th))"
LOW_WORD = r"[a-záéíóúñ][a-záéíóúñ'-]+"
# Words that make a number a count or a time, not a house number.
COUNT_NOUNS = (
    r"(?i:a[ñn]os|years?|am|pm|a\.m\.|p\.m\.|hrs?|horas|hours|minutos|minutes|personas"
    r"|people|agentes|agents|hombres|men|mujeres|women|ni[ñn]os|kids|veces|times|d[íi]as|days"
    r"|meses|months|semanas|weeks)\b"
)
# ... and "de": "3 de marzo" is a date.
COUNT_WORDS = rf"(?:{COUNT_NOUNS}|(?i:de|del)\b)"
WORD = re.compile(r"[^\W\d_][\w'’]*")
UNIT_WORD = re.compile(rf"(?:{UNIT_WORDS})")
# Words of a time, a count or a birth, never of a street name ("left at 0045
# hours going up Route 422", "CALZADA BORN 7", "CARRERA ESCOBAR NACIDO EL 24").
_NEVER_IN_STREETS = word_set(
    """
    hours hrs hour minutes mins going heading headed up down toward towards around about
    born nacido nacida nacio dob age edad years anos people men women agents officers
    """
)

# A unit that the street pattern did not reach ("79 n steven walk trlr 11":
# "trlr" is both a suffix and a unit word).
_MORE_UNITS = re.compile(rf"(?:\s?[,–—-]?\s{ONE_UNIT}){{1,2}}")
# ... or in brackets: "77 Dock St (2nd floor)".
_BRACKETED_UNIT = re.compile(rf"[^\S\n]?\([^\S\n]?{ONE_UNIT}[^\S\n]?\)")
_BARE_UNIT_VALUE = re.compile(r"\s\d{1,5}[A-Za-z]?(?![\w-])")
_ENDS_WITH_UNIT_WORD = re.compile(rf"\b(?i:{UNIT_WORDS})\.?$")
# A unit on a line of its own in an address block ("1234 Main St\nApt 3\n").
_UNIT_LINE = re.compile(rf"[^\S\n]*,?[^\S\n]*\n[^\S\n]*({ONE_UNIT})[^\S\n]*,?(?=[^\S\n]*(?:\n|$))")
# A unit written before the house number: "Apt. 3 1234 Main St", "Unit 12 -
# 45 Oak Ave", "Apt 3\n1234 Main St" (never "number 5 ...": a phone's word).
_BEFORE_UNIT = (
    r"(?:(?i:apartment|apt|unit|suite|ste|room|rm|floor|fl|building|bldg|lot|space|spc"
    r"|trailer|trlr|apartamento|apto|depto|departamento|dpto|interior|int)\b\.?\s?#?\s?"
    r"(?:\d{1,5}[A-Za-z]?|[A-Za-z]\d{0,4})|#\s?\d{1,5}[A-Za-z]?"
    r"|(?i:\d{1,2}(?:st|nd|rd|th)\s+floor|basement|penthouse)"
    r"|(?i:\d{1,2}\s?(?:er|ro|do|to|vo|mo|no|[º°])\.?\s+piso"
    r"|(?:primer|segundo|tercer|cuarto|quinto|sexto)\s+piso))"
)
_BEFORE_GAP = r"(?:[^\S\n]*[,–—-]?[^\S\n]*|[^\S\n]*,?[^\S\n]*\n[^\S\n]*)"
# ... or two ("Apt. 3, Bldg 2, 1234 Main St"), or joined by "of"/"at" ("the
# 3rd floor of 455 Cherry Street", "apartment 4 at 55 Oak St").
_UNIT_BEFORE = re.compile(
    rf"(?<![\w-])({_BEFORE_UNIT}(?:[^\S\n]*,?[^\S\n]*{_BEFORE_UNIT})?)"
    rf"(?:{_BEFORE_GAP}|\s+(?i:of|at|in|de|del|en)\s+)$"
)
# A Puerto Rican or Central American estate named before the street:
# "Urb. Villa Carolina, Calle 5 #123".
_ESTATE_BEFORE = re.compile(
    r"\b(?i:urb\.|urbanizaci[óo]n|residencial|res\.|reparto)\s+"
    r"(?:[A-ZÁÉÍÓÚÑ][\w'’.-]*\s+){0,3}[A-ZÁÉÍÓÚÑ][\w'’.-]*,?[^\S\n]+$"
)


def words_of(value: str) -> list[str]:
    """The words of ``value``, lower case."""
    return [w.lower() for w in WORD.findall(value)]


def before_story_words(
    pattern: re.Pattern[str], text: str, match: re.Match[str]
) -> re.Match[str] | None:
    """``match`` cut before the first time, count or birth word in it (capitals
    run on: "CALLE BAKER 53 SEGUNDO PISO NACIÓ EL 3"), or None if nothing is left."""
    for word in WORD.finditer(text, match.start(), match.end()):
        if fold_word(word.group()) in _NEVER_IN_STREETS:
            return pattern.match(text, match.start(), word.start())
    return match


def with_units(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """``span`` grown over the units right after it, on the next line of an
    address block, or written before the house number ("Apt. 3 1234 Main St")."""
    start, end = span
    if _ENDS_WITH_UNIT_WORD.search(text, start, end) and (
        bare := _BARE_UNIT_VALUE.match(text, end)
    ):
        end = bare.end()
    if more := _MORE_UNITS.match(text, end):
        end = more.end()
    if bracketed := _BRACKETED_UNIT.match(text, end):
        end = bracketed.end()
    if line := _UNIT_LINE.match(text, end):
        end = line.end(1)
    if before := _UNIT_BEFORE.search(text, max(0, start - 45), start):
        start = before.start(1)
    if estate := _ESTATE_BEFORE.search(text, max(0, start - 60), start):
        start = estate.start()
    return start, end


def starts_with_person(value: str, street_types: frozenset[str] = frozenset()) -> bool:
    """A title or a given name and a name after it open ``value``: "Sgt.
    Kevin Brown Station 4", "Kevin Brown Court 3", "Jose Garcia 34" in a list
    with ages. With no house number in front, such words are a person and a
    number, not a street ("Ryan Walk 45", "Los Robles 1336" stay streets, and
    so does "Melissa Point 7839": a word of ``street_types`` is no surname)."""
    words = [fold_word(w) for w in WORD.findall(value)]
    if words and words[0] in TITLES:
        return True
    return (
        len(words) >= 2
        and is_mostly_first_name(words[0])
        and words[1] not in street_types
        and (is_surname(words[1]) or is_first_name(words[1]))
    )
