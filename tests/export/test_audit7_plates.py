"""Issue 11, audit 7: plates whose only cue is a table's column header or a
bracket after the plate word, and three false alarms (text written for these
tests)."""

from __future__ import annotations

import pytest

from tipline.export.pii.redaction import find_identifying


def _plates(text: str) -> list[str]:
    return [f.text for f in find_identifying(text) if f.category == "plate"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "| Seen | Plate | Color |\n|---|---|---|\n| Monday | KZX-4471 | white |\n"
            "| Tuesday | 8ABC123 | gray |",
            ["KZX-4471", "8ABC123"],
        ),
        (
            "Seen\tPlates\tNotes\n3/4\tHRX 2231\ttwo agents\n3/5\t902319\tnone",
            ["HRX 2231", "902319"],
        ),
        (
            'hora,placa,lugar\n10:15,JKL-2231,Walmart\n11:00,"PAW 4482",la escuela',
            ["JKL-2231", "PAW 4482"],
        ),
        (
            "When        Tag         Where\nmorning     LGP 6962    school\n"
            "night       AB-12-34    church",
            ["LGP 6962", "AB-12-34"],
        ),
        ("Matrícula  Color\n4471-KZX   negro\n1234 BCD   blanco", ["4471-KZX", "1234 BCD"]),
        ("Date | License plate\n--- | ---\nOct 3 | 7TRV 219", ["7TRV 219"]),
        (
            "When        Tag         Where\nmorning     LGP 6962    school\n"
            "night                   church\nlate        AB-12-34    park",
            ["LGP 6962", "AB-12-34"],
        ),
        ("I saw the plate (559666) clearly.", ["559666"]),
        ("Anoté la placa (902319) antes de que se fueran.", ["902319"]),
    ],
)
def test_plates_found(text: str, expected: list[str]) -> None:
    assert _plates(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Patrulla Fronteriza folio PF4471 del 3 de mayo",
        "Patrulla Fronteriza: reporte EP-23-4471",
        "la patrulla fronteriza, EPF 22114, lo entregó",
        "The van came OCTOBER 7 at night",
        "TRUCK SEEN ON 7 OCT, LEFT AT NOON",
        "VAN A 123 456 789 TX",
        "the plate (2019) was not readable",
        "Name, Age\nAna, 34",
    ],
)
def test_no_plate(text: str) -> None:
    assert _plates(text) == []


def test_a_vehicle_patrol_car_still_cues() -> None:
    text = "La Patrulla Fronteriza llegó en una patrulla con placas KZX-4471."
    assert _plates(text) == ["KZX-4471"]
