"""The values of the seventh held-out set (bench/redaction_heldout7.py).

Faker's where it has them (names, US streets, plates, SSNs, e-mail addresses,
user names), drawn here where it has not (Central American names and
addresses, units, A-numbers, phones, ID numbers, hand-written dates, spoken
e-mail addresses, handles, URLs), and the context that is never gold.
"""

from __future__ import annotations

import re
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import redaction_heldout

LOCALES = ("en_US", "es_MX", "es_ES", "pt_BR", "es_CL", "fr_FR", "it_IT", "en_IN", "de_DE")
LOCALES += ("en_GB", "zu_ZA")
ORIGINS = {  # locale, "centam" or "particle" (names built here), and weight
    "en": (("en_US", 34), ("es_MX", 18), ("es_ES", 8), ("centam", 8), ("particle", 6),
           ("pt_BR", 4), ("fr_FR", 4), ("it_IT", 4), ("en_IN", 5), ("de_DE", 3), ("en_GB", 3),
           ("zu_ZA", 3)),
    "es": (("es_MX", 30), ("es_ES", 20), ("en_US", 12), ("centam", 14), ("particle", 8),
           ("es_CL", 6), ("pt_BR", 4), ("it_IT", 2), ("fr_FR", 2), ("zu_ZA", 2)),
}  # fmt: skip
CENTAM_GIVEN = (
    "Wilmer", "Yeferson", "Darwin", "Elmer", "Brayan", "Nolvia", "Reina Isabel", "Yesenia",
    "Kenia", "Marvin", "Selvin", "Ingrid Maribel", "Santos", "Dilcia", "Jaqueline", "Edwin",
    "Glenda", "Osman", "Maynor", "Heidy", "Lesbia", "Everildo", "Wendy Carolina", "Nery",
)  # fmt: skip
CENTAM_LAST = (
    "Chávez Xol", "Pop Caal", "Cux", "Ixcoy", "Tzul", "Aguilar Ajú", "Canales", "Zelaya",
    "Maldonado Posadas", "Alvarenga", "Portillo", "Coc Tiul", "Pineda Murcia", "Amaya",
    "Orellana", "Bonilla", "Quej", "Lemus", "Argueta", "Tobar", "Escobar Chicas", "Mejía",
)  # fmt: skip
PARTICLE = (
    "de Souza", "dos Santos", "Da Silva", "De Jesús", "del Castillo", "Van der Berg", "D'Angelo",
    "O'Brien", "McKenna-Ruiz", "Ruiz-Tagle", "García-Lorca", "de la Peña", "Saint-Germain",
    "Le Blanc", "Mac Donald", "di Stefano", "Ben-Haim", "N'Dour",
)  # fmt: skip
COMPOUND = ("María Guadalupe", "Juan José", "Ana María", "José Manuel", "Marie-Claire")
COMPOUND += ("Luz Elena", "Mary Ann", "Jean-Luc", "Francisco Javier", "Ana-Sofía")
MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
    "es": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
           "septiembre", "octubre", "noviembre", "diciembre"),
}  # fmt: skip
ORD = ("1st", "2nd", "3rd", *tuple(f"{n}th" for n in range(4, 21)), "21st", "22nd", "23rd")
ORD += (*tuple(f"{n}th" for n in range(24, 31)), "31st")
GOLD = {
    "addr": "address", "addr_unit": "address", "addr_es": "address", "addr_spain": "address",
    "addr_ca": "address", "addr_br": "address", "plate": "plate", "plate_hand": "plate",
    "dob": "dob", "email": "email", "email_said": "email", "handle": "handle",
    "bare": "handle", "phone": "phone", "phone_ca": "phone", "phone_es": "phone",
    "ssn": "ssn", "anum": "a_number", "anum_d": "a_number", "url": "url",
    "idn": "id_number", "book": "id_number",
}  # fmt: skip
NAME_KINDS = ("name", "given", "last", "listed", "again", "rev", "split", "init", "lower")


class Values(redaction_heldout.FakerDraws):
    """Values for one text: Faker's where it has them, drawn here where not."""

    locales, spread = LOCALES, 31

    # ---- names -------------------------------------------------------------
    def person(self) -> tuple[str, str, str]:
        weights = ORIGINS[self.lang]
        origin = self.r.choices([o for o, _ in weights], [w for _, w in weights])[0]
        if origin == "centam":
            return self.pick(CENTAM_GIVEN), self.pick(CENTAM_LAST), origin
        if origin == "particle":
            faker = self.f[self.pick(("es_MX", "pt_BR", "en_US", "fr_FR"))]
            given = self.pick(COMPOUND) if self.r.random() < 0.35 else str(faker.first_name())
            return given, self.pick(PARTICLE), origin
        faker = self.f[origin]
        given, last = str(faker.first_name()), str(faker.last_name())
        if origin in ("es_MX", "es_ES", "es_CL") and self.r.random() < 0.45:
            last = f"{last} {faker.last_name()}"
        return given, last, origin

    def name(self, kind: str) -> tuple[str, str, bool]:
        """A name's text, origin and whether it is on the people list."""
        if kind == "again" and self.listed:
            given, last = self.listed[-1]
            return self.pick((given, last.split()[0], f"{given} {last}")), "again", True
        given, last, origin = self.person()
        full = f"{given} {last}"
        if kind in ("listed", "again"):
            self.people.append(full)
            self.listed.append((given, last))
            return full, origin, True
        value = {
            "name": full,
            "given": given,
            "last": last,
            "rev": f"{last.upper()}, {given.upper()}",
            "split": f"{given}\n{last}",
            "init": f"{given} {last[0]}.",
            "lower": full.lower(),
        }[kind]
        return value, origin, False

    # ---- addresses ---------------------------------------------------------
    def unit(self) -> str:
        n, a = self.r.randint(1, 39), self.pick("ABCDEFGLR")
        if self.lang == "es":
            forms = ("apt {n}", "apartamento #{n}{a}", "depto. {n}", "int. {n}", "piso {n}")
            forms += ("casa {a}", "cuarto {n}", "{n}° {a}", "apto {a}-{n}", "2do piso")
        else:
            forms = ("Apt {n}", "apt. {a}", "#{n}{a}", "Unit {a}{n}", "Suite {n}00", "Bldg {a}")
            forms += ("Lot {n}", "Space {n}", "Rm {n}", "upstairs", "Apt {n}-{a}", "3rd Fl")
        return self.pick(forms).format(n=n, a=a)

    def addr(self, unit: bool) -> str:
        value = f"{self.us.building_number()} {self.us.street_name()}"
        if self.r.random() < 0.15:
            side = self.pick(("N", "S", "E", "W"))
            value = f"{self.r.randint(10, 9999)} {side} {self.r.randint(2, 99)}th St"
        return f"{value}{self.pick((' ', ', '))}{self.unit()}" if unit else value

    def addr_es(self) -> str:
        num, street = self.us.building_number(), str(self.us.street_name())
        forms = (
            f"{num} {street}",
            f"{street} {num}, {self.unit()}",
            f"{street} #{num}",
            f"{num} de la {street}",
            f"{street} número {num}",
        )
        return self.pick(forms)

    def addr_spain(self) -> str:
        street = str(self.f["es_ES"].last_name())
        kind = self.pick(("C/", "c/", "Calle", "Avda.", "Pza.", "Paseo de", "Ronda de"))
        n, floor = self.r.randint(1, 180), self.r.randint(1, 9)
        rest = self.pick((f", {floor}º {self.pick('ABCD')}", f", {floor}º izda.", f" {floor}-D"))
        rest = self.pick((rest, f", piso {floor}, puerta {self.r.randint(1, 12)}", ", bajo"))
        return f"{kind} {street}, {n}{rest}" if "/" in kind else f"{kind} {street} {n}{rest}"

    def addr_ca(self) -> str:
        place = str(self.f["es_MX"].last_name())
        n = self.r.randint(1, 60)
        forms = (
            f"aldea {place}, caserío {self.pick(('El Mango', 'Los Pinos', 'La Ceiba'))}",
            f"{n} avenida {self.r.randint(1, 20)}-{self.r.randint(10, 90)} zona {n % 18 + 1}",
            f"col. {place} bloque {self.pick('ABCDEFG')} casa {n}",
            f"reparto {place}, calle {self.pick(('principal', 'B', '3'))}, casa #{n}",
            f"lotificación {place} lote {n}",
        )
        return self.pick(forms)

    def addr_br(self) -> str:
        return str(self.f[self.pick(("es_MX", "es_CL", "pt_BR"))].street_address())

    # ---- other details -----------------------------------------------------
    def plate(self) -> str:
        loc = self.pick(("en_US", "en_US", "es_MX", "es_ES", "en_GB", "de_DE", "es_CL"))
        return str(self.f[loc].license_plate())

    def plate_hand(self) -> str:
        up = "ABCDEFGHJKLMNPRSTUVWXYZ"
        three = "".join(self.r.choice(up) for _ in range(3))
        forms = (
            f"{self.r.randint(1, 9)}{three}{self.digits(3)}",
            f"{three}{self.digits(4)}",
            f"{three} - {self.digits(4)}",
            f"{three[:2]}{self.digits(2)}{three[2]}{self.digits(2)}",
            f"{self.digits(3)}-{three}-{self.r.randint(1, 9)}",
            f"{three.lower()} {self.digits(3)}",
            f"{self.digits(4)}{three}",
        )
        return self.pick(forms)

    def dob(self) -> str:
        d = date.fromordinal(
            self.r.randint(date(1948, 1, 1).toordinal(), date(2008, 12, 31).toordinal())
        )
        m, y, yy = MONTHS[self.lang][d.month - 1], d.year, f"{d.year % 100:02d}"
        if self.lang == "es":
            forms = (
                f"{d.day}/{d.month}/{y}",
                f"{d.day:02d}.{d.month:02d}.{y}",
                f"{d.day} {m} {y}",
                f"{d.day}-{m[:3]}-{yy}",
                f"{d.day} de {m} del {y}",
                f"{m} {d.day} del {y}",
                f"{d.day:02d}/{m[:3].upper()}/{y}",
            )
        else:
            forms = (
                f"{d.month}/{d.day}/{y}",
                f"{d.month:02d}/{d.day:02d}/{yy}",
                f"{m[:3]}. {d.day}, {y}",
                f"{d.day} {m} {y}",
                f"the {ORD[d.day - 1]} of {m}, {y}",
                f"{m} {ORD[d.day - 1]} {y}",
                f"{y}.{d.month:02d}.{d.day:02d}",
            )
        return self.pick(forms)

    def email(self) -> str:
        loc = self.pick(("en_US", "es_MX", "es_ES", "pt_BR", "it_IT", "fr_FR"))
        value = str(self.f[loc].free_email() if self.r.random() < 0.65 else self.f[loc].email())
        user, domain = value.split("@")
        if self.lang == "es" and self.r.random() < 0.35:
            domain = self.pick(("hotmail.es", "gmail.com", "yahoo.es", "icloud.com", "live.com.mx"))
        if self.r.random() < 0.2:
            user = f"{user}{self.r.randint(70, 2008)}"
        return f"{user}@{domain}"

    def email_said(self) -> str:
        user, domain = self.email().lower().split("@")
        if self.lang == "es":
            at, dot = self.pick((" arroba ", " (arroba) ", " arroba")), " punto "
            user = user.replace("_", " guion bajo ")
        else:
            at, dot = self.pick((" at ", " @ ", " at sign ")), " dot "
            user = user.replace("_", " underscore ")
        return (user.replace(".", dot) + at + domain.replace(".", dot)).replace("  ", " ")

    def user(self) -> str:
        value = str(self.f[self.pick(("en_US", "es_MX", "es_ES", "pt_BR"))].user_name())
        return self.pick((value, value, f"{value}_{self.digits(2)}", f"{value}.oficial"))

    def phone(self) -> str:
        a, b, c = self.r.randint(205, 979), self.pick("23456789") + self.digits(2), self.digits(4)
        forms = (f"{a}-{b}-{c}", f"({a}) {b} {c}", f"{a}{b}{c}", f"+1 ({a}) {b}-{c}")
        forms += (f"{a}/{b}-{c}", f"1 {a} {b}-{c}", f"{a}.{b}.{c}")
        return self.pick(forms)

    def phone_ca(self) -> str:
        d = self.digits
        forms = (
            f"+502 5{d(3)}-{d(4)}", f"(504) 9{d(3)}-{d(4)}", f"503-7{d(3)}-{d(4)}",
            f"+52 {self.r.randint(222, 999)} {d(3)} {d(4)}", f"011 502 4{d(3)} {d(4)}",
            f"00503 6{d(3)} {d(4)}", f"55 {d(4)} {d(4)}", f"+505 8{d(3)} {d(4)}",
        )  # fmt: skip
        return self.pick(forms)

    def phone_es(self) -> str:
        d = self.digits
        forms = (f"6{d(2)} {d(2)} {d(2)} {d(2)}", f"+34 6{d(8)}", f"0034 7{d(2)} {d(3)} {d(3)}")
        return self.pick((*forms, f"9{d(2)}-{d(3)}-{d(3)}"))

    def ssn(self) -> str:
        value = str(self.us.ssn())
        return self.pick((value, value, value.replace("-", "")))

    def anum(self) -> str:
        d = self.pick(("0", "2", "")) + self.digits(8)
        forms = (
            f"A{d}",
            f"A-{d}",
            f"A{d[:-6]}-{d[-6:-3]}-{d[-3:]}",
            d,
            f"A {d[:-6]} {d[-6:-3]} {d[-3:]}",
        )
        return self.pick(forms)

    def anum_d(self) -> str:
        """Digits only, after an "A#", "A-" or "A" the template writes."""
        d = self.pick(("0", "2", "")) + self.digits(8)
        return self.pick((d, f"{d[:-6]}-{d[-6:-3]}-{d[-3:]}", f"{d[:-6]} {d[-6:-3]} {d[-3:]}"))

    def url(self) -> str:
        user = self.user().replace(".", "")
        forms = (
            f"https://www.instagram.com/{user}/",
            f"facebook.com/{user}",
            f"https://www.tiktok.com/@{user}/video/{self.digits(19)}",
            f"https://gofund.me/{self.us.pystr(min_chars=8, max_chars=8).lower()}",
            f"http://{self.f['es_MX'].domain_name()}/contacto",
            f"www.{self.us.domain_name()}",
            f"https://chat.whatsapp.com/{self.us.pystr(min_chars=22, max_chars=22)}",
            f"https://www.youtube.com/watch?v={self.us.pystr(min_chars=11, max_chars=11)}",
        )
        return self.pick(forms)

    def idn(self) -> str:
        d, up = self.digits, "ABCDEFGHJKLMNPRSTUVWXYZ"
        forms = (
            f"{self.r.choice(up)}{d(7)}",
            f"{d(8)}-{d(1)}",
            f"{d(4)} {d(5)} {d(4)}",
            f"{d(8)}{self.r.choice(up)}",
            f"{self.r.choice(up)}{d(3)}-{d(3)}-{d(2)}-{d(3)}-{d(1)}",
            f"{d(9)}",
            f"{self.r.choice(up)}{self.r.choice(up)}{d(6)}",
        )
        return self.pick(forms)

    def book(self) -> str:
        y = self.r.randint(2019, 2026)
        forms = (f"{y}{self.digits(5)}", f"{y % 100}-{self.digits(5)}", f"BK{self.digits(7)}")
        return self.pick((*forms, f"{self.digits(6)}", f"J{self.digits(6)}"))

    def detail(self, kind: str) -> str:
        value = {
            "addr": lambda: self.addr(self.r.random() < 0.35),
            "addr_unit": lambda: self.addr(True),
            "addr_es": self.addr_es,
            "addr_spain": self.addr_spain,
            "addr_ca": self.addr_ca,
            "addr_br": self.addr_br,
            "plate": self.plate,
            "plate_hand": self.plate_hand,
            "dob": self.dob,
            "email": self.email,
            "email_said": self.email_said,
            "handle": lambda: "@" + self.user(),
            "bare": self.user,
            "phone": self.phone,
            "phone_ca": self.phone_ca,
            "phone_es": self.phone_es,
            "ssn": self.ssn,
            "anum": self.anum,
            "anum_d": self.anum_d,
            "url": self.url,
            "idn": self.idn,
            "book": self.book,
        }[kind]()
        return re.sub(r"\s+", " ", re.sub(r"\s+,", ",", value)).strip()

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
            self.r.randint(date(2020, 1, 1).toordinal(), date(2026, 11, 30).toordinal())
        )
        m, y = MONTHS[self.lang][d.month - 1], self.r.randint(2018, 2026)
        es, hour, minute = self.lang == "es", self.r.randint(1, 12), self.r.randint(0, 59)
        table = {
            "day": lambda: self.pick(
                (f"{d.day} de {m}", f"{d.day}/{d.month}/{d.year}", f"{m} {d.day}")
                if es
                else (f"{m} {d.day}", f"{d.month}/{d.day}/{d.year}", f"{m[:3]} {d.day}, {d.year}")
            ),
            "time": lambda: self.pick(
                (f"{hour}:{minute:02d} {self.pick(('am', 'pm'))}", f"{hour + 8}:15")
            ),
            "case": lambda: self.pick(
                (
                    f"{y % 100}-{self.digits(6)}-CF",
                    f"CV-{y}-{self.digits(4)}",
                    f"{self.digits(3)}-{y}",
                )
            ),
            "docket": lambda: f"CP-{self.r.randint(1, 67):02d}-CR-{self.digits(7)}-{y}",
            "incident": lambda: self.pick((f"{y}-{self.digits(6)}", f"#{self.digits(7)}")),
            "receipt": lambda: self.pick((f"{self.digits(10)}", f"MT-{self.digits(8)}")),
            "money": lambda: self.pick(
                (
                    f"${self.r.randint(5, 300)}.{self.digits(2)}",
                    f"${self.r.randint(1, 25)},500",
                    f"{self.r.randint(100, 5000)} quetzales",
                    f"{self.r.randint(2, 99)},50 €",
                )
            ),
            "count": lambda: str(self.r.randint(3, 1800)),
            "zip": lambda: str(self.us.zipcode()),
            "bunk": lambda: (
                f"{self.pick('ABCDEFK')}{self.r.randint(1, 3)}-{self.r.randint(1, 64):02d}"
            ),
            "flight": lambda: (
                f"{self.pick(('GXA', 'WAL', 'ATN', 'EUE'))}{self.r.randint(80, 9990)}"
            ),
        }
        return table[kind]()
