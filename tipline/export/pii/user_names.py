"""User names made of names: how a handle with no mark ("jsmith",
"garciamaria", "jamesoyekan") is told from an ordinary word ("around",
"posted", "caller") when no platform or label vouches for it.

Faker-like and real user names alike are a first name and a surname run
together, an initial and a surname, or a first name and more; an ordinary
word split in two passes too easily, so each test is stricter than
:func:`.name_lexicon.is_joined_names`.
"""

from __future__ import annotations

from tipline.export.pii.name_lexicon import is_first_name, is_surname
from tipline.export.pii.namewords import all_stop_words, word_set

# Two consonants that start English or Spanish words ("smiles", "bright",
# "shore"): a letter before a surname that makes one is a word, not an initial.
_ONSETS = word_set(
    "bl br ch cl cr dr dw fl fr gl gn gr kl kn kr ll ph pl pr ps qu sc sh sk sl sm sn sp sq st sw"
    " th tr ts tw wh wr"
)


def names_run_together(token: str) -> bool:
    """Names run together as user names are made: a first name and a surname
    (:func:`first_and_surname`) or an initial and a surname. An initial
    before a surname often spells a word ("around" is "a" + "round", "smiles"
    "s" + "miles", "fallen" "f" + "allen"), so the pair must start no word
    ("jsmith", "ztorres"), or the surname must be long ("bortega",
    "ugonzalez")."""
    word = token.lower()
    if first_and_surname(word):
        return True
    if not initial_and_surname(word):
        return False
    if word[0] in "aeiouy":
        return len(word) >= 8
    if word[1] in "aeiouy":
        return len(word) >= 7
    return word[:2] not in _ONSETS


def initial_and_surname(token: str) -> bool:
    """A letter and a surname of five letters or more ("jrivera"). Loose: many
    words are a letter and a surname ("charges", "reason"), so
    :func:`names_run_together` asks more of it, and :mod:`.chat_speakers`
    takes it only beside another speaker's user name."""
    word = token.lower()
    return word.isascii() and word.isalpha() and len(word) >= 6 and is_surname(word[1:])


def first_name_and_more(token: str) -> bool:
    """A first name of four letters or more and three more letters:
    "jamesoyekan" (a surname on no list), not "caller" or "visitor", nor a
    name alone ("marisol" is a person's name, not a user name)."""
    word = token.lower()
    if not (word.isascii() and word.isalpha()) or is_first_name(word) or is_surname(word):
        return False
    return any(is_first_name(word[:cut]) for cut in range(4, len(word) - 2))


def first_and_surname(token: str) -> bool:
    """A first name and a surname run together, either order ("lauramitchell",
    "garciajessica", "analopez"): stricter than :func:`is_joined_names`, for
    user names away from a cue, where a word split in two would pass ("posted"
    is "pos" + "ted"). The first name has four letters, or three before a
    surname of five or more."""
    word = token.lower()
    if not (word.isascii() and word.isalpha()) or word in all_stop_words():
        return False
    for cut in range(3, len(word) - 2):
        head, tail = word[:cut], word[cut:]
        if is_first_name(head) and is_surname(tail) and (cut >= 4 or len(tail) >= 5):
            return True
        if is_surname(head) and is_first_name(tail) and len(tail) >= 4:
            return True
    return False
