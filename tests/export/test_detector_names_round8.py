"""Issue 11, eighth round: precision of names. A listed name inside a base,
a lake town, a city, a street or a "Villa ... de" town names nobody; laws,
forms, agencies, cars told by their colour, payment services, buildings and
Central American settlements are no people (pii/places.py,
pii/name_things.py, pii/name_places.py). English and Spanish."""

from __future__ import annotations

import pytest

from tests.export.helpers import covered
from tipline.export.pii.names import people_names
from tipline.export.pii.redaction import find_identifying


def names(text: str, people: tuple[str, ...] = ()) -> list[str]:
    return [f.text for f in find_identifying(text, people=people) if f.category == "name"]


@pytest.mark.parametrize(
    "text,person",
    [
        ("The vigil is outside Camp Pendleton tonight.", "Rosa Pendleton"),
        ("La vigilia es frente a Camp Pendleton esta noche.", "Rosa Pendleton"),
        ("She was moved to Lake Charles on Friday.", "Ray Charles"),
        ("Lo mandaron a Lake Charles el viernes.", "Ray Charles"),
        ("Bus leaves from Jefferson City at noon.", "Ana Jefferson"),
        ("Nos vemos en Carson City mañana.", "Luis Carson"),
        ("The raid was on Avenida Juárez near the market.", "Benito Juárez"),
        ("Viven en la Calle Hidalgo, cerca del mercado.", "Rosa Hidalgo"),
        ("Los trasladaron a Villa Nueva de Ortega anoche.", "Pedro Ortega"),
        ("Write to San Pedro de las Torres about visits.", "Luis Torres"),
    ],
)
def test_listed_name_inside_a_place_names_nobody(text: str, person: str) -> None:
    assert people_names(text, [person]) == []


@pytest.mark.parametrize(
    "text,person,name",
    [
        # Standing alone, the listed name stays high.
        ("Pendleton called the office twice.", "Rosa Pendleton", "Pendleton"),
        ("Charles was moved on Friday.", "Ray Charles", "Charles"),
        # A lower-case street word may be followed by a speaker.
        ("En la calle Pedro me dijo que ya se fueron.", "Pedro Luna", "Pedro"),
        # "Lake" before another capitalized word may be a first name.
        ("Lake Charles was detained on Friday.", "Lake Charles", "Lake Charles"),
    ],
)
def test_listed_name_standing_alone_is_found(text: str, person: str, name: str) -> None:
    assert [f.text for f in people_names(text, [person])] == [name]


@pytest.mark.parametrize(
    "text",
    [
        "The judge cited Penal Code 647(f) at the hearing.",
        "Vehicle Code 23152 applies.",
        "Attach the Employment Authorization card and the Arrival Record.",
        "La Patrulla Fronteriza los detuvo cerca de la Guardia Nacional.",
        "Según la Ley Orgánica 4/2000, pueden pedir asilo.",
        "He left in a silver Camry before the agents came.",
        "Se fueron en una Sentra gris por la carretera.",
        "Send the money by Venmo or CashApp, not by mail.",
        "Deposits go through JPay on weekends.",
        "They were taken to Stewart North Service Processing Center.",
        "Facilities:\n- Otero/Alamo Detention Facility\n- Carson City",
        "Su mamá vive en aldea Morales, caserío Los Ángeles.",
        "My aunt lives in reparto Salinas, calle 4, casa #9.",
        "Recibo de comisaría: jabón $2.50, café $4.00.\nMódulo B3-17.",
    ],
)
def test_things_in_capitals_name_nobody(text: str) -> None:
    assert names(text) == []


@pytest.mark.parametrize(
    "text,name",
    [
        # A first name makes a run a person's, whatever word follows it.
        ("The notary saw Mark Hall sign the form.", "Mark Hall"),
        ("Obligor: Stephanie Guerrero", "Stephanie Guerrero"),
        ("Asistentes: Rafa Tolosa Torrents y Luis Manuel", "Rafa Tolosa Torrents"),
        # A colour word away from the name does not hide it.
        ("Officer Gray said Dana Whitfield was moved.", "Dana Whitfield"),
        ("Firmado,\nBenito Marrero", "Benito Marrero"),
    ],
)
def test_people_stay_found(text: str, name: str) -> None:
    assert covered(text, name, "name"), names(text)


def test_a_rare_word_keeps_a_run_of_everyday_ones_a_name() -> None:
    # "Alondra" is a lark in Spanish, "Morcillo" is on no list: a person.
    text = "my wife is Alondra Morcillo you can reach her at home"
    assert covered(text, "Alondra Morcillo", "name"), names(text)
