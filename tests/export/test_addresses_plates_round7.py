"""Issue 11, seventh round: street addresses and licence plates.

The round began with a precision regression of the sixth: running the
detectors of 6a703da and of the sixth round side by side on new text showed
places with a number taken as streets. With no house number in front, a
number after a place word numbers the place ("Fire Station 4", "Freedom
Square 1"); a date or a document's part on its own line is no street in an
address block ("Jose Ramirez\\nMarch 3"); "outside Door 14" and "in front of
Officer Ramirez 3" name no street; "Unit 4 Box 12" is no military address.

``[[...]]`` marks the detail that must be covered in full, letter and digit,
by findings of the test's category.
"""

from __future__ import annotations

import pytest

from tests.export.test_addresses_plates_round6 import _check
from tipline.export.pii.redaction import find_identifying


def _addresses(text: str) -> list[str]:
    return [f.text for f in find_identifying(text) if f.category == "address"]


@pytest.mark.parametrize(
    "text",
    [
        "He was taken to Fire Station 4.",
        "The meeting is at Police Station 2, room 5.",
        "They moved him to Processing Center 2.",
        "He plays for Local Union 32.",
        "The protest was at Freedom Square 1.",
        "We met at Harbor Point 2.",
        "Lives in Mobile Home Park 3.",
        "Sincerely,\nJose Ramirez\nMarch 3\nI am writing again.",
        "Dear Maria Lopez\nJune 12\nThank you for the letter.",
        "APPLICANT INFORMATION\nPART 2\nADDRESS HISTORY",
        "Maria Lopez\nStep 3\nFill out the form",
        "José Ramírez\nMarzo 3\nLes escribo otra vez.",
        "in front of Judge Kelly 1 more time",
        "in front of Officer Ramirez 3 other detainees were beaten",
        "He waited outside Door 14 for his lawyer.",
        "outside Terminal 2 they grabbed him",
        "Unit 4 Box 12 is for the property.",
        "La Plaza de Armas 3 veces por semana.",
    ],
)
def test_numbered_places_dates_and_parts_are_no_address(text):
    assert not _addresses(text)


@pytest.mark.parametrize(
    "marked",
    [
        "He lives at [[Walnut St 1084]].",
        "Me quedo en [[Oak Ave 12]], Reading.",
        "Manden la carta a:\nMargot Saavedra\n[[Los Robles 1336]]\nPozo Almonte",
        "Write to:\nMaria Lopez\n[[Los Robles 1336]]\nReading, PA 19601",
        "Los agentes esperaban afuera de [[Arturo Prat 49]] desde las 5.",
        "They waited outside [[Sandpiper 4410]] all night.",
        "Military mail: [[Unit 2050 Box 4190]], APO AE 09096.",
        "Vive en [[Calle Juárez 45]] de Puebla.",
    ],
)
def test_streets_near_those_shapes_stay_found(marked):
    _check(marked, "address")


@pytest.mark.parametrize(
    "marked",
    [
        "Her address: [[1520 N. Elm St. SE, Ste 300]]",
        "Farm house at [[4410 County Road 12]], past the church.",
        "He lives at [[3301 Walnut St., Apt. B-2]]",
        "He lives at [[13-B Elm St]].",
        "I live at [[45 Broadway, 2nd Floor]].",
        "He lives at [[1450 Broadway]].",
        "She lives at [[Sunrise Apartments, Apt 12]].",
        "Lives at [[A-12 Sunrise Apartments]], Reading.",
        "La dirección es [[Cda. de Juárez 9]].",
        "Trabaja en [[Pza. de España 4]].",
        "vive en [[av insurgentes 45 depto 3]]",
        "Su casa queda [[de la iglesia católica 2 cuadras al norte]].",
        "Su dirección: [[Barrio San Felipe, 3a calle, casa 22]].",
        "Vive en el [[2do piso de 455 Cherry Street]].",
    ],
)
def test_more_address_shapes_round7(marked):
    _check(marked, "address")


@pytest.mark.parametrize(
    "text",
    [
        "He lives at 12 Different Places, he says.",
        "He was moved to 3 North, Unit 4.",
        "He is at 14 Days, Unit 2 of the jail.",
        "Vive en 2019 Puebla.",
        "de ahí caminamos 3 cuadras al sur",
        "De la cárcel 2 cuadras al norte hay una tienda.",
    ],
)
def test_no_address_without_a_street_round7(text):
    assert not _addresses(text)


@pytest.mark.parametrize(
    "marked",
    [
        "THE PLATES WERE [[JVX 2210]] AND [[MRT 5531]]",
        "LAS PLACAS SON [[JKL 22 45]] Y [[MNX 22 31]]",
        "Texas [[ABC-1234]] on a black Tahoe.",
        "NY [[HJK 2231]] on a silver Camry",
        "LP [[ABC1234]]",
        "Unmarked cars seen today:\n[[HJK 2231]] silver Impala\n[[PLK 5521]] black Tahoe",
        "I think the plate ended in [[4471]]",
        "matrícula española [[1234 BCD]]",
        "placa de Costa Rica [[123456]]",
        "la placa [[LO 6351 MT]] de un coche gris",
    ],
)
def test_more_plate_shapes_round7(marked):
    _check(marked, "plate")


@pytest.mark.parametrize(
    "text",
    [
        "Arizona SB 1070 let police stop any car.",
        "Florida SR 826 was closed to cars.",
        "The office is in Reading, PA 19601, near the car wash.",
        "They drove a 2017 GRAY NISSAN ROGUE.",
    ],
)
def test_no_plate_after_a_state_or_a_year_round7(text):
    assert not [f.text for f in find_identifying(text) if f.category == "plate"]
