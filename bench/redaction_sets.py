"""A second, generated evaluation set for the identifying-detail detectors.

Usage: ``python bench/redaction_sets.py [--check]`` rewrites (or, with
``--check``, compares against) ``tests/export/data/redaction_faker.jsonl``.

Why a generator: the hand-written set in ``redaction_eval.jsonl`` was written
by the same person as the detectors, so it shares their blind spots. Here
every personal value (names, street numbers and names, unit numbers, plates,
dates of birth, emails, user names, phone numbers, SSNs, URLs) and most
neutral ones (cities, surnames inside place names, case numbers, dates,
times, prices) come from Faker's ``en_US``, ``es_MX`` and ``es_ES`` locales
with a fixed seed. What is ours: the sentence templates below (letters,
voicemail transcripts, reviewer notes, chats, form dumps), the way a value is
written (date formats, "LAST, FIRST", a name broken over a line, spoken
emails, Spanish word order for US addresses) and a few vocabulary lists for
template text (vehicle models, jail words). The templates were written before
any detector was changed, and not by reading the detectors' patterns.

Three sets:

- ``tune`` (seed 11, templates ``T_*``): the set the detectors may be tuned on;
- ``heldout`` (seed 29, other locale weights, templates ``H_*``): written at
  the same time, but its misses are not looked at while tuning;
- ``fresh``: ``--seed N`` at run time in bench/redaction.py, a new draw of
  values over every template, never committed.

Each row: ``id``, ``split`` (tune / heldout / negative), ``lang``, ``locale``,
``style``, ``text``, ``people`` (the case's people list) and ``spans`` (start,
end, category, text, and ``listed`` for names on the people list). Hard
negatives have no spans.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from faker import Faker

sys.path.insert(0, str(Path(__file__).resolve().parent))

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "export" / "data" / "redaction_faker.jsonl"
TUNE_SEED, HELDOUT_SEED = 11, 29

MONTHS_EN = "January February March April May June July August September October November December"
MONTHS_ES = (
    "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre"
)
EN_MONTHS = MONTHS_EN.split()
ES_MONTHS = MONTHS_ES.split()
VEHICLES = [
    "Ram 1500",
    "Ford Transit",
    "Chevy Tahoe",
    "Dodge Charger",
    "Ford F-150",
    "Nissan Altima",
    "Honda Civic",
    "Toyota Sienna",
    "Jeep Cherokee",
    "GMC Yukon",
    "Chevrolet Express 3500",
]
PLACE_SHAPES = {
    "en": [
        "{} County Prison",
        "West {}",
        "{} Memorial Hospital",
        "Mount {}",
        "{} Township",
        "Fort {}",
        "{} Street Bridge",
        "the {} Avenue station",
        "{} Correctional Facility",
    ],
    "es": [
        "el condado de {}",
        "la cárcel de {} County",
        "el hospital {} Memorial",
        "West {}",
        "la estación {}",
        "el pueblo de Fort {}",
        "{} Township",
    ],
}
VEHICLES_ES = ["camioneta", "van blanca", "patrulla", "troca", "coche gris", "furgoneta"]


@dataclass
class Built:
    """A sentence being assembled: text so far, gold spans, people list."""

    parts: list[str] = field(default_factory=list)
    spans: list[dict[str, Any]] = field(default_factory=list)
    people: list[str] = field(default_factory=list)

    @property
    def length(self) -> int:
        return sum(len(p) for p in self.parts)

    def plain(self, text: str) -> None:
        self.parts.append(text)

    def detail(self, text: str, category: str, listed: bool = False) -> None:
        start = self.length
        self.parts.append(text)
        span: dict[str, Any] = {
            "start": start,
            "end": start + len(text),
            "category": category,
            "text": text,
        }
        if category == "name":
            span["listed"] = listed
        self.spans.append(span)


# The en_US generator of the current run (US addresses, plates and phones
# appear in Spanish text too), set by generate().
_US: list[Faker] = []


# --- how values are written --------------------------------------------------


# Fixed ends for every drawn date and time: Faker's defaults run to "now",
# which would change the set from one day to the next.
_END = datetime(2025, 6, 30, 23, 59)


def _dob(f: Faker) -> date:
    return f.date_between(date(1947, 1, 1), date(2008, 6, 30))


def dob_en(f: Faker, r: random.Random) -> str:
    d = _dob(f)
    month = EN_MONTHS[d.month - 1]
    return r.choice(
        [
            f"{d.month:02d}/{d.day:02d}/{d.year}",
            f"{d.month}/{d.day}/{d.year % 100:02d}",
            f"{month} {d.day}, {d.year}",
            f"{month[:3]}. {d.day}, {d.year}",
            f"{d.day:02d}-{month[:3].upper()}-{d.year}",
            f"{d.year}-{d.month:02d}-{d.day:02d}",
            f"{d.day} {month} {d.year}",
            f"{month} {d.day} {d.year}",
        ]
    )


def dob_es(f: Faker, r: random.Random) -> str:
    d = _dob(f)
    month = ES_MONTHS[d.month - 1]
    return r.choice(
        [
            f"{d.day} de {month} de {d.year}",
            f"{d.day} {month} {d.year}",
            f"{d.day:02d}/{d.month:02d}/{d.year}",
            f"{d.day}-{d.month}-{d.year}",
            f"{d.day} de {month} del {d.year}",
            f"{month} {d.day} de {d.year}",
            f"{d.day}.{d.month:02d}.{d.year}",
        ]
    )


def any_date(f: Faker, r: random.Random, lang: str) -> str:
    d = f.date_between(date(2021, 7, 1), _END.date())
    if lang == "es":
        return r.choice(
            [
                f"{d.day} de {ES_MONTHS[d.month - 1]}",
                f"{d.day}/{d.month}/{d.year}",
                f"el {d.day} de {ES_MONTHS[d.month - 1]} de {d.year}",
            ]
        )
    return r.choice(
        [
            f"{EN_MONTHS[d.month - 1]} {d.day}",
            f"{d.month}/{d.day}/{d.year}",
            f"{EN_MONTHS[d.month - 1][:3]}. {d.day}, {d.year}",
            f"{d.month}/{d.day}",
        ]
    )


def unit_en(f: Faker, r: random.Random) -> str:
    return r.choice(
        [
            f.secondary_address(),
            f.bothify("Apt ##?").upper(),
            f.bothify("Apt #?").upper(),
            f.numerify("Unit ##"),
            "#" + f.numerify("%#"),
            r.choice(["2nd floor", "3rd Floor", "1st fl", "Fl 2", "basement"]),
            f.numerify("Rm ###"),
            f.bothify("Lot ##"),
        ]
    )


def street_en(f: Faker, r: random.Random) -> str:
    # Faker's street names already end in a USPS suffix, common or not.
    name = f.street_name()
    if r.random() < 0.3:
        name = f"{r.choice(['N.', 'S', 'E.', 'W', 'North', 'South'])} {name}"
    return name


def address_en(f: Faker, r: random.Random) -> str:
    base = f"{f.building_number()} {street_en(f, r)}"
    roll = r.random()
    if roll < 0.45:
        return f"{base}{r.choice([', ', ' ', ' '])}{unit_en(f, r)}"
    if roll < 0.55:
        return base.lower()
    return base


def address_es(f: Faker, r: random.Random, locale: str) -> str:
    if locale != "en_US" and r.random() < 0.45:
        return str(f.street_address()).strip()
    us = _US[0]
    number, street = us.building_number(), us.street_name()
    bare = street.rsplit(" ", 1)[0]
    unit = r.choice(
        [
            "",
            "",
            f", apartamento {us.bothify('#?').upper()}",
            f" apto. {us.numerify('##')}",
            f", depto. {us.numerify('#')}",
            f" piso {r.randint(2, 5)}",
            f" int. {us.numerify('#')}",
        ]
    )
    return r.choice(
        [
            f"calle {bare} {number}{unit}",
            f"{number} de la calle {bare}{unit}",
            f"{number} {street}{unit}",
            f"{street} número {number}{unit}",
            f"avenida {bare} {number}{unit}",
        ]
    )


def plate(f: Faker, r: random.Random, locale: str) -> str:
    if locale == "en_US" or r.random() < 0.4:
        us = _US[0]
        return str(us.license_plate())
    return str(f.license_plate())


def phone(f: Faker, r: random.Random, locale: str) -> str:
    if locale == "en_US" or r.random() < 0.5:
        us = _US[0]
        return str(us.phone_number())
    return str(f.phone_number())


def email_spoken(f: Faker, r: random.Random, lang: str, locale: str) -> str:
    user = f.user_name()
    domain = f.free_email_domain().split(".")[0]
    tld = "es" if locale == "es_ES" and r.random() < 0.6 else r.choice(["com", "net", "mx"])
    if lang == "es":
        return f"{user} arroba {domain} punto {tld}"
    return f"{user} at {domain} dot {tld}"


def a_number(f: Faker, r: random.Random) -> str:
    return f.numerify(
        r.choice(
            [
                "A#########",
                "A-###-###-###",
                "A ###-###-###",
                "A0########",
                "A ### ### ###",
                "A########",
            ]
        )
    )


def ssn(f: Faker, r: random.Random) -> str:
    us = _US[0]
    value = str(us.ssn())
    return r.choice([value, value, value.replace("-", " "), value.replace("-", "")])


def handle(f: Faker, r: random.Random) -> str:
    user = f.user_name()
    return r.choice([f"@{user}", f"@{user}", user, f"{user}_{r.randint(1, 99)}"])


def person(f: Faker, r: random.Random, locale: str) -> tuple[str, str, str]:
    first, last = f.first_name(), f.last_name()
    # Spanish names often carry both surnames.
    if locale != "en_US" and r.random() < 0.4:
        last = f"{last} {f.last_name()}"
    return first, last, f"{first} {last}"


# --- slots: each writes one piece into a sentence ----------------------------


def _name_forms(f: Faker, r: random.Random, b: Built, listed: bool, locale: str) -> None:
    first, last, full = person(f, r, locale)
    if listed:
        b.people.append(full)
    form = r.choice(["full", "full", "first", "last", "caps", "lower", "split"])
    if listed:
        form = r.choice(["full", "first", "last", "caps", "lower"])
    if form == "full":
        b.detail(full, "name", listed)
    elif form == "first":
        b.detail(first, "name", listed)
    elif form == "last":
        b.detail(last, "name", listed)
    elif form == "caps":
        b.detail(f"{last.upper()}, {first.upper()}", "name", listed)
    elif form == "lower":
        b.detail(full.lower(), "name", listed)
    else:
        b.detail(f"{first}\n{last}", "name", listed)


def slot(name: str, f: Faker, r: random.Random, b: Built, lang: str, locale: str) -> None:
    if name == "name":
        _name_forms(f, r, b, False, locale)
    elif name == "pname":
        _name_forms(f, r, b, True, locale)
    elif name == "first":
        b.detail(f.first_name(), "name")
    elif name == "last":
        b.detail(f.last_name(), "name")
    elif name == "address":
        b.detail(address_en(f, r) if lang == "en" else address_es(f, r, locale), "address")
    elif name == "plate":
        b.detail(plate(f, r, locale), "plate")
    elif name == "dob":
        b.detail(dob_en(f, r) if lang == "en" else dob_es(f, r), "dob")
    elif name == "email":
        b.detail(r.choice([f.email, f.free_email, f.company_email])(), "email")
    elif name == "spoken_email":
        b.detail(email_spoken(f, r, lang, locale), "email")
    elif name == "handle":
        b.detail(handle(f, r), "handle")
    elif name == "phone":
        b.detail(phone(f, r, locale), "phone")
    elif name == "ssn":
        b.detail(ssn(f, r), "ssn")
    elif name == "anum":
        b.detail(a_number(f, r), "a_number")
    elif name == "url":
        b.detail(r.choice([f.url, f.uri, lambda: f"facebook.com/{f.user_name()}"])(), "url")
    elif name == "placename":
        # A listed person's surname that is also part of a place's name.
        first, last = f.first_name(), f.last_name()
        b.people.append(f"{first} {last}")
        b.plain(r.choice(PLACE_SHAPES[lang]).format(last))
    elif name == "vehicle":
        b.plain(r.choice(VEHICLES) if lang == "en" or r.random() < 0.3 else r.choice(VEHICLES_ES))
    else:
        b.plain(neutral(name, f, r, lang))


def neutral(name: str, f: Faker, r: random.Random, lang: str) -> str:
    """Values that must stay readable."""
    us = _US[0]
    values: dict[str, Callable[[], str]] = {
        "city": lambda: str(us.city()),
        "county": lambda: f"{us.last_name()} County",
        "jail": lambda: r.choice(
            [
                f"{us.last_name()} County Prison",
                f"{us.city()} Detention Center",
                f"{us.last_name()} County Correctional Facility",
                f"the {us.last_name()} County Jail",
            ]
            if lang == "en"
            else [
                f"la cárcel del condado {us.last_name()}",
                f"el centro de detención de {us.city()}",
                f"la prisión de {us.last_name()} County",
            ]
        ),
        "agency": lambda: r.choice(
            [
                "ICE",
                "ERO Philadelphia",
                "the Department of Homeland Security",
                "CBP",
                "the Department of Justice",
                f"the {us.city()} Police Department",
                "the state police",
                "the U.S. Marshals",
                f"{us.last_name()} Township Police",
            ]
        ),
        "date": lambda: any_date(f, r, lang),
        "time": lambda: r.choice(
            [
                us.time("%H:%M", _END),
                us.time("%-I:%M %p", _END).lower(),
                us.time("%-I %p", _END).lower(),
                us.time("%-I:%M", _END),
            ]
        ),
        "price": lambda: r.choice(
            [
                str(us.pricetag()),
                f"${us.random_int(1, 50)},000",
                f"{us.random_int(100, 9000)} dólares",
            ]
        ),
        "beds": lambda: str(us.random_int(12, 900)),
        "small": lambda: str(us.random_int(2, 40)),
        "case": lambda: us.bothify(
            r.choice(
                [
                    "CP-##-CR-#######-20##",
                    "MJ-#####-CR-#######-20##",
                    "2:2#-cv-0####",
                    "20##-######",
                    "CR-####-20##",
                    "#:##-mj-#####",
                    "20##-CV-####",
                ]
            )
        ),
        "incident": lambda: us.numerify(r.choice(["20##-######", "##-######", "I-20##-#####"])),
        "statute": lambda: r.choice(
            [
                f"18 Pa.C.S. § {us.random_int(901, 7508)}",
                "287(g)",
                "8 U.S.C. § 1357(g)",
                f"75 Pa.C.S. § {us.random_int(1501, 3815)}",
                "INA 236(a)",
                "8 CFR 287.7",
                f"section {us.random_int(101, 999)}(b)",
            ]
        ),
        "form": lambda: r.choice(["I-247A", "I-203", "I-213", "I-200", "G-28", "I-862"]),
        "year": lambda: str(us.random_int(2015, 2025)),
        "company": lambda: str(us.company()),
    }
    return values[name]()


_SLOT = re.compile(r"\{(\w+)\}")


def render(template: str, f: Faker, r: random.Random, lang: str, locale: str) -> Built:
    b = Built()
    position = 0
    for m in _SLOT.finditer(template):
        b.plain(template[position : m.start()])
        slot(m.group(1), f, r, b, lang, locale)
        position = m.end()
    b.plain(template[position:])
    return b


from redaction_templates import (  # noqa: E402
    H_EN,
    H_ES,
    H_NEG_EN,
    H_NEG_ES,
    T_EN,
    T_ES,
    T_NEG_EN,
    T_NEG_ES,
)

SETS: dict[str, dict[str, Any]] = {
    "tune": {
        "seed": TUNE_SEED,
        "es_locales": (("es_MX", 0.6), ("es_ES", 0.4)),
        "positive": (T_EN, T_ES, 360),
        "negative": (T_NEG_EN, T_NEG_ES, 170),
    },
    "heldout": {
        "seed": HELDOUT_SEED,
        "es_locales": (("es_ES", 0.6), ("es_MX", 0.4)),
        "positive": (H_EN, H_ES, 130),
        "negative": (H_NEG_EN, H_NEG_ES, 60),
    },
}


def _locale(r: random.Random, lang: str, weights: tuple[tuple[str, float], ...]) -> str:
    if lang == "en":
        return "en_US"
    roll, total = r.random(), 0.0
    for locale, weight in weights:
        total += weight
        if roll < total:
            return locale
    return weights[-1][0]


def generate(name: str, seed: int | None = None) -> list[dict[str, Any]]:
    """The rows of set ``name`` ("tune" or "heldout"), optionally with another seed."""
    spec = SETS[name]
    seed = spec["seed"] if seed is None else seed
    r = random.Random(seed)
    fakers = {loc: Faker(loc) for loc in ("en_US", "es_MX", "es_ES")}
    for i, faker in enumerate(fakers.values()):
        faker.seed_instance(seed * 10 + i)
    _US[:] = [fakers["en_US"]]
    rows: list[dict[str, Any]] = []
    for kind in ("positive", "negative"):
        english, spanish, per_language = spec[kind]
        for lang, templates in (("en", english), ("es", spanish)):
            for n in range(per_language):
                style, template = (
                    templates[n % len(templates)] if n < len(templates) else r.choice(templates)
                )
                locale = _locale(r, lang, spec["es_locales"])
                built = render(template, fakers[locale], r, lang, locale)
                text = "".join(built.parts)
                rows.append(
                    {
                        "id": f"{name}-{kind[:3]}-{lang}-{n:03d}",
                        "split": name if kind == "positive" else f"{name}-negative",
                        "lang": lang,
                        "locale": locale,
                        "style": style,
                        "text": text,
                        "people": list(dict.fromkeys(built.people)),
                        "spans": built.spans,
                    }
                )
    return rows


def dump(rows: list[dict[str, Any]]) -> str:
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)


def write_or_check(out: Path, rows: list[dict[str, Any]], description: str) -> None:
    """The generators' command line: write ``rows`` to ``out``, or with
    ``--check`` exit 1 when the committed file differs from them."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args()
    text = dump(rows)
    if args.check:
        same = out.read_text(encoding="utf-8") == text
        print("up to date" if same else f"{out} differs from the generator (Faker version?)")
        sys.exit(0 if same else 1)
    out.write_text(text, encoding="utf-8")
    print(f"wrote {out.relative_to(ROOT)}: {text.count(chr(10))} rows")


def main() -> None:
    write_or_check(OUT, generate("tune") + generate("heldout"), __doc__.splitlines()[0])


if __name__ == "__main__":
    main()
