"""What a sentence says about one capitalized run, for the name heuristic.

:mod:`.likely_names` reads a run of capitalized words by its words; these
read the words around it:

- :func:`person_cue`: a lone word on no name list is still a person when
  the sentence says so: "according to Grzegorz,", "según Okafor,", or a
  verb only people take right after it ("Oyelaran has been held", "Diallo
  fue deportado", "Okafor's lawyer"; "Adaeze called", "Kofi asked" when
  not at a sentence start, where "Officials asked" is as likely; "they
  deported Oyelaran", "agents took Kwabena"). The name
  lists are American and Iberian, so most West African, Polish or
  Vietnamese names are on none of them; the sentence is the evidence left.
- :func:`joined_before`: "Bartosz and Dorota Nowak": a given name joined
  to a full name that follows shares its surname.
- :func:`institution_after`: "T. Don Hutto Residential Center": a title
  before a run is no person's when a building word follows it (a surname
  that is also a building word and ends the run, "Detainee Amy Hall", is
  still a name).
- :func:`unstop_vietnamese`: "Le Thi Hoa", "Do Van Nam": Vietnamese puts
  "Thi" or "Van" between the family name and the given name, so a short
  family name that is also a function word ("Le", "Do", "Ho") before them
  is part of the name.
"""

from __future__ import annotations

import re

from tipline.export.pii.findings import Finding
from tipline.export.pii.name_lexicon import is_surname
from tipline.export.pii.name_tokens import UPPER, Word, joined
from tipline.export.pii.names import fold_word
from tipline.export.pii.namewords import INSTITUTION_WORDS, KIN, TITLES, all_stop_words

_SOURCE_BEFORE = re.compile(
    r"(?:\b(?i:according\s+to|per|seg[úu]n|de\s+acuerdo\s+con|conforme\s+a))[^\S\n]+$"
)
_PERSON_VERB_AFTER = re.compile(
    r"[^\S\n]+(?i:(?:has|had)\s+been|was|is|fue|est[áa]|sigue|lleva)[^\S\n]+"
    r"(?i:still[^\S\n]+|todav[íi]a[^\S\n]+|a[úu]n[^\S\n]+)?"
    r"(?i:held|detained|taken|moved|transferred|arrested|deported|released|booked|beaten"
    r"|locked\s+up|denied|in\s+(?:segregation|solitary|isolation|the\s+hole)"
    r"|detenid[oa]|trasladad[oa]|deportad[oa]|liberad[oa]|arrestad[oa]|golpead[oa]"
    r"|aislad[oa]|encerrad[oa]|en\s+aislamiento)\b"
)
# Things people do that firms and places rarely do in a tip; not "said",
# which officials, agencies and companies do as often.
# What is done to people: "they deported Oyelaran", "agents took Kwabena".
_PERSON_OBJECT_BEFORE = re.compile(
    r"\b(?i:arrested|detained|deported|transferred|took|moved|released|beat|handcuffed"
    r"|picked\s+up|told|asked|reached|texted)[^\S\n]+$"
)
_SPEAKING_AFTER = re.compile(
    r"[^\S\n]+(?i:told|asked|called|cried|wrote|begged|pidi[óo]|llor[óo])\b"
)
_VIETNAMESE_MIDDLE = frozenset({"thi", "van", "the"})
# "The" in capitals inside a sentence is a title's word ("Gone With The
# Wind"), unless it carries its tone ("Thế") or follows one of the most
# common Vietnamese family names ("Nguyen The Duc").
_VIETNAMESE_FAMILY = frozenset(
    [
        "nguyen",
        "tran",
        "le",
        "pham",
        "hoang",
        "huynh",
        "phan",
        "vu",
        "vo",
        "dang",
        "bui",
        "do",
        "ho",
        "ngo",
        "duong",
        "ly",
    ]
)
_GIVEN_AND = re.compile(rf"(?<![\w'’-])({UPPER}[^\W\d_]+)[^\S\n]+(?:and|y)[^\S\n]+")


def person_cue(text: str, word: Word, *, speaking: bool = True) -> bool:
    """The sentence around ``word`` says it is a person (see the module
    docstring); ``speaking``: a verb of speaking after it counts too."""
    before = text[max(0, word.start - 30) : word.start]
    if _SOURCE_BEFORE.search(before) and text[word.end : word.end + 1] == ",":
        return True
    # "Okafor's lawyer", "Nguyen's wife": someone's tie or role.
    if re.search(r"['’]s$", word.text):
        m = re.match(r"[^\S\n]+([^\W\d_]+)", text[word.end : word.end + 30])
        if m and (m.group(1).casefold() in KIN or m.group(1).casefold() in TITLES):
            return True
    if _PERSON_OBJECT_BEFORE.search(before):
        return True
    if speaking and _SPEAKING_AFTER.match(text, word.end):
        return True
    return _PERSON_VERB_AFTER.match(text, word.end) is not None


def joined_before(text: str, names: list[Finding]) -> list[Finding]:
    """ "Bartosz and Dorota Nowak": a capitalized word joined by "and"/"y" to
    a full name that follows is a given name sharing its surname."""
    found = []
    for f in names:
        if len(f.text.split()) < 2:
            continue
        m = _GIVEN_AND.search(text, max(0, f.start - 40), f.start)
        if m and m.end() == f.start and fold_word(m.group(1)) not in all_stop_words():
            found.append(Finding(m.start(1), m.end(1), "name", m.group(1), "low"))
    return found


def institution_after(text: str, words: list[Word], j: int) -> bool:
    """A building or institution word follows the run ending at ``words[j]``."""
    k = j + 1
    if not (
        k < len(words) and joined(text, words[j], words[k]) and words[k].folded in INSTITUTION_WORDS
    ):
        return False
    after = words[k + 1] if k + 1 < len(words) else None
    goes_on = after is not None and joined(text, words[k], after) and after.capitalized
    return goes_on or not is_surname(words[k].folded)


def unstop_vietnamese(text: str, words: list[Word], stop: list[bool]) -> None:
    """ "Le Thi Hoa", "Nguyễn Văn An": a family name before "Thi"/"Van" and
    a capitalized given name, either of them also a short word."""
    for i in range(len(words) - 2):
        word, middle, given = words[i], words[i + 1], words[i + 2]
        if (
            word.text.istitle()
            and (len(word.text) <= 3 or not stop[i])
            and middle.text.istitle()
            and middle.folded in _VIETNAMESE_MIDDLE
            and (middle.text != "The" or word.folded in _VIETNAMESE_FAMILY)
            and given.text.istitle()
            and joined(text, word, middle)
            and joined(text, middle, given)
        ):
            # ... and a given name that is a word too: "Nguyễn Văn An"; a
            # middle name that is an English word ("Thế") is no stop either.
            stop[i] = stop[i + 2] = False
            if middle.folded == "the":
                stop[i + 1] = False
