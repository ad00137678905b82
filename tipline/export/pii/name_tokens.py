"""Words of a text as the name heuristic reads them (:mod:`.likely_names`).

A :class:`Word` knows where it stands, its folded form and whether a period
follows it (an initial, "Sgt."); :func:`joined` says whether two words can
be parts of one name (one space, a line break inside a first and last name,
an initial's period) and :func:`sentence_start` whether a word is
capitalized only because a sentence starts there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tipline.export.pii.name_lexicon import is_first_name, is_name, is_surname
from tipline.export.pii.names import fold_word
from tipline.export.pii.namewords import TITLES

_WORD = re.compile(r"[^\W\d_][\w'’-]*")

#: Any capital letter, for patterns: "Ł", "Ș", "Ễ" and "Ö" as well as "Ñ"
#: (``re`` has no class for it; Latin, Greek and Cyrillic capitals).
UPPER = "[" + "".join(c for c in map(chr, range(0x41, 0x2000)) if c.isupper()) + "]"

BOUNDARY = frozenset(".!?¿¡:;/|\n…•")

_ARTICLE_PREFIX = re.compile(r"(?:al|el|ad|ud|ul|d|l)[-'’][A-ZÁÉÍÓÚÑ]")

ABBREVIATIONS = frozenset({"st", "av", "avda", "no", "jr", "col", "blvd", "apt", "calz"})


@dataclass(frozen=True)
class Word:
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
        # "el-Sayed", "al-Masri", "d'Souza": an Arabic or Romance article
        # before a capitalized surname.
        if _ARTICLE_PREFIX.match(self.text):
            return True
        return self.text[0].isupper() and (self.is_initial or len(self.text) > 1)


def tokenize(text: str) -> list[Word]:
    words = []
    for m in _WORD.finditer(text):
        token = re.sub(r"['’]s$", "", m.group())
        dotted = m.end() < len(text) and text[m.end()] == "."
        words.append(Word(m.start(), m.end(), m.group(), fold_word(token), dotted))
    return words


def joined(text: str, prev: Word, word: Word) -> bool:
    gap = text[prev.end : word.start]
    if gap == " ":
        return True
    if gap == "\n":
        # A first and last name broken over a line ("Wayne\nWilliams",
        # "Azeneth\nOrtega": a given name the lists lack, then a surname).
        return is_name(word.folded) and (is_first_name(prev.folded) or is_surname(word.folded))
    return gap == ". " and (prev.is_initial or prev.folded in TITLES | ABBREVIATIONS)


def sentence_start(text: str, words: list[Word], i: int) -> bool:
    if i == 0:
        return not text[: words[0].start].strip(" \"'“(")
    prev = words[i - 1]
    gap = text[prev.end : words[i].start]
    if not any(ch in BOUNDARY for ch in gap):
        return False
    # "Sgt. Ruiz", "R. Ruiz": the period ends an abbreviation, not a sentence;
    # but "No." before a word is the end of "no." ("ICE says no. Send"), and
    # a bar or a line break after the period still starts something new.
    abbreviation = prev.is_initial or prev.folded in TITLES | ABBREVIATIONS - {"no"}
    if gap.startswith(".") and abbreviation:
        return any(ch in BOUNDARY for ch in gap[1:])
    return True
