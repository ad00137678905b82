"""Likely personal names nobody listed: a transparent heuristic, low confidence.

The rule, in order (word lists in :mod:`.namewords`):

1. Split the text into words. A *run* is a sequence of capitalized words
   joined by single spaces, with name particles ("de", "la", "del") allowed
   inside and initials ("R.") allowed anywhere.
2. Words that are never names end a candidate: function words, months and
   days, nationalities, places, institution words ("County", "Jail", "ICE",
   "Sheriff", "Detention"), titles and kinship words, and all-caps acronyms
   (so an all-caps letter yields nothing here; the people list still works).
3. Each remaining stretch of candidate words is a name, unless it is a place:
   followed directly by an institution word ("Berks County", "Moshannon
   Valley", "Henderson Rd"), preceded by "condado de", "county of", "calle",
   "Av.", "St.", or a known multi-word place ("New Jersey", "Ciudad de México").
4. A single word is also skipped when it starts a sentence (capitalized
   anyway), follows "in/en/at/from/desde/near" (a town), ends like a town
   ("-town", "-ville", "-burg"), is a US county name ("Lancaster"), or is on
   no Census name list and ends the way English town names are made
   ("Williamport", "Matthewton", "Danielleland": "-port", "-ton", "-land") -
   unless it is a common first name.
   Names joined to a firm's ending ("Lawrence and Sons", "Ruiz e Hijos")
   are a business, not a person.
5. A cue overrides 3-4: a title or honorific right before ("Deputy Jackson",
   "Sra. Solano", "Doña Chayo"), a kinship word ("my brother Rafael", "mi
   hijo Óscar", "la esposa, Ivonne") or a naming phrase ("named", "se llama",
   "Name:"). After a kinship word a lower-case common first name counts too
   ("mi hijo oscar"). After a cue, a first name takes along a building word
   that is also a surname ("Detainee Amy Hall").
6. A capitalized Spanish month or day that is a given name ("Domingo
   Lloret", "Julio César") is no date word: Spanish writes those in lower
   case.

Findings are ``category="name"``, ``confidence="low"``: the reviewer decides.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import cache

import usaddress

from tipline.counties import all_counties
from tipline.export.pii.findings import Finding
from tipline.export.pii.name_lexicon import (
    is_first_name,
    is_mostly_first_name,
    is_name,
    is_surname,
)
from tipline.export.pii.names import fold_word
from tipline.export.pii.namewords import (
    FIRST_NAMES,
    INSTITUTION_WORDS,
    KIN,
    MONTHS_AND_DAYS,
    MULTIWORD_PLACES,
    PARTICLES,
    PLACE_SUFFIXES,
    PLACES,
    SPANISH_CALENDAR,
    TITLES,
    all_stop_words,
)
from tipline.export.pii.places import CLOSED_AFTER, PLACE_PREFIXES, in_place_name
from tipline.export.pii.plates import MAKE_MODEL

_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_BOUNDARY = frozenset(".!?¿¡:;/|\n…•")
_ABBREVIATIONS = frozenset({"st", "av", "avda", "no", "jr", "col", "blvd", "apt", "calz"})
_LOCATIVES = frozenset({"in", "en", "at", "from", "desde", "near", "cerca", "hacia", "outside"})
_PLACE_BEFORE = re.compile(
    r"(?:\b(?:condado|county|city|ciudad|estado|state|c[áa]rcel|valle|pueblo|town|municipio"
    r"|township|borough)\s+(?:de|of|del)|\b(?:calle|avenida|av|avda|blvd|boulevard|calzada"
    r"|carretera|colonia|col|st|san|santa|santo|sci|fci|usp|fdc|vial)\.?)\s*$",
    re.IGNORECASE,
)
_NAMING_BEFORE = re.compile(
    r"(?:\bnamed|\bcalled|\bllamad[oa]|\bse\s+llama(?:ba)?|\bme\s+llamo|\bname\s+is"
    r"|\bnombre\s+es|\bname(?:\s+on\s+\w+)?\s*:|\bnombre\s*:|\bask\s+for|\bpregunt[ae]n?\s+por"
    r"|\bsigned\s+by|\bfirmad[oa]\s+por|\btalk\s+to|\bhablar\s+con|\bsoy"
    r"|\bspoke\s+(?:w/|with)|\bhabl[ée]\s+con|\bcell\s+with|\bcelda\s+con|\binterviewed"
    r"|\bentrevist[ée]\s+a|\b(?:lawyer|attorney|abogad[oa])\s+(?:for|of|de)"
    # Form labels: "LAST, FIRST:", "Detainee:", "APELLIDO, NOMBRE:".
    r"|\blast,?\s*first\s*:|\bapellidos?,?\s*nombres?\s*:|\b(?:detainee|detenid[oa]|inmate"
    r"|witness|testigo|contact|contacto)\s*:"
    # Sign-offs: the name on the line after "Sincerely," or after a dash.
    r"|\b(?:sincerely|thank\s+you|thanks|regards|love|respectfully|gracias|atentamente|saludos"
    r"|cordialmente|respetuosamente|con\s+cari[ñn]o)\s*,?\s*\n|(?:^|\n)\s*(?:--?|—|–))\s*[,:]?\s*$",
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
_FIRM_AFTER = re.compile(
    r"\s+(?:(?:and|&|y|e)\s+(?:Sons?|Associates|Asociados|Hijos|Hermanos|Brothers|Bros\b\.?"
    r"|Partners|Company|Co\b\.?|C[íi]a\b\.?)"
    r"|(?:E\.\s?I\.\s?R\.\s?L|S\.\s?R\.\s?L|S\.\s?A\.\s?C|S\.\s?A|S\.\s?L|S\.\s?C|S\.\s?de\s?R\.\s?L)\.)"
)
_LABEL_AFTER = re.compile(r"\.?:")
# After a number, capitalized words are a street or a wing, not a person:
# "76199 W Burrows Crossing", "Unit 4 East" (unless they start with a first
# name: "paid 20 Maria Lopez").
_NUMBER_BEFORE = re.compile(r"\d[\w-]*\s+(?:[NSEW]\.?\s+)?$")
# "Pa.C.S.", "U.S.C.": a word in a chain of abbreviations is no name.
_ABBREVIATION_CHAIN = re.compile(r"\.\s?[A-Z]\.")


@dataclass(frozen=True)
class _Word:
    start: int
    end: int
    text: str
    folded: str
    dotted: bool  # followed directly by "."

    @property
    def is_initial(self) -> bool:
        return len(self.text) == 1 and self.text.isupper() and self.dotted

    @property
    def capitalized(self) -> bool:
        return self.text[0].isupper() and (self.is_initial or len(self.text) > 1)


@cache
def _county_words() -> frozenset[str]:
    names = set()
    for county in all_counties().values():
        name = re.sub(
            r"\s+(County|Parish|Borough|Census Area|Municipality|city)\b.*", "", county.name
        )
        names.add(fold_word(name))
    return frozenset(names)


def _words(text: str) -> list[_Word]:
    words = []
    for m in _WORD.finditer(text):
        token = re.sub(r"['’]s$", "", m.group())
        dotted = m.end() < len(text) and text[m.end()] == "."
        words.append(_Word(m.start(), m.end(), m.group(), fold_word(token), dotted))
    return words


def _is_stop(word: _Word, text_before: str) -> bool:
    # "4Runner", "room 6A.": a word glued to a number is a model or a code.
    if text_before[-1:].isdigit():
        return True
    if word.is_initial:
        return False
    text = word.text
    return (
        word.folded in all_stop_words()
        # "I'm", "I'll": a contraction, even capitalized.
        or re.fullmatch(r"I['’](?:m|ll|ve|d)", text) is not None
        or len(text) == 1
        or (text.isupper() and len(text) > 1)
        or (len(text.split("-")[0]) < 2)
    )


def _joined(text: str, prev: _Word, word: _Word) -> bool:
    gap = text[prev.end : word.start]
    if gap == " ":
        return True
    if gap == "\n":
        # A first and last name broken over a line ("Wayne\nWilliams",
        # "Azeneth\nOrtega": a given name the lists lack, then a surname).
        return is_name(word.folded) and (is_first_name(prev.folded) or is_surname(word.folded))
    return gap == ". " and (prev.is_initial or prev.folded in TITLES | _ABBREVIATIONS)


def _sentence_start(text: str, words: list[_Word], i: int) -> bool:
    if i == 0:
        return not text[: words[0].start].strip(" \"'“(")
    prev = words[i - 1]
    gap = text[prev.end : words[i].start]
    if not any(ch in _BOUNDARY for ch in gap):
        return False
    # "Sgt. Ruiz", "R. Ruiz": the period ends an abbreviation, not a sentence;
    # but "No." before a word is the end of "no." ("ICE says no. Send"), and
    # a bar or a line break after the period still starts something new.
    abbreviation = prev.is_initial or prev.folded in TITLES | _ABBREVIATIONS - {"no"}
    if gap.startswith(".") and abbreviation:
        return any(ch in _BOUNDARY for ch in gap[1:])
    return True


def _cued(text: str, words: list[_Word], i: int) -> bool:
    if i > 0:
        prev = words[i - 1]
        gap = text[prev.end : words[i].start]
        if gap.strip(" .,") == "" and (prev.folded in TITLES or prev.folded in KIN):
            return True
    return bool(_NAMING_BEFORE.search(text[max(0, words[i].start - 30) : words[i].start]))


def _mark_multiword_places(words: list[_Word], stop: list[bool]) -> None:
    for i in range(len(words)):
        for n in (4, 3, 2):
            phrase = " ".join(w.folded for w in words[i : i + n])
            if len(words[i : i + n]) == n and phrase in MULTIWORD_PLACES:
                for j in range(i, i + n):
                    stop[j] = True


def _single_is_place(text: str, words: list[_Word], i: int) -> bool:
    word = words[i]
    if word.folded in FIRST_NAMES:
        return False
    if _sentence_start(text, words, i):
        return True
    if i > 0 and words[i - 1].folded in _LOCATIVES:
        return True
    if word.folded.endswith(_TOWN_ENDINGS) and not is_name(word.folded):
        return True
    return word.folded.endswith(PLACE_SUFFIXES) or word.folded in _county_words()


def _stretches(text: str, words: list[_Word], stop: list[bool]) -> list[tuple[int, int]]:
    """Index ranges [i, j] of candidate words, particles allowed inside."""
    result: list[tuple[int, int]] = []
    i = 0
    while i < len(words):
        if stop[i] or not words[i].capitalized:
            i += 1
            continue
        j = i
        k = i + 1
        while k < len(words) and _joined(text, words[k - 1], words[k]):
            if words[k].folded in PARTICLES:
                k += 1
            elif words[k].capitalized and not stop[k]:
                j = k
                k += 1
            elif k - 1 > i and words[k - 1].is_initial and _surname_word(words[k]):
                # "Dimas V. Valle": after a first name and an initial, a
                # surname that is also a place word ends the name.
                j = k
                break
            elif _place_surname_after_first_name(text, words, k):
                j = k
                break
            else:
                break
        result.append((i, j))
        i = j + 1
    return result


@cache
def _street_suffixes() -> frozenset[str]:
    """USPS Publication 28 street suffixes, as ``usaddress`` ships them (full
    words and long abbreviations: "Landing", "Crossing", "Ways", "Stravenue")."""
    return frozenset(s for s in usaddress.STREET_NAMES if len(s) > 3)


#: Before a street: "lives on Jennifer Landing", "off Michael Crossing".
_STREET_LOCATIVES = frozenset({"on", "along", "off", "near", "across", "onto", "into"})


def _street_name(text: str, words: list[_Word], i: int, j: int) -> bool:
    """A given name or surname before a street suffix names a street:
    "Sarah Washington Street", "Michael Crossing". A suffix that is also a
    surname ("Jennifer Landing", "Karen Hill") only after "on", "off", "near"..."""
    k = j + 1
    # "Sarah" before "Washington Street": the words after it end in a street word.
    while k < len(words) and k <= j + 2 and _joined(text, words[k - 1], words[k]):
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


def _town_before_state(text: str, words: list[_Word], i: int, j: int) -> bool:
    """ "to Victoria Texas", "from Dallas, Texas": one word before a state or
    a country is a town (a person's surname would have been read with it)."""
    if i != j or j + 1 >= len(words):
        return False
    following = words[j + 1]
    gap = text[words[j].end : following.start]
    return gap in (" ", ", ") and following.text.istitle() and following.folded in PLACES


def _surname_word(word: _Word) -> bool:
    """A capitalized surname that is also an institution word ("Valle", "Hall")."""
    return word.text.istitle() and word.folded in INSTITUTION_WORDS and is_surname(word.folded)


def _place_surname_after_first_name(text: str, words: list[_Word], k: int) -> bool:
    """ "Ronald Guerrero.", "From: Michael Washington <...>", "Brian Hall":
    a surname that is also a place or building word, right after a given
    name, and last in the run ("Sarah Washington Street", "Charlotte North
    Carolina" go on and stay places)."""
    prev, word = words[k - 1], words[k]
    # "went to Victoria Texas", "from Charlotte North Carolina": a town.
    if (
        k > 1
        and words[k - 2].folded in _LOCATIVES | {"to", "a"}
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
    return not (after and _joined(text, word, after) and after.text[0].isupper())


def _mark_vehicles_and_abbreviations(text: str, words: list[_Word], stop: list[bool]) -> None:
    """Car models ("Ford Transit", "Nissan Altima") and abbreviation chains."""
    vehicles = [m.span() for m in MAKE_MODEL.finditer(text)]
    for i, word in enumerate(words):
        in_vehicle = any(s <= word.start < e for s, e in vehicles)
        chained = _ABBREVIATION_CHAIN.match(text, word.end) is not None
        # "West", "Fort", "San": start of a place name, never of a person's.
        prefix = word.folded in PLACE_PREFIXES and i + 1 < len(words) and words[i + 1].capitalized
        if in_vehicle or chained or prefix:
            stop[i] = True


def _unstop_spanish_calendar_names(text: str, words: list[_Word], stop: list[bool]) -> None:
    """ "Domingo Lloret", "Julio César": a capitalized Spanish month or day
    that is a given name, followed by another capitalized name. "June
    Walsh", "Jan Castañeda": an English month that is a given name, before a
    surname on the lists."""
    for i in range(len(words) - 1):
        word, following = words[i], words[i + 1]
        if not (
            word.text.istitle()
            and _joined(text, word, following)
            and following.capitalized
            and not stop[i + 1]
        ):
            continue
        spanish = word.folded in SPANISH_CALENDAR and (
            is_first_name(word.folded) or is_name(following.folded)
        )
        english = (
            word.folded in MONTHS_AND_DAYS
            and is_first_name(word.folded)
            and following.text.istitle()
            and is_surname(following.folded)
        )
        if spanish or english:
            stop[i] = False


def _extend_through_surname(text: str, words: list[_Word], j: int) -> int:
    """After a cue, "Amy Hall", "Ana Court": a first name followed by a
    building word that is also a surname (not by "Hall Street")."""
    k = j + 1
    if not (
        k < len(words)
        and is_first_name(words[j].folded)
        and _joined(text, words[j], words[k])
        and words[k].text.istitle()
        and words[k].folded in INSTITUTION_WORDS
        and is_surname(words[k].folded)
    ):
        return j
    after = words[k + 1] if k + 1 < len(words) else None
    if after and _joined(text, words[k], after) and after.folded in INSTITUTION_WORDS:
        return j
    return k


def likely_names(text: str) -> list[Finding]:
    """Capitalized words that look like personal names (low confidence)."""
    words = _words(text)
    stop = [_is_stop(w, text[max(0, w.start - 1) : w.start]) for w in words]
    _mark_multiword_places(words, stop)
    _mark_vehicles_and_abbreviations(text, words, stop)
    _unstop_spanish_calendar_names(text, words, stop)
    found: list[Finding] = []
    firms = _firm_names(text)
    for i, j in _stretches(text, words, stop):
        if all(words[k].is_initial for k in range(i, j + 1)):
            continue  # "U.S.C.", "block C." - initials alone name nobody
        cued = _cued(text, words, i)
        if cued:
            j = _extend_through_surname(text, words, j)
        if not cued:
            if (
                j + 1 < len(words)
                and _joined(text, words[j], words[j + 1])
                and words[j + 1].folded in INSTITUTION_WORDS
            ):
                continue
            if _street_name(text, words, i, j) or _town_before_state(text, words, i, j):
                continue
            if _PLACE_BEFORE.search(text[max(0, words[i].start - 20) : words[i].start]):
                continue
            if _NUMBER_BEFORE.search(
                text[max(0, words[i].start - 20) : words[i].start]
            ) and not is_first_name(words[i].folded):
                continue
            if in_place_name(text, words[i].start, words[j].end):
                continue
            if i == j and _single_is_place(text, words, i):
                continue
            if _FIRM_AFTER.match(text, words[j].end) or _in_firm(firms, words[i].start):
                continue
            # A lone word on no name list ("Turnpike", "Explorer", "Sirs",
            # "Forwarded") names nobody unless something says it does.
            if i == j and not is_name(words[i].folded):
                continue
            # A form label ("Hearing:", "Language:", "F. Nac.:"); a speaker's
            # first name in a chat ("Sandra: they took him") stays.
            if _LABEL_AFTER.match(text, words[j].end) and not is_first_name(words[i].folded):
                continue
        if not cued and i < j and _sentence_start(text, words, i):
            i = _skip_heading_word(words, i, j)
        start, end = words[i].start, words[j].end
        found.append(Finding(start, end, "name", text[start:end], "low"))
    found += _lowercase_after_kin(text, words)
    found += _titled_place_surnames(text, words)
    return found


def _skip_heading_word(words: list[_Word], i: int, j: int) -> int:
    """ "Declaración de Curro Goñi Roma": a first word that is on no name
    list, capitalized only because it starts the sentence, and joined to the
    name by a particle, is a heading, not part of the name. Without the
    particle it stays: "Ndegwa Kamau" may be a name the lists lack."""
    k = i + 1
    while k < j and words[k].folded in PARTICLES:
        k += 1
    return k if k > i + 1 and not is_name(words[i].folded) else i


def _titled_place_surnames(text: str, words: list[_Word]) -> list[Finding]:
    """ "Deputy Hall", "el alguacil Field": a surname that is also a place
    word, right after a title, with no other capitalized word after it
    ("Deputy Hall took him", not "Sheriff Court Building")."""
    found = []
    for k in range(1, len(words)):
        prev, word = words[k - 1], words[k]
        if not (
            prev.folded in TITLES
            and not re.search(r"['’]s$", prev.text)  # not "Sheriff's Office"
            and text[prev.end : word.start] in (" ", ". ")
            and _surname_word(word)
        ):
            continue
        after = words[k + 1] if k + 1 < len(words) else None
        if after and _joined(text, word, after) and after.capitalized:
            continue
        found.append(Finding(word.start, word.end, "name", word.text, "low"))
    return found


# "Suarez, Vega and Juarez", "the Herrera, Dominguez y Gonzalez contract": three
# surnames in a row with no given name among them are a firm's name.
_FIRM_LIST = re.compile(
    r"\b([A-ZÁÉÍÓÚÑ][\w'’-]+), ([A-ZÁÉÍÓÚÑ][\w'’-]+),? (?:and|y|&) ([A-ZÁÉÍÓÚÑ][\w'’-]+)"
)
# ... unless a role says they are people: "Officers Lopez, Vega and Ruiz",
# "los agentes Herrera, Dominguez y Gonzalez".
_PEOPLE_BEFORE = re.compile(r"([^\W\d_]+)\.?\s+$")


def _people_role(word: str) -> bool:
    folded = fold_word(word)
    singular = re.sub(r"(?:es|s)$", "", folded)
    return any(w in TITLES or w in KIN for w in (folded, singular, folded[:-1]))


def _firm_names(text: str) -> list[tuple[int, int]]:
    firms = []
    for m in _FIRM_LIST.finditer(text):
        # "Ryan", "Lee", "Thomas" are surnames as often: a firm's partners.
        if any(is_mostly_first_name(fold_word(m.group(k))) for k in (1, 2, 3)):
            continue
        role = _PEOPLE_BEFORE.search(text, max(0, m.start() - 30), m.start())
        if role and _people_role(role.group(1)):
            continue
        firms.append(m.span())
    return firms


def _in_firm(firms: list[tuple[int, int]], position: int) -> bool:
    return any(s <= position < e for s, e in firms)


def _lowercase_after_kin(text: str, words: list[_Word]) -> list[Finding]:
    found = []
    for prev, word in itertools.pairwise(words):
        if (
            prev.folded in KIN
            and word.text.islower()
            and word.folded in FIRST_NAMES
            and text[prev.end : word.start].strip(" ,") == ""
        ):
            found.append(Finding(word.start, word.end, "name", word.text, "low"))
    return found
