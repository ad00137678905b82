"""Issue 11, sixth round: two regressions the round's address shapes brought,
found by running the detectors before and after the round side by side.

- With no house number in front, a street may take its number after it
  ("Walnut St 1084", "Los Robles 1336" in an address block). A person
  followed by a number took that shape: "Maria Lopez Route 9", "Kevin Brown
  Court 3", "Jose Garcia 34" in a list with ages. Those were false addresses,
  and on a listed person the address hid the people-list name.
- The shapes that the round added stay found (no house number, number after).
"""

from __future__ import annotations

import pytest

from tipline.export.pii.redaction import find_identifying

PEOPLE = ["Maria Lopez", "Jose Garcia", "Glover, Susan", "John Hawkins Jr."]


def _covered_by_name(text: str, name: str, people: list[str]) -> bool:
    start = text.index(name)
    spans = [
        (f.start, f.end) for f in find_identifying(text, people=people) if f.category == "name"
    ]
    return all(
        any(s <= i < e for s, e in spans)
        for i in range(start, start + len(name))
        if text[i].isalnum()
    )


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("We met Maria Lopez Route 9.", "Maria Lopez"),
        ("Ask John Hawkins Jr. Highway 1 crew.", "John Hawkins Jr"),
        ("Glover, Susan Route 9", "Glover, Susan"),
        ("Detained:\nMaria Lopez\nJose Garcia 34\nAna Ruiz", "Jose Garcia"),
        ("Ann Ruiz and Maria Lopez Court 3, then lunch.", "Maria Lopez"),
    ],
)
def test_a_listed_name_stays_a_whole_name_before_a_number(text, name):
    assert _covered_by_name(text, name, PEOPLE)
    assert not [f.text for f in find_identifying(text, people=PEOPLE) if f.category == "address"]


@pytest.mark.parametrize(
    "text",
    [
        "We met Kevin Brown Court 3.",
        "Sgt. Kevin Brown Station 4, then we left.",
        "Detained:\nKevin Brown\nJose Garcia 34\nAna Ruiz",
        "They took the Old Town Route 9.",
        "Traffic on Lincoln Highway 30, near the jail.",
        "The Capital Beltway Loop 1604, exit 3.",
    ],
)
def test_a_person_or_a_numbered_road_then_a_number_is_no_address(text):
    assert not [f.text for f in find_identifying(text) if f.category == "address"]


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("Me quedo en Walnut St 1084 apto 3.", "Walnut St 1084 apto 3"),
        ("He lives at Walnut St 1084.", "Walnut St 1084"),
        ("Vive en Melissa Point número 7839, depto. 4.", "Melissa Point número 7839, depto. 4"),
        ("Margot Saavedra\nLos Robles 1336\nPozo Almonte", "Los Robles 1336"),
        ("He lived at 600 Old Route 100 Lot 14.", "600 Old Route 100 Lot 14"),
        ("Write to 12 Kevin Brown Court, Reading.", "12 Kevin Brown Court"),
    ],
)
def test_streets_with_their_number_after_stay_found(text, address):
    found = [f.text for f in find_identifying(text) if f.category == "address"]
    assert address in found


def test_a_street_named_like_a_listed_person_keeps_its_house_number():
    text = "Send it to Apt 3, 45 Maria Lopez St, Reading."
    found = find_identifying(text, people=["Maria Lopez"])
    assert "Apt 3, 45 Maria Lopez St" in [f.text for f in found if f.category == "address"]
