"""Issue 11, eighth round: street addresses and licence plates.

Spain's comma order and its floors and doors ("C/ Mayor, 12, 3º dcha."),
Brazilian streets ("Rua Augusta, 1200"), Central American villages and
estates ("aldea X, caserío Y", "reparto X, calle 2, casa #4"), units named
by where they are ("upstairs", "arriba", "casa de atrás"), a flat after a
Spanish-order US street ("Hall Plaza 7064, 2do piso"), cells under an
address header; plates with spaces around the dash, with umlauts, after a
colon, after a model alone, after a state written out. Each case is our own
wording, in English and Spanish.
"""

from __future__ import annotations

import pytest

from tests.export.helpers import covered
from tipline.export.pii.redaction import find_identifying


def _of(text: str, category: str) -> list[str]:
    return [f.text for f in find_identifying(text) if f.category == category]


@pytest.mark.parametrize(
    "text,value",
    [
        # Spain: comma before the number, floor and door after it.
        ("Empadronada en C/ Olivar, 23, bajo, desde 2019.", "C/ Olivar, 23, bajo"),
        (
            "Su piso: c/ Laurel, 8, piso 2, puerta 4. Llamad antes.",
            "c/ Laurel, 8, piso 2, puerta 4",
        ),
        (
            "Reside en Avda. de la Paz, nº 41, 5º dcha. con su madre.",
            "Avda. de la Paz, nº 41, 5º dcha",
        ),
        ("dirección: C/ Sauce, 77, 1º izda., Getafe", "C/ Sauce, 77, 1º izda"),
        ("Vive en C/ Ribera, 19 3-B, cerca del mercado.", "C/ Ribera, 19 3-B"),
        ("Domicilio: C/ Almendro, 5, 4º B", "C/ Almendro, 5, 4º B"),
        # Brazil.
        ("A família mora na Rua das Flores, 310, apto 12.", "Rua das Flores, 310, apto 12"),
        ("su hermana vive en Travessa do Carmo, 45.", "Travessa do Carmo, 45"),
        # Central America: estate and house, village and hamlet.
        (
            "my aunt lives in reparto Las Palmas, calle 2, casa #4 near the school",
            "reparto Las Palmas, calle 2, casa #4",
        ),
        (
            "mi tío vive en reparto Sandino, calle principal, casa 17.",
            "reparto Sandino, calle principal, casa 17",
        ),
        (
            "mi abuela vive en aldea El Rosario, caserío Las Flores y no tiene teléfono",
            "aldea El Rosario, caserío Las Flores",
        ),
        ("they live in caserío Los Pozos, aldea San Juan now", "caserío Los Pozos, aldea San Juan"),
        # A cue, a name with "de" and the number after a comma.
        ("La familia vive en Jardim de Oliveira, 58.", "Jardim de Oliveira, 58"),
        ("She lives at Los Robles, 1149, apt 3.", "Los Robles, 1149, apt 3"),
        # Units by position in the house or the lot.
        ("Send it to 812 Cedar Hollow, upstairs.", "812 Cedar Hollow, upstairs"),
        ("he rents 3140 Birch Crossing downstairs", "3140 Birch Crossing downstairs"),
        (
            "vive en la Calle Hidalgo 27, casa de atrás, con sus primos",
            "Calle Hidalgo 27, casa de atrás",
        ),
        ("mi prima vive en 55 Maple Terrace arriba", "55 Maple Terrace arriba"),
        # A Spanish-order US street whose number a flat or a mark makes a house's.
        ("mi suegra vive en Hall Plaza 7064, 2do piso desde marzo", "Hall Plaza 7064, 2do piso"),
        ("última dirección: Orchard Pike 2201, cuarto 6.", "Orchard Pike 2201, cuarto 6"),
        ("vive en Dover Ford 412, depto. 9 con su esposo", "Dover Ford 412, depto. 9"),
        ("mi primo vive en oak mill numero 733 y trabaja", "oak mill numero 733"),
        ("vive en lake crescent #4410 y no sale", "lake crescent #4410"),
        ("vive en river mountain 318, cuarto 2 con otros", "river mountain 318, cuarto 2"),
        ("la dirección es 3120 de la Benson Row, apt 8", "3120 de la Benson Row, apt 8"),
        ("Escribe a Le Grove 905, 3er piso.", "Le Grove 905, 3er piso"),
    ],
)
def test_address_found(text: str, value: str) -> None:
    assert covered(text, value, "address"), _of(text, "address")


def test_address_column_cells() -> None:
    table = (
        "Nombre\tFecha\tDomicilio\n"
        "PEREZ, ANA\t3/4/1988\tIgnacio Carrera 415\n"
        "LUNA, EVA\t1/2/1990\tVila de Souza, 12\n"
        "RUIZ, SARA\t9/9/1979\tAlameda dos Anjos\n"
    )
    for value in ("Ignacio Carrera 415", "Vila de Souza, 12", "Alameda dos Anjos"):
        assert covered(table, value, "address"), _of(table, "address")
    # A table's other cells are no street: a year then a tab then the cell.
    assert not any("1979" in a or "1990" in a for a in _of(table, "address"))


@pytest.mark.parametrize(
    "text",
    [
        # An agency's office or a region is public, no one's home.
        "He was sent to the Region 3 ICE field office.",
        "The commissioner spoke at 1 Police Plaza on Monday.",
        # A cell under an address header that is no street.
        "Name | Address\nR. | Berks County Jail 4\nL. | Unknown since 2019\n",
        # A header cell's neighbour and a date below it.
        "Timestamp\tName\tAddress\tNotes\n8/14/2020\tR.\tunknown\tnone\n",
        # "aldea" or "caserío" alone is a place.
        "La reunión fue en la aldea San Miguel, con 40 familias.",
        # A street and a date.
        "Lo vieron en la calle Juárez, 3 de mayo por la tarde.",
        "Llegó a Ciudad de México, 2 días después.",
    ],
)
def test_no_address(text: str) -> None:
    assert _of(text, "address") == []


@pytest.mark.parametrize(
    "text,value",
    [
        ("the truck behind us had tag KRT - 5510 on it", "KRT - 5510"),
        ("la camioneta gris traía placa MPV – 4021, de Texas", "MPV – 4021"),
        ("Vehicle: Audi A4   Plate: MÜN-AB-412", "MÜN-AB-412"),
        ("Placas anotadas ese día:\nBÖB-T-77\n4471LMN\nRTX-ZZ-3310", "BÖB-T-77"),
        ("Placas anotadas ese día:\nBÖB-T-77\n4471LMN\nRTX-ZZ-3310", "4471LMN"),
        ("el número de placa que alcancé a ver: kpt 512", "kpt 512"),
        ("two men in a Tahoe, 7-40912, parked outside", "7-40912"),
        ("I saw Nevada JRK 4410 parked there all night", "JRK 4410"),
    ],
)
def test_plate_found(text: str, value: str) -> None:
    assert covered(text, value, "plate"), _of(text, "plate")


@pytest.mark.parametrize(
    "text",
    [
        # "Tagle", "Plateau": a plate word inside a longer word.
        "Confirmo que Rosa Ortiz-Tagle (born 2001.05.16) es su hija.",
        "RUIZ-TAGLE, ANA (reo BK7459488) llamó ayer",
        "We drove through Plateau 2044 road works",
        # A consulate's ID card is no plate.
        "Trajo su matrícula consular U4648086 a la cita.",
        # A surname's particle is no van; a date's piece is no plate.
        "VAN DER BERG, JAN    BOOKED 04/11/2024    HOUSING 3B",
        # After a colon, ordinary words.
        "the plate on the form: see box 4",
        # A state and a ZIP code, a bill, an agency's report year.
        "New York NY 10001",
        "the Texas DPS 2023 report",
        "Arizona SB 1070 passed",
    ],
)
def test_no_plate(text: str) -> None:
    assert _of(text, "plate") == []


def test_year_before_a_word_in_capitals_is_no_plate() -> None:
    text = "NACIDO EL 9 DE OCTUBRE DE 1964 ME PARARON EN UNA FORD TRANSIT 350 PLACAS SRU-0808"
    assert _of(text, "plate") == ["SRU-0808"]
