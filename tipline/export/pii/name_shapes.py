"""Names the capitalization heuristic cannot see: all caps and all lower case.

:mod:`.likely_names` reads capitalization, so it misses the two ways tips
often write names:

- **All caps**, as booking sheets and forms do: ``QUINTERO, WENDY``,
  ``BARRIENTOS RIVERA, ESTELA``, ``ROBERT STEWART``. All-caps words are
  otherwise acronyms ("ICE", "ERO"), so a run counts only when it reads as a
  name on the Census lists (:mod:`.name_lexicon`): surname(s), a comma and a
  given name, or a first name followed by names. A surname that is also a
  building word ("VALLE MOLINA, FRANCISCO", "HALL, AMY") counts before a
  first name.
- **All lower case**, as chats do: ``candace perez``, ``jose carlos andrade
  briones``, ``macarena gonzalez fiol``. A run counts when it starts with a
  first name that is not also an ordinary word ("mark", "grace", "rosa",
  "segundo" are left alone; "firmó" is not "Firmo") and goes on with names
  from the lists that are not stop words; not after a house number ("826
  jennifer landing" is a street).

Findings are ``category="name"``, ``confidence="low"``, like the heuristic's.
"""

from __future__ import annotations

import re

from tipline.export.pii.findings import Finding
from tipline.export.pii.name_lexicon import (
    is_first_name,
    is_mostly_first_name,
    is_name,
    is_plain_first_name,
    is_surname,
    is_world_given_name,
)
from tipline.export.pii.name_tokens import UPPER
from tipline.export.pii.names import fold_word
from tipline.export.pii.namewords import INSTITUTION_WORDS, PARTICLES, TITLES, all_stop_words

_CAPS = rf"{UPPER}(?:{UPPER}|['’-])+"
_CAPS_PARTICLE = r"(?:DE|DEL|LA|LAS|LOS|Y|VAN|VON|DA|DI|DU|LE)"
_SURNAMES = rf"(?:{_CAPS_PARTICLE}\s+)*{_CAPS}(?:\s+(?:{_CAPS_PARTICLE}\s+)*{_CAPS}){{0,2}}"
_REVERSED = re.compile(rf"(?<![\w,])({_SURNAMES}),\s?({_CAPS}(?:\s{_CAPS}){{0,2}})(?![\w-])")
_LABEL_BEFORE = re.compile(
    r"\b(?i:detainee|detenid[oa]|inmate|intern[oa]|reclus[oa]|name|nombre|client[e]?"
    r"|apellidos?,?\s*nombres?|last,?\s*first)\s*:\s*$"
)
_CAPS_RUN = re.compile(rf"(?<![\w-]){_CAPS}(?:\s{_CAPS})+(?![\w-])")
# A house number before a lower-case run makes it a street ("826 jennifer landing").
_HOUSE_NUMBER_BEFORE = re.compile(r"\d[\w-]*\s+$")
# ... and so does a place word: "san pedro sula", "puente benito juárez".
_PLACE_WORD_BEFORE = re.compile(
    r"\b(?i:san|santa|santo|sao|port|fort|mount|lake|puerto|villa|ciudad|calle|avenida|av"
    r"|puente|colonia|barrio|hospital|plaza|paseo|parque|estaci[óo]n|aeropuerto|street|st)"
    r"\.?\s+$"
)
_LOWER_RUN = re.compile(
    r"(?<![\w@.-])[a-záéíóúñü][a-záéíóúñü'-]+(?:\s[a-záéíóúñü][a-záéíóúñü'-]+)+"
)


def _words(value: str) -> list[str]:
    return [fold_word(w) for w in re.split(r"[\s,]+", value) if w]


def _names_only(words: list[str]) -> bool:
    stops = all_stop_words()
    return all(w in PARTICLES or (is_name(w) and w not in stops) for w in words)


def _caps_names(text: str) -> list[Finding]:
    found: list[Finding] = []
    taken: list[tuple[int, int]] = []
    for m in _REVERSED.finditer(text):
        surnames, given = _words(m.group(1)), _words(m.group(2))
        stops = all_stop_words()
        if given[0] in stops:
            continue
        # "VALLE MOLINA, FRANCISCO", "HALL, AMY": a building word that is also
        # a surname, before a first name, is the surname.
        blocked = [w for w in surnames if w in stops - PARTICLES]
        if blocked and not (
            is_first_name(given[0])
            and all(w in INSTITUTION_WORDS and is_surname(w) for w in blocked)
        ):
            continue
        # A known first name, or surnames that are all on the lists (Spanish
        # given names are often missing from the US lists: "TOVAR, ISABELA"),
        # or a form's label before ("Detenido: NEVADO, DUILIO").
        labelled = _LABEL_BEFORE.search(text, max(0, m.start() - 30), m.start())
        if is_first_name(given[0]) or _names_only(surnames) or labelled:
            found.append(Finding(m.start(), m.end(), "name", m.group(), "low"))
            taken.append(m.span())
    for m in _CAPS_RUN.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        found += _caps_subruns(m)
    return found


def _caps_name_word(word: str) -> bool:
    """A word of a capitals run that may be part of a name."""
    folded = _words(word)
    return _names_only(folded) or all(is_world_given_name(w) for w in folded)


def _caps_subruns(m: re.Match[str]) -> list[Finding]:
    """The names inside one all-caps run: from each first name, the longest
    stretch of names after it ("TO THE LAWYER DAVID BROWN" gives "DAVID
    BROWN"; "ICE AGENTS" gives nothing)."""
    words = list(re.finditer(r"\S+", m.group()))
    found: list[Finding] = []
    i = 0
    while i < len(words) - 1:
        folded = fold_word(words[i].group())
        if i > 0 and fold_word(words[i - 1].group()) in TITLES and folded not in all_stop_words():
            # "AL ABOGADO EZIO GALEATI:": after a title, the rest of the run,
            # on the lists or not, ...
            j = i
            while (
                j < len(words) and j < i + 3 and fold_word(words[j].group()) not in all_stop_words()
            ):
                j += 1
            start, end = m.start() + words[i].start(), m.start() + words[j - 1].end()
            # ... when a colon closes them, as in a letter's address
            # ("THE JUDGE DENIED BOND" goes on and is no name).
            if j > i + 1 and j == len(words) and m.string[end : end + 1] == ":":
                found.append(Finding(start, end, "name", m.string[start:end], "low"))
                i = j
                continue
        # A first name starts a name, and so does a surname right before one
        # ("QUINTERO WENDY was moved").
        following = fold_word(words[i + 1].group())
        # "ŁUKASZ NOWAK", "WOJCIK MALGORZATA": a given name of any country.
        starts = folded not in PARTICLES and (
            is_first_name(folded)
            or is_world_given_name(folded)
            or (
                is_surname(folded)
                and (is_mostly_first_name(following) or is_world_given_name(following))
            )
        )
        if not starts or not _caps_name_word(words[i].group()):
            i += 1
            continue
        j = i + 1
        while j < len(words) and _caps_name_word(words[j].group()):
            j += 1
        if j > i + 1:
            start, end = m.start() + words[i].start(), m.start() + words[j - 1].end()
            found.append(Finding(start, end, "name", m.string[start:end], "low"))
        i = j
    return found


def _lowercase_names(text: str) -> list[Finding]:
    found: list[Finding] = []
    for m in _LOWER_RUN.finditer(text):
        words = m.group().split()
        # The longest run from each first name that continues with names.
        i = 0
        while i < len(words) - 1:
            if not is_plain_first_name(words[i]):
                i += 1
                continue
            j = i + 1
            while j < len(words) and _names_only([fold_word(words[j])]):
                j += 1
            if j > i + 1:
                start = m.start() + len(" ".join(words[:i])) + (1 if i else 0)
                end = start + len(" ".join(words[i:j]))
                before = text[max(0, start - 12) : start]
                if not (_HOUSE_NUMBER_BEFORE.search(before) or _PLACE_WORD_BEFORE.search(before)):
                    found.append(Finding(start, end, "name", text[start:end], "low"))
            i = j
    return found


def name_shapes(text: str) -> list[Finding]:
    """All-caps and all-lowercase personal names (low confidence)."""
    return _caps_names(text) + _lowercase_names(text)
