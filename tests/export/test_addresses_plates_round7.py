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
