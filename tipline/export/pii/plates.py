"""Licence plates: plate-shaped tokens in a vehicle context.

A plate on its own looks like any other code ("I-476", "B-12", "2019"), so a
token is only taken near a cue, in English or Spanish:

- a plate word ("plate", "tag", "placa", "matrícula", "patente", "chapa",
  "LP:"): the token may follow in the same sentence or line (``tag was
  kzx-4471``), on the next line when the cue ends its own, or come just
  before it (``KZX-4471 plates``); a list after the first plate counts too
  (``Plates on scene: C41-FMJ, Z11-HTN and RZ96738``), and so do the lines
  under a cue that ends its line with a colon or stands alone, marked
  (``Plates:\\n- ABC 123\\n- 4471``) or one plate a line; a plate said in
  the next short sentence ("It was 559666.");
- a vehicle word ("van", "truck", "car", "camioneta", "troca", "patrulla") or
  a make with its model ("Ram 1500", "Ford F-150", "Chevrolet Express 3500"):
  the model is skipped, so ``Ram 1500 BSM-6726`` gives ``BSM-6726``; right
  after a make and model, digits alone (``Dodge Charger, 235565``) or a
  short plate in brackets (``Chevy Tahoe (933Z)``). A model in capitals
  right before a plate word that names its own plate is no plate ("FORD
  TRANSIT 350 PLACAS C13-KPA").

Plate shape (:mod:`.plate_shapes`): one to three groups of letters and
digits, 4 to 10 characters, with a digit; digits alone also right after the
plate word (``placas 902319``, never a year).

A cue reaches to the end of its sentence or line, at most 60 characters; a
line break inside a name ("registered to Wayne\nWilliams (KZX-4471)", a
letter wrapped by hand) does not end it.
"""

from __future__ import annotations

import itertools
import re

from tipline.export.pii.common_words import ordinary
from tipline.export.pii.findings import Finding, make
from tipline.export.pii.name_lexicon import is_first_name, is_name
from tipline.export.pii.names import fold_word
from tipline.export.pii.plate_cues import after_a_state, partial_plate
from tipline.export.pii.plate_shapes import plates_in

_PLATE_WORDS = re.compile(
    # ("matrícula consular" is a consulate's ID card, no plate).
    r"\b(?:licen[cs]e\s+plates?|plates?|tags?|placas?|matr[íi]culas?(?!\s+consular)|registration"
    r"|reg\.|tablillas?"
    # Argentina's "chapa"; "LP:" on a form. A whole word: not "Tagle", "Plateau".
    r"|patentes?|chapas?|LP(?=\s*[:#]|[^\S\n]+(?=[A-Z]*\d)[A-Z0-9]))(?!\w)"
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
_MODEL_NAME = r"[A-Z][a-z][\w-]*"
# A letter and a number followed by another token with a digit is a plate,
# not a model: "Jeep Cherokee M36 5HY", but "Ram 1500 O76 0ND".
_MODEL_NUMBER = (
    # Four-digit model numbers are round ("Ram 1500", "Express 3500"; "Yukon
    # 2203" is the plate); a heavy-duty or trim mark may follow: "2500HD".
    r"(?:(?:[1-9]\d{1,2}|[1-9][05]00)(?:HD|LD|XL|SS)?|[A-Z]-[1-9]\d{1,3}|[A-Z][1-9]\d{1,3}(?!\s[A-Z]{0,3}\d)"
    # Two letters and a round number: "Nissan NP300", "Ford XL500".
    r"|[A-Z]{2}[1-9]\d0(?!\s[A-Z]{0,3}\d))"
    r"(?![\w-])"
    r"(?!\s[A-Z]{1,3}(?![\w-])(?!\s\d))"
    # ... nor a mixed group that ends the plate ("Jeep Cherokee 681 KL6").
    r"(?!\s(?=[A-Z]{0,2}\d)(?=\d{0,2}[A-Z])[A-Z0-9]{3}(?![\w-])(?!\s[A-Z]{0,3}\d))"
)
_VEHICLE_WORDS = (
    r"van|vans|truck|trucks|car|cars|suv|pickup|pick-up|sedan|vehicle|vehicles|cruiser"
    r"|bus|minivan|coupe|hatchback|camioneta|camionetas|troca|trocas|carro|carros|coche"
    r"|coches|patrulla|patrullas|furgoneta|furgonetas|veh[íi]culo|veh[íi]culos|auto|autos"
)
# A model named without its make is as good a cue ("2018 Tahoe KLM4421",
# "Tsuru blanco MNX-2231"): the models agencies and families drive most,
# capitalized, as a name is written.
_MODELS = (
    r"Tahoe|Suburban|Silverado|Yukon|Escalade|Equinox|Malibu|Impala|Explorer|Expedition"
    r"|Escape|Taurus|Transit|Crown\s+Victoria|Charger|Durango|Caravan|Challenger|Civic|Accord"
    r"|Odyssey|Camry|Corolla|Sienna|Tacoma|Tundra|Highlander|RAV4|Altima|Sentra|Tsuru|Versa"
    r"|Maxima|Rogue|Pathfinder|Jetta|Passat|Wrangler|Cherokee|Elantra|Sonata|Tucson|Sorento"
    r"|Sprinter|Lobo|Cheyenne"
)
# Case matters for the model: "Tahoe" or "1500" is one, "AWY 0830" is the plate.
# ("VAN DE VELDE", "van der Berg": a surname's particle, no van.)
_VEHICLE = re.compile(
    rf"\b(?:(?i:{_VEHICLE_WORDS})|{_MODELS})\b(?!\s+(?i:de|der|den|dem|het|'t)\b\s+[A-Z])"
)
MAKE_MODEL = re.compile(
    rf"\b(?i:{_MAKES})\b(?P<model>(?:\s+{_MODEL_NAME}){{0,2}}(?:\s+{_MODEL_NUMBER})?)"
)
_SENTENCE_END = re.compile(r"[.!?;]\s+(?=[A-ZÁÉÍÓÚÑ¿¡\"“(])|[.!?]$|\n")
_LIST_LINE = re.compile(r"[ \t]*(?:[-*•–·]|\d{1,2}[.)])[ \t]+[^\n]*")
_BARE_LINE = re.compile(
    r"[ \t]*(?=[^\n]*\d)[A-Za-zÄÖÜ0-9][A-Za-zÄÖÜ0-9•· -]{2,10}[A-Za-z0-9][ \t]*(?=\n|$)"
)
_PLATE_CELL = r"[ \t]*((?=[A-Z0-9•· -]*\d)[A-Z0-9][A-Z0-9•· -]{2,10}[A-Z0-9])[ \t]+"
_DESCRIBED_LINE = re.compile(rf"{_PLATE_CELL}(?:\(|[-–—:][ \t])[^\n]*(?=\n|$)")
# In a list under a cue, also a plate then what it is on with no mark:
# "Unmarked cars seen today:\nHJK 2231 silver Impala".
_LISTED_LINE = re.compile(
    rf"{_PLATE_CELL}(?:\(|[-–—:][ \t]|(?!(?:is|was|are|were|es|era|fue|the|el|la)\b)[a-z])"
    r"[^\n]*(?=\n|$)"
)
_WINDOW = 60
_TOKEN_END = re.compile(r"[\w-]*")


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


def _list_after(text: str, cue_end: int) -> list[tuple[int, int]]:
    """The list lines under a cue that ends its line with a colon or alone:
    marked (``- ABC 123``), one plate-shaped token a line (``KZX-4471``), or
    a plate and what it is on (``JLK 2231 (white Tahoe)``: the plate part)."""
    line_end = text.find("\n", cue_end)
    rest = text[cue_end:line_end].strip() if line_end != -1 else "-"
    if rest not in ("", ":") and not rest.endswith(":"):
        return []
    spans: list[tuple[int, int]] = []
    position = line_end + 1
    while line := (
        _LIST_LINE.match(text, position)
        or _BARE_LINE.match(text, position)
        or (_LISTED_LINE if rest.endswith(":") else _DESCRIBED_LINE).match(text, position)
    ):
        spans.append(
            line.span() if line.re is _LIST_LINE or line.re is _BARE_LINE else line.span(1)
        )
        position = line.end() + 1
    return spans


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
    found = plates_in(text, start.end(), min(end, start.end() + 30), loose=False, minimum=4)
    if not found and (bare := _SAID_DIGITS.match(text, start.end())):
        found = [f for f in [make(text, *bare.span(1), "plate")] if f]
    return found


# "It was 559666." / "Era 902319.": digits alone, said to be the plate.
_SAID_DIGITS = re.compile(r"(?i:it\s+(?:is|was)|era|es|fue)\s+(\d{4,8})(?![\w-])")
# Right after a make and model, digits alone ("Dodge Charger, 235565") or a
# short plate in brackets ("Chevy Tahoe (933Z)").
_AFTER_MODEL = re.compile(
    r",?\s(\d{4,8})(?![\w•·-])(?!\s[A-Z0-9]{1,4}\b)|,\s((?=[A-Z]*\d)[A-Z0-9]{4})(?![\w•·-])"
    r"|\s\(([A-Z0-9]{4}|\d{5,8}|\d{1,3}-\d{3,6})\)"
    # ... or digits split by a dash after a comma: "a silver Charger, 5-03833".
    r"|,\s(\d{1,3}-\d{3,6})(?![\w•·-])"
)
_MODEL_ALONE = re.compile(rf"(?:{_MODELS})$")
# A plate in brackets in a vehicle's sentence: "a gray car (392 6667)",
# "the Ford Transit registered to Maria Santiago (074I)".
_BRACKETED = re.compile(r"\(([^()\n]{4,12})\)")


# A cue that ends its line ("my car plate\nXF5-C004."): the plate is on the next.
_LINE_END = re.compile(r"[^\S\n]*[:#]?[^\S\n]*\n[^\S\n]*")
# More plates after the first: "Plates on scene: C41-FMJ, Z11-HTN, RZ96738".
_LIST_SEPARATOR = re.compile(r"[^\S\n]*(?:[,;/&]|\b(?i:and|y|e)\b)[^\S\n]*(?:(?i:and|y)\s+)?")
# Digits alone right after a plate word: "placas 902319", "Matrícula: 3139".
_BARE_DIGITS = re.compile(
    r"[^\S\n]*(?:[:#]|(?:is|was|es|era|number|n[úu]mero|no\.?)\b)?[^\S\n]*"
    # ... also after where it is from: "placa de Costa Rica 123456".
    r"(?:(?:de|del|from)[^\S\n]+(?:(?-i:[A-Z])[\w'’.-]*[^\S\n]+){1,3})?"
    r"(\d{4,8})(?![\w•·-])",
    re.IGNORECASE,
)
_YEAR = re.compile(r"(?:19|20)\d\d")
# A plate word right after a token: the token is the model ("FORD TRANSIT 350
# PLACAS C13-KPA") when the plate word names its own plate.
_PLATE_WORD_AFTER = re.compile(rf"[^\S\n]+(?:{_PLATE_WORDS.pattern})", re.IGNORECASE)
# A plate wrapped by hand at its space ("plate AYR\n3489,").
_WRAPPED = re.compile(r"[^\S\n]*(?:[:#][^\S\n]*)?([A-Za-z]{2,3}\n[^\S\n]*\d{3,4})(?![\w-])")


def _after_model(text: str, end: int) -> list[Finding]:
    after = _AFTER_MODEL.match(text, end)
    if after and after.lastindex and not _YEAR.fullmatch(after[after.lastindex]):
        return [f for f in [make(text, *after.span(after.lastindex), "plate")] if f]
    return []


def _listed_after(text: str, plate: Finding) -> list[Finding]:
    """The plates listed after ``plate``, one separator apart."""
    found: list[Finding] = []
    while (separator := _LIST_SEPARATOR.match(text, plate.end)) and separator.end() > plate.end:
        start = separator.end()
        following = plates_in(
            text, start, min(len(text), start + 14), loose=True, minimum=4, digits_only=True
        )
        # Digits alone count in a list ("plates 95J 652 and 8025"), a year does not.
        if not following or following[0].start != start or _YEAR.fullmatch(following[0].text):
            break
        plate = following[0]
        found.append(plate)
    return found


def _after_plate_word(text: str, cue: re.Match[str]) -> list[Finding]:
    start = cue.end()
    if wrapped := _LINE_END.match(text, start):
        start = wrapped.end()
    end = _window_end(text, start)
    # The near part ends with a whole token, never inside one.
    near_end = _TOKEN_END.match(text, min(end, start + 16)).end()  # type: ignore[union-attr]
    near = plates_in(text, start, min(end, near_end), loose=True, minimum=4)
    found = near or plates_in(text, start, end, loose=False, minimum=4)
    # A colon later in the cue's clause gives the plate, in any case ("la
    # placa del carro que la siguió: ahv 390").
    if not found and (colon := text.find(":", start, end)) != -1:
        after_end = _TOKEN_END.match(text, min(end, colon + 17)).end()  # type: ignore[union-attr]
        found = [
            f
            for f in plates_in(text, colon + 1, after_end, loose=True, minimum=4)
            if not any(ordinary(w) for w in re.findall(r"[^\W\d_]{2,}", f.text))
        ]
    if not found and (wrapped := _WRAPPED.match(text, start)):
        found = [f for f in [make(text, *wrapped.span(1), "plate")] if f]
    # Digits alone right after the plate word, also when a plate follows them
    # ("plates 993011 and PYQ 159").
    bare = _BARE_DIGITS.match(text, start)
    if bare and not _YEAR.fullmatch(bare[1]) and not any(f.start < bare.end(1) for f in found):
        found = [f for f in [make(text, *bare.span(1), "plate")] if f] + found
    for plate in list(found):
        found += _listed_after(text, plate)
    found += plates_in(text, max(0, cue.start() - 25), cue.start(), loose=False, minimum=5)
    found += _next_sentence(text, cue.end(), end)
    for line in _list_after(text, cue.end()):
        found += plates_in(text, *line, loose=True, minimum=4, digits_only=True)
    return found + partial_plate(text, cue.end())


def plates(text: str) -> list[Finding]:
    """Plate-shaped tokens near a plate word or a vehicle."""
    found: list[Finding] = []
    for cue in _PLATE_WORDS.finditer(text):
        found += _after_plate_word(text, cue)
    for cue in _VEHICLE.finditer(text):
        found += plates_in(text, cue.end(), _window_end(text, cue.end()), loose=False, minimum=5)
        # A vehicle that ends its line, and a plate alone on the next one
        # ("black Suburban\nHRX 2231"; not "the van\nABC-1234 is the case code").
        if (wrapped := _LINE_END.match(text, cue.end())) and (
            alone := _BARE_LINE.match(text, wrapped.end())
            or _DESCRIBED_LINE.match(text, wrapped.end())
        ):
            found += plates_in(text, *alone.span(), loose=False, minimum=5)
        # "Their cars:\nJLK 2231 (white Tahoe)": plates listed under a vehicle word.
        for line in _list_after(text, cue.end()):
            found += plates_in(text, *line, loose=False, minimum=5)
    for cue in MAKE_MODEL.finditer(text):
        end = _window_end(text, cue.end())
        found += plates_in(text, cue.end(), end, loose=False, minimum=5, digits_only=True)
        found += _after_model(text, cue.end())
    # A model named alone is as good a cue for what follows it ("Charger, 5-03833").
    for cue in _VEHICLE.finditer(text):
        if _MODEL_ALONE.match(cue.group()):
            found += _after_model(text, cue.end())
    cues = list(itertools.chain(_VEHICLE.finditer(text), MAKE_MODEL.finditer(text)))
    for cue in cues:
        found += _bracketed(text, cue.end(), _window_end(text, cue.end()))
    found += after_a_state(text, [c.span() for c in (*cues, *_PLATE_WORDS.finditer(text))])
    # A model is never the plate ("Ram 1500 BSM-6726"); a make alone may be
    # part of one ("- 3064 GMC").
    models = [m.span() for m in MAKE_MODEL.finditer(text) if m["model"]]
    kept = {
        f
        for f in found
        if not any(s < f.end and f.start < e for s, e in models)
        and not _OTHER_LABEL.search(text, max(0, f.start - 30), f.start)
    }
    # A plate found twice, once with its state ("PA 326JWI") and once without.
    inside = {f for f in kept for g in kept if g != f and g.start <= f.start and f.end <= g.end}
    return sorted(f for f in kept - inside if not _model_before_plate_word(text, f, kept))


# A token labelled as another number is none of a plate, whatever vehicle is
# near: "el número de serie 3VWDX7AJ", "VIN 1FTFW1E5", "case CR-4417".
_OTHER_LABEL = re.compile(
    r"\b(?i:serie|serial|vin|case|caso|booking|ficha|expediente|docket|flight|vuelo)"
    r"[^\S\n]*(?i:no\.?|number|n[úu]mero|#)?[^\S\n]*:?[^\S\n]*$"
)


def _bracketed(text: str, start: int, end: int) -> list[Finding]:
    found: list[Finding] = []
    for bracket in _BRACKETED.finditer(text, start, end):
        inner = plates_in(text, *bracket.span(1), loose=False, minimum=4, digits_only=True)
        found += [f for f in inner if (f.start, f.end) == bracket.span(1)]
    return found


def _model_before_plate_word(text: str, candidate: Finding, found: set[Finding]) -> bool:
    cue = _PLATE_WORD_AFTER.match(text, candidate.end)
    return bool(cue) and any(0 <= f.start - cue.end() <= 20 for f in found)  # type: ignore[union-attr]
