"""A fourth evaluation set for the identifying-detail detectors, written before tuning.

Usage: ``python bench/redaction_fresh.py [--check]`` rewrites (or, with
``--check``, compares against) ``tests/export/data/redaction_fresh.jsonl``.

Why a fourth set: the ``indep`` set (bench/redaction_indep.py) was scored
once and its misses were then read, so it has become tuning data. This set
was written in issue 11's third round, **before any detector was changed and
before the detectors' code was read** (only their documentation, the other
generators' locale lists and the style of their templates). It has two
halves with *different templates*, not just another seed:

- ``dev`` (templates ``DEV_*`` in bench/redaction_fresh_templates.py): may be
  looked at and tuned on;
- ``test`` (templates ``TEST_*``): run once, at the end of the tuning, and
  reported as it came out.

What is different from the other sets:

- **Locales.** Names come from Faker locales no other set uses: ``es``
  (Spanish names with compound given names and two surnames, standing in
  for Mexican and Central American families: Faker has no Central American
  locale), ``es_CA``, ``pt_PT`` for Spanish text; ``en_GB``, ``en_NZ``,
  ``en_KE``, ``en_IN`` and ``it_IT`` next to the Spanish ones in English
  text. US street names are Faker's ``en_US`` (a fresh seed) or an
  ``en_GB``/``en_NZ`` surname with a USPS suffix; plates, phones, ID
  numbers, A-numbers and dates are drawn here from the documented shapes
  (PA/NJ/NY/CA plates, Mexican plates, Salvadoran DUI, Honduran DNI,
  Guatemalan DPI, CURP, Spanish DNI/NIE).
- **Shapes.** SMS with no punctuation, run-on letters from jail, intake
  forms, Spanish from Mexico, Spain and Central America, code-switching,
  OCR line breaks inside values, whole texts in capitals or in lower case.
- **Hard negatives**: case, docket and incident numbers, non-birth dates,
  real counties, jails and agencies (some holding a listed surname or given
  name: "Otero County", "Port Isabel", "San Pedro Sula"), statutes
  ("18 Pa.C.S. § 2701", "287(g)", "8 CFR 287.7"), prices, times, bed and
  pod counts, housing units, highways, form numbers and car models.

Gold spans follow docs/exports.md: an address is house number, street and
unit (not town, colonia, state or ZIP); a name excludes its title; a plate
excludes its state; a handle keeps its "@"; an id number excludes its cue.
Each row: ``id``, ``split`` (``fresh-dev``, ``fresh-dev-negative``,
``fresh-test``, ``fresh-test-negative``), ``lang``, ``style``, ``text``,
``people``, ``spans`` (names also ``listed`` and ``origin``).
"""

from __future__ import annotations

import random
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from faker import Faker

sys.path.insert(0, str(Path(__file__).resolve().parent))

import redaction_fresh_templates as tpl
from redaction_sets import EN_MONTHS, ES_MONTHS, Built, write_or_check

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "export" / "data" / "redaction_fresh.jsonl"
SEED = 8117
LOCALES = ("en_US", "en_GB", "en_NZ", "en_KE", "en_IN", "it_IT", "es", "es_CA", "pt_PT")
NAME_ORIGINS = {
    "en": (
        ("en_GB", 0.3),
        ("en_NZ", 0.15),
        ("es", 0.3),
        ("en_KE", 0.1),
        ("en_IN", 0.08),
        ("it_IT", 0.07),
    ),
    "es": (("es", 0.6), ("es_CA", 0.2), ("pt_PT", 0.05), ("en_GB", 0.15)),
}
OFFICIAL_ORIGINS = (("en_GB", 0.5), ("en_NZ", 0.3), ("it_IT", 0.1), ("es", 0.1))
PER_HALF = {"positive": 180, "negative": 80}  # per language

MONTHS = {"en": EN_MONTHS, "es": ES_MONTHS}
EN_ABBR = [
    "Jan.",
    "Feb.",
    "Mar.",
    "Apr.",
    "May",
    "Jun.",
    "Jul.",
    "Aug.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
]
SUFFIXES = (
    "St",
    "Street",
    "Ave",
    "Avenue",
    "Rd",
    "Dr",
    "Ln",
    "Ct",
    "Pl",
    "Blvd",
    "Way",
    "Pike",
    "Summit",
    "Ways",
    "Crossing",
    "Xing",
    "Terrace",
    "Ter",
    "Run",
    "Trl",
    "Loop",
    "Cir",
    "Hollow",
    "Heights",
    "Sq",
    "Pkwy",
    "Alley",
    "Row",
    "Walk",
)
UNITS_EN = (
    "Apt {n}{a}",
    "Apt. {n}",
    "Unit {n}",
    "#{n}",
    "Apt #{n}{a}",
    "{o} floor",
    "{o} Fl",
    "Fl {n}",
    "Rear",
    "Bsmt",
    "Lot {n}",
    "Trlr {n}",
    "Rm {n}",
    "Ste {n}",
    "Bldg {n}{a}",
    "Apt {a}{n}",
)
UNITS_ES = (
    "apartamento {n}{a}",
    "apto. {n}",
    "apto {n}{a}",
    "depto. {n}",
    "int. {n}",
    "interior {n}{a}",
    "segundo piso",
    "tercer piso",
    "piso {n}",
    "casa {n}",
    "cuarto {n}",
    "#{n}",
)
ORDINALS = ("1st", "2nd", "3rd", "4th", "5th")


@dataclass
class Draw:
    """The random sources of one half and the values of the current text."""

    r: random.Random
    fakers: dict[str, Faker]
    memo: dict[str, Any] = field(default_factory=dict)

    def pick(self, weighted: tuple[tuple[str, float], ...]) -> str:
        names, weights = zip(*weighted, strict=True)
        return self.r.choices(names, weights)[0]

    def digits(self, n: int, first: str = "123456789") -> str:
        return self.r.choice(first) + "".join(self.r.choice("0123456789") for _ in range(n - 1))

    def letters(self, n: int, alphabet: str = "ABCDEFGHJKLMNPRSTUVWXYZ") -> str:
        return "".join(self.r.choice(alphabet) for _ in range(n))


# ---- people -----------------------------------------------------------------


def person(d: Draw, origins: tuple[tuple[str, float], ...]) -> tuple[str, str, str, str]:
    origin = d.pick(origins)
    f = d.fakers[origin]
    first = str(f.first_name())
    last = str(f.last_name())
    second = str(f.last_name())
    return first, last, second, origin


def name_form(d: Draw, first: str, last: str, second: str, origin: str, form: str) -> str:
    spanish = origin in ("es", "es_CA", "pt_PT")
    if not form:
        options = ["full", "full", "full", "caps", "capsrev", "lower", "rev", "initial", "split"]
        options += ["two", "two"] if spanish else ["middle"]
        form = d.r.choice(options)
    given = first.split()[0] if form != "full" else first
    surnames = f"{last} {second}" if form in ("two", "capstwo") else last
    text = {
        "full": f"{first} {last}",
        "two": f"{given} {surnames}",
        "first": given,
        "last": last,
        "caps": f"{given} {last}".upper(),
        "capstwo": f"{given} {surnames}".upper(),
        "capsrev": f"{last.upper()}, {given.upper()}",
        "rev": f"{last}, {given}",
        "lower": f"{given} {last}".lower(),
        "initial": f"{given[0]}. {last}",
        "middle": f"{given} {d.letters(1)}. {last}",
        "split": f"{given}\n{last}",
    }.get(form)
    if text is None:
        raise ValueError(f"unknown name form {form!r}")
    return text


# ---- personal values ------------------------------------------------------


def street_name(d: Draw) -> str:
    if d.r.random() < 0.5:
        base = str(d.fakers["en_US"].street_name()).rsplit(" ", 1)[0]
    else:
        base = str(d.fakers[d.r.choice(("en_GB", "en_NZ"))].last_name())
    return base


def us_street(d: Draw) -> str:
    direction = d.r.choice(("", "", "", "N ", "S ", "W ", "E ", "North ", "West "))
    return f"{direction}{street_name(d)} {d.r.choice(SUFFIXES)}"


def unit(d: Draw, spanish: bool) -> str:
    shape = d.r.choice(UNITS_ES if spanish else UNITS_EN)
    return shape.format(
        n=d.r.randint(1, 40),
        a=d.r.choice(("", "A", "B", "R", "F", "C")),
        o=d.r.choice(ORDINALS),
    )


def address(d: Draw, lang: str, form: str) -> str:
    number = d.r.choice((d.digits(4), d.digits(3), d.digits(2), d.digits(5), d.digits(4)))
    if form == "home":
        return home_address(d)
    spanish = lang == "es" and form != "us"
    has_unit = d.r.random() < 0.6 or form == "unit"
    u = unit(d, spanish) if has_unit else ""
    if spanish:
        name = street_name(d)
        shape = d.r.choice(
            (
                "calle {s} {n}",
                "{n} de la calle {s}",
                "{s} número {n}",
                "avenida {s} #{n}",
                "{n} {s} {x}",
                "calle {s} {n}",
            )
        )
        text = shape.format(s=name, n=number, x=d.r.choice(SUFFIXES))
        return f"{text}{d.r.choice((', ', ' '))}{u}" if u else text
    text = f"{number} {us_street(d)}"
    if not u:
        return text
    return f"{text}{d.r.choice((' ', ', ', ' '))}{u}"


def home_address(d: Draw) -> str:
    f = d.fakers["es"]
    shape = d.r.choice(("gt", "hn", "sv", "mx", "es"))
    n = d.r.randint(1, 30)
    if shape == "gt":
        return (
            f"{n}a. avenida {d.r.randint(1, 30)}-{d.r.randint(10, 99)}, zona {d.r.randint(1, 21)}"
        )
    if shape == "hn":
        return f"colonia {f.last_name()}, bloque {n}, casa {d.r.randint(100, 2999)}"
    if shape == "sv":
        return f"pasaje {f.last_name()} casa #{d.r.randint(1, 99)}"
    if shape == "mx":
        return f"Av. {f.last_name()} {d.r.randint(10, 999)} int. {n}"
    return (
        f"calle de {f.last_name()} {d.r.randint(1, 120)}, {d.r.randint(1, 8)}º {d.r.choice('ABCD')}"
    )


def plate(d: Draw) -> str:
    shape = d.r.choice(("pa", "pa", "pa2", "nj", "ny", "ca", "tx", "mx", "mx2", "de"))
    L, D = d.letters, d.digits  # noqa: N806
    return {
        "pa": f"{L(3)}-{D(4, '0123456789')}",
        "pa2": f"{L(3)} {D(4, '0123456789')}",
        "nj": f"{L(1)}{D(2)}-{L(3)}",
        "ny": f"{L(3)}{D(4, '0123456789')}",
        "ca": f"{d.r.randint(5, 9)}{L(3)}{D(3, '0123456789')}",
        "tx": f"{L(2)}{D(1)}-{L(1)}{D(3, '0123456789')}",
        "mx": f"{L(3)}-{D(2)}-{D(2, '0123456789')}",
        "mx2": f"{L(2)}-{D(4)}-{L(1)}",
        "de": f"{L(2)}{D(5)}",
    }[shape]


def dob(d: Draw, lang: str, form: str) -> str:
    year = d.r.randint(1955, 2006)
    month = d.r.randint(1, 12)
    day = d.r.randint(1, 28)
    if form == "year":
        return str(year)
    if lang == "es":
        name = MONTHS["es"][month - 1]
        shapes = (
            f"{day:02d}/{month:02d}/{year}",
            f"{day} de {name} de {year}",
            f"{day} {name} {year}",
            f"{day}-{name[:3]}-{year}",
            f"{day}.{month:02d}.{year}",
            f"{day}/{month}/{year % 100:02d}",
            f"{day} de {name} del {year}",
        )
        return d.r.choice(shapes)
    name = MONTHS["en"][month - 1]
    shapes = (
        f"{month}/{day}/{year}",
        f"{month:02d}-{day:02d}-{year % 100:02d}",
        f"{name} {day}, {year}",
        f"{day} {name[:3]} {year}",
        f"{day:02d}-{name[:3].upper()}-{year}",
        f"{year}-{month:02d}-{day:02d}",
        f"{EN_ABBR[month - 1]} {day}, {year}",
        f"{month}.{day}.{year}",
    )
    return d.r.choice(shapes)


def phone(d: Draw, form: str) -> str:
    if form == "home":
        shape = d.r.choice(("sv", "hn", "gt", "mx", "mx2", "es"))
        return {
            "sv": f"+503 {d.digits(4, '67')}-{d.digits(4, '0123456789')}",
            "hn": f"+504 {d.digits(4, '389')}-{d.digits(4, '0123456789')}",
            "gt": f"+502 {d.digits(4, '345')} {d.digits(4, '0123456789')}",
            "mx": f"+52 1 {d.digits(2, '35')} {d.digits(4)} {d.digits(4, '0123456789')}",
            "mx2": f"{d.digits(3, '3568')} {d.digits(3)} {d.digits(4, '0123456789')}",
            "es": f"+34 6{d.digits(2)} {d.digits(2)} {d.digits(2)} {d.digits(2)}",
        }[shape]
    area = d.r.choice(("215", "267", "484", "610", "717", "570", "856", "609", "302", "412"))
    mid, end = d.digits(3, "23456789"), d.digits(4, "0123456789")
    return d.r.choice(
        (
            f"{area}-{mid}-{end}",
            f"({area}) {mid}-{end}",
            f"{area}.{mid}.{end}",
            f"{area}{mid}{end}",
            f"+1 {area} {mid} {end}",
            f"1-{area}-{mid}-{end}",
            f"{area} {mid} {end}",
        )
    )


def _login(d: Draw, origin: str) -> str:
    f = d.fakers[origin]
    first = re.sub(r"[^a-z]", "", _ascii(str(f.first_name()).split()[0].lower()))
    last = re.sub(r"[^a-z]", "", _ascii(str(f.last_name()).lower()))
    return d.r.choice(
        (
            f"{first}.{last}",
            f"{first}{last}{d.r.randint(1, 99)}",
            f"{first[0]}{last}",
            f"{first}_{last[:4]}{d.r.randint(70, 99)}",
            f"{last}.{first}{d.r.randint(1, 9)}",
            str(d.fakers["en_US"].user_name()),
        )
    )


def _ascii(text: str) -> str:
    return text.translate(str.maketrans("áéíóúüñçàèòï", "aeiouuncaeoi"))


def email(d: Draw, lang: str, form: str) -> str:
    login = _login(d, d.pick(NAME_ORIGINS[lang]))
    domain = d.r.choice(
        (
            "gmail.com",
            "yahoo.com",
            "hotmail.com",
            "outlook.com",
            "icloud.com",
            "yahoo.com.mx",
            "hotmail.es",
            "protonmail.com",
            "live.com",
        )
    )
    if form != "spoken":
        return f"{login}@{domain}"
    name, _, tld = domain.rpartition(".")
    if lang == "es":
        spoken_login = login.replace(".", " punto ").replace("_", " guion bajo ")
        return f"{spoken_login} arroba {name.replace('.', ' punto ')} punto {tld}"
    return f"{login.replace('.', ' dot ')} at {name.replace('.', ' dot ')} dot {tld}"


def handle(d: Draw, lang: str, form: str) -> str:
    login = _login(d, d.pick(NAME_ORIGINS[lang])).replace("-", "_")
    if d.r.random() < 0.3:
        login = (
            d.r.choice(("la_", "el.", "its", "real", "")) + login[:10] + d.r.choice(("", "_", "x"))
        )
    return login if form == "bare" else f"@{login}"


def url(d: Draw, lang: str) -> str:
    login = _login(d, d.pick(NAME_ORIGINS[lang]))
    shape = d.r.choice(("fb", "fb2", "gfm", "ig", "tt"))
    return {
        "fb": f"facebook.com/{login}",
        "fb2": f"https://www.facebook.com/profile.php?id=1000{d.digits(11, '0123456789')}",
        "gfm": f"https://www.gofundme.com/f/bring-{login.replace('.', '-')}-home",
        "ig": f"instagram.com/{login}",
        "tt": f"https://www.tiktok.com/@{login}",
    }[shape]


def ssn(d: Draw) -> str:
    a, b, c = d.digits(3, "1234567"), d.digits(2), d.digits(4)
    return d.r.choice((f"{a}-{b}-{c}", f"{a} {b} {c}", f"{a}{b}{c}"))


def a_number(d: Draw) -> str:
    n = d.digits(9, "2")
    return d.r.choice(
        (
            f"A{n}",
            f"A{n[:3]}-{n[3:6]}-{n[6:]}",
            f"A {n[:3]} {n[3:6]} {n[6:]}",
            f"{n[:3]}-{n[3:6]}-{n[6:]}",
            f"A-{n}",
            f"A0{n[1:]}",
        )
    )


def id_number(d: Draw, kind: str) -> str:
    D = d.digits  # noqa: N806
    year = d.r.randint(1960, 2004)
    if kind == "dui":
        return f"0{D(7, '0123456789')}-{D(1, '0123456789')}"
    if kind == "dnihn":
        return f"0{D(3)}-{year}-{D(5, '0123456789')}"
    if kind == "dpi":
        return f"{D(4)} {D(5, '0123456789')} {D(4, '0123456789')}"
    if kind == "curp":
        sex = d.r.choice("HM")
        return (
            f"{d.letters(4, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ')}{year % 100:02d}"
            f"{d.r.randint(1, 12):02d}{d.r.randint(1, 28):02d}{sex}"
            f"{d.r.choice(('DF', 'JC', 'MC', 'PL', 'GR', 'OC', 'CS'))}{d.letters(3)}"
            f"{D(2, '0123456789')}"
        )
    if kind == "dnies":
        return f"{D(8)}{d.r.choice('-')}{d.letters(1)}".replace("-", d.r.choice(("", "-")))
    if kind == "nie":
        return f"{d.r.choice('XYZ')}{D(7, '0123456789')}{d.letters(1)}"
    if kind == "booking":
        return f"{d.r.randint(2019, 2025)}-{D(6, '0')}"
    if kind == "inmate":
        return d.r.choice((D(6), f"{d.letters(2)}{D(4)}", f"{D(5)}-{D(3, '0123456789')}"))
    if kind == "passport":
        return d.r.choice((f"{d.letters(1)}{D(8, '0123456789')}", D(9)))
    if kind == "license":
        return d.r.choice((f"{D(2)} {D(3, '0123456789')} {D(3, '0123456789')}", D(8)))
    raise ValueError(f"unknown id kind {kind!r}")


# ---- readable values (never gold) -------------------------------------------


def neutral(d: Draw, kind: str, lang: str) -> str:
    r = d.r
    if kind in tpl.NEUTRAL:
        choice: str = r.choice(
            tpl.NEUTRAL[kind][lang] if isinstance(tpl.NEUTRAL[kind], dict) else tpl.NEUTRAL[kind]
        )
        return choice
    year = r.randint(2019, 2025)
    month, day = r.randint(1, 12), r.randint(1, 28)
    if kind == "date":
        if lang == "es":
            m = MONTHS["es"][month - 1]
            return r.choice(
                (
                    f"el {day} de {m}",
                    f"{day}/{month:02d}/{year}",
                    f"{day} {m} {year}",
                    f"el {day} de {m} de {year}",
                )
            )
        m = MONTHS["en"][month - 1]
        return r.choice(
            (
                f"{month}/{day}/{year}",
                f"{m} {day}",
                f"{EN_ABBR[month - 1]} {day}, {year}",
                f"{day:02d}-{m[:3].upper()}-{year}",
                f"{m} {day}th",
            )
        )
    if kind == "time":
        h, mi = r.randint(1, 12), r.choice(("00", "15", "30", "45", "10"))
        if lang == "es":
            return r.choice(
                (f"a las {h}:{mi}", f"{r.randint(0, 23):02d}:{mi} hrs", f"a las {h} de la mañana")
            )
        return r.choice(
            (f"{h}:{mi} a.m.", f"{h}:{mi}pm", f"{r.randint(0, 23):02d}{mi} hours", f"around {h}")
        )
    if kind == "money":
        return r.choice(
            (
                f"${r.randint(1, 50)},000",
                f"${r.randint(1, 9)}.{r.randint(10, 99)}",
                f"${r.randint(100, 999)}",
                f"{r.randint(2, 20)} mil pesos",
            )
        )
    if kind == "count":
        return str(r.randint(2, 400))
    if kind == "case":
        return r.choice(
            (
                f"CP-{r.randint(1, 67):02d}-CR-{d.digits(7, '0')}-{year}",
                f"{r.randint(1, 5)}:{year % 100}-cv-{d.digits(5, '0')}",
                f"MJ-{d.digits(5)}-CR-{d.digits(3, '0')}-{year}",
                f"No. {year % 100}-{d.digits(4)}",
                f"CR-{year}-{d.digits(5, '0')}",
            )
        )
    if kind == "incident":
        return r.choice(
            (
                f"{year}-{d.digits(6, '0')}",
                f"IR {year}-{d.digits(6, '0')}",
                f"{year % 100}-{d.digits(6)}",
                f"CAD #{year % 100}-{d.digits(6)}",
            )
        )
    if kind == "zip":
        return d.digits(5, "1")
    if kind == "year":
        return str(year)
    raise ValueError(f"unknown neutral kind {kind!r}")


# ---- rendering --------------------------------------------------------------

_SLOT = re.compile(r"\{(\w+)(?:#(\d))?(?::(\w+))?(?:#(\d))?\}")
PERSON_KINDS = {"name": False, "pname": True, "oname": False}


def _person_slot(d: Draw, b: Built, lang: str, kind: str, form: str, ref: str | None) -> None:
    key = f"person#{kind}{ref}" if ref else None
    if key and key in d.memo:
        first, last, second, origin = d.memo[key]
    else:
        origins = OFFICIAL_ORIGINS if kind == "oname" else NAME_ORIGINS[lang]
        first, last, second, origin = person(d, origins)
        if key:
            d.memo[key] = (first, last, second, origin)
    listed = PERSON_KINDS[kind]
    if listed:
        b.people.append(
            f"{first} {last} {second}" if form in ("two", "capstwo") else f"{first} {last}"
        )
    b.detail(name_form(d, first, last, second, origin, form), "name", listed=listed)
    b.spans[-1]["origin"] = origin


def _value(d: Draw, kind: str, lang: str, form: str) -> tuple[str, str]:
    if kind == "address":
        return address(d, lang, form), "address"
    if kind == "plate":
        return plate(d), "plate"
    if kind == "dob":
        return dob(d, lang, form), "dob"
    if kind == "phone":
        return phone(d, form), "phone"
    if kind == "email":
        return email(d, lang, form), "email"
    if kind == "handle":
        return handle(d, lang, form), "handle"
    if kind == "url":
        return url(d, lang), "url"
    if kind == "ssn":
        return ssn(d), "ssn"
    if kind == "anum":
        return a_number(d), "a_number"
    if kind == "idnum":
        return id_number(d, form), "id_number"
    raise ValueError(f"unknown slot {kind!r}")


def render(template: str, d: Draw, lang: str) -> Built:
    b = Built()
    d.memo.clear()
    position = 0
    for m in _SLOT.finditer(template):
        b.plain(template[position : m.start()])
        kind, form, ref = m.group(1), m.group(3) or "", m.group(2) or m.group(4)
        position = m.end()
        if kind in PERSON_KINDS:
            _person_slot(d, b, lang, kind, form, ref)
        elif kind == "placename":
            place, word = d.r.choice(tpl.PLACES_WITH_NAMES[lang])
            other = person(d, NAME_ORIGINS[lang])
            b.people.append(f"{other[0]} {word}" if form != "given" else f"{word} {other[1]}")
            b.plain(place)
        elif kind in tpl.NEUTRAL or kind in tpl.COMPUTED_NEUTRAL:
            b.plain(neutral(d, kind, lang))
        else:
            key = f"{kind}#{ref}" if ref else None
            if key and key in d.memo:
                text, category = d.memo[key]
            else:
                text, category = _value(d, kind, lang, form)
                if key:
                    d.memo[key] = (text, category)
            b.detail(text, category)
    b.plain(template[position:])
    return b


def _restyle(b: Built, style: str, d: Draw) -> tuple[str, list[dict[str, Any]]]:
    """The text in capitals, lower case or with OCR line breaks; spans follow."""
    parts = list(b.parts)
    if style == "caps":
        parts = [p.upper() for p in parts]
    elif style == "lower":
        parts = [p.lower() for p in parts]
    elif style == "ocr":
        parts = [re.sub(" ", lambda _: "\n" if d.r.random() < 0.12 else " ", p) for p in parts]
    starts, text = [], ""
    for p in parts:
        starts.append(len(text))
        text += p
    spans = []
    # Each detail is one part of its own: find it again by its start and text.
    original = [0]
    for p in b.parts:
        original.append(original[-1] + len(p))
    for span in b.spans:
        i = next(
            i for i, p in enumerate(b.parts) if original[i] == span["start"] and p == span["text"]
        )
        new = dict(span, start=starts[i], end=starts[i] + len(parts[i]), text=parts[i])
        spans.append(new)
    return text, spans


def generate(half: str, seed: int = SEED) -> list[dict[str, Any]]:
    """Every row of one half (``dev`` or ``test``); another seed redraws values."""
    offset = {"dev": 0, "test": 1}[half]
    r = random.Random(seed * 2 + offset)
    fakers = {}
    for i, locale in enumerate(LOCALES):
        fakers[locale] = Faker(locale)
        fakers[locale].seed_instance(seed * 100 + offset * 50 + i)
    d = Draw(r, fakers)
    sets = tpl.HALVES[half]
    rows: list[dict[str, Any]] = []
    for kind in ("positive", "negative"):
        for lang in ("en", "es"):
            templates = sets[kind][lang]
            for n in range(PER_HALF[kind]):
                style, template = templates[n % len(templates)]
                built = render(template, d, lang)
                if r.random() < 0.25:  # a case's list names people the text never mentions
                    first, last, _, _ = person(d, NAME_ORIGINS[lang])
                    built.people.append(f"{first} {last}")
                text, spans = _restyle(built, style, d)
                for span in spans:
                    assert text[span["start"] : span["end"]] == span["text"]
                rows.append(
                    {
                        "id": f"fresh-{half}-{kind[:3]}-{lang}-{n:03d}",
                        "split": f"fresh-{half}" + ("" if kind == "positive" else "-negative"),
                        "lang": lang,
                        "style": style,
                        "text": text,
                        "people": list(dict.fromkeys(built.people)),
                        "spans": spans,
                    }
                )
    return rows


def main() -> None:
    write_or_check(OUT, generate("dev") + generate("test"), __doc__.splitlines()[0])


if __name__ == "__main__":
    main()
