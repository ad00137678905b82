"""Issue 11, sixth round: street addresses with their units and licence plates,
English and Spanish, on new text written for this round (one case per rule),
with the hard negatives each rule must leave alone.

``[[...]]`` marks the detail that must be covered in full, letter and digit,
by findings of the test's category.
"""

from __future__ import annotations

import re

import pytest

from tipline.export.pii.redaction import find_identifying

_MARK = re.compile(r"\[\[(.*?)\]\]", re.S)


def _gold(marked: str) -> tuple[str, list[tuple[int, int]]]:
    text, spans, position = "", [], 0
    for mark in _MARK.finditer(marked):
        text += marked[position : mark.start()]
        spans.append((len(text), len(text) + len(mark.group(1))))
        text += mark.group(1)
        position = mark.end()
    return text + marked[position:], spans


def _check(marked: str, category: str) -> None:
    text, spans = _gold(marked)
    found = [f for f in find_identifying(text) if f.category == category]
    covered = {i for f in found for i in range(f.start, f.end)}
    for start, end in spans:
        left = [i for i in range(start, end) if text[i].isalnum() and i not in covered]
        assert not left, f"{text[start:end]!r} not covered: {[f.text for f in found]}"
    stray = [f.text for f in found if not any(f.start < e and s < f.end for s, e in spans)]
    assert not stray, f"false alarms {stray}"


@pytest.mark.parametrize(
    "marked",
    [
        # Units before the house number: two of them, or joined by "of"/"at".
        "Her place is [[Apt. 3, Bldg 2, 1234 Main St]].",
        "She rents the [[3rd floor of 455 Cherry Street]].",
        "Please send the papers to [[Apartment 4, 77 Fairview Dr]].",
        "He stayed in [[Space 22, 1400 Ridge Pike]] (a trailer park).",
        "[[Unit 3]]\n[[710 Spring Garden Street]]\nPhiladelphia, PA 19123",
        "Home:\n[[710 Spring Garden Street]]\n[[Unit 3]]\nPhiladelphia, PA 19123",
        # Rural routes and half house numbers; "Old Route"; a three-letter suffix.
        "Rural address: [[RR 2 Box 45]], Kutztown.",
        "My brother rents [[123 1/2 Oak St]] behind the store.",
        "He lived in a trailer at [[600 Old Route 100 Lot 14]].",
        "agents followed her from [[4406 sanchez row]] in a jeep",
        # A US street in Spanish order with a bare number and a unit.
        "Me quedo en [[Walnut St 1084 apto 3]].",
        # Mexico: s/n, block and lot, a lettered number.
        "La tienda está en [[Calle Hidalgo s/n]], col. Centro.",
        "Mi dirección es [[Calle Libertad S/N]], barrio San Juan.",
        "Vive en [[Mz 3 Lt 12]], colonia Ejido Norte.",
        "Viven en [[Manzana 3, Lote 12]], colonia Valle Verde.",
        "La dirección: [[Calle 16 de Septiembre #45-B]], col. Centro.",
        # Spain: "C/", floors, "bajo".
        "Escríbeme a [[C/ Mayor 12, 3º izq.]], Madrid.",
        "Mi tía vive en [[c/ San Bernardo 14 1ºA]].",
        "Mi hija vive en [[Ronda de Segovia 12, bajo B]].",
        # Puerto Rico: the estate before the street.
        "Mi mamá vive en [[Urb. Villa Carolina, Calle 5 #123]], Carolina PR.",
    ],
)
def test_addresses_round6(marked):
    _check(marked, "address")


@pytest.mark.parametrize(
    "text",
    [
        # A jail, a county, a vehicle or a flight with "número": no street.
        "Estuvo en la Cárcel del Condado de Berks número 3 por dos meses.",
        "Lo pasaron al Centro de Detención de York número 2.",
        "Lo trasladaron al penal de Puente Grande número 2.",
        "Lo mandaron al Centro de Procesamiento de Moshannon número 1.",
        "La patrulla número 14 y la unidad 7 llegaron.",
        "Está en el módulo número 3, celda 14, cama 2.",
        "El vuelo 4417 de iAero salió con 120 personas.",
        # A model number after a suffix-like model name.
        "They came in a white Chevrolet Express 3500 at night.",
        "Housing Unit B, Bunk 14, Cell 205 at George W. Hill Correctional Facility.",
        "There are 600 beds on 4 floors, and Unit 12 has 60 of them.",
    ],
)
def test_no_address_round6(text):
    assert [f.text for f in find_identifying(text) if f.category == "address"] == []


@pytest.mark.parametrize(
    "marked",
    [
        # A model named without its make; a vehicle ending its line.
        "2018 Tahoe [[KLM4421]], black, tinted windows.",
        "Tsuru blanco [[MNX-2231]] afuera de la casa.",
        "Car info\nblack Suburban\n[[HRX 2231]]",
        # Plates listed under a vehicle word, with what each is on.
        "Their cars:\n[[JLK 2231]] (white Tahoe)\n[[MXR 0987]] (gray Explorer)",
        "Las placas que vi:\n[[UHT-4410]] (camioneta blanca)\n[[ZXT-1190]] (patrulla)",
        # Four digits after a model are the plate unless a year or a round model number.
        "era una GMC Yukon [[2203]]",
        "His truck is a Ram 1500, [[768A]].",
        "the car was a Jeep Cherokee [[681 KL6]]",
        # A plate in brackets in a vehicle's sentence.
        "los agentes la siguieron en una coche gris ([[392 6667]]).",
        "The Ford Transit registered to Maria Santiago ([[074I]]) picked up two men.",
        # A make alone may be part of a plate in a list.
        "Placas que anotó el testigo:\n- [[3064 GMC]]\n- [[7BN66]]",
    ],
)
def test_plates_round6(marked):
    _check(marked, "plate")


@pytest.mark.parametrize(
    "text",
    [
        "He drove a GMC 2500HD and a Ford F-150 on I-76 near exit 326.",
        "El modelo era un Jetta 2018 y el número de serie 3VWDX7AJ.",
        "the white van\nABC-1234 is the case code",
        "She was born in 1987 and drives a 2014 Civic.",
        "Una Ford F-150 y un Jetta 2018 pasaron por la carretera 45.",
        "The Ram 3500HD tows the trailer to exit 44.",
        "a Chevy Tahoe (2019) was parked there",
    ],
)
def test_no_plate_round6(text):
    assert [f.text for f in find_identifying(text) if f.category == "plate"] == []


@pytest.mark.parametrize(
    "marked",
    [
        # Chile and Argentina: no street type, after a cue that says an address follows.
        "Su última dirección fue [[Los Aromos 196]], El Bosque.",
        "DOMICILIO: [[LAS ROSAS 2122]]",
        "Los agentes esperaban afuera de [[Arturo Prat 49]] desde las 5.",
        "DOMICILIO: [[MICHIMALONCO 657 OF. 2761]]",
        "Escríbanme a casa de mi primo, [[Psje. Caupolicán 6829]].",
        "Escríbanme a casa de mi primo, [[Blv. Entre Ríos N° 18]].",
        "Vivíamos en [[Av. 111 Bis N° 352]] pero nos mudamos.",
        # An address block: a name, a typeless street, a town.
        "Manden la carta a:\nMargot Saavedra\n[[Los Robles 1336]]\nPozo Almonte",
        # Colombian grid with "Bis" and a letter.
        "Vivíamos en [[Dg. 6 Bis I # 23-1 Sur]] pero nos mudamos.",
        "La redada fue en [[Carrera 165L Bis # 77-2]]; los vecinos la grabaron.",
        "my sister is staying at [[31428 mercado rue]] with her kids",
    ],
)
def test_typeless_and_grid_addresses_round6(marked):
    _check(marked, "address")


@pytest.mark.parametrize(
    "text",
    [
        "Lo tienen en el Centro de Detención Green número 4 desde 2019.",
        "Sincerely,\nMaria Lopez\nInmate 44172\nYork County Prison",
        "Pedro Ruiz\nCelda 14\nYork County Prison",
        "Los agentes esperaban afuera de Berks 3 horas.",
        "DOMICILIO: Pod 3, Berks County Jail",
    ],
)
def test_no_typeless_address_round6(text):
    assert [f.text for f in find_identifying(text) if f.category == "address"] == []


@pytest.mark.parametrize(
    "marked",
    [
        "Two trucks, plates [[95J 652]] and [[8025]].",
        "Una Nissan NP300 blanca, [[KH-4412-A]], se lo llevó.",
    ],
)
def test_more_plates_round6(marked):
    _check(marked, "plate")


@pytest.mark.parametrize(
    "text,expected",
    [
        # Three-letter suffixes in lower case: only after listed names.
        ("he lives at 803 barrett key now", ["803 barrett key"]),
        ("they waited at 126 jennifer via", ["126 jennifer via"]),
        ("I sent 2 letters via email", []),
        ("bought 3 golden key chains", []),
        # A street named after a person with a "hall" or a "ward" in it is still a street.
        ("vive en Hall Forest número 9075 apto. 24", ["Hall Forest número 9075 apto. 24"]),
    ],
)
def test_lower_case_weak_suffixes_round6(text, expected):
    assert [f.text for f in find_identifying(text) if f.category == "address"] == expected


def test_digits_in_brackets_after_a_model_round6():
    _check("followed her in a Honda Civic ([[704051]]).", "plate")


@pytest.mark.parametrize(
    "marked",
    [
        "[[515 Linden St.\nRear Apt]]\nAllentown",
        "Lives at [[77 Dock St (2nd floor)]].",
        "Vive en [[Walnut St. #1084, 2do piso]].",
        "Vive en [[Calle Reforma 220 - Depto 3]].",
        "Mi casa está en [[Calle Morelos 45 bis]], Puebla.",
        "Write me at [[903 Spruce St Apt 1-F]].",
    ],
)
def test_unit_spellings_round6(marked):
    _check(marked, "address")


@pytest.mark.parametrize(
    "text,expected",
    [
        # A jail's own address after its name is public, and no one's detail.
        ("He was moved to Moshannon Valley Processing Center, 555 Geo Drive.", []),
        ("Lo mandaron al Centro de Detención Moshannon Valley, 555 Geo Drive.", []),
        ("He was moved to Berks County Jail, 1287 County Welfare Rd, Leesport.", []),
        # Someone's home after a jail is named is still found.
        ("My son, who was in York County Prison, lives at 12 Oak St.", ["12 Oak St"]),
        ("She left the jail and went to 45 Elm St, Apt 2.", ["45 Elm St, Apt 2"]),
    ],
)
def test_a_jails_own_address_round6(text, expected):
    assert [f.text for f in find_identifying(text) if f.category == "address"] == expected


def test_digits_right_after_the_plate_word_then_a_plate_round6():
    _check("Two trucks, plates [[993011]] and [[PYQ 159]].", "plate")
    _check("plates 2019 and [[ABC-1234]]", "plate")
