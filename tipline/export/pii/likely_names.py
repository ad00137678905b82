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

The place, street and firm checks of 3-4 live in :mod:`.name_places`, the
words and how they join in :mod:`.name_tokens`.

Findings are ``category="name"``, ``confidence="low"``: the reviewer decides.
"""

from __future__ import annotations

import itertools
import re

from tipline.export.pii.findings import Finding
from tipline.export.pii.name_cues import institution_after, person_cue, unstop_vietnamese
from tipline.export.pii.name_lexicon import (
    is_first_name,
    is_name,
    is_surname,
)
from tipline.export.pii.name_places import (
    firm_names,
    listed_people,
    names_no_person,
    place_surname_after_first_name,
    surname_word,
)
from tipline.export.pii.name_things import (
    everyday_words,
    institution_further_on,
    payment_service,
    vehicle_by_colour,
)
from tipline.export.pii.name_tokens import Word, joined, sentence_start, tokenize
from tipline.export.pii.namewords import (
    FIRST_NAMES,
    INSTITUTION_WORDS,
    KIN,
    MONTHS_AND_DAYS,
    MULTIWORD_PLACES,
    PARTICLES,
    SPANISH_CALENDAR,
    TITLES,
    all_stop_words,
)
from tipline.export.pii.places import CLOSED_AFTER, PLACE_PREFIXES
from tipline.export.pii.plates import MAKE_MODEL

_NAMING_BEFORE = re.compile(
    r"(?:\bnamed|\bcalled|\bllamad[oa]|\bse\s+llama(?:ba)?|\bme\s+llamo|\bname\s+is"
    r"|\bnombre\s+es|\bname(?:\s+on\s+\w+)?\s*:|\bnombre\s*:|\bask\s+for|\bpregunt[ae]n?\s+por"
    r"|\bsigned\s+by|\bfirmad[oa]\s+por|\btalk\s+to|\bhablar\s+con|\bsoy"
    # "write to Chukwuemeka", "known as “Chucho”", "alias Toño".
    r"|\bwrite\s+to|\bescr[íi]b(?:an|e)le\s+a|\bknown\s+as|\ba\.?k\.?a\.?|\balias"
    r"|\bapodad[oa]|\ble\s+dicen|\bcc\s*:"
    r"|\bspoke\s+(?:w/|with)|\bhabl[ée]\s+con|\bcell\s+with|\bcelda\s+con|\binterviewed"
    r"|\bentrevist[ée]\s+a|\b(?:lawyer|attorney|abogad[oa])\s+(?:for|of|de)"
    # Form labels: "LAST, FIRST:", "Detainee:", "APELLIDO, NOMBRE:".
    r"|\blast,?\s*first\s*:|\bapellidos?,?\s*nombres?\s*:|\b(?:detainee|detenid[oa]|inmate"
    r"|witness|testigo|contact|contacto)\s*:"
    # Sign-offs: the name on the line after "Sincerely," or after a dash.
    r"|\b(?:sincerely|thank\s+you|thanks|regards|love|respectfully|gracias|atentamente|saludos"
    r"|cordialmente|respetuosamente|con\s+cari[ñn]o)\s*,?\s*\n|(?:^|\n)\s*(?:--?|—|–))\s*[,:]?\s*[“\"‘']?$",
    re.IGNORECASE,
)
_LABEL_AFTER = re.compile(r"\.?:")
# After a cue, "Surname, Given" closing its line: "Detainee: Okafor, Chukwuemeka".
_GIVEN_AFTER_COMMA = re.compile(
    r", ([A-ZÁÉÍÓÚÑ][^\W\d_]+(?:[-'’][^\W\d_]+)*)[^\S\n]*(?=$|\n|[.;(])"
)
_DATE_PREPOSITIONS = frozenset(
    {"in", "on", "since", "by", "until", "till", "last", "next", "early", "late", "mid", "during"}
)
# "Pa.C.S.", "U.S.C.": a word in a chain of abbreviations is no name.
_ABBREVIATION_CHAIN = re.compile(r"\.\s?[A-Z]\.")


def _is_stop(word: Word, text_before: str) -> bool:
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


def _cued(text: str, words: list[Word], i: int) -> bool:
    if i > 0:
        prev = words[i - 1]
        gap = text[prev.end : words[i].start]
        if gap.strip(" .,") == "" and (prev.folded in TITLES or prev.folded in KIN):
            return True
    return bool(_NAMING_BEFORE.search(text[max(0, words[i].start - 30) : words[i].start]))


def _mark_multiword_places(words: list[Word], stop: list[bool]) -> None:
    for i in range(len(words)):
        for n in (4, 3, 2):
            phrase = " ".join(w.folded for w in words[i : i + n])
            if len(words[i : i + n]) == n and phrase in MULTIWORD_PLACES:
                for j in range(i, i + n):
                    stop[j] = True


def _stretches(text: str, words: list[Word], stop: list[bool]) -> list[tuple[int, int]]:
    """Index ranges [i, j] of candidate words, particles allowed inside."""
    result: list[tuple[int, int]] = []
    i = 0
    while i < len(words):
        if stop[i] or not words[i].capitalized:
            i += 1
            continue
        j = i
        k = i + 1
        while k < len(words) and joined(text, words[k - 1], words[k]):
            if words[k].folded in PARTICLES:
                k += 1
            elif words[k].capitalized and not stop[k]:
                j = k
                k += 1
            elif k - 1 > i and words[k - 1].is_initial and surname_word(words[k]):
                # "Dimas V. Valle": after a first name and an initial, a
                # surname that is also a place word ends the name.
                j = k
                break
            elif place_surname_after_first_name(text, words, k):
                j = k
                break
            else:
                break
        result.append((i, j))
        i = j + 1
    return result


def _mark_vehicles_and_abbreviations(text: str, words: list[Word], stop: list[bool]) -> None:
    """Car models ("Ford Transit", "Nissan Altima") and abbreviation chains."""
    vehicles = [m.span() for m in MAKE_MODEL.finditer(text)]
    for i, word in enumerate(words):
        in_vehicle = any(s <= word.start < e for s, e in vehicles)
        chained = _ABBREVIATION_CHAIN.match(text, word.end) is not None
        # "West", "Fort", "San": start of a place name, never of a person's.
        prefix = word.folded in PLACE_PREFIXES and i + 1 < len(words) and words[i + 1].capitalized
        if in_vehicle or chained or prefix:
            stop[i] = True


def _unstop_spanish_calendar_names(text: str, words: list[Word], stop: list[bool]) -> None:
    """ "Domingo Lloret", "Julio César": a capitalized Spanish month or day
    that is a given name, followed by another capitalized name. "June
    Walsh", "Jan Castañeda": an English month that is a given name, before a
    surname on the lists."""
    for i in range(len(words) - 1):
        word, following = words[i], words[i + 1]
        if not (
            word.text.istitle()
            and joined(text, word, following)
            and following.capitalized
            and not stop[i + 1]
        ):
            continue
        spanish = word.folded in SPANISH_CALENDAR and (
            is_first_name(word.folded) or is_name(following.folded)
        )
        english = (
            word.folded in MONTHS_AND_DAYS
            # "In May Lopez was taken", "By June Kowalski had...": a date.
            and not (i > 0 and words[i - 1].folded in _DATE_PREPOSITIONS)
            and is_first_name(word.folded)
            and following.text.istitle()
            and is_surname(following.folded)
        )
        if spanish or english:
            stop[i] = False


def _extend_through_surname(text: str, words: list[Word], j: int) -> int:
    """After a cue, "Amy Hall", "Ana Court": a first name followed by a
    building word that is also a surname (not by "Hall Street")."""
    k = j + 1
    if not (
        k < len(words)
        and is_first_name(words[j].folded)
        and joined(text, words[j], words[k])
        and words[k].text.istitle()
        and words[k].folded in INSTITUTION_WORDS
        and is_surname(words[k].folded)
    ):
        return j
    after = words[k + 1] if k + 1 < len(words) else None
    if after and joined(text, words[k], after) and after.folded in INSTITUTION_WORDS:
        return j
    return k


def likely_names(text: str) -> list[Finding]:
    """Capitalized words that look like personal names (low confidence)."""
    words = tokenize(text)
    stop = [_is_stop(w, text[max(0, w.start - 1) : w.start]) for w in words]
    _mark_multiword_places(words, stop)
    _mark_vehicles_and_abbreviations(text, words, stop)
    _unstop_spanish_calendar_names(text, words, stop)
    unstop_vietnamese(text, words, stop)
    found: list[Finding] = []
    firms = firm_names(text)
    for i, j in _stretches(text, words, stop):
        if all(words[k].is_initial for k in range(i, j + 1)):
            continue  # "U.S.C.", "block C." - initials alone name nobody
        if payment_service(words, i, j):
            continue
        cued = _cued(text, words, i)
        if cued:
            # "T. Don Hutto Residential Center": a title starts a building's
            # name; "- Carson City", "- Krome North Service Processing
            # Center" in a list are places, not sign-offs.
            if institution_after(text, words, j) or institution_further_on(text, words, j):
                continue
            j = _extend_through_surname(text, words, j)
            if i < j and words[j].folded in CLOSED_AFTER:
                continue
        if not cued:
            # "Diallo was deported": a person's verb outweighs a sentence start.
            start_cue = i == j and person_cue(text, words[i], speaking=False)
            if names_no_person(text, words, i, j, firms) and not (
                start_cue and sentence_start(text, words, i)
            ):
                continue
            # "Penal Code", "a white Tacoma", "Krome North Service Processing
            # Center": a law, a car, a building (:mod:`.name_things`).
            if (
                everyday_words(words, i, j)
                or vehicle_by_colour(text, words, i, j)
                or institution_further_on(text, words, j)
            ):
                continue
            # A lone word on no name list ("Turnpike", "Explorer", "Sirs",
            # "Forwarded") names nobody unless something says it does
            # ("according to Grzegorz,", "Oyelaran has been held").
            if i == j and not is_name(words[i].folded) and not person_cue(text, words[i]):
                continue
            # A form label ("Hearing:", "Language:", "F. Nac.:") starts its
            # line; a speaker's first name in a chat ("Sandra: they took
            # him") and a sender ("Message from Ifeoma Nwosu:") stay.
            if (
                _LABEL_AFTER.match(text, words[j].end)
                and not is_first_name(words[i].folded)
                and (i == j or sentence_start(text, words, i))
            ):
                continue
        if not cued and i < j and sentence_start(text, words, i):
            i = _skip_heading_word(words, i, j)
        start, end = words[i].start, words[j].end
        found.append(Finding(start, end, "name", text[start:end], "low"))
        if cued and (given := _GIVEN_AFTER_COMMA.match(text, end)):
            # "Name: Nwachukwu, Emeka": the given name after the surname.
            found.append(Finding(given.start(1), given.end(1), "name", given.group(1), "low"))
    found += _lowercase_after_kin(text, words)
    found += listed_people(text)
    found += _titled_place_surnames(text, words)
    return found


def _skip_heading_word(words: list[Word], i: int, j: int) -> int:
    """ "Declaración de Curro Goñi Roma": a first word that is on no name
    list, capitalized only because it starts the sentence, and joined to the
    name by a particle, is a heading, not part of the name. Without the
    particle it stays: "Ndegwa Kamau" may be a name the lists lack."""
    k = i + 1
    while k < j and words[k].folded in PARTICLES:
        k += 1
    return k if k > i + 1 and not is_name(words[i].folded) else i


def _titled_place_surnames(text: str, words: list[Word]) -> list[Finding]:
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
            and surname_word(word)
        ):
            continue
        after = words[k + 1] if k + 1 < len(words) else None
        if after and joined(text, word, after) and after.capitalized:
            continue
        found.append(Finding(word.start, word.end, "name", word.text, "low"))
    return found


def _lowercase_after_kin(text: str, words: list[Word]) -> list[Finding]:
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
