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
words, so "2 people in the park" stays readable. A house number shaped like
a year is one before a street suffix ("2015 N Buckley Loop"), not before an
institution ("2019 Berks County Detention Center"); times, counts and birth
words are never part of a street ("0045 hours going up Route 422").

Spanish word order and the Mexican, Latin American and Spanish shapes are in
:mod:`.address_spanish`; the units either language writes around an address
(``Apt 1R``, ``int. 4``, ``2nd floor``, ``Apt. 3 1234 Main St``, a unit on a
line of its own) in :mod:`.address_parts`.

Post-office boxes (``P.O. Box 2217``, ``Apartado Postal 45``) are found too:
a box reaches its owner as surely as a street does.

The town, state and ZIP code after an address are left alone: with the house
number gone they name a town, which summaries need.
"""

from __future__ import annotations

import re
from functools import cache

import usaddress

from tipline.export.pii.address_buildings import building_addresses
from tipline.export.pii.address_parts import (
    CAP_WORD,
    COUNT_NOUNS,
    DIRECTION,
    HOUSE,
    LOW_WORD,
    ONE_UNIT,
    UNIT_WORD,
    UNITS,
    before_story_words,
    starts_with_person,
    with_units,
    words_of,
)
from tipline.export.pii.address_spanish import (
    after_an_institution,
    spanish_addresses,
)
from tipline.export.pii.findings import Finding, make
from tipline.export.pii.name_lexicon import is_name
from tipline.export.pii.names import fold_word
from tipline.export.pii.namewords import FUNCTION_WORDS, INSTITUTION_WORDS, word_set
from tipline.export.pii.plates import MAKE_MODEL

# Two-letter Publication 28 spellings that are mostly ordinary words here.
_WORDLIKE_SUFFIXES = frozenset({"is", "la", "mi", "un", "te", "ex", "ci", "dl", "dm", "dv"})

_PO_BOX = re.compile(
    r"\b(?:P\.?\s?O\.?\s+Box|Post\s+Office\s+Box|Apartado\s+(?:Postal|Aéreo)|A\.?\s?P\."
    # Rural and highway-contract routes, military mail (Publication 28, 2.6-2.7).
    r"|(?:(?:RR|R\.R\.|Rural\s+Route|HC|Highway\s+Contract)\s+\d{1,4}"
    # A military unit has four digits ("Unit 2050 Box 4190"; not "Unit 4 Box 12").
    r"|(?:PSC|CMR|Unit)\s+\d{3,4}),?\s+Box)"
    r"\s*#?\s*\d{1,7}\b",
    re.IGNORECASE,
)
_ROUTE = re.compile(
    rf"{HOUSE}\s+(?:(?:(?:US|State|PA|NJ|Old|County)\s+)?(?:route|rte\.?|highway|hwy\.?)"
    # County, township and farm roads: "4410 County Road 12", "18 FM 1960".
    r"|(?:county|co\.?|township|twp\.?|state|ranch|farm\s+to\s+market)\s+(?:road|rd\.?)"
    r"|CR|SR|FM|RM|TR)\s+\d{1,4}[A-Z]?\b" + UNITS,
    re.IGNORECASE,
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
    tail = rf"(?:\s+{DIRECTION}\b\.?)?{UNITS}"
    # Spanish order for a US street: "Ryan Walk número 4616".
    numbered = (
        r"(?:\s+(?i:número|núm\.?|no\.?|#)\s*\d{1,6}[A-Za-z]?\b"
        # or bare, then the end of the address or a unit: "Walnut St 1084 apto 3".
        rf"|\s+(?P<after>\d{{1,5}}[A-Za-z]?)(?![\w/-])(?=\s*(?:[,.;:)\n]|$)|\s?,?\s{ONE_UNIT}))?"
    )
    capitalized = re.compile(
        # (A tab parts a table's cells: "1963\tRichard Parkways #935" is a year and a street.)
        # "81645 de la Zachary Row" (Spanish; "el 5 de la Plaza" is a date).
        rf"(?:{HOUSE}[^\S\t]+|(?<![\w$#.,/:-])\d{{3,6}}[^\S\t]+(?i:de\s+la|del|de)\s+)?"
        rf"(?:{DIRECTION}\s+)?(?:{CAP_WORD}[^\S\t]+){{1,4}}"
        rf"(?i:{every})\b\.?{numbered}{tail}"
    )
    lower = re.compile(
        rf"{HOUSE}[^\S\t]+(?:(?i:{DIRECTION})\s+)?(?:{LOW_WORD}[^\S\t]+){{1,3}}"
        rf"(?:{spelled})\b{tail}",
        re.IGNORECASE,
    )
    # Lower case with a short suffix ("37 e taylor ct, apt 25r", "90285 s. 9th
    # st"): only with a direction before the name or a unit after the suffix.
    short = re.compile(
        rf"{HOUSE}[^\S\t]+(?:(?:{DIRECTION})\.?\s+(?:(?:{LOW_WORD}|\d+(?:st|nd|rd|th))\s+){{1,2}}"
        rf"(?:{every})\b\.?{tail}"
        rf"|(?:{LOW_WORD}[^\S\t]+){{1,2}}(?:{every})\b\.?(?:\s?,?\s{ONE_UNIT}){{1,2}})",
        re.IGNORECASE,
    )
    # Chat in lower case with the everyday abbreviations: "46 stewart ave", "77003 watson rd".
    everyday = re.compile(
        rf"{HOUSE}[^\S\t]+(?:{LOW_WORD}[^\S\t]+){{1,2}}(?:{_EVERYDAY_SUFFIXES})\b\.?{tail}"
    )
    weak = re.compile(
        rf"(?=\d\d){HOUSE}[^\S\t]+(?P<weak>(?:{LOW_WORD}[^\S\t]+){{1,2}})(?:{_WEAK_SUFFIXES})\b{tail}"
    )
    # Lower case in Spanish order after a cue that an address follows: "vive
    # en sandra mountain 102, cuarto 11", "vive en paul mill numero 2849".
    cued_lower = re.compile(
        r"(?:(?<=\b(?i:en)\s)|(?<=\b(?i:at|on)\s)|(?<=(?i:domicilio):\s)|(?<=(?i:address):\s))"
        rf"(?:{LOW_WORD}[^\S\t]+){{1,2}}(?i:{spelled})\b\.?\s*(?:(?i:n[úu]mero|no\.|\#)\s*)?"
        rf"(?P<after>\d{{1,5}}[a-z]?)(?![\w/-])(?!\s+{COUNT_NOUNS}){tail}"
    )
    return capitalized, lower, short, everyday, weak, cued_lower


_EVERYDAY_SUFFIXES = "st|ave|rd|dr|blvd|ln|ct|pl|hwy|pkwy|cir|ter|trl|sq|way|row|run|rue"
_NOT_STREET_WORDS = FUNCTION_WORDS - {"no", "home"}
# (Articles open street names too: "Le Grove", "El Camino Real", "Los Robles".)
_NOT_FUNCTION_HERE = frozenset(
    {"de", "la", "del", "el", "le", "los", "las", "n", "s", "e", "w", "ne", "nw", "se", "sw"}
)
# Publication 28 types of numbered roads: the number after them names the road.
_ROAD_NUMBERED = re.compile(
    r"\b(?i:route|rte|highway|hwy|hiway|hiwy|highwy|freeway|frwy|frway|freewy|expressway|expy"
    r"|expw|expwy|express|expr|interstate|loop|loops|spur|spurs|turnpike|tpke|trnpk|turnpk|pike"
    r"|pikes)\.?\s*$"
)
_JAIL_WORDS = word_set("county jail prison detention condado carcel prision detencion penal cereso")
# Three-letter suffixes that are also everyday words ("2 letters via email"):
# in lower case only after a name on the name lists and a house number of two
# digits or more ("126 jennifer via"; not "3 golden key chains").
_WEAK_SUFFIXES = "key|via|dam"


def _plausible(text: str, match: re.Match[str]) -> bool:
    """A street, not "2019 Berks County Detention Center", "in the park" or
    "Centro de Detención Green número 4"."""
    value = match.group()
    has_house = bool(re.match(r"\d", value))
    # A bare number after the suffix, never a model's ("Chevrolet Express 3500").
    bare_after = "after" in match.re.groupindex and match.group("after")
    # A flat after the number makes it a home again: "Wood Ford 921, depto. 32".
    if bare_after and MAKE_MODEL.search(value) and not _FLAT_AFTER.match(text, match.end("after")):
        return False
    # "Route 9", "Highway 61": a number after a road's type is the road's own
    # number, so with no house number in front it is no address ("Maria
    # Lopez Route 9" would take the person along as the street's name).
    # A flat after the number ("Michael Pike 2593, cuarto 11", "Hall Plaza
    # 7064, 2do piso") or a number mark before it ("collins pike numero 1959")
    # says the number is a house's.
    homed = bool(bare_after) and bool(
        _HOME_AFTER.match(text, match.end("after"))
        or _MARK_BEFORE.search(text, match.start(), match.start("after"))
    )
    if (
        bare_after
        and not has_house
        and not homed
        and _ROAD_NUMBERED.search(value, 0, match.start("after") - match.start())
    ):
        return False
    has_number_after = bool(re.search(r"(?i:número|núm|no\.?|#)\s*\d", value) or bare_after)
    if not (has_house or has_number_after):
        return False
    # A bare number after "Kevin Brown Court" is a person's courtroom or age.
    if bare_after and not has_house and not homed and starts_with_person(value, _suffix_words()):
        return False
    # With no house number, a small number after a place word numbers the
    # place, not a house: "Fire Station 4", "Freedom Square 1", "Harbor Point
    # 2", "Local Union 32"; only a street's own type takes one ("Oak St 12").
    if bare_after and not has_house and not (homed or _names_a_street(match)):
        return False
    if not has_house and after_an_institution(text, match.start()):
        return False
    words = words_of(value)
    name_words = words[:-1] if words else []
    # Unit words ("unit", "no") are after the street, not in its name.
    name_words = [w for w in name_words if not UNIT_WORD.fullmatch(w)]
    # ("se" is a direction here, not Spanish: "1520 N. Elm St. SE, Ste 300").
    if any(w in _NOT_STREET_WORDS for w in name_words if w not in _NOT_FUNCTION_HERE):
        return False
    # "2019 Berks County Detention Center": a year, then an institution (a
    # street's own suffix, "2015 N Buckley Loop", is no institution).
    institution = [w for w in name_words if w in INSTITUTION_WORDS and w not in _suffix_words()]
    if re.match(r"(?:19|20)\d\d\s", value) and institution:
        return False
    if any(fold_word(w) in _JAIL_WORDS for w in words):
        return False
    # An agency's office is public: "1 Police Plaza", "Region 3 ICE field office".
    return not any(w in _AGENCY_WORDS for w in name_words) and not _AGENCY_CODE.search(value)


_FLAT_AFTER = re.compile(rf"\s?,?\s{ONE_UNIT}")
_HOME_AFTER = re.compile(
    r"[^\S\n]?[,–-]?[^\S\n]?(?i:(?:apartment|apt|unit|suite|ste|floor|fl|piso|planta|depto|dpto"
    r"|departamento|apto|apartamento|int|interior|cuarto|puerta)\b\.?[^\S\n]?#?[^\S\n]?\w"
    r"|\d{1,2}[^\S\n]?(?:st|nd|rd|th|er|do|ro|to|º|°)\.?[^\S\n]+(?:floor|piso|planta)"
    r"|upstairs|downstairs|basement|arriba|bajo\b)"
)
_MARK_BEFORE = re.compile(r"(?i:n[úu]mero|no\.|#)\s*$")
_AGENCY_WORDS = word_set("police policia sheriff sheriffs marshals patrol fbi")
_AGENCY_CODE = re.compile(r"\b(?:ICE|CBP|DHS|HSI|ERO|USCIS|DEA|ATF|FBI|INM)\b")


# Publication 28 types that only ever name a street (not "Point", "Square",
# "Station", "Park", "Union": places that are numbered for other reasons).
_THOROUGHFARES = word_set(
    """
    street st str avenue ave av avn aven avenu avnue road rd drive dr drv lane ln boulevard
    blvd boul way wy walk court ct place pl terrace ter circle cir trail trl parkway pkwy
    alley aly row
    """
)


def _names_a_street(match: re.Match[str]) -> bool:
    """Whether ``match`` (a street with a bare number after it and no house
    number in front) is a street and not a numbered place or institution."""
    words = words_of(match.string[match.start() : match.start("after")])
    if any(w in INSTITUTION_WORDS for w in words[:-1]):
        return False
    digits = sum(ch.isdigit() for ch in match.group("after"))
    return digits >= 3 or bool(words and words[-1] in _THOROUGHFARES)


def _named_if_weak(match: re.Match[str]) -> bool:
    if "weak" not in match.re.groupindex:
        return True
    return all(is_name(fold_word(w)) for w in match.group("weak").split())


def addresses(text: str) -> list[Finding]:
    """Street addresses (with their unit) and P.O. boxes in ``text``."""
    found: list[Finding | None] = []
    for pattern in _english():
        for whole in pattern.finditer(text):
            match = before_story_words(pattern, text, whole)
            if match and _plausible(text, match) and _named_if_weak(match):
                found.append(make(text, *with_units(text, match.span()), "address"))
    for pattern in (_ROUTE, _PO_BOX):
        for whole in pattern.finditer(text):
            if match := before_story_words(pattern, text, whole):
                found.append(make(text, *with_units(text, match.span()), "address"))
    found += spanish_addresses(text)
    found += building_addresses(text)
    return [f for f in found if f and not _JAIL_BEFORE.search(text, max(0, f.start - 80), f.start)]


# A jail's or a court's own address, right after its name, is public and no
# detail of anyone: "Moshannon Valley Processing Center, 555 Geo Drive",
# "el Centro de Detención Moshannon Valley, 555 Geo Drive".
_JAIL_BEFORE = re.compile(
    r"\b(?i:prison|jail|penitentiary|courthouse|(?:detention|processing|correctional)\s+"
    r"(?:center|centre|facility)|c[áa]rcel|prisi[óo]n|penal|cereso|reclusorio"
    r"|centro\s+de\s+(?:detenci[óo]n|procesamiento))"
    r"(?:\s+(?:[A-ZÁÉÍÓÚÑ][\w'’.-]*|de|del|of)){0,4}"
    r"[^\S\n]*(?:,|\(|\s(?i:at|on|is\s+at|en|est[áa]\s+en|queda\s+en))[^\S\n]*$"
)
