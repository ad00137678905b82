"""The values of the eighth held-out set (bench/redaction_heldout8.py).

Faker's where it has them (names from the issue's locales and from locales
no earlier set used, US, Australian and Portuguese streets, plates, SSNs,
e-mail addresses, user names), drawn here where it has not (Haitian, Mayan,
Arabic, Somali and Filipino names, rural, Puerto Rican and post-office
addresses, A-numbers, phones, ID and booking numbers, dates of birth,
obfuscated e-mail addresses, handles, URLs), and the context that is never
gold. The shapes differ on purpose from heldout7's values module.
"""

from __future__ import annotations

import random
import re
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import redaction_heldout

LOCALES = ("en_US", "es_MX", "es_ES", "pt_PT", "en_IE", "ga_IE", "en_AU", "hu_HU", "cs_CZ")
LOCALES += ("hr_HR", "fi_FI", "sv_SE", "az_AZ", "en_CA")
ORIGINS = {  # locale or a hand-drawn origin, and weight
    "en": (("en_US", 36), ("es_MX", 18), ("es_ES", 8), ("haitian", 5), ("maya", 4),
           ("arabic", 4), ("somali", 3), ("filipino", 4), ("pt_PT", 3), ("en_IE", 2),
           ("ga_IE", 2), ("en_AU", 2), ("hu_HU", 2), ("cs_CZ", 2), ("hr_HR", 1), ("fi_FI", 1),
           ("sv_SE", 1), ("az_AZ", 2)),
    "es": (("es_MX", 34), ("es_ES", 16), ("en_US", 12), ("maya", 10), ("haitian", 4),
           ("pt_PT", 5), ("arabic", 3), ("somali", 2), ("filipino", 2), ("hu_HU", 2),
           ("cs_CZ", 2), ("hr_HR", 2), ("az_AZ", 2), ("sv_SE", 2), ("ga_IE", 2)),
}  # fmt: skip
DRAWN = {  # origin: (given names, surnames)
    "haitian": (("Jean-Baptiste", "Wislande", "Dieunel", "Mackenson", "Fabiola", "Rosemène",
                 "Jonas", "Guerline", "Wilner", "Nadège", "Frantzy", "Marie-Ange"),
                ("Pierre-Louis", "Joseph", "Desrosiers", "Célestin", "Saint-Fleur", "Augustin",
                 "Dorvil", "Exantus", "Jean-Charles", "Belizaire", "Toussaint", "Morency")),
    "maya": (("Tomás", "Juana", "Baltazar", "Ixchel", "Francisco", "Catarina", "Diego", "Rosa",
              "Mateo", "Candelaria", "Gaspar", "Magdalena"),
             ("Tzoc Ajpop", "K'ara", "Q'anil Pérez", "Xiloj", "Tum Ixcotoyac", "Sontay",
              "Ajanel", "Us Tiu", "B'alam", "Poz Chuc", "Mendoza Cux", "Ordóñez Ak'abal")),
    "arabic": (("Mohamed", "Abdirahman", "Fatima", "Yousef", "Amira", "Khaled", "Nour", "Omar",
                "Layla", "Hassan", "Rania", "Tariq"),
               ("Al-Masri", "El Haddad", "Abu Zeid", "Bin Saleh", "Haddad",
                "Al-Tamimi", "Nasrallah", "Abdelrahman", "El-Sayed", "Qasim", "Mansour", "Idris")),
    "somali": (("Abdiwali", "Hodan", "Farhiya", "Abdullahi", "Ayaan", "Mahad", "Sahra", "Guled",
                "Ikran", "Bashir"),
               ("Warsame", "Farah Osman", "Abdi", "Hirsi", "Egal", "Jama", "Dualeh", "Nur Aden",
                "Guled", "Samatar")),
    "filipino": (("Ma. Cristina", "Jun-Jun", "Rodelio", "Analyn", "Bong", "Maricel", "Jericho",
                  "Lorna", "Dindo", "Rowena"),
                 ("Dela Cruz", "Macapagal", "Bautista", "Dimaculangan", "Magsaysay", "Pangilinan",
                  "Sy-Tan", "Villanueva", "Ocampo", "Manalastas")),
}  # fmt: skip
NICK = ("Chepe", "Güero", "Flaco", "Tito", "Negra", "Junior", "Chuy", "Big Mike", "Peque")
MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
    "es": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
           "septiembre", "octubre", "noviembre", "diciembre"),
}  # fmt: skip
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
UNITS = ("Trlr {n}", "Ste. {n}", "Apt. {n}{a}", "Basement", "Rear", "Fl {n}", "Dept {n}")
UNITS += ("Apartment {n}", "Unit #{n}", "PH{n}")
DOMAINS = ("proton.me", "protonmail.com", "outlook.es", "tutanota.com", "gmail.com")
DOMAINS += ("yahoo.com.mx", "aol.com", "hotmail.com")
GOLD = {
    "addr": "address", "addr_rural": "address", "addr_pr": "address", "addr_box": "address",
    "addr_mx": "address", "addr_pt": "address", "addr_au": "address",
    "plate": "plate", "plate_hand": "plate", "dob": "dob", "email": "email",
    "email_obf": "email", "handle": "handle", "bare": "handle", "phone": "phone",
    "phone_intl": "phone", "ssn": "ssn", "anum": "a_number", "url": "url",
    "idn": "id_number", "book": "id_number",
}  # fmt: skip
NAME_KINDS = ("name", "given", "last", "listed", "again", "caps", "nick", "hyph", "lower")


class Values(redaction_heldout.Draws):
    """Values for one text: Faker's where it has them, drawn here where not."""

    def __init__(self, seed: int, lists: dict[str, list[list[str]]]) -> None:
        self.r = random.Random(seed)
        self.f = redaction_heldout.fakers(LOCALES)
        for offset, faker in enumerate(self.f.values()):
            faker.seed_instance(seed * 37 + offset)
        self.us = self.f["en_US"]
        self.lists = lists
        self.lang = "en"
        self.people: list[str] = []
        self.listed: list[tuple[str, str]] = []

    # ---- names -------------------------------------------------------------
    def person(self) -> tuple[str, str, str]:
        weights = ORIGINS[self.lang]
        origin = self.r.choices([o for o, _ in weights], [w for _, w in weights])[0]
        if origin in DRAWN:
            given, last = DRAWN[origin]
            return self.pick(given), self.pick(last), origin
        faker = self.f[origin]
        given, last = str(faker.first_name()), str(faker.last_name())
        if origin in ("es_MX", "es_ES") and self.r.random() < 0.4:
            last = f"{last} {faker.last_name()}"
        return given, last, origin

    def name(self, kind: str) -> tuple[str, str, bool]:
        """A name's text, origin and whether it is on the people list."""
        if kind == "again" and self.listed:
            given, last = self.listed[-1]
            return self.pick((given, f"{given} {last}", last.split()[-1])), "again", True
        given, last, origin = self.person()
        full = f"{given} {last}"
        if kind in ("listed", "again"):
            self.people.append(full)
            self.listed.append((given, last))
            return full, origin, True
        if kind == "hyph":
            other = self.person()[1].split()[0]
            return f"{given} {last.split()[0]}-{other}", origin, False
        value = {
            "name": full,
            "given": given,
            "last": last,
            "caps": f"{last.upper()} {given.upper()}",
            "nick": f'{given} "{self.pick(NICK)}" {last}',
            "lower": full.lower(),
        }[kind]
        return value, origin, False

    # ---- addresses ---------------------------------------------------------
    def addr(self) -> str:
        base = f"{self.us.building_number()} {self.us.street_name()}"
        if self.r.random() < 0.5:
            unit = self.pick(UNITS)
            base += self.pick((" ", ", ", " - ")) + unit.format(
                n=self.r.randint(1, 48), a=self.pick("BCDFHJ")
            )
        return base

    def addr_rural(self) -> str:
        n, box = self.r.randint(1, 12), self.r.randint(10, 9999)
        forms = (
            f"RR {n} Box {box}",
            f"Rural Route {n}, Box {box}",
            f"{self.r.randint(100, 29999)} County Road {self.r.randint(1, 900)}",
            f"{self.r.randint(100, 9999)} FM {self.r.randint(100, 3500)}",
            f"{self.r.randint(10, 999)} State Hwy {self.r.randint(1, 299)}",
            f"HC {n:02d} Box {box}",
        )
        return self.pick(forms)

    def addr_pr(self) -> str:
        urb = self.pick(("Villa Carolina", "Las Lomas", "Santa Juanita", "Country Club",
                         "Valle Arriba Heights", "Jardines de Caparra", "Rio Hondo"))  # fmt: skip
        n, barrio = self.r.randint(1, 90), self.pick(("Quebrada", "Pueblo", "Jagual", "Palmarejo"))
        forms = (
            f"Urb. {urb}, Calle {n} {self.pick('ABCDEFG')}-{self.r.randint(1, 30)}",
            f"Urb. {urb} {self.r.randint(100, 2999)} Calle {self.us.last_name()}",
            f"Bo. {barrio} Carr. {n}0 Km {n % 9}.{n % 7}",
            f"Cond. {urb} Apt. {self.r.randint(101, 1809)}",
        )
        return self.pick(forms)

    def addr_box(self) -> str:
        box = self.r.randint(10, 99999)
        return self.pick((f"P.O. Box {box}", f"PO BOX {box}", f"Apartado Postal {box}",
                          f"Box {box}", f"Post Office Box {box}"))  # fmt: skip

    def addr_mx(self) -> str:
        street = self.f["es_MX"].last_name()
        mz, lt = self.r.randint(1, 90), self.r.randint(1, 60)
        forms = (
            f"Mz. {mz} Lt. {lt}",
            f"calle {street} manzana {mz} lote {lt}",
            f"Privada {street} {self.r.randint(1, 300)}-{self.pick('ABC')}",
            f"Cerrada de {street} No. {self.r.randint(1, 99)}",
            f"Andador {self.r.randint(1, 40)} casa {lt}",
            f"{self.f['es_MX'].street_name()} {mz * 7} int. {self.pick('ABCD')}{lt}",
        )
        return self.pick(forms)

    def addr_pt(self) -> str:
        return str(self.f["pt_PT"].street_address())

    def addr_au(self) -> str:
        return str(self.f[self.pick(("en_AU", "en_CA"))].street_address())

    # ---- other details -----------------------------------------------------
    def plate(self) -> str:
        loc = self.pick(("en_US", "en_US", "en_CA", "en_AU", "pt_PT", "hu_HU", "sv_SE", "az_AZ"))
        return str(self.f[loc].license_plate())

    def plate_hand(self) -> str:
        up = "ABCDEFGHJKLMNPRSTUVWXYZ"
        l3 = "".join(self.r.choice(up) for _ in range(3))
        d = self.digits
        forms = (
            f"P-{d(3)}{l3}",  # Guatemala
            f"{l3[:2]}-{d(2)}-{d(3)}",
            f"{d(2)}{l3[0]}-{d(4)}",
            f"TX {l3}{d(4)}",
            f"{l3[0]}{d(2)} {l3[1:]}{d(1)}",
            f"{d(1)} {l3} {d(2)}",
            f"{l3.lower()}{d(3)}",
            f"{l3}·{d(3)}",
            f"{d(3)} {l3[:2]}{d(1)}",
        )
        return self.pick(forms)

    def dob(self) -> str:
        d = date.fromordinal(
            self.r.randint(date(1950, 1, 1).toordinal(), date(2009, 12, 31).toordinal())
        )
        m, y, yy = MONTHS[self.lang][d.month - 1], d.year, f"{d.year % 100:02d}"
        if self.lang == "es":
            forms = (
                f"{d.day}/{ROMAN[d.month - 1]}/{y}",
                f"{d.day:02d}-{d.month:02d}-{yy}",
                f"{m} {d.day}, {y}",
                f"{d.day} {m[:3]}. {y}",
                f"{y}-{d.month:02d}-{d.day:02d}",
                f"{d.day} de {m} de {y}",
                f"{d.day:02d}{m[:3].upper()}{y}",
                f"{d.day}.{d.month}.{yy}",
            )
        else:
            forms = (
                f"{d.month:02d}-{d.day:02d}-{y}",
                f"{m[:3]} {d.day} '{yy}",
                f"{d.day:02d}{m[:3].upper()}{yy}",
                f"{y}-{d.month:02d}-{d.day:02d}",
                f"{d.month}.{d.day}.{yy}",
                f"{m.lower()} {d.day} {y}",
                f"{m} {d.day}, {y}",
                f"{d.month}-{d.day}-{yy}",
            )
        return self.pick(forms)

    def email(self) -> str:
        loc = self.pick(("en_US", "es_MX", "es_ES", "pt_PT", "en_IE", "hu_HU", "en_AU"))
        user = str(self.f[loc].user_name())
        if self.r.random() < 0.2:
            user += self.pick(("+ice", "+tips", f".{self.digits(2)}"))
        domain = self.pick(
            (*DOMAINS, str(self.f[loc].free_email_domain()), str(self.f[loc].domain_name()))
        )
        return f"{user}@{domain}"

    def email_obf(self) -> str:
        user, domain = self.email().split("@")
        name, _, tld = domain.rpartition(".")
        if self.lang == "es":
            forms = (f"{user} [arroba] {name} [punto] {tld}", f"{user}(arroba){domain}",
                     f"{user} ARROBA {name} PUNTO {tld}", f"{user} @ {domain}")  # fmt: skip
        else:
            forms = (f"{user} [at] {name} [dot] {tld}", f"{user}(at){domain}",
                     f"{user} AT {name} DOT {tld}", f"{user} @ {domain}",
                     f"{user}{{at}}{name}{{dot}}{tld}")  # fmt: skip
        return self.pick(forms)

    def user(self) -> str:
        value = str(self.f[self.pick(("en_US", "es_MX", "es_ES", "pt_PT", "en_AU"))].user_name())
        return self.pick((value, value, f"{value}{self.digits(3)}", f"_{value}_", f"{value}.x"))

    def handle(self) -> str:
        user = self.user()
        return self.pick((f"@{user}", f"@{user}", f"${user.replace('.', '')}", f"u/{user}",
                          f"{user}#{self.digits(4)}"))  # fmt: skip

    def bare(self) -> str:
        """A user name with no mark, after a platform word the template writes."""
        return str(self.f[self.pick(("en_US", "es_MX", "pt_PT"))].user_name())

    def phone(self) -> str:
        a = self.pick(("787", "939", "347", "929", "832", "956", "480", "702", "503", "971"))
        b, c = self.pick("23456789") + self.digits(2), self.digits(4)
        forms = (f"{a}-{b}-{c}", f"({a}){b}-{c}", f"{a} {b} {c}", f"+1-{a}-{b}-{c}")
        forms += (f"1-{a}-{b}-{c}", f"({a}) {b}-{c} ext. {self.digits(3)}", f"{a}-{b}{c}")
        return self.pick(forms)

    def phone_intl(self) -> str:
        d = self.digits
        forms = (
            f"+509 3{d(1)} {d(2)} {d(4)}", f"+63 9{d(2)} {d(3)} {d(4)}", f"809-{d(3)}-{d(4)}",
            f"+53 5 {d(3)} {d(4)}", f"+351 9{d(2)} {d(3)} {d(3)}", f"+52 1 33 {d(4)} {d(4)}",
            f"+502 3{d(3)} {d(4)}", f"+252 61 {d(3)} {d(4)}", f"+34 {d(3)} {d(3)} {d(3)}",
        )  # fmt: skip
        return self.pick(forms)

    def ssn(self) -> str:
        value = str(self.us.ssn())
        return self.pick((value, value.replace("-", " "), value.replace("-", "."), value))

    def anum(self) -> str:
        d = self.pick(("0", "2", "")) + self.digits(8)
        g = f"{d[:-6]}-{d[-6:-3]}-{d[-3:]}"
        forms = (f"A–{d}", f"a{d}", f"A.{d[:-6]}.{d[-6:-3]}.{d[-3:]}", f"A {g}", f"A#{d}",
                 f"A{d[:-6]}/{d[-6:-3]}/{d[-3:]}", f"A {d}")  # fmt: skip
        return self.pick(forms)

    def url(self) -> str:
        user = self.user().strip("_").replace(".", "")
        forms = (
            f"https://linktr.ee/{user}",
            f"t.me/{user}",
            f"https://venmo.com/u/{user}",
            f"https://www.change.org/p/free-{user.lower()}",
            f"bit.ly/{self.us.pystr(min_chars=7, max_chars=7)}",
            f"https://www.instagram.com/{user}?igsh={self.us.pystr(min_chars=10, max_chars=10)}",
            f"https://{self.f['pt_PT'].domain_name()}/sobre",
            f"https://signal.group/#{self.us.pystr(min_chars=16, max_chars=16)}",
            f"https://www.threads.net/@{user}",
        )
        return self.pick(forms)

    def idn(self) -> str:
        d, up = self.digits, "ABCDEFGHJKLMNPRSTUVWXYZ"
        c = self.r.choice
        forms = (
            f"G{d(8)}",  # Mexican passport
            f"{c(up)}{c(up)}{c(up)}{c(up)}{d(6)}{c('HM')}{c(up)}{c(up)}{c(up)}{c(up)}{c(up)}{d(2)}",
            f"{d(2)}-{d(6)}-{d(1)}",
            f"{c(up)}{d(3)}-{d(4)}-{d(4)}",
            f"{d(3)}{c(up)}{d(5)}",
            f"{d(4)}-{d(4)}-{d(5)}",
            f"{c('BCDFKLMNPSTVWXYZ')}-{d(8)}",  # never "A-" and eight digits (an A-number)
        )
        return self.pick(forms)

    def book(self) -> str:
        y = self.r.randint(2020, 2026)
        forms = (f"BKG{y % 100}-{self.digits(6)}", f"{self.digits(2)}-{self.digits(7)}",
                 f"SO{self.digits(6)}", f"JID{self.digits(7)}", f"#{self.digits(8)}",
                 f"{self.pick('ABCDEFGH')}{self.pick('ABCDEFGH')}{self.digits(4)}",
                 f"{y}-{self.digits(4)}-{self.digits(2)}")  # fmt: skip
        return self.pick(forms)

    def detail(self, kind: str) -> str:
        value = getattr(self, kind)()
        return re.sub(r"[ \t]+", " ", value).strip()

    # ---- context (never gold) ----------------------------------------------
    def context(self, kind: str) -> str:
        if kind == "trap":
            place, word, part = self.pick(self.lists["trap"])
            given, last, _ = self.person()
            self.people.append(f"{word} {last}" if part == "given" else f"{given} {word}")
            return place
        if kind in self.lists:
            return self.pick([v[0] for v in self.lists[kind]])
        d = date.fromordinal(
            self.r.randint(date(2021, 1, 1).toordinal(), date(2026, 11, 30).toordinal())
        )
        m, y, es = MONTHS[self.lang][d.month - 1], self.r.randint(2019, 2026), self.lang == "es"
        hour, minute, dd = self.r.randint(1, 12), self.r.randint(0, 59), self.digits
        pod = f"{self.pick(('Pod', 'Dorm', 'Unit'))} {self.pick('ABCDGH')}-{self.r.randint(1, 40)}"
        airline = self.pick(("IFL", "SWQ", "KFS", "GXA"))
        table = {
            "day": lambda: self.pick(
                (f"el {d.day} de {m}", f"{d.day}-{d.month}-{d.year}", f"{m} {d.day}")
                if es
                else (f"{m} {d.day}", f"{d.month}-{d.day}-{d.year % 100}", f"{d.isoformat()}")
            ),
            "time": lambda: self.pick(
                (f"{hour}:{minute:02d}{self.pick(('a.m.', 'p.m.', 'AM', 'PM'))}",
                 f"{hour + 11}{minute:02d} hrs")
            ),
            "case": lambda: self.pick(
                (f"{y}-CR-{dd(5)}", f"{self.pick(('CR', 'FE', 'MJ'))}{y % 100}-{dd(5)}",
                 f"No. {dd(2)}-{dd(4)}", f"{dd(4)}/{y}")
            ),
            "docket": lambda: f"{dd(1)}:{y % 100}-cv-{dd(5)}",
            "incident": lambda: self.pick((f"{y % 100}-{dd(7)}", f"IR-{dd(6)}", f"{y}{dd(6)}")),
            "receipt": lambda: self.pick((f"IOE{dd(10)}", f"EAC{dd(10)}", f"R-{dd(9)}")),
            "citation": lambda: f"{self.pick('ETW')}{dd(7)}",
            "money": lambda: self.pick(
                (f"${self.r.randint(1, 20)},000", f"${self.r.randint(2, 90)}.{dd(2)}",
                 f"{self.r.randint(200, 9000)} pesos", f"US$ {self.r.randint(50, 999)}")
            ),
            "count": lambda: str(self.r.randint(2, 2400)),
            "zip": lambda: str(self.us.zipcode()),
            "pod": lambda: pod,
            "flight": lambda: f"{airline} {self.r.randint(100, 4999)}",
        }  # fmt: skip
        return table[kind]()
