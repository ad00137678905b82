"""Whether a capitalized word is part of the name of a place or an institution.

Shared by the people-list matcher (:mod:`.names`) and the name heuristic
(:mod:`.likely_names`): "Chester" in "West Chester", "Justice" in "Department
of Justice", "Montgomery" in "Montgomery County", "Mercy" in "Mercy
Hospital", "Mendoza" in "el condado de Mendoza" name no person. A listed name
found there is reported with low confidence; the heuristic skips it.
"""

from __future__ import annotations

import re
import unicodedata

from tipline.export.pii.namewords import INSTITUTION_WORDS, word_set

#: Words that start a place name: "West Chester", "Fort Smith", "San José".
PLACE_PREFIXES = word_set(
    "west east north south new fort ft mount mt port lake saint st san santa santo"
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
    r"|detenci[óo]n|correccional|detention|correctional)"
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
