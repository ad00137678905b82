"""Names from a case's people list, matched leniently.

A reviewer lists the people a case is about (sources, detained people,
relatives, witnesses). Each listed name is found in a summary:

- ignoring case, accents and runs of whitespace or hyphens ("MARIA  PEREZ",
  "María Pérez" and "maria-perez" all match "María Pérez");
- as the full name and as every contiguous part of it: "Pedro Antonio Salas"
  also finds "Pedro Antonio", "Salas" and "Antonio";
- with Spanish particles kept on the surname they belong to: "Juan Carlos de
  la Cruz" yields "de la Cruz" and "Cruz", never "de" or "la" alone;
- with common diminutives (:data:`~.namewords.NICKNAMES`: Rosario -> Chayo,
  Jesús -> Chuy, Guadalupe -> Lupe);
- parts that are also everyday words ("Rosa", "Paz", "Cruz", "Will") only
  when capitalized in the text, so "camisa rosa" stays readable; initials
  ("R.") are never matched on their own.

Findings are ``category="name"``, ``confidence="high"``. A listed name that
is one word of a closed place name ("Chester" in "West Chester", "Justice" in
"Department of Justice", "Montgomery County", :func:`.places.names_a_place`)
is no finding: it names nobody. In a looser place-like context ("la estación
Nájera", "Mercy Park", :func:`.places.in_place_name`) it is ``"low"``: the
reviewer decides, and approval does not insist.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

from tipline.export.pii.findings import Confidence, Finding
from tipline.export.pii.namewords import COMMON_WORD_PARTS, NICKNAMES, PARTICLES
from tipline.export.pii.places import in_place_name, names_a_place

_SPACE_LIKE = frozenset(" \t\r\n\f\v\u00a0-‐‑–")


def fold(text: str) -> tuple[str, list[int]]:
    """Case- and accent-fold ``text``; collapse whitespace and hyphens into one
    space. Returns the folded text and, for each folded character, the index
    of the original character it came from."""
    out: list[str] = []
    index: list[int] = []
    in_space = False
    for i, ch in enumerate(text):
        if ch in _SPACE_LIKE or ch.isspace():
            if not in_space:
                out.append(" ")
                index.append(i)
            in_space = True
            continue
        in_space = False
        if ch == "’":
            ch = "'"
        for part in unicodedata.normalize("NFD", ch):
            if unicodedata.combining(part):
                continue
            for folded in part.casefold():
                out.append(folded)
                index.append(i)
    return "".join(out), index


def fold_word(word: str) -> str:
    """:func:`fold` for a single word, without the index map."""
    return fold(word)[0].strip()


def _groups(name: str) -> list[str]:
    """Name parts with particles attached to the part that follows them."""
    tokens = [t.strip(".,;") for t in fold(name)[0].replace(",", " ").split()]
    groups: list[str] = []
    pending: list[str] = []
    for token in tokens:
        if not token:
            continue
        if token in PARTICLES:
            pending.append(token)
            continue
        groups.append(" ".join([*pending, token]))
        pending = []
    if pending and groups:
        groups[-1] = " ".join([groups[-1], *pending])
    return groups


def name_variants(name: str) -> set[str]:
    """Folded phrases that count as a mention of ``name``."""
    groups = _groups(name)
    variants: set[str] = set()
    for i in range(len(groups)):
        for j in range(i + 1, len(groups) + 1):
            variants.add(" ".join(groups[i:j]))
    for group in groups:
        bare = group.split()[-1]
        variants.add(bare)
        variants.update(NICKNAMES.get(bare, ()))
    # Initials and one-letter leftovers would match everywhere.
    return {v for v in variants if len(v.replace(" ", "").replace(".", "")) >= 2}


def _patterns(people: Iterable[str]) -> list[tuple[re.Pattern[str], bool]]:
    variants: set[str] = set()
    for person in people:
        variants |= name_variants(person)
    ordered = sorted(variants, key=lambda v: (-len(v), v))
    return [(re.compile(rf"(?<!\w){re.escape(v)}(?!\w)"), v in COMMON_WORD_PARTS) for v in ordered]


def people_names(text: str, people: Sequence[str]) -> list[Finding]:
    """Mentions of the listed people in ``text``, longest variants first."""
    if not people:
        return []
    folded, index = fold(text)
    taken: list[tuple[int, int]] = []
    found: list[Finding] = []
    for pattern, needs_capital in _patterns(people):
        for match in pattern.finditer(folded):
            start = index[match.start()]
            end = index[match.end() - 1] + 1
            if needs_capital and not text[start].isupper():
                continue
            if any(s < end and start < e for s, e in taken):
                continue
            taken.append((start, end))
            if names_a_place(text, start, end):
                continue
            confidence: Confidence = "low" if in_place_name(text, start, end) else "high"
            found.append(Finding(start, end, "name", text[start:end], confidence))
    return sorted(found)
