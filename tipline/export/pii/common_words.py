"""Ordinary English and Spanish words: what a name of any origin is not.

Name lists know the names of some countries well and most others not at all
("Olabode", "Durdu", "Wafula" are on none of ours). What every name shares is
that it is not an everyday word of the language around it. The word
frequency lists that ``pyspellchecker`` (MIT) ships, counted from film and TV
subtitles (OpenSubtitles), tell the two apart: a word said often enough in
English or Spanish is ordinary; a word heard rarely or never, in a place
where a person is named (after "Name:", "hi this is", a chat speaker, a
"LAST, First" row), is likely a name.

The lists hold names too ("maria", "smith"): :func:`ordinary` answers only
"is this an everyday word", and the callers ask the name lists first.
Nothing is downloaded: the lists are files of the installed wheel, read
once, on first use.
"""

from __future__ import annotations

import gzip
import json
from functools import cache
from importlib import resources

from tipline.export.pii.names import fold_word

#: Counts per language below which a word is rare: about the 20,000 most
#: frequent English words and 15,000 Spanish ones (the lists hold 160,000 and
#: 86,000, with names, misspellings and loan words in their long tails).
_THRESHOLDS = {"en": 400, "es": 120}


@cache
def _ordinary_words() -> frozenset[str]:
    words: set[str] = set()
    package = resources.files("spellchecker") / "resources"
    for language, threshold in _THRESHOLDS.items():
        with gzip.open(package.joinpath(f"{language}.json.gz").open("rb")) as raw:
            counts: dict[str, int] = json.load(raw)
        words.update(fold_word(w) for w, n in counts.items() if n >= threshold)
    return frozenset(words)


def ordinary(word: str) -> bool:
    """``word`` is an everyday English or Spanish word (case and accents
    ignored), not something heard rarely or never. A Spanish feminine or
    plural of an everyday word is everyday too ("usuaria", "detenidas")."""
    folded = fold_word(word)
    words = _ordinary_words()
    if folded in words:
        return True
    for ending, other in (("a", "o"), ("as", "os"), ("es", ""), ("s", "")):
        stem = folded[: -len(ending)]
        if folded.endswith(ending) and len(stem) > 2 and stem + other in words:
            return True
    return False


def rare_word(word: str) -> bool:
    """Letters only (apostrophes and hyphens inside allowed), three or more,
    with a vowel, and no everyday word: what an unlisted name looks like."""
    letters = word.replace("'", "").replace("’", "").replace("-", "")
    if len(letters) < 3 or not letters.isalpha():
        return False
    if not any(c in "aeiouyáéíóúàèìòùâêîôûäëïöüãõåæøœıəăâơư" for c in letters.lower()):
        return False
    # "al-Mahbub", "Starkenberg-Frerichs": each longer part; "al", "el" are
    # the article every such name starts with.
    parts = [p for p in word.replace("’", "'").split("-") if len(p) >= 3]
    return bool(parts) and not any(ordinary(part) for part in parts)
