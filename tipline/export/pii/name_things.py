"""Capitalized runs that name a thing, not a person.

The name heuristic (:mod:`.likely_names`) asks these, besides the place,
street and firm checks of :mod:`.name_places`, before it reports a run of
capitalized words nobody pointed at as a person:

- **Everyday words in capitals.** A run of two or more everyday English or
  Spanish words, one of them on no name list and none a first name ("Penal
  Code", "Employment Authorization", "Ley Orgánica", "Patrulla Fronteriza",
  "Guardia Civil"), is a law, a form, an agency or a heading. A person's
  name is made of names; the name lists know "Rosa" and "Paz", and a
  surname they lack is a rare word, not an everyday one.
- **A vehicle told by its colour.** "a white Tacoma", "su Tacoma blanca",
  "Vehículo: Sentra gris": a capitalized word with a colour next to it is a
  car model (the plate detector's make-and-model table knows the pairs, not
  a model alone).
- **A payment service.** "Zelle to 555-...", "deposit via JPay": what a
  commissary or bail fund is paid through, never who.
- **An institution a few words on.** "Krome North Service Processing Center",
  "Jena/LaSalle Detention Facility": a building's name runs over capitalized
  words and a slash before its institution word.
"""

from __future__ import annotations

import re

from tipline.export.pii.common_words import ordinary
from tipline.export.pii.name_lexicon import is_first_name, is_name, is_surname
from tipline.export.pii.name_tokens import Word
from tipline.export.pii.namewords import INSTITUTION_WORDS, PARTICLES, word_set

_COLOURS = (
    r"white|black|silver|gr[ae]y|red|blue|green|gold|tan|beige|brown|maroon|burgundy|dark|light"
    r"|blanc[oa]|negr[oa]|plateado|plateada|gris|roj[oa]|azul|verde|dorad[oa]|caf[ée]|guind[oa]"
)
_COLOUR_BEFORE = re.compile(rf"\b(?i:{_COLOURS})[^\S\n]+$")
_COLOUR_AFTER = re.compile(rf"[^\S\n]+(?i:{_COLOURS})\b")

#: Money-transfer and prison-payment services a tip names.
PAYMENT_SERVICES = word_set(
    "zelle venmo cashapp paypal moneygram remitly jpay gettingout securus xoom westernunion"
)

# Words a building's name may run over before its institution word: "North
# Service Processing", "LaSalle" after a slash.
_MAX_NAME_WORDS = 4


def everyday_words(words: list[Word], i: int, j: int) -> bool:
    """Whether the run ``words[i..j]`` of two or more words holds an everyday
    word that is on no name list ("Penal Code", not "Rosa Paz")."""
    run = [w for w in words[i : j + 1] if w.folded not in PARTICLES and not w.is_initial]
    # "Mark Hall", "Stephanie Guerrero": a first name makes it a person's;
    # "Alondra Morcillo": so does a rare word, a name the lists lack.
    if len(run) < 2 or any(is_first_name(w.folded) or not ordinary(w.text) for w in run):
        return False
    return any(not is_name(w.folded) and not is_surname(w.folded) for w in run)


def vehicle_by_colour(text: str, words: list[Word], i: int, j: int) -> bool:
    """ "a white Tacoma", "Tacoma blanca": one word with a colour beside it."""
    if i != j:
        return False
    before = text[max(0, words[i].start - 20) : words[i].start]
    return bool(_COLOUR_BEFORE.search(before) or _COLOUR_AFTER.match(text, words[j].end))


def payment_service(words: list[Word], i: int, j: int) -> bool:
    return any(w.folded in PAYMENT_SERVICES for w in words[i : j + 1])


def institution_further_on(text: str, words: list[Word], j: int) -> bool:
    """An institution word a few capitalized words after ``words[j]``, the
    words joined by single spaces or a slash, none of them a first name."""
    for k in range(j + 1, min(len(words), j + 1 + _MAX_NAME_WORDS)):
        if text[words[k - 1].end : words[k].start] not in (" ", "/"):
            return False
        word = words[k]
        if not word.text[:1].isupper():
            return False
        if word.folded in INSTITUTION_WORDS:
            return k > j + 1 or text[words[j].end : word.start] == "/"
        if is_first_name(word.folded):
            return False
    return False
