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
    ("text", "value"),
    [
        ("Year of birth: 1968", "1968"),
        ("the detainee (b. 1987) has diabetes", "1987"),
        ("dob: 030490", "030490"),
        ("DOB:\n\n08/19/1994", "08/19/1994"),
        ("fecha de nacimiento:\n\n\n30-11-1969", "30-11-1969"),
        ("nacida el 21 de sept. de 1985", "21 de sept. de 1985"),
        ("Date and place of birth 9/9/1977, Tegucigalpa", "9/9/1977"),
        # A strong cue reaches a date a long clause away.
        ("Date of birth, as the sheet from the county jail gives it: 2/9/1981", "2/9/1981"),
    ],
)
def test_birth_dates_in_forms(text: str, value: str) -> None:
    assert _found(text, "dob") == [value]


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
    ("text", "value"),
    [
        ("his email: wsmith at acmeplumbing.com", "wsmith at acmeplumbing.com"),
        ("email: carla.\nbenitez@gmail.com", "carla.\nbenitez@gmail.com"),
        ("correo: rosa_\nlima@hotmail.com", "rosa_\nlima@hotmail.com"),
    ],
)
def test_emails_after_their_label(text: str, value: str) -> None:
    assert _found(text, "email") == [value]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # "at" with no e-mail word before it is a preposition.
        ("she works at acme.com", []),
        # A sentence's end before a line break is no wrapped address.
        ("Write me.\njuan@x.org", ["juan@x.org"]),
    ],
)
def test_email_cues_stay_narrow(text: str, found: list[str]) -> None:
    assert _found(text, "email") == found


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("número de seguridad social: 598217734", "598217734"),
        ("los últimos cuatro números de su social son 0937", "0937"),
        ("last four numbers of his SSN: 7741", "7741"),
    ],
)
def test_spanish_ssn_cues(text: str, value: str) -> None:
    assert _found(text, "ssn") == [value]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("llámame al 612345678", "612345678"),
        ("tel 712345678", "712345678"),
        ("mi número es el 7123-4567", "7123-4567"),
    ],
)
def test_spanish_phones_after_a_cue(text: str, value: str) -> None:
    assert _found(text, "phone") == [value]


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
