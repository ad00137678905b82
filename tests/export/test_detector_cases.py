"""The cases issue 11 found the detectors missing, one test each (English and Spanish)."""

from __future__ import annotations

import pytest

from tipline.export.pii.addresses import addresses
from tipline.export.pii.dates import dates_of_birth
from tipline.export.pii.detectors import emails, handles, phones, ssns
from tipline.export.pii.names import people_names
from tipline.export.pii.plates import plates
from tipline.export.pii.redaction import find_identifying
from tipline.export.pii.unreviewed import unreviewed


def texts(findings):
    return [f.text for f in findings]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("lives at 3122 South Bennett Isle, Apt 1R now", "3122 South Bennett Isle, Apt 1R"),
        ("at 98408 Melanie Parkways Unit 12.", "98408 Melanie Parkways Unit 12"),
        ("882 Mclean Mall 2nd floor", "882 Mclean Mall 2nd floor"),
        ("addy is 826 jennifer landing come by", "826 jennifer landing"),
        ("vive en calle Walnut 1084, apartamento 5B.", "calle Walnut 1084, apartamento 5B"),
        ("en el 2107 de la calle Walnut, depto. 2", "2107 de la calle Walnut, depto. 2"),
        ("en la Ryan Walk número 4616 piso 2", "Ryan Walk número 4616 piso 2"),
        ("Pasaje de Elvira Ribera 37 Piso 3, Madrid", "Pasaje de Elvira Ribera 37 Piso 3"),
        (
            "Calzada Tlaxcala 229 Edif. 869 , Depto. 970",
            "Calzada Tlaxcala 229 Edif. 869 , Depto. 970",
        ),
    ],
)
def test_addresses_with_units_suffixes_and_spanish_order(text, expected):
    assert expected in texts(addresses(text))


@pytest.mark.parametrize(
    "text",
    [
        "2 people in the park were taken",
        "In 2019 Berks County Detention Center opened",
        "the 12 Court dates",
    ],
)
def test_address_lookalikes(text):
    assert addresses(text) == []


@pytest.mark.parametrize(
    "text,expected",
    [
        ("the truck was a Ram 1500 BSM-6726", ["BSM-6726"]),
        ("a Toyota Sienna 0601 TNC by the gate", ["0601 TNC"]),
        ("Plates noted:\n- 396-GTY\n- BCF1261\n- 549067", ["396-GTY", "BCF1261", "549067"]),
        ("Placas que anotó el testigo:\n- A 9636 SV", ["A 9636 SV"]),
        ("white GMC Yukon, PA 326JWI. Two agents", ["PA 326JWI"]),
        ("placas de Texas, KTH 4029, y", ["KTH 4029"]),
        ("His truck is a Chevy Tahoe, 2-53749.", ["2-53749"]),
    ],
)
def test_plates_without_a_plate_word_or_after_a_model(text, expected):
    assert texts(plates(text)) == expected


def test_plate_lookalikes():
    assert plates("plates seen in 2023") == []
    assert plates("the van took 12 people to I-76 at 3 am") == []


@pytest.mark.parametrize(
    "text,expected",
    [
        ("DOB 04-JUL-1972.", "04-JUL-1972"),
        ("Detainee Luna (b. Sept. 2, 1982)", "Sept. 2, 1982"),
        ("Nacimiento: 5 agosto 1975", "5 agosto 1975"),
        ("Seguro social: 1\nNacimiento: 7 de junio del 1973", "7 de junio del 1973"),
        ("F. de nacimiento: 8.04.2001", "8.04.2001"),
    ],
)
def test_dates_of_birth(text, expected):
    assert expected in texts(dates_of_birth(text))


def test_phones_with_extensions_and_country_codes_but_not_year_serials():
    text = (
        "call 001-433-583-2549x78720 or +34 922 790 328; incident 2015-095587, booking 2037-950177"
    )
    assert texts(phones(text)) == ["001-433-583-2549x78720", "+34 922 790 328"]


def test_spoken_emails_handles_and_ssn_cues():
    assert texts(emails("es wvina arroba yahoo punto es, gracias")) == [
        "wvina arroba yahoo punto es"
    ]
    assert texts(handles("find me on tiktok fvaldes")) == ["fvaldes"]
    assert texts(handles("Handle afrost_15. IG: @maria-teresa49")) == [
        "afrost_15",
        "@maria-teresa49",
    ]
    assert handles("my insta is private and tiktok is down") == []
    assert texts(ssns("SSN given by caller: 695400133 (do not share)")) == ["695400133"]
    assert texts(ssns("Social: 487285178")) == ["487285178"]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("LAST, FIRST: QUINTERO, WENDY\nBooking", "QUINTERO, WENDY"),
        ("Atentamente,\nTOVAR PERALTA, ISABELA\n", "TOVAR PERALTA, ISABELA"),
        ("the guard candace perez took our letters", "candace perez"),
        ("We interviewed Wayne\nWilliams outside", "Wayne\nWilliams"),
        ("Thank you for reading.\n-- Chayo", "Chayo"),
        ("Sincerely,\nJoy\n387 Erik Causeway", "Joy"),
        ("Detainee Sutton, b. Oct. 18, 2000.", "Sutton"),
    ],
)
def test_names_not_on_the_people_list(text, expected):
    assert expected in texts(f for f in find_identifying(text) if f.category == "name")


@pytest.mark.parametrize(
    "text",
    [
        "Charged under 18 Pa.C.S. § 5503 last year.",
        "The Nissan Altima and the Ford Transit left at 3 am.",
        "Reports from West Susanmouth and the Department of Justice.",
        "La fuente trabaja en Roberts Inc; la llevaron al centro de detención de Walterton.",
    ],
)
def test_statutes_car_models_and_places_are_not_names(text):
    assert [f for f in find_identifying(text) if f.category == "name"] == []


def test_people_list_names_read_their_context():
    people = ["Chester Ramos", "Justice Morgan", "Ana Montgomery", "Mercy Lopez"]
    # Closed place names name nobody: no finding at all.
    closed = "moved from West Chester to Montgomery County; the Department of Justice"
    assert people_names(closed, people) == []
    # A looser place-like context stays, with low confidence.
    loose = "the Mercy Park shelter"
    assert [(f.text, f.confidence) for f in people_names(loose, people)] == [("Mercy", "low")]
    alone = people_names("Chester called. Then Justice and Mercy came.", people)
    assert [(f.text, f.confidence) for f in alone] == [
        ("Chester", "high"),
        ("Justice", "high"),
        ("Mercy", "high"),
    ]


def test_unreviewed_lists_numbers_and_capitalized_words_no_finding_covers():
    text = "Held 9 days in unit 7 at Lancaster. Call 215-555-0143 at 4:30 pm. Case No. 2024-CR-12."
    result = unreviewed(text, find_identifying(text))
    assert result.numbers == ("9", "7")
    assert result.words == ("Lancaster",)
    assert unreviewed("[phone] and [name] wrote.", []).any is False
