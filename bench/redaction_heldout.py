"""What the held-out set generators (``redaction_heldout5`` to ``8``) share.

Reading their templates and context lists, filling a template's slots, changing a whole
text's case, building a row with exact gold spans, counting spans per category and language. The
templates, values and seeds stay in each generator: sharing them would make
the sets less independent.
"""

from __future__ import annotations

import functools
import random
import re
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any, Protocol

from faker import Faker


def read_templates(path: Path) -> list[tuple[str, str, str, set[str], str]]:
    """(language, ``pos`` or ``neg``, style, flags, template) for each ``@@`` block."""
    found: list[tuple[str, str, str, set[str], str]] = []
    for block in path.read_text(encoding="utf-8").split("\n@@ ")[1:]:
        head, _, body = block.partition("\n")
        lang, kind, style, *flags = head.split()
        lines = [line for line in body.splitlines() if not line.startswith("#")]
        found.append((lang, kind, style, set(flags), "\n".join(lines).strip("\n")))
    return found


def read_lists(path: Path) -> dict[str, list[list[str]]]:
    """``kind<TAB>value[<TAB>more]`` lines by kind (``#`` starts a comment line)."""
    lists: dict[str, list[list[str]]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            kind, *values = line.split("\t")
            lists.setdefault(kind, []).append(values)
    return lists


@functools.cache
def fakers(locales: tuple[str, ...]) -> dict[str, Faker]:
    """One Faker per locale, built once (slow); a generator seeds them again per text."""
    return {loc: Faker(loc) for loc in locales}


class Draws:
    """Random digits and choices from one seeded generator, ``self.r``."""

    r: random.Random

    def digits(self, n: int) -> str:
        return "".join(self.r.choice("0123456789") for _ in range(n))

    def pick(self, options: list[str] | tuple[str, ...] | str) -> str:
        return options[self.r.randrange(len(options))]


class FakerDraws(Draws):
    """A text's values: its own generator and Faker per locale, both seeded
    from the text's seed, and the people list the text fills in. A generator
    names its ``locales`` and its ``spread`` (each Faker is seeded with
    ``seed * spread`` plus its place in ``locales``)."""

    locales: tuple[str, ...]
    spread: int

    def __init__(self, seed: int, lists: dict[str, list[list[str]]]) -> None:
        self.r = random.Random(seed)
        self.f = fakers(self.locales)
        for offset, faker in enumerate(self.f.values()):
            faker.seed_instance(seed * self.spread + offset)
        self.us = self.f["en_US"]
        self.lists = lists
        self.lang = "en"
        self.people: list[str] = []
        self.listed: list[tuple[str, str]] = []


class Filler(Protocol):
    """What a generator's value source answers for each slot of a template."""

    def name(self, kind: str) -> tuple[str, str, bool]: ...  # text, origin, listed
    def detail(self, kind: str) -> str: ...  # a gold value
    def context(self, kind: str) -> str: ...  # never gold


def fill_slots(
    template: str,
    slot: re.Pattern[str],
    values: Filler,
    kinds: tuple[dict[str, str], tuple[str, ...]],
    lang: str,
) -> tuple[str, list[dict[str, Any]]]:
    """``template`` with every slot (``kind`` and optional ``case`` group) filled.

    ``kinds`` is (gold kind to category, name kinds); any other kind is
    context. A span's offsets are taken as its value is written, so they are
    exact by construction.
    """
    gold, name_kinds = kinds
    text, spans, position = "", [], 0
    for match in slot.finditer(template):
        text += template[position : match.start()]
        position = match.end()
        kind, case = match.group(1), match.group(2)
        span: dict[str, Any] | None = None
        if kind in name_kinds:
            value, origin, listed = values.name(kind)
            span = {"category": "name", "origin": origin, "listed": listed}
        elif kind in gold:
            value, span = values.detail(kind), {"category": gold[kind]}
        else:
            value = values.context(kind)
            if lang == "es" and value.startswith("el ") and re.search(r"\b(de|a) $", text):
                text, value = text[:-1] + "l", value[2:]  # "de el CIE" is written "del CIE"
        if case:
            value = getattr(value, case)()
        if span is not None:
            span.update(start=len(text), end=len(text) + len(value))
            spans.append(span)
        text += value
    return text + template[position:], spans


def row(
    row_id: str, name: str, lang: str, text: str, spans: list[dict[str, Any]], people: list[str]
) -> dict[str, Any]:
    """One scored row; each span gets the text it covers (so it is exact by construction)."""
    for span in spans:
        span["text"] = text[span["start"] : span["end"]]
    return {
        "id": row_id,
        "split": name if spans else f"{name}-negative",
        "lang": lang,
        "style": name,
        "text": text,
        "people": list(dict.fromkeys(people)),
        "spans": [{k: s[k] for k in sorted(s)} for s in spans],
    }


def counts(rows: list[dict[str, Any]]) -> Counter[str]:
    """Texts and gold spans per language and category (names split by the list)."""
    tally: Counter[str] = Counter()
    for one in rows:
        lang = one["lang"]
        tally[f"texts/{lang}/{'positive' if one['spans'] else 'negative'}"] += 1
        for span in one["spans"]:
            cat = span["category"]
            if cat == "name":
                cat = "name (listed)" if span["listed"] else "name (other)"
            tally[f"{cat}/{lang}"] += 1
    return tally


def recase(text: str, how: str) -> str:
    """``text`` in capitals, lower case or without accents, one character for one.

    Character by character, so that spans keep their offsets ("İ".lower() is
    two characters; "ß".upper() is "SS").
    """
    change = {"upper": str.upper, "lower": str.lower}.get(how)
    if change is None:
        return "".join(unicodedata.normalize("NFD", ch)[0] for ch in text)
    return "".join(change(ch)[0] for ch in text)


def print_counts(rows: list[dict[str, Any]]) -> None:
    """What the generators print: the counts of one draw."""
    for key, value in sorted(counts(rows).items()):
        print(f"{key:28} {value}")
