"""A third evaluation set for the identifying-detail detectors, by another author.

Usage: ``python bench/redaction_indep.py [--check]`` rewrites (or, with
``--check``, compares against) ``tests/export/data/redaction_indep.jsonl``.

Why a third set: ``redaction_faker.jsonl`` (bench/redaction_sets.py) was
written by the detectors' author, so its templates share the detectors'
idea of what a tip looks like. This set was written by a different author,
after reading the detectors' documentation but before changing any detector,
and is not used for tuning: only its totals are looked at until the tuning
is over (docs/exports.md says which figures came from which run).

What is different from the other sets:

- **Locales and seed.** Values come from Faker with seed 4243 and locales
  the other sets do not use: ``es_CO``, ``es_AR`` and ``es_CL`` for Spanish
  speakers (their addresses, plates and phone numbers too, for family at
  home), ``en_NG``, ``en_IE``, ``pt_BR`` and ``fr_FR`` names next to
  ``en_US`` ones in English text, and Spanish names in English text.
  ``en_US`` (new seed) supplies US addresses, phones, SSNs and plates.
- **Shapes.** Multi-sentence summaries, intake forms, voicemail and chat
  transcripts with time stamps, forwarded e-mail headers, lawyer's notes;
  the same person mentioned twice in different forms (``{name#1:full}`` ...
  ``{name#1:first}``); numbered and lettered lists; values split from their
  cue by a sentence; national ID numbers (cédula, DNI, RUT).
- **Hard negatives** on real places and institutions rather than invented
  ones: Pennsylvania counties, jails and hospitals (some named after people:
  "George W. Hill Correctional Facility", "Thomas Jefferson University
  Hospital"), streets named after people without a house number, car
  models, case and docket numbers, statutes, non-birth dates, times, money,
  counts, ZIP codes; and people-list names inside real place names
  ("Chester" in "West Chester", "Juárez" in "Ciudad Juárez").

Gold spans follow docs/exports.md: an address is the house number, street
and unit (not town, state or ZIP); a name excludes titles ("Officer"); a
plate excludes its state; a handle keeps its "@". Each row: ``id``,
``split`` (``indep`` or ``indep-negative``), ``lang``, ``style``, ``text``,
``people``, ``spans`` (start, end, category, text; names also ``listed``
and ``origin``, the Faker locale of the name).
"""

from __future__ import annotations

import random
import re
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from faker import Faker

sys.path.insert(0, str(Path(__file__).resolve().parent))

from redaction_indep_templates import (
    EN,
    EN_NEGATIVE,
    ES,
    ES_NEGATIVE,
    PLACES_WITH_NAMES,
)
from redaction_sets import Built, write_or_check

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "export" / "data" / "redaction_indep.jsonl"
SEED = 4243
LOCALES = ("en_US", "en_NG", "en_IE", "pt_BR", "fr_FR", "es_CO", "es_AR", "es_CL")
#: Where the people named in a text come from, by the text's language.
NAME_ORIGINS = {
    "en": (
        ("en_US", 0.45),
        ("es_CO", 0.1),
        ("es_AR", 0.1),
        ("es_CL", 0.1),
        ("en_NG", 0.1),
        ("en_IE", 0.05),
        ("pt_BR", 0.05),
        ("fr_FR", 0.05),
    ),
    "es": (
        ("es_CO", 0.3),
        ("es_AR", 0.25),
        ("es_CL", 0.25),
        ("en_US", 0.15),
        ("pt_BR", 0.05),
    ),
}
HOME_LOCALES = ("es_CO", "es_AR", "es_CL")
PER_LANGUAGE = {"positive": 300, "negative": 150}

MONTHS = {
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    "es": [
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ],
}
TOWNS = [
    "Norristown",
    "Reading",
    "Allentown",
    "Lancaster",
    "York",
    "Hazleton",
    "Pottstown",
    "Bethlehem",
    "Easton",
    "Chambersburg",
    "Gettysburg",
    "Harrisburg",
    "Scranton",
    "Philadelphia",
    "Coatesville",
    "Lebanon",
    "Hanover",
    "Carlisle",
    "Kennett Square",
    "Upper Darby",
    "Wilkes-Barre",
    "State College",
    "Bristol",
    "Lansdale",
]
JAILS = {
    "en": [
        "Moshannon Valley Processing Center",
        "Clinton County Correctional Facility",
        "Pike County Correctional Facility",
        "York County Prison",
        "Berks County Jail",
        "Lehigh County Jail",
        "Montgomery County Correctional Facility",
        "Lancaster County Prison",
        "George W. Hill Correctional Facility",
        "Curran-Fromhold Correctional Facility",
        "SCI Camp Hill",
        "Delaney Hall",
        "the Elizabeth Detention Center",
    ],
    "es": [
        "Moshannon Valley",
        "la cárcel del condado de York",
        "el centro de detención de Moshannon Valley",
        "la prisión de Pike County",
        "la cárcel de Berks",
        "Clinton County",
        "el George W. Hill",
        "la cárcel de Lancaster",
        "Delaney Hall",
    ],
}
AGENCIES = {
    "en": [
        "ICE",
        "ERO Philadelphia",
        "HSI",
        "the Pennsylvania State Police",
        "Upper Darby Police",
        "the sheriff's office",
        "DHS",
        "the immigration court in Philadelphia",
        "CBP",
    ],
    "es": [
        "la migra",
        "ICE",
        "la policía estatal",
        "el sheriff",
        "la corte de inmigración de York",
        "los de HSI",
        "la policía de Reading",
    ],
}
VEHICLES = {
    "en": [
        "Chevy Suburban",
        "Ford Explorer",
        "Dodge Durango",
        "Jeep Grand Cherokee",
        "Toyota Tacoma",
        "Ford Interceptor",
        "Nissan Rogue",
        "Kia Sorento",
        "Chevrolet Silverado 2500",
        "Ford Expedition",
        "Honda Odyssey",
        "GMC Sierra",
        "Dodge Grand Caravan",
    ],
    "es": [
        "Suburban negra",
        "camioneta blanca",
        "Explorer gris",
        "pick-up roja",
        "Durango negra",
        "van blanca sin ventanas",
        "Tahoe negra",
    ],
}
UNITS_EN = [
    "Apt 3B",
    "apt 4",
    "Apartment 2F",
    "# 12",
    "#7",
    "Ste 300",
    "Trlr 14",
    "Lot 7",
    "Bldg 3 Apt 12",
    "Rm 204",
    "Fl 2",
    "3rd Fl",
    "Unit C",
    "Rear",
]
UNITS_ES = ["apto 3", "apartamento 2B", "piso 2", "depto. 4", "int. 6", "cuarto 12", "# 5"]
SUFFIX_SHORT = {
    "Street": "St",
    "Avenue": "Ave",
    "Road": "Rd",
    "Drive": "Dr",
    "Lane": "Ln",
    "Court": "Ct",
    "Boulevard": "Blvd",
    "Place": "Pl",
    "Terrace": "Ter",
    "Circle": "Cir",
}
PHILLY_STREETS = ["5th", "7th", "13th", "22nd", "2nd", "3rd", "9th", "61st"]
STATES = ["PA", "Pennsylvania", "NJ", "New Jersey", "NY", "Maryland", "Delaware"]


@dataclass
class Draw:
    """The random sources for one set, and the values a row refers back to."""

    r: random.Random
    fakers: dict[str, Faker]
    memo: dict[str, Any] = field(default_factory=dict)

    @property
    def us(self) -> Faker:
        return self.fakers["en_US"]

    def pick(self, weights: tuple[tuple[str, float], ...]) -> str:
        roll, total = self.r.random(), 0.0
        for value, weight in weights:
            total += weight
            if roll < total:
                return value
        return weights[-1][0]


# --- values -----------------------------------------------------------------


def _person(
    d: Draw, lang: str, origin: str | None = None, gender: str = ""
) -> tuple[str, str, str]:
    origin = origin or d.pick(NAME_ORIGINS[lang])
    f = d.fakers[origin]
    given = {"m": f.first_name_male, "f": f.first_name_female}.get(gender, f.first_name)
    first, last = str(given()), str(f.last_name())
    if origin.startswith("es_") and d.r.random() < 0.35:
        last = f"{last} {f.last_name()}"
    return first, last, origin


def _name_form(first: str, last: str, form: str) -> str:
    surname = last.split()[0]
    forms = {
        "full": f"{first} {last}",
        "first": first,
        "last": surname,
        "caps": f"{first} {last}".upper(),
        "capsrev": f"{last.upper()}, {first.upper()}",
        "rev": f"{last}, {first}",
        "lower": f"{first} {last}".lower(),
        "initial": f"{first[0]}. {surname}",
        "split": f"{first}\n{last}",
        "firstlast": f"{first} {surname}",
    }
    return forms[form]


NAME_FORMS = ("full", "full", "full", "first", "last", "caps", "capsrev", "lower", "initial")


def dob(d: Draw, lang: str) -> str:
    day = d.us.date_between(date(1950, 1, 1), date(2007, 12, 31))
    month = MONTHS[lang][day.month - 1]
    short = month[:3]
    if lang == "es":
        shapes = [
            f"{day.day} de {month} de {day.year}",
            f"{day.day:02d}/{day.month:02d}/{day.year}",
            f"{day.day}/{day.month}/{day.year % 100:02d}",
            f"{day.day}-{short}-{day.year}",
            f"{day.day:02d} {short.upper()} {day.year}",
            f"{month} {day.day} de {day.year}",
            f"{day.day} de {month}, {day.year}",
            f"{day.year}-{day.month:02d}-{day.day:02d}",
        ]
    else:
        suffix = {1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd", 31: "st"}
        nth = f"{day.day}{suffix.get(day.day, 'th')}"
        shapes = [
            f"{day.year}-{day.month:02d}-{day.day:02d}",
            f"{day.month}/{day.day}/{day.year}",
            f"{day.month:02d}/{day.day:02d}/{day.year % 100:02d}",
            f"{month} {day.day}, {day.year}",
            f"{day.day} {month} {day.year}",
            f"{short} {day.day} {day.year}",
            f"{month} {nth}, {day.year}",
            f"{day.month:02d}-{day.day:02d}-{day.year}",
            f"{day.month:02d}.{day.day:02d}.{day.year}",
        ]
    return d.r.choice(shapes)


def event_date(d: Draw, lang: str) -> str:
    day = d.us.date_between(date(2022, 1, 1), date(2025, 5, 31))
    month = MONTHS[lang][day.month - 1]
    if lang == "es":
        shapes = [
            f"{day.day} de {month}",
            f"{day.day}/{day.month}/{day.year}",
            f"{day.day} de {month} de {day.year}",
        ]
    else:
        shapes = [
            f"{month} {day.day}",
            f"{day.month}/{day.day}/{day.year}",
            f"{month} {day.day}, {day.year}",
        ]
    return d.r.choice(shapes)


def us_street(d: Draw) -> str:
    roll = d.r.random()
    if roll < 0.2:
        suffix = d.r.choice(["St", "Street", "St."])
        return (
            f"{d.r.choice(['N', 'S', 'N.', 'S.', 'W', 'E'])} {d.r.choice(PHILLY_STREETS)} {suffix}"
        )
    name = str(d.us.street_name())
    words = name.split()
    if roll < 0.5 and words[-1] in SUFFIX_SHORT:
        name = " ".join([*words[:-1], SUFFIX_SHORT[words[-1]]])
    if d.r.random() < 0.15:
        name = f"{d.r.choice(['North', 'South', 'W.', 'E.'])} {name}"
    return name


def us_address(d: Draw, lang: str) -> str:
    number = str(d.us.building_number())
    street = us_street(d)
    roll = d.r.random()
    if lang == "es":
        unit = d.r.choice(UNITS_ES)
        bare = street.rsplit(" ", 1)[0] if len(street.split()) > 1 else street
        if roll < 0.35:
            return f"{number} {street}"
        if roll < 0.6:
            return f"{number} {street}, {unit}"
        if roll < 0.8:
            return f"{number} {street} {d.r.choice(UNITS_EN)}"
        return f"calle {bare} número {number}"
    if roll < 0.4:
        return f"{number} {street}"
    if roll < 0.55:
        return f"{number} {street}, {d.r.choice(UNITS_EN)}"
    if roll < 0.7:
        return f"{number} {street} {d.r.choice(UNITS_EN)}"
    if roll < 0.8:
        return f"{number} {street} {d.us.secondary_address()}"
    if roll < 0.9:
        return f"{number} {street}".lower()
    return f"{number} Route {d.r.randint(6, 611)}"


def home_address(d: Draw) -> str:
    f = d.fakers[d.r.choice(HOME_LOCALES)]
    address = str(f.street_address()).replace("\n", " ")
    if d.r.random() < 0.3:
        address = f"{address}, {f.secondary_address()}"
    return address


def plate(d: Draw) -> str:
    roll = d.r.random()
    if roll < 0.35:
        return d.us.bothify("???-####").upper()
    if roll < 0.5:
        return d.us.bothify("?##-???").upper()
    if roll < 0.75:
        return str(d.us.license_plate())
    return str(d.fakers[d.r.choice(HOME_LOCALES)].license_plate())


def phone(d: Draw, home: bool = False) -> str:
    if home:
        return str(d.fakers[d.r.choice(HOME_LOCALES)].phone_number())
    digits = d.us.numerify("%##%######")
    area, middle, last = digits[:3], digits[3:6], digits[6:]
    return d.r.choice(
        [
            str(d.us.phone_number()),
            f"({area}) {middle}-{last}",
            f"{area} {middle} {last}",
            f"{area}.{middle}.{last}",
            f"+1 {area} {middle} {last}",
            f"1-{area}-{middle}-{last}",
            digits,
        ]
    )


def email(d: Draw, lang: str, origin: str) -> str:
    f = d.fakers[origin]
    roll = d.r.random()
    if roll < 0.55:
        return str(d.r.choice([f.free_email, f.email, f.company_email])())
    user, domain = str(f.user_name()), d.r.choice(["gmail", "yahoo", "hotmail", "outlook"])
    if roll < 0.7:
        return f"{user}@{domain}.com".upper() if d.r.random() < 0.3 else f"{user}@{domain}.com"
    if roll < 0.85:
        return f"{user} [at] {domain} [dot] com"
    if lang == "es":
        return f"{user} arroba {domain} punto com"
    return f"{user} at {domain} dot com"


def handle(d: Draw, origin: str) -> str:
    user = str(d.fakers[origin].user_name())
    roll = d.r.random()
    if roll < 0.5:
        return f"@{user}"
    if roll < 0.7:
        return f"{user}.{d.r.randint(1, 99):02d}"
    if roll < 0.85:
        return f"{user}_{d.r.choice(['ofc', 'oficial', 'real', 'pa'])}"
    return user


def url(d: Draw, origin: str) -> str:
    f = d.fakers[origin]
    user = str(f.user_name())
    return d.r.choice(
        [
            f"https://www.facebook.com/{user}",
            f"facebook.com/profile.php?id=1000{d.us.numerify('##########')}",
            f"https://www.instagram.com/{user}/",
            f"tiktok.com/@{user}/video/7{d.us.numerify('##################')}",
            f"https://www.gofundme.com/f/help-{user}-come-home",
            f"youtu.be/{d.us.lexify('???????????', 'aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789')}",
            str(f.url()) + user,
        ]
    )


def ssn(d: Draw) -> str:
    value = str(d.us.ssn())
    return d.r.choice([value, value, value.replace("-", " "), value.replace("-", "")])


def a_number(d: Draw) -> str:
    digits = d.us.numerify("2########")
    return d.r.choice(
        [
            f"A{digits}",
            f"A {digits[:3]} {digits[3:6]} {digits[6:]}",
            f"A{digits[:3]}-{digits[3:6]}-{digits[6:]}",
            f"{digits[:3]}-{digits[3:6]}-{digits[6:]}",
            f"A-{digits}",
            f"0{digits[1:]}",
        ]
    )


def id_number(d: Draw, kind: str) -> str:
    if kind == "cedula":
        return d.us.numerify(d.r.choice(["1.0##.###.###", "10########", "52.###.###"]))
    if kind == "dni":
        return d.us.numerify(d.r.choice(["##.###.###", "3#######"]))
    if kind == "rut":
        return d.us.numerify("1#.###.###-") + d.r.choice("0123456789K")
    return d.us.bothify(d.r.choice(["20##-#####", "######", "??####", "B-#####"])).upper()


def case_number(d: Draw, lang: str) -> str:
    us = d.us
    shapes = [
        f"CP-{us.random_int(10, 67)}-CR-{us.numerify('000####')}-{us.random_int(2019, 2025)}",
        f"{us.random_int(1, 5)}:{us.random_int(19, 25)}-cv-{us.numerify('0####')}",
        f"{us.random_int(1, 5)}:{us.random_int(19, 25)}-cr-{us.numerify('000##')}-"
        + us.lexify("???").upper(),
        f"No. {us.random_int(19, 25)}-{us.numerify('####')}",
    ]
    if lang == "es":
        shapes += [f"causa penal {us.numerify('###')}/{us.random_int(2019, 2025)}"]
    return d.r.choice(shapes)


STATUTES = [
    "42 U.S.C. § 1983",
    "8 C.F.R. § 287.7(d)",
    "35 P.S. § 780-113(a)(30)",
    "18 Pa.C.S. § 3921(a)",
    "75 Pa.C.S.A. § 3802(a)(1)",
    "INA § 287(g)",
    "section 236(c)",
    "8 USC 1326",
]


def neutral(kind: str, d: Draw, lang: str) -> str:
    """Values that must stay readable."""
    r, us = d.r, d.us
    if kind == "town":
        return r.choice(TOWNS)
    if kind == "hometown":
        return str(d.fakers[r.choice(HOME_LOCALES)].city())
    if kind == "jail":
        return r.choice(JAILS[lang])
    if kind == "agency":
        return r.choice(AGENCIES[lang])
    if kind == "vehicle":
        return r.choice(VEHICLES[lang])
    if kind == "state":
        return r.choice(STATES)
    if kind == "date":
        return event_date(d, lang)
    if kind == "time":
        hour, minute = r.randint(1, 12), r.choice([0, 10, 15, 30, 40, 45])
        if lang == "es":
            return r.choice([f"{hour}:{minute:02d}", f"{hour + 8}:{minute:02d}", f"{hour}"])
        return r.choice([f"{hour}:{minute:02d} {r.choice(['a.m.', 'pm', 'AM'])}", f"{hour}"])
    if kind == "money":
        return r.choice(
            [f"${us.random_int(1, 90)},{us.random_int(0, 9)}00", f"${us.random_int(2, 9)}.15"]
            if lang == "en"
            else [f"{us.random_int(2, 30)}.000 dólares", f"${us.random_int(100, 999)}"]
        )
    if kind == "count":
        return str(us.random_int(2, 60))
    if kind == "beds":
        return str(us.random_int(40, 1400))
    if kind == "zip":
        return str(us.postcode_in_state("PA"))
    if kind == "year":
        return str(us.random_int(2016, 2025))
    if kind == "case":
        return case_number(d, lang)
    if kind == "statute":
        return r.choice(STATUTES)
    if kind == "incident":
        return us.numerify(r.choice(["PA20########", "2#-0#####", "R-2#-#####"]))
    if kind == "firm":
        return str(d.fakers[r.choice(("en_US", "es_CL", "es_AR"))].company())
    if kind == "room":
        return r.choice(["6A", "3", "B-12", "14", "2C"])
    raise KeyError(kind)


# --- slots ------------------------------------------------------------------

_SLOT = re.compile(r"\{(\w+)(?:#(\d))?(?::(\w+))?\}")
PERSON_KINDS = ("name", "pname", "uname")


def _write_person(
    d: Draw, b: Built, lang: str, kind: str, ref: str | None, form: str | None
) -> None:
    # "pname_f": a woman on the people list (the template says "her", "madre").
    kind, _, gender = kind.partition("_")
    key = f"{kind}#{ref}" if ref else None
    if key and key in d.memo:
        first, last, origin = d.memo[key]
    else:
        origin = "en_US" if kind == "uname" else None
        first, last, origin = _person(d, lang, origin, gender)
        if key:
            d.memo[key] = (first, last, origin)
        if kind == "pname":
            b.people.append(f"{first} {last}")
    text = _name_form(first, last, form or d.r.choice(NAME_FORMS))
    b.detail(text, "name", kind == "pname")
    b.spans[-1]["origin"] = origin


def _value(d: Draw, kind: str, lang: str, variant: str | None) -> tuple[str, str]:
    """(text, category) for a personal value."""
    origin = d.pick(NAME_ORIGINS[lang])
    if kind == "address":
        return (home_address(d) if variant == "home" else us_address(d, lang)), "address"
    if kind == "plate":
        return plate(d), "plate"
    if kind == "dob":
        return dob(d, lang), "dob"
    if kind == "birthyear":
        return str(d.us.random_int(1955, 2006)), "dob"
    if kind == "phone":
        return phone(d, home=variant == "home"), "phone"
    if kind == "email":
        return email(d, lang, origin), "email"
    if kind == "handle":
        return handle(d, origin), "handle"
    if kind == "url":
        return url(d, origin), "url"
    if kind == "ssn":
        return ssn(d), "ssn"
    if kind == "anum":
        return a_number(d), "a_number"
    if kind == "idnum":
        return id_number(d, variant or "booking"), "id_number"
    raise KeyError(kind)


def render(template: str, d: Draw, lang: str) -> Built:
    b = Built()
    d.memo.clear()
    position = 0
    for m in _SLOT.finditer(template):
        b.plain(template[position : m.start()])
        kind, ref, variant = m.groups()
        position = m.end()
        if kind.partition("_")[0] in PERSON_KINDS:
            _write_person(d, b, lang, kind, ref, variant)
            continue
        key = f"{kind}#{ref}" if ref else None
        if kind == "placename":
            place, name = d.r.choice(PLACES_WITH_NAMES[lang])
            first = str(d.fakers[d.pick(NAME_ORIGINS[lang])].first_name())
            b.people.append(name if " " in name else f"{first} {name}")
            b.plain(place)
            continue
        if kind in ("town", "hometown", "jail", "agency", "vehicle", "state", "date", "time",
                    "money", "count", "beds", "zip", "year", "case", "statute", "incident",
                    "firm", "room"):  # fmt: skip
            text = d.memo.get(key) if key else None
            text = text or neutral(kind, d, lang)
            if key:
                d.memo[key] = text
            b.plain(text)
            continue
        if key and key in d.memo:
            text, category = d.memo[key]
        else:
            text, category = _value(d, kind, lang, variant)
            if key:
                d.memo[key] = (text, category)
        b.detail(text, category)
    b.plain(template[position:])
    return b


def generate(seed: int = SEED) -> list[dict[str, Any]]:
    """Every row of the set (a different ``seed`` gives a fresh draw)."""
    r = random.Random(seed)
    fakers = {}
    for i, locale in enumerate(LOCALES):
        fakers[locale] = Faker(locale)
        fakers[locale].seed_instance(seed * 100 + i)
    d = Draw(r, fakers)
    rows: list[dict[str, Any]] = []
    sets = {"positive": (EN, ES), "negative": (EN_NEGATIVE, ES_NEGATIVE)}
    for kind, (english, spanish) in sets.items():
        for lang, templates in (("en", english), ("es", spanish)):
            for n in range(PER_LANGUAGE[kind]):
                style, template = templates[n % len(templates)]
                built = render(template, d, lang)
                # A case's list often names people the text never mentions.
                if r.random() < 0.3:
                    first, last, _ = _person(d, lang)
                    built.people.append(f"{first} {last}")
                rows.append(
                    {
                        "id": f"indep-{kind[:3]}-{lang}-{n:03d}",
                        "split": "indep" if kind == "positive" else "indep-negative",
                        "lang": lang,
                        "style": style,
                        "text": "".join(built.parts),
                        "people": list(dict.fromkeys(built.people)),
                        "spans": built.spans,
                    }
                )
    return rows


def main() -> None:
    write_or_check(OUT, generate(), __doc__.splitlines()[0])


if __name__ == "__main__":
    main()
