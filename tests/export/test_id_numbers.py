"""What an ID number is (booking numbers included), and the reference numbers that
are not (pii/id_numbers.py)."""

from __future__ import annotations

import pytest

from tipline.export.pii.redaction import find_identifying
from tipline.export.pii.unreviewed import unreviewed


def numbers(text):
    return [(f.category, f.text) for f in find_identifying(text) if f.category != "name"]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Passport number G21458873", "G21458873"),
        ("driver's license number D1234567", "D1234567"),
        ("state ID 123456789", "123456789"),
        ("consular ID 44125512", "44125512"),
        ("DL# 12345678", "12345678"),
        ("Texas DL 31204776", "31204776"),
        ("permiso de conducir 12345678X", "12345678X"),
        ("green card number SRC1234567890", "SRC1234567890"),
        ("work permit number 123456", "123456"),
        ("inmate #2023-04418", "2023-04418"),
        ("Mi número de reo es 448127", "448127"),
        ("detainee ID 2024-5512", "2024-5512"),
        ("I ELEANOR SIMPSON, LICENSE 17773876, WAS STOPPED", "17773876"),
        ("Dear Legal Team, inmate BAXTER, LINDA #FA2724 asks", "FA2724"),
        ("el interno TOMÁS, MARCIA número 41342-493 pide", "41342-493"),
        ("CDCR # AB1234", "AB1234"),
        ("TDCJ# 01234567", "01234567"),
        ("Reg. No. 12345-067", "12345-067"),
        # A booking number is looked up on the jail's public roster: it names a person.
        ("Booking number 2024-001234 was on the sheet.", "2024-001234"),
        ("booking #: B-66203", "B-66203"),
        ("Booking #: KL4471 at intake", "KL4471"),
        ("Número de booking 24-00871", "24-00871"),
        ("BK# 2024-001234", "2024-001234"),
        ("booking 2015-095587", "2015-095587"),
    ],
)
def test_identity_documents_after_their_cue(text, expected):
    assert numbers(text) == [("id_number", expected)]


@pytest.mark.parametrize(
    "text",
    [
        "Case ID number 2023-44512",
        "incident ID # 2024-0012 was filed",
        "Número de incidente 2015-095587",
        "USCIS receipt number IOE0912345678",
        "número de recibo 44128812",
        "confirmation number 88213344",
        "ticket number 2241-5512",
        "claim number 2231-4412",
        "Flight ID 4412 to Harlingen",
        "número de vuelo 4412",
        "room ID 2231",
        "Form ID 7781-A, detainer I-247A",
        "docket ID 22-4412",
        "reservation ID 441255",
        "the passport office opened in 2019",
        "his license 4 years ago",
        "grievance #2024-0551",
        "número de denuncia 2231-4412",
        "Cause No. 2023-4412",
        "the inmate Pedro Ruiz, 2024 arrival",
    ],
)
def test_reference_numbers_are_no_id_and_no_phone(text):
    assert numbers(text) == []


def test_a_cell_number_stays_a_phone():
    assert numbers("cell: 215-555-0143") == [("phone", "215-555-0143")]


def test_a_reference_number_stays_on_the_check_these_list():
    text = "incident #: 2024-0012"
    assert unreviewed(text, find_identifying(text)).numbers == ("2024-0012",)


@pytest.mark.parametrize("text", ["bookings 2024 were up", "booking date 03/04/2024", "BKS 2024"])
def test_booking_words_without_a_number_are_no_id(text):
    assert [f for f in numbers(text) if f[0] == "id_number"] == []
