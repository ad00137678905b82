"""Whether a capitalized word is part of the name of a place or an institution.

Shared by the people-list matcher (:mod:`.names`) and the name heuristic
(:mod:`.likely_names`): "Chester" in "West Chester", "Justice" in "Department
of Justice", "Montgomery" in "Montgomery County", "Mercy" in "Mercy
Hospital", "Mendoza" in "el condado de Mendoza" name no person. The
heuristic skips a word found there.

For a listed name there are two degrees (:func:`names_a_place`):

- a *closed* place name, one word between words that only ever make a
  place: a compass point, "Fort" or "Mount" before it ("West Chester",
  "Fort Washington"), a county, township, street, hospital or prison word
  right after it ("Montgomery County", "Smith Memorial Hospital", "Tórrez
  County"), or "Department of", "County of", "condado de", "ciudad de" before
  it. Nobody is named there, so the matcher reports nothing;
- any other place-like context of :func:`in_place_name` ("la estación
  Nájera", "Mercy Park", "Garcia ICE"): words that also appear next to a
  person's name in a sentence ("en la estación Pedro nos dijo"), so the
  match stays, with low confidence.
"""

from __future__ import annotations

import re
import unicodedata

from tipline.export.pii.namewords import INSTITUTION_WORDS, word_set

#: Words that start a place name: "West Chester", "Fort Smith", "San José".
PLACE_PREFIXES = word_set(
    "west east north south upper lower new fort ft mount mt port lake saint st san santa santo"
    " puerto sao villa camp"
)
# Words after a name that make it a place or an institution, besides
# INSTITUTION_WORDS ("Chester Memorial", "Smith Inc"): "Mercy Park", "Penn Hills".
_AFTER = word_set(
    """
    general regional heights park terrace township library biblioteca mall plaza center
    centre village villa river creek falls springs hills beach island
    """
)
_BEFORE = re.compile(
    r"(?:\b(?:department|dept\.?|office|bureau|ministry|court|board|secretar[íi]a|departamento"
    r"|ministerio|oficina|procuradur[íi]a|university|universidad|college|school|hospital"
    r"|condado|county|city|ciudad|estado|state|c[áa]rcel|prisi[óo]n|valle|pueblo|town"
    r"|municipio|township|borough|estaci[óo]n|colegio|escuela|iglesia|church|parroquia"
    r"|detenci[óo]n|correccional|detention|correctional|bas[íi]lica|santuario|parroquia"
    r"|capilla|catedral|cathedral|chapel)"
    r"(?:\s+(?:of|de|del|de\s+la))?(?:\s+the)?"
    r"|\b(?:calle|avenida|av|avda|blvd|boulevard|calzada|carretera|colonia|col|hospital)\.?)"
    r"\s*$",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def _fold(word: str) -> str:
    # names.fold_word would import this module back; a word needs no more.
    decomposed = unicodedata.normalize("NFD", word.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).rstrip(".")


#: Words before a name that only ever start a place ("St." is left out: the
#: end of "Main St."), a military base ("Camp Lejeune") or a lake town ("Lake
#: Charles": with a capitalized word after it, "Lake" may be a first name, and
#: :func:`names_a_place` leaves that alone). A saint's name ("San José",
#: "Santa Rosa", "el día de San Juan") is a town, a hospital or a feast day.
_CLOSED_PREFIXES = word_set("west east north south fort ft mount mt port camp lake")
#: Spanish and Portuguese place prefixes: the place name may go on after the
#: listed word ("San Pedro Sula"), and it is still no person.
_SPANISH_PREFIXES = word_set("san santa santo sao ciudad villa puerto colonia")
#: Words after a name that only ever make it a place or an institution.
CLOSED_AFTER = word_set(
    """
    county township twp borough parish memorial hospital prison jail correctional detention
    penitentiary street avenue ave road rd boulevard blvd highway bridge station airport
    university college medical church chapel cathedral basilica city
    """
)
_CLOSED_BEFORE = re.compile(
    r"\b(?i:department|dept\.?|county|city|township|borough|condado|ciudad|municipio)"
    r"\s+(?i:of|de|del)(?:\s+the)?\s*$"
    # A street, church, hospital or valley named after a person, with up to two
    # more words of that name before this one: "calle Benito Juárez", "el
    # hospital Thomas Jefferson", "Valle de Santiago", "Our Lady of Guadalupe".
    r"|\b(?i:valle|bas[íi]lica|parroquia|santuario|iglesia|hospital|cl[íi]nica|colegio|escuela"
    r"|universidad|calle|avenida|av\.|avda\.|blvd\.?|boulevard|calzada|colonia|barrio|puente"
    r"|paseo|plaza|our\s+lady)"
    # ... joined by "de"/"of", or with the name's first word between ("en la
    # calle Pedro me dijo" may be Pedro speaking).
    r"(?:\s+(?i:of|de|del|de\s+la)\s+(?:[A-ZÁÉÍÓÚÑ][\w'’]*\.?\s+){0,2}"
    r"|\s+(?:[A-ZÁÉÍÓÚÑ][\w'’]*\.?\s+){1,2})$"
    # A neighbourhood is named after someone, never someone: "la colonia Morelos".
    r"|\b(?i:colonia|col\.|barrio|fraccionamiento)\s+(?:[A-ZÁÉÍÓÚÑ][\w'’]*\.?\s+){0,2}$"
    # A capitalized street word is the street's own name: "Avenida Morelos",
    # "Calle Hidalgo" (lower case, "en la calle Pedro me dijo", stays a person).
    r"|\b(?:Avenida|Av\.|Avda\.|Calle|Calzada|Bulevar|Boulevard|Blvd\.?|Paseo|Carretera"
    r"|Callej[óo]n|Privada|Cerrada|Camino)\s+$"
    # A town whose name goes on with "de": "Villa Hermosa de Reyes", "San
    # Juan de los Lagos", "Puerto Ayacucho de Mendoza".
    r"|\b(?:Villa|San|Santa|Santo|S[ãa]o|Ciudad|Puerto)\s+(?:[A-ZÁÉÍÓÚÑ][\w'’]*\s+){0,2}"
    r"(?:de|del|de\s+la|de\s+las|de\s+los|do|da|dos|das)\s+$"
)
_NEXT_WORD = re.compile(r"(?:['’]s)? ([^\W\d_][\w'’]*)")
# The rest of a longer name: "Luther King Jr." before "Blvd", "W. Hill" before
# "Correctional Facility", "'s" before "Hospital".
_NAME_GOES_ON = re.compile(r"(?:['’]s)?(?: (?:[A-ZÁÉÍÓÚÑ][\w'’]*\.?|de|del|la)){1,4}")


def _capitalized(text: str, start: int, end: int) -> str:
    """``text`` with the words around ``[start, end)`` capitalized, for a tip
    written all in lower case ("port isabel", "stewart detention center")."""
    lo, hi = max(0, start - 45), min(len(text), end + 60)

    place_words = _CLOSED_PREFIXES | _SPANISH_PREFIXES | CLOSED_AFTER | INSTITUTION_WORDS

    def up(m: re.Match[str]) -> str:
        word = m.group()
        if not (start <= lo + m.start() < end or _fold(word) in place_words):
            return word
        first = word[0].upper()
        return (first if len(first) == 1 else word[0]) + word[1:]

    return text[:lo] + re.sub(r"[^\W\d_][\w'’]*", up, text[lo:hi]) + text[hi:]


def _word_before(text: str, start: int) -> str | None:
    """The word right before ``text[start]``, joined to it by one space."""
    before = text[max(0, start - 30) : start]
    if not before.endswith(" ") or before.endswith("  "):
        return None
    words = _WORD.findall(before)
    return words[-1] if words and before[:-1].endswith(words[-1]) else None


def names_a_place(text: str, start: int, end: int) -> bool:
    """Whether the single word ``text[start:end]`` sits inside a closed place
    name (see the module docstring), so it names nobody."""
    if not text[start:end].isalpha():
        return False
    if text[start:end].islower():
        text = _capitalized(text, start, end)
    if not text[start].isupper():
        return False
    following = _NEXT_WORD.match(text, end)
    next_word = following.group(1) if following else None
    if next_word and next_word[0].isupper() and _fold(next_word) in CLOSED_AFTER:
        return True
    longer = _NAME_GOES_ON.match(text, end)
    if longer and any(_fold(w) in CLOSED_AFTER for w in _WORD.findall(longer.group())[:4]):
        return True
    prefix = _word_before(text, start)
    if prefix and prefix[0].isupper() and _fold(prefix) in _SPANISH_PREFIXES:
        return True
    # "West Chester Wade" goes on with a name: only a place when nothing
    # capitalized follows, or an institution word does.
    if next_word and next_word[0].isupper() and _fold(next_word) not in INSTITUTION_WORDS:
        return False
    prefix = _word_before(text, start)
    if prefix and prefix[0].isupper() and _fold(prefix) in _CLOSED_PREFIXES:
        return True
    return bool(_CLOSED_BEFORE.search(text[max(0, start - 40) : start]))


def in_place_name(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` (a capitalized name) sits inside a longer
    place or institution name."""
    before = text[max(0, start - 40) : start]
    previous = _WORD.findall(before)
    gap_before = before[len(before.rstrip()) :] if previous else ""
    if previous and gap_before in (" ", "") and before.rstrip().endswith(previous[-1]):
        word = previous[-1]
        if word[0].isupper() and _fold(word) in PLACE_PREFIXES:
            return True
    if _BEFORE.search(before):
        return True
    after = re.match(r"[ -]([^\W\d_][\w'’]*)", text[end : end + 30])
    if after and after.group(1)[0].isupper():
        following = _fold(after.group(1))
        return following in INSTITUTION_WORDS or following in _AFTER
    return False
