"""Rules added after the independent evaluation (issue 11 follow-up), English and Spanish."""

from __future__ import annotations

import pytest

from tipline.export.pii.detectors import handles
from tipline.export.pii.likely_names import likely_names
from tipline.export.pii.name_shapes import name_shapes
from tipline.export.pii.names import people_names
from tipline.export.pii.plates import plates
from tipline.export.pii.redaction import find_identifying


def texts(findings):
    return [f.text for f in findings]


@pytest.mark.parametrize(
    "text,person",
    [
        ("They moved him to West Chester on Monday.", "Chester Wade"),
        ("Families waited outside Fort Johnson until 10.", "Ana Johnson"),
        ("He is at the Rocha County Prison now.", "Luis Rocha"),
        ("Born at Smith Memorial Hospital.", "Kim Smith"),
        ("Lo llevaron a la cárcel de Tórrez County.", "Ana Tórrez"),
        ("Las familias esperaron en el condado de Vallejo.", "Rosa Vallejo"),
        ("Vive en la ciudad de Juárez desde mayo.", "Pedro Juárez"),
        ("A letter from the Department of Justice came.", "Justice Morgan"),
    ],
)
def test_a_listed_name_inside_a_closed_place_name_is_no_finding(text, person):
    assert people_names(text, [person]) == []


@pytest.mark.parametrize(
    "text,person,expected",
    [
        # A name goes on after the place word: the person, not a place.
        ("West Chester Wade said so.", "Chester Wade", ("Chester Wade", "low")),
        # "St." also ends "Main St."; "Pedro" may be the subject that follows.
        ("He lives on Main St. Maria said so.", "Maria Lopez", ("Maria", "high")),
        ("Lo vi en la calle Pedro me dijo.", "Pedro Ruiz", ("Pedro", "low")),
        # Looser contexts stay, with low confidence.
        ("Esperaron afuera de la estación Nájera.", "Luz Nájera", ("Nájera", "low")),
        ("They met at the Mercy Park shelter.", "Mercy Lopez", ("Mercy", "low")),
    ],
)
def test_a_listed_name_outside_a_closed_place_name_is_kept(text, person, expected):
    assert [(f.text, f.confidence) for f in people_names(text, [person])] == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "The contract went to Lawrence and Sons last year.",
        "El contrato es de Ruiz e Hijos desde 2019.",
        "The CBP van leaves Williamport every Tuesday.",
        "La camioneta sale de Orozcofort cada martes.",
    ],
)
def test_firms_and_invented_towns_are_not_names(text):
    assert likely_names(text) == []


def test_a_surname_that_ends_like_a_town_is_still_a_name():
    # On the Census lists, so a person, whatever the ending; "Penaberg" is
    # not on them and reads as a town.
    found = likely_names("They took Thornton and Ashford away, and Colton and Penaberg too.")
    assert texts(found) == ["Thornton", "Ashford", "Colton"]


@pytest.mark.parametrize(
    "text",
    ["addy is 826 jennifer landing come by", "vivo en el 4410 maria luisa court"],
)
def test_a_lowercase_street_after_a_house_number_is_not_a_name(text):
    assert name_shapes(text) == []


@pytest.mark.parametrize(
    "text,expected",
    [
        ("hmu brianmoon or text me", ["brianmoon"]),
        ("dm me at jlopez_88 ok", ["jlopez_88"]),
        ("add me solismatthew", ["solismatthew"]),
        ("escríbeme mariag.12 porfa", ["mariag.12"]),
        ("búscame como lupita_ruiz", ["lupita_ruiz"]),
        ("mándame mensaje vgomez", ["vgomez"]),
    ],
)
def test_handles_after_a_request_to_be_contacted(text, expected):
    assert texts(handles(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "hmu tomorrow",
        "message me later",
        "add me please",
        "find me at 3pm",
        "escríbeme mañana",
        "búscame siempre",
        "we left at 5 pm j.r. stayed behind",  # "pm" alone is a time, not "PM me"
        "salimos a las 9 pm j.r. se quedó",
    ],
)
def test_everyday_words_after_a_request_to_be_contacted_are_no_handles(text):
    assert handles(text) == []


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "The Ford Transit registered to Wayne\nWilliams (KZX-4471) picked up two men.",
            ["KZX-4471"],
        ),
        ("La van a nombre de María\nGonzález (ABC-1234) recogió a dos.", ["ABC-1234"]),
    ],
)
def test_a_line_broken_name_does_not_end_a_plate_cue(text, expected):
    assert texts(plates(text)) == expected
    assert expected[0] in texts(find_identifying(text))


def test_a_line_break_between_other_words_still_ends_a_plate_cue():
    assert plates("the white van\nABC-1234 is the case code") == []
