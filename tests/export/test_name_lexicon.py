"""Name-list rules of the issue 11 follow-up: Spanish given names from
gender-guesser's list, accents, calendar words that are given names, and
surnames that are also building words; English and Spanish."""

from __future__ import annotations

import pytest

from tipline.export.pii.likely_names import likely_names
from tipline.export.pii.name_lexicon import is_first_name, is_name, is_plain_first_name
from tipline.export.pii.name_shapes import name_shapes


def texts(findings):
    return [f.text for f in findings]


@pytest.mark.parametrize("name", ["natalio", "macarena", "galo", "odalis"])
def test_spanish_given_names_missing_from_the_census_lists_are_first_names(name):
    assert is_first_name(name)
    assert is_name(name)


@pytest.mark.parametrize("word", ["firmó", "segundo", "mark", "rosa", "luz"])
def test_a_first_name_that_is_also_a_word_is_not_plain(word):
    # "Firmo" is a given name, "firmó" ("signed") is not: the accent decides.
    assert not is_plain_first_name(word)


@pytest.mark.parametrize("word", ["macarena", "sofia", "sofía", "natalio", "candace"])
def test_plain_first_names_with_the_accents_they_carry_or_none(word):
    assert is_plain_first_name(word)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("mi prima macarena gonzalez fiol no volvió", ["macarena gonzalez fiol"]),
        ("el que nos avisó fue natalio gálvez", ["natalio gálvez"]),
        ("my cousin candace perez called", ["candace perez"]),
    ],
)
def test_lowercase_names_with_spanish_given_names(text, expected):
    assert texts(name_shapes(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "ella firmó gonzalez el papel",  # "firmó" is a verb, not "Firmo"
        "llegó el segundo martes",
        "the second floor was closed",
    ],
)
def test_lowercase_words_that_look_like_names_are_left_alone(text):
    assert name_shapes(text) == []


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Nos atendió Domingo Lloret en la entrada.", "Domingo Lloret"),
        ("Lo vio Julio César Paredes el viernes.", "Julio César Paredes"),
        ("We spoke with Domingo Lloret at the door.", "Domingo Lloret"),
    ],
)
def test_a_capitalized_spanish_month_or_day_before_a_name_is_a_given_name(text, expected):
    assert expected in texts(likely_names(text))


@pytest.mark.parametrize(
    "text",
    ["Llegaron el Domingo por la tarde.", "La audiencia es en Julio, dijo."],
)
def test_a_capitalized_month_or_day_alone_is_no_name(text):
    assert likely_names(text) == []


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Detainee Amy Hall was moved on Friday.", "Amy Hall"),
        ("La detenida Ana Court pidió ayuda.", "Ana Court"),
    ],
)
def test_after_a_cue_a_first_name_takes_a_building_surname(text, expected):
    assert expected in texts(likely_names(text))


def test_a_building_word_after_a_cued_name_and_before_another_stays_a_place():
    found = texts(likely_names("Detainee Amy Hall Street was closed."))
    assert "Amy Hall" not in found


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Booking sheet: HALL, AMY, pod C", "HALL, AMY"),
        ("Hoja de ingreso: VALLE MOLINA, FRANCISCO, celda 4", "VALLE MOLINA, FRANCISCO"),
    ],
)
def test_all_caps_surnames_that_are_building_words(text, expected):
    assert expected in texts(name_shapes(text))


@pytest.mark.parametrize("text", ["Sign: HALL, ROOM 4", "Aviso: CALLE MAYOR, EDIFICIO B"])
def test_all_caps_building_words_without_a_first_name_are_no_names(text):
    assert name_shapes(text) == []
