"""Issue 11, seventh round: dates of birth in forms and tables, e-mails after
their label, Spanish SSN cues and last four digits, Spanish phones after a
cue; and the hard negatives that must stay readable."""

from __future__ import annotations

import pytest

from tipline.export.pii.redaction import find_identifying
from tipline.export.pii.table_columns import cells_below


def _found(text: str, category: str) -> list[str]:
    return [f.text for f in find_identifying(text) if f.category == category]


@pytest.mark.parametrize(
    ("category", "text", "values"),
    [
        ("dob", "Year of birth: 1968", ["1968"]),
        ("dob", "the detainee (b. 1987) has diabetes", ["1987"]),
        ("dob", "dob: 030490", ["030490"]),
        ("dob", "DOB:\n\n08/19/1994", ["08/19/1994"]),
        ("dob", "fecha de nacimiento:\n\n\n30-11-1969", ["30-11-1969"]),
        ("dob", "nacida el 21 de sept. de 1985", ["21 de sept. de 1985"]),
        ("dob", "Date and place of birth 9/9/1977, Tegucigalpa", ["9/9/1977"]),
        # A strong cue reaches a date a long clause away.
        (
            "dob",
            "Date of birth, as the sheet from the county jail gives it: 2/9/1981",
            ["2/9/1981"],
        ),
        ("email", "his email: wsmith at acmeplumbing.com", ["wsmith at acmeplumbing.com"]),
        ("email", "email: carla.\nbenitez@gmail.com", ["carla.\nbenitez@gmail.com"]),
        ("email", "correo: rosa_\nlima@hotmail.com", ["rosa_\nlima@hotmail.com"]),
        ("email", "pedro(dot)vasquez(at)gmail(dot)com", ["pedro(dot)vasquez(at)gmail(dot)com"]),
        (
            "email",
            "luis [punto] mora [arroba] yahoo [punto] es",
            ["luis [punto] mora [arroba] yahoo [punto] es"],
        ),
        # "at" with no e-mail word before it is a preposition.
        ("email", "she works at acme.com", []),
        # A sentence's end before a line break is no wrapped address.
        ("email", "Write me.\njuan@x.org", ["juan@x.org"]),
        ("ssn", "número de seguridad social: 598217734", ["598217734"]),
        ("ssn", "los últimos cuatro números de su social son 0937", ["0937"]),
        ("ssn", "last four numbers of his SSN: 7741", ["7741"]),
        ("phone", "llámame al 612345678", ["612345678"]),
        ("phone", "tel 712345678", ["712345678"]),
        ("phone", "mi número es el 7123-4567", ["7123-4567"]),
        ("phone", "su número: 52 1 55 1234 5678", ["52 1 55 1234 5678"]),
        ("phone", "+52 1 (55) 1234 5678", ["+52 1 (55) 1234 5678"]),
        ("phone", "cel 7777 8888 o 5555 6666", ["7777 8888", "5555 6666"]),
        ("phone", "Tel: 7777-8888, 2222-3333 y 4444-5555", ["7777-8888", "2222-3333", "4444-5555"]),
        ("phone", "contacto: 7777-8888", ["7777-8888"]),
        ("phone", "celu 7777-8888", ["7777-8888"]),
        ("phone", "su whatsapp 573056781673 gracias", ["573056781673"]),
        ("phone", "34 612 345 678", ["34 612 345 678"]),
        # A card number is no phone, nor is any piece of it.
        ("phone", "cuenta 5299 1234 5678 9012", []),
        ("phone", "1234 5299 1234 5678", []),
        ("phone", "cel 55 4433\n2211", ["55 4433\n2211"]),
        ("ssn", "SS: 123456789", ["123456789"]),
        ("ssn", "S.S.: 123 456 789", ["123 456 789"]),
        ("ssn", "seguro social: 1 2 3 4 5 6 7 8 9", ["1 2 3 4 5 6 7 8 9"]),
        ("dob", "FN 04/07/1972", ["04/07/1972"]),
        ("dob", "Birth 03/04/1990", ["03/04/1990"]),
        ("dob", "El 3 de abril cumple 40 años.", ["3 de abril"]),
        ("dob", "on June 3 he turns 40", ["June 3"]),
        ("dob", "Arrested 3/4/2020 and turned 18 there", []),
        ("dob", "nació el 3 de abril del noventa y dos", ["3 de abril del noventa y dos"]),
        ("dob", "DOB: 03/04/\n1990", ["03/04/\n1990"]),
        ("dob", "nacido el 4 marzo", ["4 marzo"]),
        ("email", "contact jsmith at smith-jones.com", ["jsmith at smith-jones.com"]),
        ("email", "reach me at jsmith at example.com", ["jsmith at example.com"]),
        ("email", "email: o'brien.k@example.com", ["o'brien.k@example.com"]),
        ("email", "'jsmith@x.com'", ["jsmith@x.com"]),
        ("email", "contact the office at ice.gov", []),
        ("email", "I work at garcia-family.com", []),
        ("dob", "On 3/4/2020 the guards turned 2 people away", []),
    ],
)
def test_found(category: str, text: str, values: list[str]) -> None:
    assert _found(text, category) == values


@pytest.mark.parametrize(
    "table",
    [
        "Name | DOB | Country\n--- | --- | ---\nR. | 05/17/1986 | Guatemala\n"
        "M. | 1/2/85 | Honduras",
        "Name\tDOB\tA-number\nR.\t05/17/1986\tunknown\nM.\t1/2/85\t",
        "Nombre; Fecha de nac.; País\nR.; 05/17/1986; Guatemala\nM.; 1/2/85; Honduras",
        "Name        DOB (mm/dd/yy)   Country\nR.          05/17/1986       Guatemala\n"
        "M.          1/2/85           Honduras",
    ],
)
def test_birth_dates_under_a_table_header(table: str) -> None:
    assert _found(table, "dob") == ["05/17/1986", "1/2/85"]


@pytest.mark.parametrize(
    "text",
    [
        # A sentence with commas is no header row.
        "The undersigned, born on October 11,\n1984, states that on 20-JUL-2025 deputies came",
        # Another column's dates are not birth dates.
        "Name | DOB | Arrested\nR. | unknown | 03/14/2023",
        "La fiesta de cumpleaños fue el 3 de abril y llegó la migra.",
        "Her birthday party was raided on 3/4/2024.",
        "He was arrested on 03/14/2023 and transferred on 04/02/2023.",
    ],
)
def test_other_dates_stay_readable(text: str) -> None:
    assert "20-JUL-2025" not in _found(text, "dob")
    assert not [d for d in _found(text, "dob") if d != "October 11,\n1984"]


def test_cells_below_stops_at_a_blank_line() -> None:
    text = "A | DOB\nx | 1\n\ny | 2"
    assert [text[s:e] for s, e in cells_below(text, 4, 7)] == ["1"]


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("SSN number 612345678", "ssn"),
        ("A-number 712345678", "a_number"),
        ("booking number 712345678", "id_number"),
    ],
)
def test_nine_digits_after_number_are_no_phone(text: str, category: str) -> None:
    assert [f.category for f in find_identifying(text)] == [category]
