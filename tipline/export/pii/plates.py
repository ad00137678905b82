"""Licence plates: plate-shaped tokens in a vehicle context.

A plate on its own looks like any other code ("I-476", "B-12", "2019"), so a
token is only taken near a cue, in English or Spanish:

- a plate word ("plate", "tag", "placa", "matrícula", "registration"): the
  token may follow in the same sentence or line (``tag was kzx-4471``), or
  come just before it (``KZX-4471 plates``); when the cue's line ends with a
  colon, the list lines under it count too (``Plates:\\n- ABC 123\\n- 4471``);
- a vehicle word ("van", "truck", "car", "camioneta", "troca", "patrulla") or
  a make with its model ("Ram 1500", "Ford F-150", "Chevrolet Express 3500"):
  the model is skipped, so ``Ram 1500 BSM-6726`` gives ``BSM-6726``.

Plate shape: one to three groups of letters and digits joined by one space or
dash, 4 to 10 characters in all, with a digit; letters upper case (any case
right after a plate word); a token of digits only needs a plate word or a
list and a separator (``348-239``). A leading state code ("PA 326JWI") is
kept with the plate: it is written as part of it.

A cue reaches to the end of its sentence or line, at most 60 characters; a
line break inside a name ("registered to Wayne\nWilliams (KZX-4471)", a
letter wrapped by hand) does not end it.
"""

from __future__ import annotations

import itertools
import re

from tipline.export.pii.findings import Finding, make
from tipline.export.pii.name_lexicon import is_first_name, is_name
from tipline.export.pii.names import fold_word
from tipline.export.pii.namewords import FUNCTION_WORDS

_PLATE_WORDS = re.compile(
    r"\b(?:licen[cs]e\s+plates?|plates?|tags?|placas?|matr[íi]culas?|registration|reg\.|tablillas?|patentes?)"
    r"(?:\s+(?:number|no\.?|n[úu]mero|#))?",
    re.IGNORECASE,
)
_MAKES = (
    r"ford|chevy|chevrolet|ram|dodge|gmc|toyota|honda|nissan|jeep|hyundai|kia|subaru|mazda"
    r"|volkswagen|vw|bmw|mercedes-benz|tesla|buick|cadillac|lincoln|chrysler|mitsubishi"
    r"|acura|lexus|infiniti|volvo|freightliner|pontiac|mercury|saturn|isuzu|suzuki"
)
# A model name or number ("Tahoe", "F-150", "3500"); a number followed by a
# short letter group is the plate instead ("Sienna 0601 TNC"), unless digits
# follow that group ("Ram 1500 GEF 0286").
_MODEL = r"(?:[A-Z][a-z][\w-]*|[A-Z]?-?[1-9]\d{1,3}(?![\w-])(?!\s[A-Z]{1,3}(?![\w-])(?!\s\d)))"
_VEHICLE_WORDS = (
    r"van|vans|truck|trucks|car|cars|suv|pickup|pick-up|sedan|vehicle|vehicles|cruiser"
    r"|bus|minivan|coupe|hatchback|camioneta|camionetas|troca|trocas|carro|carros|coche"
    r"|coches|patrulla|patrullas|furgoneta|furgonetas|veh[íi]culo|veh[íi]culos|auto|autos"
)
# Case matters for the model: "Tahoe" or "1500" is one, "AWY 0830" is the plate.
_VEHICLE = re.compile(rf"\b(?i:{_VEHICLE_WORDS})\b")
MAKE_MODEL = re.compile(rf"\b(?i:{_MAKES})\b(?:\s+{_MODEL}){{0,2}}")
_WORD = re.compile(r"[A-Za-z0-9]+")
_NOT_PLATE_WORDS = frozenset(
    {"was", "is", "es", "era", "number", "numero", "número", "no", "the", "a", "una", "un"}
)
_SENTENCE_END = re.compile(r"[.!?;]\s+(?=[A-ZÁÉÍÓÚÑ¿¡\"“(])|[.!?]$|\n")
_LIST_LINE = re.compile(r"[ \t]*(?:[-*•–·]|\d{1,2}[.)])[ \t]+[^\n]*")
_WINDOW = 60
_TOKEN_END = re.compile(r"[\w-]*")


def _shape_ok(token: str, *, loose: bool, minimum: int, digits_only: bool) -> bool:
    chars = re.sub(r"[\s-]", "", token)
    letters = sum(ch.isalpha() for ch in chars)
    digits = sum(ch.isdigit() for ch in chars)
    if not (minimum <= len(chars) <= 10 and chars.isalnum() and digits >= 1 and letters <= 7):
        return False
    if letters == 0:
        # Digits alone: after a plate word if split ("348-239"), in a plate
        # list, or right after a make and model ("Chevy Tahoe, 2-53749").
        split = bool(re.search(r"[\s-]", token))
        return (digits_only and (loose or split)) or (loose and split)
    return True


def _plates_in(
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
                if any(gap not in (" ", "-") for gap in gaps):
                    continue
                token = text[group[0].start() : group[-1].end()]
                upper_ok = token == token.upper()
                if not (upper_ok or loose):
                    continue
                # "in 2023", "PAW 4482 y": a letters-only word must be upper case
                # (right after a plate word, an all-lowercase "kzx-4471" is fine).
                lowercase_ok = (
                    loose
                    and token == token.lower()
                    and not any(w.group() in FUNCTION_WORDS or len(w.group()) > 4 for w in group)
                )
                if not lowercase_ok and any(
                    w.group().isalpha() and not w.group().isupper() for w in group
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


_LAST_WORD = re.compile(r"([^\W\d_]+)[ \t]*$")
_FIRST_WORD = re.compile(r"[ \t]*([^\W\d_]+)")


def _inside_a_name(text: str, newline: int) -> bool:
    """Whether the line break at ``newline`` splits a first and a last name."""
    before = _LAST_WORD.search(text, max(0, newline - 30), newline)
    after = _FIRST_WORD.match(text, newline + 1)
    if not (before and after):
        return False
    first, last = before.group(1), after.group(1)
    return (
        first[0].isupper()
        and last[0].isupper()
        and is_first_name(fold_word(first))
        and is_name(fold_word(last))
    )


def _window_end(text: str, start: int) -> int:
    limit = min(len(text), start + _WINDOW)
    position = start
    while (stop := _SENTENCE_END.search(text, position, limit)) is not None:
        if stop.group() == "\n" and _inside_a_name(text, stop.start()):
            position = stop.end()
            continue
        return stop.start()
    return limit


def _list_after(text: str, cue_end: int) -> tuple[int, int] | None:
    """The list lines under a cue whose line ends with a colon."""
    line_end = text.find("\n", cue_end)
    if line_end == -1 or not text[cue_end:line_end].rstrip().endswith(":"):
        return None
    position = end = line_end + 1
    while (line := _LIST_LINE.match(text, position)) is not None:
        end = line.end()
        position = end + 1
    return (line_end + 1, end) if end > line_end + 1 else None


_NEXT_START = re.compile(r"[.!?;:]?\s+")


def _next_sentence(text: str, cue_end: int, window_end: int) -> list[Finding]:
    """A cue that ends its sentence names the plate in the next, short one:
    "I wrote down the plate. It was LGP-6962." / "Anoté la patente. Era 7L 81514."
    """
    if window_end - cue_end > 2 or "\n" in text[cue_end : window_end + 2]:
        return []
    start = _NEXT_START.match(text, cue_end)
    if start is None:
        return []
    end = _window_end(text, start.end())
    return _plates_in(text, start.end(), min(end, start.end() + 30), loose=False, minimum=4)


def plates(text: str) -> list[Finding]:
    """Plate-shaped tokens near a plate word or a vehicle."""
    found: list[Finding] = []
    for cue in _PLATE_WORDS.finditer(text):
        end = _window_end(text, cue.end())
        # The near part ends with a whole token, never inside one.
        near_end = _TOKEN_END.match(text, min(end, cue.end() + 16)).end()  # type: ignore[union-attr]
        near = _plates_in(text, cue.end(), min(end, near_end), loose=True, minimum=4)
        found += near or _plates_in(text, cue.end(), end, loose=False, minimum=4)
        found += _plates_in(text, max(0, cue.start() - 25), cue.start(), loose=False, minimum=5)
        found += _next_sentence(text, cue.end(), end)
        listed = _list_after(text, cue.end())
        if listed:
            found += _plates_in(text, *listed, loose=True, minimum=4, digits_only=True)
    for cue in _VEHICLE.finditer(text):
        found += _plates_in(text, cue.end(), _window_end(text, cue.end()), loose=False, minimum=5)
    for cue in MAKE_MODEL.finditer(text):
        end = _window_end(text, cue.end())
        found += _plates_in(text, cue.end(), end, loose=False, minimum=5, digits_only=True)
    # A model number is never the plate ("Ram 1500 BSM-6726").
    models = [m.span() for m in MAKE_MODEL.finditer(text)]
    return sorted(f for f in set(found) if not any(s < f.end and f.start < e for s, e in models))
