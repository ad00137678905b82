"""What a licence plate looks like, once a cue says one is near (:mod:`.plates`).

One to three groups of letters and digits joined by one space, dash or
raised dot, 4 to 10 characters in all, with a digit; letters upper case (any
case right after a plate word); never a label ("PLATE", "DOB"), a date, or a
piece cut out of a longer code; a token of digits only needs a plate word or
a list and a separator (``348-239``). A leading state code ("PA 326JWI") is
kept with the plate: it is written as part of it.
"""

from __future__ import annotations

import itertools
import re

from tipline.export.pii.findings import Finding, make
from tipline.export.pii.namewords import FUNCTION_WORDS

# Whole words (a plate is ASCII, but "española" is one word, never "ola").
_WORD = re.compile(r"[^\W_]+")
_NOT_PLATE_WORDS = frozenset(
    {"was", "is", "es", "era", "number", "numero", "número", "no", "the", "a", "una", "un"}
)
# Labels are never part of a plate ("KIA K5 PLATE YC8-K225", "DOB 1987-09-23").
_LABELS = frozenset(
    {"plate", "plates", "placa", "placas", "tag", "tags", "dob", "ssn", "tel", "reg", "no"}
)
_NOT_IN_LOWER = FUNCTION_WORDS | _NOT_PLATE_WORDS
# Plates are written with a space, a dash or a raised dot between groups
# ("62P•841"), and by hand with spaces around the dash ("XPG - 6326").
_GAPS = (" ", "-", "•", "·", " - ", " – ", "–")
# A piece of a longer code or a date: "1987-09" of "1987-09-23", "04" of "04/11/2024".
_CUT = re.compile(r"-\w|/\d")
_UMLAUTS = str.maketrans("ÄÖÜ", "AOU")
_YEAR = re.compile(r"(?:19|20)\d\d")
_YEAR_WORD = re.compile(r"(?:19|20)\d\d[\s•·-][A-Za-z]{4,}")
# Another plate-shaped token right after: "JVX 2210 AND MRT 5531".
_PLATE_NEXT = re.compile(r"[^\S\n]+(?=[A-Z0-9]*\d)[A-Z0-9]|[^\S\n]+[A-Z]{2,3}[\s-]\d")
_DATE_SHAPE = re.compile(r"(?:19|20)\d\d-\d{1,2}-\d{1,2}|\d{1,2}([/.-])\d{1,2}\1(?:\d{4}|\d{2})")


def _shape_ok(token: str, *, loose: bool, minimum: int, digits_only: bool) -> bool:
    if _DATE_SHAPE.fullmatch(token):
        return False
    chars = re.sub(r"[\s•·–-]", "", token)
    # ASCII, but for the umlauts of German plates ("KÜN-K-831").
    if not chars.translate(_UMLAUTS).isascii():
        return False
    letters = sum(ch.isalpha() for ch in chars)
    digits = sum(ch.isdigit() for ch in chars)
    if not (minimum <= len(chars) <= 10 and chars.isalnum() and digits >= 1 and letters <= 7):
        return False
    if letters == 0:
        # Digits alone: after a plate word if split ("348-239"), in a plate
        # list, or right after a make and model ("Chevy Tahoe, 2-53749").
        split = bool(re.search(r"[\s•·–-]", token))
        return (digits_only and (loose or split)) or (loose and split)
    return True


def _joins_plates(text: str, group: list[re.Match[str]]) -> bool:
    """A function word in ``group`` that ends it before another plate ("JVX
    2210 AND MRT 5531") or stands before letters ("AND MRT 5531", "Y MNX
    22"). Before digits or at the end it is a plate's own letters ("LO 6351
    MT", "HAY 6443", "P 3791 WE", "341 CON")."""
    for i, word in enumerate(group):
        value = word.group()
        if not (value.isalpha() and value.lower() in _NOT_IN_LOWER):
            continue
        if i + 1 < len(group):
            if group[i + 1].group().isalpha():
                return True
        elif i > 0 and _PLATE_NEXT.match(text, word.end()):
            return True
    return False


def plates_in(
    text: str, start: int, end: int, *, loose: bool, minimum: int, digits_only: bool = False
) -> list[Finding]:
    """Every plate-shaped run of 1-3 words in ``text[start:end]``."""
    words = list(_WORD.finditer(text, start, end))
    found: list[Finding] = []
    i = 0
    while i < len(words):
        taken = None
        first = words[i].group()
        title = first.istitle() and len(first) > 1
        if not (first.lower() in _NOT_PLATE_WORDS and (first.islower() or title)):
            for n in (3, 2, 1):
                group = words[i : i + n]
                if len(group) < n:
                    continue
                gaps = [text[a.end() : b.start()] for a, b in itertools.pairwise(group)]
                if any(gap not in _GAPS for gap in gaps) or any(
                    w.group().lower() in _LABELS for w in group
                ):
                    continue
                token = text[group[0].start() : group[-1].end()]
                if _CUT.match(text, group[-1].end()):
                    continue  # the middle of a longer code ("1987-09" of a date)
                upper_ok = token == token.upper()
                if not (upper_ok or loose):
                    continue
                # "in 2023", "PAW 4482 y": a letters-only word must be upper case
                # (right after a plate word, an all-lowercase "kzx-4471" is fine).
                # A code joined by dashes ("se-8349-k") may spell a word.
                coded = bool(gaps) and all(gap == "-" for gap in gaps)
                lowercase_ok = (
                    loose
                    and token == token.lower()
                    and not any(
                        (w.group() in _NOT_IN_LOWER and not coded) or len(w.group()) > 4
                        for w in group
                    )
                )
                if not lowercase_ok and any(
                    w.group().isalpha() and not w.group().isupper() for w in group
                ):
                    continue
                # "THE PLATES WERE JVX 2210 AND MRT 5531": a word in capitals
                # ("AND", "SON", "Y") joins plates and is part of none; nor is
                # a year before a word ("2017 GRAY NISSAN").
                if not coded and _joins_plates(text, group):
                    continue
                if n > 1 and _YEAR_WORD.fullmatch(token):
                    continue
                # ... nor a year before a word in capitals ("DE 1964 ME PARARON").
                last = group[-1].group()
                if (
                    n > 1
                    and _YEAR.fullmatch(first)
                    and last.isalpha()
                    and last.lower() in _NOT_IN_LOWER
                ):
                    continue
                if _shape_ok(token, loose=loose, minimum=minimum, digits_only=digits_only):
                    taken = (group[0].start(), group[-1].end(), n)
                    break
        if taken:
            finding = make(text, taken[0], taken[1], "plate")
            if finding:
                found.append(finding)
            i += taken[2]
        else:
            i += 1
    return found
