"""An evaluation set whose sentences nobody on the project wrote: Presidio's templates.

Usage::

    python bench/redaction_presidio.py              # score the detectors on it
    python bench/redaction_presidio.py --misses     # and list what they missed
    python bench/redaction_presidio.py --seed 7     # another draw of the values

Why: every other set in ``bench/`` has templates written by someone on this
project, and the detectors were tuned on or after them. The sentences here
are the evaluation templates Microsoft's Presidio ships
(``bench/data/presidio/``, MIT), filled with Faker values (the test extra)
under a fixed seed, with exact spans. They are English only: Presidio has
no Spanish templates, so Spanish stays covered by the other sets alone.

How placeholders become gold spans (the rules of docs/exports.md):

- ``{{person}}``, ``{{name}}``, ``{{name_female}}`` ...: a first and last
  name (en_US or es_MX, chosen per name, recorded as ``origin``);
  ``{{first_name*}}`` and ``{{last_name*}}`` a single name. A title from
  ``{{prefix*}}`` stays outside the span. About half of the full names in
  a sentence go on its people list, as a reviewer would list them. As in
  Presidio's own generator, 5% of names are written in lower case.
- ``{{building_number}} {{street_name}}`` (with a ``{{secondary_address}}``
  on the same line) is one address span; a unit on a line of its own is a
  span of its own; ``{{address}}`` is a street address (maybe with its
  unit) followed by a line with town, state and ZIP, which are not gold.
  A street name without a house number is not an address.
- ``{{phone_number}}``, ``{{email}}``, ``{{url}}``, ``{{ssn}}`` and
  ``{{date_of_birth}}`` are their categories, as Faker writes them.
- Organizations, towns, countries, jobs, years, ages, weekdays and other
  dates are context: findings on them count against precision. (Faker's
  company and town names are often made of surnames and first names,
  "Hunter, Simmons and Collier", "Port Andreaview": hard negatives nobody
  here chose.)
- Templates with kinds the detectors do not claim (card numbers, IBANs,
  IP addresses, driver's licences) are left out, rather than counting a
  right redaction of them as a wrong one.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any

from faker import Faker

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import redaction  # noqa: E402  (bench/redaction.py: the scoring)

TEMPLATES = HERE / "data" / "presidio" / "templates.txt"
SEED = 5309
DRAWS = 5  # each template is filled this many times
LOWER_CASE = 0.05
OUT_OF_SCOPE = ("credit_card_number", "iban", "ip_address", "us_driver_license")
PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")
FULL_NAMES = {"person", "name", "name_female", "name_male"}
SINGLE_NAMES = {
    "first_name": "first",
    "first_name_male": "first",
    "first_name_female": "first",
    "first_name_nonbinary": "first",
    "last_name": "last",
    "last_name_male": "last",
    "last_name_female": "last",
}
CATEGORY_OF = {
    "phone_number": "phone",
    "email": "email",
    "url": "url",
    "ssn": "ssn",
    "date_of_birth": "dob",
}


def _nationalities() -> list[list[str]]:
    lines = (HERE / "data" / "presidio" / "nationalities.csv").read_text(encoding="utf-8-sig")
    return [line.split(",") for line in lines.splitlines()[1:] if line]


NATIONALITIES = _nationalities()


def templates() -> list[str]:
    """Presidio's templates that only use kinds the detectors claim."""
    lines = TEMPLATES.read_text(encoding="utf-8").splitlines()
    # The file writes line breaks and some commas escaped, as "\n" and "\,".
    texts = [line.replace("\\n", "\n").replace("\\,", ",") for line in lines if line.strip()]
    return [t for t in texts if not any(f"{{{{{kind}}}}}" in t for kind in OUT_OF_SCOPE)]


class Filler:
    """Faker values for one draw, and the gold spans they make."""

    def __init__(self, seed: int) -> None:
        self.random = random.Random(seed)
        self.fakers = {locale: Faker(locale) for locale in ("en_US", "es_MX")}
        for offset, faker in enumerate(self.fakers.values()):
            faker.seed_instance(seed + offset)
        self.en = self.fakers["en_US"]

    def _origin(self) -> tuple[str, Faker]:
        locale = self.random.choice(sorted(self.fakers))
        return locale, self.fakers[locale]

    def name(self, kind: str) -> tuple[str, str]:
        origin, faker = self._origin()
        if kind in FULL_NAMES:
            first = faker.first_name_female() if kind == "name_female" else faker.first_name()
            value = f"{first} {faker.last_name()}"
        elif SINGLE_NAMES[kind] == "first":
            value = faker.first_name()
        else:
            value = faker.last_name()
        # Presidio's own generator writes a share of names in lower case, as
        # people type them; 5% is its default.
        return (value.lower() if self.random.random() < LOWER_CASE else value), origin

    def date_of_birth(self) -> str:
        # Fixed bounds rather than an age: the set must not change with the day.
        born = self.en.date_between(date(1945, 1, 1), date(2007, 1, 1))
        # Faker's own default, and the US form: neither chosen to suit a detector.
        return born.isoformat() if self.random.random() < 0.5 else born.strftime("%m/%d/%Y")

    def context(self, kind: str) -> str:
        """A value that is not an identifying detail (a hard negative)."""
        if kind == "organization":
            return str(self.en.company())
        if kind == "age":
            return str(self.random.randint(18, 90))
        if kind.startswith("nation"):
            column = {"nationality": 1, "nation_man": 2, "nation_woman": 3, "nation_plural": 4}
            return self.random.choice(NATIONALITIES)[column[kind]].title()
        if kind == "date_time":
            # Faker's date_time() ends at "now", so two runs a second apart
            # differ; a fixed end keeps the set the same every time.
            return str(self.en.date_time_between(datetime(1970, 1, 1), datetime(2025, 1, 1)))
        if kind == "year":
            return str(self.random.randint(1950, 2024))
        return str(getattr(self.en, kind)())


def fill(template: str, filler: Filler, row_id: str) -> dict[str, Any]:
    """One sentence, with its gold spans and people list."""
    text = ""
    spans: list[dict[str, Any]] = []
    parts: list[tuple[str, int, int]] = []  # address pieces, merged below
    full_names: list[tuple[int, int]] = []  # people-list candidates
    position = 0
    for match in PLACEHOLDER.finditer(template):
        text += template[position : match.start()]
        position = match.end()
        kind = match.group(1)
        start = len(text)
        if kind in FULL_NAMES or kind in SINGLE_NAMES:
            value, origin = filler.name(kind)
            text += value
            spans.append({"start": start, "end": len(text), "category": "name", "origin": origin})
            if kind in FULL_NAMES:
                full_names.append((start, len(text)))
        elif kind in CATEGORY_OF:
            if kind == "date_of_birth":
                text += filler.date_of_birth()
            else:
                text += str(getattr(filler.en, kind)())
            spans.append({"start": start, "end": len(text), "category": CATEGORY_OF[kind]})
        elif kind == "address":
            street = filler.en.street_address()
            text += street
            parts.append(("street_address", start, len(text)))
            en = filler.en
            text += f"\n{en.city()}, {en.state_abbr()} {en.postcode()}"
        elif kind in ("building_number", "street_name", "secondary_address"):
            text += str(getattr(filler.en, kind)())
            parts.append((kind, start, len(text)))
        else:
            text += filler.context(kind)
    text += template[position:]
    spans += address_spans(text, parts)
    spans.sort(key=lambda s: s["start"])
    for span in spans:
        span["text"] = text[span["start"] : span["end"]]
    people = [text[start:end] for start, end in full_names if filler.random.random() < 0.5]
    for span in spans:
        if span["category"] == "name":
            span["listed"] = span["text"] in people
    return {
        "id": row_id,
        "split": "presidio" if spans else "presidio-negative",
        "lang": "en",
        "style": "presidio",
        "text": text,
        "people": people,
        "spans": spans,
    }


def address_spans(text: str, parts: list[tuple[str, int, int]]) -> list[dict[str, Any]]:
    """Merge house number, street and a unit on the same line into one span.

    A street name with no house number next to it is not an address; a unit
    (``Suite 317``) is part of the address it sits beside, or a span of its
    own on its own line.
    """
    groups: list[list[tuple[str, int, int]]] = []
    for part in parts:
        if groups and text[groups[-1][-1][2] : part[1]] == " ":
            groups[-1].append(part)
        else:
            groups.append([part])
    spans = []
    for group in groups:
        kinds = {kind for kind, _, _ in group}
        if kinds == {"street_name"}:
            continue
        spans.append({"start": group[0][1], "end": group[-1][2], "category": "address"})
    return spans


def generate(seed: int = SEED) -> list[dict[str, Any]]:
    """Every usable template, filled ``DRAWS`` times."""
    rows = []
    for draw in range(DRAWS):
        filler = Filler(seed * 1000 + draw)
        for number, template in enumerate(templates()):
            rows.append(fill(template, filler, f"presidio-{draw}-{number:03d}"))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--misses", action="store_true", help="list misses and false alarms")
    args = parser.parse_args()
    rows = generate(args.seed)
    score = redaction.evaluate(rows)
    redaction.report(f"presidio templates (seed {args.seed})", rows, score)
    if args.misses:
        print("\n-- misses")
        print("\n".join(score.misses))
        print("\n-- false alarms")
        print("\n".join(score.false_alarms))


if __name__ == "__main__":
    main()
