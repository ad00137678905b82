"""Capitalized runs that name a place, a street or a firm, not a person.

The name heuristic (:mod:`.likely_names`) asks these before it reports a run
of capitalized words nobody pointed at as a person:

- a place: after "condado de", "calle", "county of" (:data:`PLACE_BEFORE`),
  one word after "in", "en", "near" or at a sentence start, a word ending
  like an English town ("Matthewton") or a US county name
  (:func:`single_is_place`), one word before a state or a country
  ("Victoria Texas");
- a street: after a house number ("76199 W Burrows Crossing"), before a
  USPS street suffix ("Michael Crossing", "Sarah Washington Street");
- a firm: before "and Sons", "S.A.", "E.I.R.L." (:data:`FIRM_AFTER`), or three
  surnames with no given name among them and no role before them
  ("Johnson, Smith and Lee", not "Officers Lopez, Vega and Ruiz").

It also says when a place word is a surname after all
(:func:`surname_word`, :func:`place_surname_after_first_name`: "Deputy
Hall", "Ronald Guerrero").
"""

from __future__ import annotations

import re
from functools import cache

import usaddress

from tipline.counties import all_counties
from tipline.export.pii.findings import Finding
from tipline.export.pii.name_lexicon import is_first_name, is_mostly_first_name, is_name, is_surname
from tipline.export.pii.name_tokens import UPPER, Word, joined, sentence_start
from tipline.export.pii.names import fold_word
from tipline.export.pii.namewords import (
    FIRST_NAMES,
    INSTITUTION_WORDS,
    KIN,
    PLACE_SUFFIXES,
    PLACES,
    TITLES,
    all_stop_words,
)
from tipline.export.pii.places import CLOSED_AFTER, PLACE_PREFIXES, in_place_name

LOCATIVES = frozenset({"in", "en", "at", "from", "desde", "near", "cerca", "hacia", "outside"})

PLACE_BEFORE = re.compile(
    r"(?:\b(?:condado|county|city|ciudad|estado|state|c[áa]rcel|valle|pueblo|town|municipio"
    r"|township|borough)\s+(?:de|of|del)|\b(?:calle|avenida|av|avda|blvd|boulevard|calzada"
    r"|carretera|colonia|col|st|san|santa|santo|sci|fci|usp|fdc|vial"
    # Spanish names a school, a hospital or a shop before its namesake:
    # "Escuela Benito Juárez", "Taller Hernández", "Hospital Juárez".
    r"|escuela|colegio|taller|bufete|despacho|instituto|universidad|cl[íi]nica|hospital"
    r"|aeropuerto|estaci[óo]n|preparatoria|secundaria|primaria)\.?"
    # Central American addresses name a settlement before its namesake:
    # "reparto Espinal", "aldea Cabrera", "caserío Los Pinos", "cantón El Rosario".
    r"|\b(?:reparto|aldea|caser[íi]o|cant[óo]n|residencial|lotificaci[óo]n|comunidad"
    r"|fraccionamiento|barrio|vereda|ejido|ranch[oa]|hacienda|finca)"
    r"(?:\s+(?:el|la|los|las))?"
    # "the law firm Jackson Lewis", "la empresa Martínez Pérez".
    r"|\b(?:firm|company|empresa|compa[ñn][íi]a|contratista|agency|agencia)(?:\s+(?:of|de))?)\s*$",
    re.IGNORECASE,
)

# Elements English town names are built from. A word ending so names a town
# only when it is on no name list: "Hamilton", "Crawford", "Holland" are
# surnames too, "Matthewton" and "Orozcofort" are not.
_TOWN_ENDINGS = (
    "ton",
    "port",
    "land",
    "fort",
    "berg",
    "field",
    "ford",
    "wood",
    "side",
    "dale",
    "mont",
    "stead",
    "worth",
)

# "Lawrence and Sons", "Blackwell & Co.", "Ruiz e Hijos": a business.
# "Lucero Guzmán E.I.R.L.", "Ruiz Pérez S.A. de C.V.", "Soto S.L.": the legal
# form of a company in Spanish-speaking countries, written with periods.
FIRM_AFTER = re.compile(
    r"\s+(?:(?:and|&|y|e)\s+(?:Sons?|Associates|Asociados|Hijos|Hermanos|Brothers|Bros\b\.?"
    r"|Partners|Company|Co\b\.?|C[íi]a\b\.?)"
    r"|(?:E\.\s?I\.\s?R\.\s?L|S\.\s?R\.\s?L|S\.\s?A\.\s?C|S\.\s?A|S\.\s?L|S\.\s?C|S\.\s?de\s?R\.\s?L"
    r"|P\.\s?[AC])\.)"
)

# After a number, capitalized words are a street or a wing, not a person:
# "76199 W Burrows Crossing", "Unit 4 East" (unless they start with a first
# name: "paid 20 Maria Lopez").
NUMBER_BEFORE = re.compile(r"\d[\w-]*\s+(?:[NSEW]\.?\s+)?$")


@cache
def _county_words() -> frozenset[str]:
    names = set()
    for county in all_counties().values():
        name = re.sub(
            r"\s+(County|Parish|Borough|Census Area|Municipality|city)\b.*", "", county.name
        )
        names.add(fold_word(name))
    return frozenset(names)


def single_is_place(text: str, words: list[Word], i: int) -> bool:
    word = words[i]
    if word.folded in FIRST_NAMES:
        return False
    if sentence_start(text, words, i):
        return True
    if i > 0 and words[i - 1].folded in LOCATIVES:
        return True
    if word.folded.endswith(_TOWN_ENDINGS) and not is_name(word.folded):
        return True
    if _after_a_place(words, i):
        return True
    return word.folded.endswith(PLACE_SUFFIXES) or word.folded in _county_words()


def _after_a_place(words: list[Word], i: int) -> bool:
    """ "from West Chester and Lansdale", "de Berks y Lehigh": one word joined
    by "and"/"y" to a place is a place too."""
    if i < 2 or words[i - 1].folded not in ("and", "y", "or", "o"):
        return False
    before = words[i - 2]
    return (
        before.folded in PLACES
        or before.folded in _county_words()
        or (i >= 3 and words[i - 3].folded in PLACE_PREFIXES and words[i - 3].text.istitle())
    )


@cache
def _street_suffixes() -> frozenset[str]:
    """USPS Publication 28 street suffixes, as ``usaddress`` ships them (full
    words and long abbreviations: "Landing", "Crossing", "Ways", "Stravenue")."""
    return frozenset(s for s in usaddress.STREET_NAMES if len(s) > 3)


#: Before a street: "lives on Jennifer Landing", "off Michael Crossing".
_STREET_LOCATIVES = frozenset({"on", "along", "off", "near", "across", "onto", "into"})


def street_name(text: str, words: list[Word], i: int, j: int) -> bool:
    """A given name or surname before a street suffix names a street:
    "Sarah Washington Street", "Michael Crossing". A suffix that is also a
    surname ("Jennifer Landing", "Karen Hill") only after "on", "off", "near"..."""
    k = j + 1
    # "Sarah" before "Washington Street": the words after it end in a street word.
    while k < len(words) and k <= j + 2 and joined(text, words[k - 1], words[k]):
        if not words[k].text.istitle():
            break
        if words[k].folded in CLOSED_AFTER:
            return True
        k += 1
    last = words[j].folded
    if i == j or last not in _street_suffixes():
        return False
    if not is_surname(last):
        return True
    return i > 0 and words[i - 1].folded in _STREET_LOCATIVES


def town_before_state(text: str, words: list[Word], i: int, j: int) -> bool:
    """ "to Victoria Texas", "from Dallas, Texas": one word before a state or
    a country is a town (a person's surname would have been read with it)."""
    if i != j or j + 1 >= len(words):
        return False
    following = words[j + 1]
    gap = text[words[j].end : following.start]
    return gap in (" ", ", ") and following.text.istitle() and following.folded in PLACES


def surname_word(word: Word) -> bool:
    """A capitalized surname that is also an institution word ("Valle", "Hall")."""
    return word.text.istitle() and word.folded in INSTITUTION_WORDS and is_surname(word.folded)


def place_surname_after_first_name(text: str, words: list[Word], k: int) -> bool:
    """ "Ronald Guerrero.", "From: Michael Washington <...>", "Brian Hall":
    a surname that is also a place or building word, right after a given
    name, and last in the run ("Sarah Washington Street", "Charlotte North
    Carolina" go on and stay places)."""
    prev, word = words[k - 1], words[k]
    # "went to Victoria Texas", "from Charlotte North Carolina": a town.
    if (
        k > 1
        and words[k - 2].folded in LOCATIVES | {"to", "a"}
        and ":" not in text[words[k - 2].end : prev.start]  # "From: Michael Washington"
    ):
        return False
    if not (
        is_mostly_first_name(prev.folded)
        and prev.folded not in all_stop_words()
        and word.text.istitle()
        and (word.folded in INSTITUTION_WORDS or word.folded in PLACES)
        and word.folded not in PLACE_PREFIXES | CLOSED_AFTER  # "Chester County"
        and is_surname(word.folded)
    ):
        return False
    after = words[k + 1] if k + 1 < len(words) else None
    return not (after and joined(text, word, after) and after.text[0].isupper())


# "Suarez, Vega and Juarez", "the Herrera, Dominguez y Gonzalez contract": three
# surnames in a row with no given name among them are a firm's name.
_FIRM_LIST = re.compile(rf"\b({UPPER}[\w'’-]+), ({UPPER}[\w'’-]+),? (?:and|y|&) ({UPPER}[\w'’-]+)")

# ... unless a role says they are people: "Officers Lopez, Vega and Ruiz",
# "los agentes Herrera, Dominguez y Gonzalez".
_PEOPLE_BEFORE = re.compile(r"([^\W\d_]+)\.?\s+$")
# ... or what happened to them: "Okafor, Mensah and Diallo were moved".
_PEOPLE_VERB_AFTER = re.compile(
    r"\s+(?:were|have\s+been|fueron|est[áa]n|siguen)\s+(?:held|detained|taken|moved|transferred"
    r"|arrested|deported|released|beaten|detenidos|trasladados|deportados|liberados|golpeados)\b",
    re.IGNORECASE,
)


def _people_role(word: str) -> bool:
    folded = fold_word(word)
    singular = re.sub(r"(?:es|s)$", "", folded)
    return any(w in TITLES or w in KIN for w in (folded, singular, folded[:-1]))


# "Sullivan & Cromwell", "Okafor & Mensah LLP": an ampersand joins a firm's
# partners; people are joined with "and" or "y".
_AMPERSAND_FIRM = re.compile(rf"\b{UPPER}[\w'’-]+\s*&\s*{UPPER}[\w'’-]+")


def firm_names(text: str) -> list[tuple[int, int]]:
    firms = [m.span() for m in _AMPERSAND_FIRM.finditer(text)]
    for m in _FIRM_LIST.finditer(text):
        # "Ryan", "Lee", "Thomas" are surnames as often: a firm's partners.
        if any(is_mostly_first_name(fold_word(m.group(k))) for k in (1, 2, 3)):
            continue
        role = _PEOPLE_BEFORE.search(text, max(0, m.start() - 30), m.start())
        if (role and _people_role(role.group(1))) or _PEOPLE_VERB_AFTER.match(text, m.end()):
            continue
        firms.append(m.span())
    return firms


def listed_people(text: str) -> list[Finding]:
    """ "Okafor, Mensah and Diallo were moved": three surnames that a
    person's verb follows are people, the first at a sentence start too."""
    found = []
    for m in _FIRM_LIST.finditer(text):
        if _PEOPLE_VERB_AFTER.match(text, m.end()):
            for k in (1, 2, 3):
                if fold_word(m.group(k)) not in all_stop_words():
                    found.append(Finding(m.start(k), m.end(k), "name", m.group(k), "low"))
    return found


def in_firm(firms: list[tuple[int, int]], position: int) -> bool:
    return any(s <= position < e for s, e in firms)


#: "Popescu Family Restaurant", "Mensah Brothers Trucking": a family firm.
_FAMILY_FIRM = frozenset({"family", "familia", "brothers", "bros", "hermanos", "hnos", "sons"})


def _institution_next(text: str, words: list[Word], j: int) -> bool:
    """ "Berks County", "Tyson Foods", "Popescu Family Restaurant"."""
    k = j + 1
    if k < len(words) and joined(text, words[j], words[k]) and words[k].folded in _FAMILY_FIRM:
        k += 1
    return (
        k < len(words)
        and joined(text, words[k - 1], words[k])
        and words[k].folded in INSTITUTION_WORDS
    )


def _institution_before(text: str, words: list[Word], i: int) -> bool:
    """Spanish names a firm, a school or a hospital before its namesake:
    "Mudanzas Mensah", "Escuela Washington", "Hospital Ben Taub" (a title,
    "Sheriff Ruiz", is a cue instead)."""
    if i == 0:
        return False
    prev = words[i - 1]
    return (
        text[prev.end : words[i].start] == " "
        and prev.text.istitle()
        and prev.folded in INSTITUTION_WORDS
        and prev.folded not in TITLES
    )


def names_no_person(
    text: str, words: list[Word], i: int, j: int, firms: list[tuple[int, int]]
) -> bool:
    """Whether the run ``words[i..j]``, with no cue before it, is a place, a
    street or a firm (see the module docstring); ``firms`` from
    :func:`firm_names`."""
    before = text[max(0, words[i].start - 20) : words[i].start]
    return (
        _institution_next(text, words, j)
        or _institution_before(text, words, i)
        or street_name(text, words, i, j)
        or town_before_state(text, words, i, j)
        or PLACE_BEFORE.search(before) is not None
        or (NUMBER_BEFORE.search(before) is not None and not is_first_name(words[i].folded))
        or in_place_name(text, words[i].start, words[j].end)
        or (i == j and single_is_place(text, words, i))
        or FIRM_AFTER.match(text, words[j].end) is not None
        or in_firm(firms, words[i].start)
    )
