"""Which words are personal names: the US Census name lists, via
``probablepeople``, and Spanish and Portuguese given names, via ``gender-guesser``.

The name heuristic (:mod:`.likely_names`, :mod:`.name_shapes`) needs to know
whether a word is a name when capitalization does not say so: an all-caps
booking sheet ("QUINTERO, WENDY"), a chat in lower case ("candace perez"), a
name broken over a line. ``probablepeople`` (MIT, a CRF name parser) ships the
Census lists it was built on: about 150,000 surnames and first names with the
share of first-name use (``ratios``), and 5,000 first names (``gender_names``,
Spanish ones included). The US lists miss many given names of Spain and
Latin America ("Natalio", "Macarena", "Galo", "Odalis"): ``gender-guesser``
(GPLv3 code, its ``nam_dict.txt`` under the GNU FDL, from Jörg Michael's
"gender" program) ships 48,000 given names with their frequency by country;
the 2,300 in use in Spain or Portugal are read from it, and all of them
(:func:`is_world_given_name`) where capitals already say "a name". Nothing is
downloaded; the lists load once, lazily.

The Census surname list also holds many ordinary words ("Green", "House",
"Park"), so a surname alone proves little: the callers always want a first
name too, or a cue.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from importlib.resources import files

from tipline.export.pii.names import fold_word
from tipline.export.pii.namewords import COMMON_WORD_PARTS, FIRST_NAMES, all_stop_words, word_set

#: First names that are also everyday words: not taken as names in lower case.
WORDLIKE_FIRST_NAMES = COMMON_WORD_PARTS | word_set(
    """
    will mark joy hope grace may june rose bill pat art sue rich guy chase dawn april summer
    ray rob don faith sky amber ruby pearl ivy holly iris lily daisy violet jade crystal sandy
    cliff dale glen wade miles lane gene jack frank bob mercy chance destiny precious honey
    star angel sunny rusty penny misty candy ginger buddy sonny king prince duke earl major
    carol an le la del van son lee chi sim page hunter mason carter parker taylor jordan
    august autumn brook brooke river rain storm stormy harmony melody trinity heaven eve
    sol luz paz mar cruz rocio alegria gloria victoria caridad milagros nieves luna salvador
    socorro consuelo esperanza amparo soledad pilar dolores mercedes angeles reyes santos
    alba paloma aurora estrella marina perla flor cielo celeste libertad justo modesto amado
    bienvenido franco leon tomas pastor remedios piedad salud gracia fe clara violeta
    margarita jazmin azucena primavera natividad rosario trinidad domingo flores
    primero segundo tercero cuarto quinto dan
    """
)
# nam_dict.txt: the columns after position 30 hold a frequency per country;
# 5 is Portugal, 6 is Spain (see the file's header).
_IBERIAN_COLUMNS = (5, 6)


@cache
def _census() -> tuple[dict[str, float], frozenset[str]]:
    from probablepeople.gender import gender_names
    from probablepeople.ratios import ratios

    return ratios, frozenset(gender_names)


@cache
def _iberian_given_names() -> dict[str, frozenset[str]]:
    """Folded name -> the ways it is written (lower case, with its accents)."""
    names: dict[str, set[str]] = {}
    data = files("gender_guesser") / "data" / "nam_dict.txt"
    with data.open(encoding="utf-8") as lines:
        for line in lines:
            if line[0] in "#=":
                continue
            counts = line[30:-1]
            name = line.split()[1]
            # "Juan+Pablo" is a compound; its parts have lines of their own.
            if "+" not in name and any(counts[i : i + 1].strip() for i in _IBERIAN_COLUMNS):
                names.setdefault(fold_word(name), set()).add(name.casefold())
    return {folded: frozenset(written) for folded, written in names.items()}


# Letters that carry no combining accent to strip: "Łukasz" is "lukasz".
_PLAIN_LETTERS = str.maketrans({"ł": "l", "đ": "d", "ø": "o", "ı": "i"})


@cache
def _world_given_names() -> frozenset[str]:
    """Every single given name in ``nam_dict.txt``, of any country (Polish,
    Romanian, Turkish, Vietnamese, West African ...), folded."""
    names = set()
    data = files("gender_guesser") / "data" / "nam_dict.txt"
    with data.open(encoding="utf-8") as lines:
        for line in lines:
            if line[0] not in "#=" and "+" not in (name := line.split()[1]):
                names.add(fold_word(name).translate(_PLAIN_LETTERS))
    return frozenset(names)


def is_world_given_name(folded: str) -> bool:
    """A given name somewhere in the world ("łukasz", "djibril", "arben"),
    three letters or more and no stop word: the list also holds "the",
    "may" and "will", so callers ask it only where the shape already says
    "a name" (a run of capitals)."""
    return (
        len(folded) >= 3
        and folded not in all_stop_words()
        and folded not in WORDLIKE_FIRST_NAMES
        and folded.translate(_PLAIN_LETTERS) in _world_given_names()
    )


def _accents_fit(word: str, name: str) -> bool:
    """``word`` is ``name`` written with the same accents or fewer: "macarena"
    is "Macarena", "sofia" is "Sofía", but "firmó" is not "Firmo"."""
    word, name = unicodedata.normalize("NFC", word), unicodedata.normalize("NFC", name)
    if len(word) != len(name):
        return False
    return all(a == b or a == fold_word(b) for a, b in zip(word, name, strict=True))


def _key(folded: str) -> str:
    """The Census lists write "O'Connor" as "OCONNOR"."""
    return folded.replace("'", "").replace("’", "")


def is_first_name(folded: str) -> bool:
    """A common first name (folded word), English or Spanish."""
    folded = _key(folded)
    ratios, first_names = _census()
    return (
        folded in FIRST_NAMES
        or folded in first_names
        or ratios.get(folded.upper(), 0.0) >= 0.7
        or folded in _iberian_given_names()
    )


def is_name(folded: str) -> bool:
    """On the name lists as a first name or a surname, and not a stop word."""
    ratios, first_names = _census()
    if folded in all_stop_words():
        return False
    folded = _key(folded)
    return (
        folded in FIRST_NAMES
        or folded in first_names
        or folded.upper() in ratios
        or folded in _iberian_given_names()
    )


def is_mostly_first_name(folded: str) -> bool:
    """A first name rarely borne as a surname ("Jennifer", "Kevin"; not
    "Ryan", "Lee" or "Thomas", which the Census counts as surnames too)."""
    ratio = _census()[0].get(folded.upper())
    return ratio >= 0.9 if ratio is not None else is_first_name(folded)


def is_surname(folded: str) -> bool:
    """On the Census surname list, stop word or not ("hall", "valle", "court")."""
    return _key(folded).upper() in _census()[0]


def is_plain_first_name(word: str) -> bool:
    """``word`` (as written, lower case) is a first name that is not also an
    ordinary word (safe in lower case)."""
    folded = fold_word(word)
    if len(folded) < 3 or folded in WORDLIKE_FIRST_NAMES or folded in all_stop_words():
        return False
    ratios, first_names = _census()
    if folded in FIRST_NAMES or folded in first_names or ratios.get(folded.upper(), 0.0) >= 0.7:
        return True
    # An accent the name never carries makes it another word.
    written = _iberian_given_names().get(folded, frozenset())
    return any(_accents_fit(word.casefold(), name) for name in written)


def is_joined_names(token: str) -> bool:
    """A user name made of names run together: "brianmoon", "solismatthew",
    "jlopez" (an initial and a surname). Both parts are on the Census lists
    and neither is a stop word; parts of fewer than three letters are not
    tried, and after an initial the surname has five letters or more, since
    short surnames spell everyday words ("later" is no "l" + "ater")."""
    if not (token.isascii() and token.isalpha() and 6 <= len(token) <= 30):
        return False
    word = token.lower()
    if word in all_stop_words():
        return False
    for cut in range(1, len(word) - 2):
        head, tail = word[:cut], word[cut:]
        if cut == 1:
            if len(tail) >= 5 and is_name(tail):
                return True
        elif cut > 2 and is_name(head) and is_name(tail):
            return True
    return False
