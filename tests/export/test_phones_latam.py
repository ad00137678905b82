"""Phones from Mexico, Central America and Spain, in Spanish and English
tips, and the numbers of the same shapes that must stay readable."""

from __future__ import annotations

import pytest

from tipline.export.pii.redaction import find_identifying


def phone_texts(text):
    return [f.text for f in find_identifying(text) if f.category == "phone"]


FOUND = [
    # Central America: eight digits after a cue, Spanish and English.
    ("Mi cel es 7777-8888, háblame en la tarde.", "7777-8888"),
    ("Hay que llamar al 2222 3333 antes de las seis.", "2222 3333"),
    ("WhatsApp: 7777 8888", "7777 8888"),
    ("márcale al 5555-1234 en la noche", "5555-1234"),
    ("Su número es 9876-5432.", "9876-5432"),
    ("tel. 2233-4455 (oficina)", "2233-4455"),
    ("Teléfono de su mamá: 7712 3456", "7712 3456"),
    ("el celular de mi hermano es 77123456", "77123456"),
    ("whats 6123.4567 por si acaso", "6123.4567"),
    ("Call me at 7777 8888 after work.", "7777 8888"),
    ("His cell is 7123-4567 in El Salvador.", "7123-4567"),
    ("Her WhatsApp number is 9988-7766.", "9988-7766"),
    # Central America with a country code: no cue needed.
    ("La familia está en +502 7777-8888.", "+502 7777-8888"),
    ("Contacto +503 7123 4567", "+503 7123 4567"),
    ("(+504) 9988-7766 es de su tía", "(+504) 9988-7766"),
    ("marcan 00 502 7777 8888 desde aquí", "00 502 7777 8888"),
    ("from here dial 00503 7123-4567", "00503 7123-4567"),
    ("su prima (502) 2222-3333", "(502) 2222-3333"),
    ("her aunt 504 9988 7766 in Tegucigalpa", "504 9988 7766"),
    ("cel +50377778888", "+50377778888"),
    # Spain.
    ("Mi hermana vive en Madrid, 612 34 56 78.", "612 34 56 78"),
    ("Llámame al 612 34 56 78", "612 34 56 78"),
    ("Desde fuera: +34 612 345 678", "+34 612 345 678"),
    ("0034 612 345 678 es el de su madre", "0034 612 345 678"),
    ("oficina 00 34 91 123 45 67", "00 34 91 123 45 67"),
    ("mi móvil 91 123 45 67", "91 123 45 67"),
    ("tel 912 345 678", "912 345 678"),
    ("su número 612 345 678 ya no sirve", "612 345 678"),
    ("text her at 699.12.34.56", "699.12.34.56"),
    # Mexico: 2-4-4 and 3-3-4 groups, dialling prefixes, country code.
    ("El número de mi papá es 55 1234 5678.", "55 1234 5678"),
    ("(55) 1234-5678 es de la casa", "(55) 1234-5678"),
    ("cel 044 55 1234 5678", "044 55 1234 5678"),
    ("o al 045 33 1234 5678", "045 33 1234 5678"),
    ("desde EU: +52 1 55 1234 5678", "+52 1 55 1234 5678"),
    ("marca 00 52 55 1234 5678", "00 52 55 1234 5678"),
    ("celular 333 123 4567", "333 123 4567"),
    ("larga distancia 01 55 1234 5678", "01 55 1234 5678"),
    ("call the hotline 01 800 123 4567", "01 800 123 4567"),
    ("his brother in Monterrey (81) 8123 4567", "(81) 8123 4567"),
    ("whats 5512345678", "5512345678"),
]


@pytest.mark.parametrize(("text", "number"), FOUND)
def test_found_whole(text, number):
    assert number in phone_texts(text)


NOT_PHONES = [
    # Case, docket, booking and incident numbers, with and without a cue.
    "Case 2015-095587 was dismissed.",
    "incidente 2015-095587 en el penal",
    "número 2015-095587",
    "número de caso 1234-5678",
    "expediente 1234-5678",
    "El folio 12345678 quedó registrado.",
    "Report 2231 4456 was filed.",
    # Bare eight digits: as likely a booking number as a phone.
    "7777 8888",
    "2222-3333 según el informe",
    "12 34 56 78",
    "the 2024 budget line 1234 5678",
    # Dates, times, years, prices, counts.
    "Lo detuvieron el 12-03-2024 a las 10:30.",
    "tel. 12-03-2024",
    "He called on 12.03.2024 at 22:15.",
    "llamó al 1998-2004 sin suerte",
    "pagó 3500 pesos el 12 05 2023",
    "costó $1,250.00 y 612.345.678 pesos en total",
    "un contrato de 700 000 000 de dólares",
    "La cárcel tiene 1200 camas; the jail has 1,200 beds.",
    "entre 1998 y 2004 eran 1200 y en 2004 3400",
    "Bed 12, cell 34",
    # A-numbers, SSNs, plates and postal codes.
    "A-123-456-789",
    "número A 212345678",
    "SSN 123-45-6789",
    "placa ABC-1234",
    "CP 06600, código postal 28013",
    "zip 60601-1234",
]


@pytest.mark.parametrize("text", NOT_PHONES)
def test_not_a_phone(text):
    assert phone_texts(text) == []


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("número de reo 44812733", "id_number"),
        ("inmate 7777-8888", "id_number"),
        ("DL 2015-095587", "id_number"),
        ("booking 2015-095587", "id_number"),
        ("SSN 123-45-6789", "ssn"),
        ("número A 212345678", "a_number"),
    ],
)
def test_other_numbers_keep_their_category(text, category):
    assert [f.category for f in find_identifying(text)] == [category]


def test_cued_phone_is_not_taken_for_a_handle():
    # "WhatsApp 7777" alone reads as a user name; the whole number is a phone.
    assert [(f.text, f.category) for f in find_identifying("WhatsApp: 7777 8888")] == [
        ("7777 8888", "phone")
    ]
