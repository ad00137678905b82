"""Issue 11, fourth round: dates of birth, SSNs, plates and addresses (English
and Spanish), one test per rule added, with the hard negatives each must leave."""

from __future__ import annotations

import pytest

from tipline.export.pii.dates import dates_of_birth
from tipline.export.pii.detectors import phones, ssns
from tipline.export.pii.plates import plates
from tipline.export.pii.redaction import find_identifying


def texts(findings):
    return [f.text for f in findings]


@pytest.mark.parametrize(
    "text,expected",
    [
        # A cue at the end of a line: a form's label, a hand-wrapped letter.
        ("I, Lance MacDonald, born\n8 Aug 1999, of", "8 Aug 1999"),
        ("Date of birth:\n1990/05/12\nAddress", "1990/05/12"),
        ("born\nMar.\n28, 1955, of 68 W", "Mar.\n28, 1955"),
        ("nacida el\n20/4/64, con domicilio", "20/4/64"),
        # "nac." and "nació" without "el".
        ("El cliente Estrada, Jose (nac. 23.05.1978) dice", "23.05.1978"),
        ("esposa: nació 28 de febrero del 1960", "28 de febrero del 1960"),
        ("esposa: nació 19 marzo 1983", "19 marzo 1983"),
        ("Fec. nac.: 8.06.1994", "8.06.1994"),
        ("nací el 3.10.2004 en El Salvador", "3.10.2004"),
        # Age with the birthday; a birth month and year.
        ("she turns 40 on June 3rd", "June 3rd"),
        ("cumple 40 años el 3 de junio", "3 de junio"),
        ("he was born in March 1985 in Puebla", "March 1985"),
        ("nació en marzo de 1985 en Puebla", "marzo de 1985"),
        ("bday: May the 5th, 1990", "May the 5th, 1990"),
        # Compact, as a database prints it; "FN:" on a Spanish form.
        ("DOB: 19850704", "19850704"),
        ("FN: 04/07/1985", "04/07/1985"),
        ("DOB: Jul-04-1985", "Jul-04-1985"),
        # A wider window, as long as nothing else happens in it.
        ("I was born in Mexico City, Mexico on 07/04/1985", "07/04/1985"),
        ("Fecha de nacimiento del detenido: 14/02/1983, nombre", "14/02/1983"),
    ],
)
def test_dates_of_birth(text, expected):
    assert texts(dates_of_birth(text)) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "arrested on 3/4/2020 and born again in faith",
        "the birth of the program in 2019 was slow; on 3/4/2020 it closed",
        "cumple su condena el 5 de mayo de 2025",
        "the hearing is on June 3, 2024",
        "case 20230415 filed on 3/4/2023",
        "born in Honduras and arrested on 3/4/2020",
        "nació en Honduras y fue detenido el 3/4/2020",
        "nació en Honduras y lo agarraron el 3/4/2020",
    ],
)
def test_dates_that_are_no_birth_dates_stay(text):
    assert dates_of_birth(text) == []


def test_a_birth_date_is_no_phone():
    assert phones("nací el 3.10.2004 en El Salvador") == []
    assert texts(phones("call 610.555.1234 now")) == ["610.555.1234"]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("wife: social 654207918", "654207918"),
        ("SS# 123.45.6789 and", "123.45.6789"),
        ("mi número de seguro social es 123 45 6789", "123 45 6789"),
        ("last 4 of his SSN: 6789, he said", "6789"),
        ("SSN ending in 4421.", "4421"),
        ("los últimos 4 del seguro social: 5512", "5512"),
        ("SSN XXX-XX-1234 on file", "XXX-XX-1234"),
        ("SSN last four: 6789", "6789"),
        ("SSN (last 4): 6789", "6789"),
        ("seguro social (últimos 4): 6789", "6789"),
        ("SSN ending 6789", "6789"),
    ],
)
def test_ssns(text, expected):
    assert texts(ssns(text)) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "the social worker called 555-123-4567",
        "he is social, 23 years old",
        "Case 2023-000123 ending in 4421 was closed",
        "Social last 4 weeks: 1234 visits",
    ],
)
def test_no_ssn(text):
    assert ssns(text) == []


@pytest.mark.parametrize(
    "text,expected",
    [
        # Every plate of a list after its cue.
        ("Plates on scene: C41-FMJ, Z11-HTN, RZ96738. Landlord", ["C41-FMJ", "Z11-HTN", "RZ96738"]),
        ("las placas eran MSZ-40-37 y XRR-1606. el landlord", ["MSZ-40-37", "XRR-1606"]),
        # A cue ending its line; a plate wrapped at its space.
        ("revisaron mi carro placa\nXF5-C004.", ["XF5-C004"]),
        ("searched my car, plate AYR\n3489,\nwithout", ["AYR\n3489"]),
        # A dash-joined code may spell a word ("se").
        ("the truck was a chevy tahoe tag se-8349-k. my", ["se-8349-k"]),
        # Models in capitals before the plate word are no plates.
        ("STOPPED IN A KIA K5 PLATE YC8-K225", ["YC8-K225"]),
        ("STOPPED IN A CHEVY SILVERADO 2500 PLATE Y55-HPM", ["Y55-HPM"]),
        ("ME PARARON EN UNA FORD TRANSIT 350 PLACAS C13-KPA", ["C13-KPA"]),
        ("EN UNA TOYOTA 4RUNNER PLACAS CXK7505", ["CXK7505"]),
        # A raised dot between groups; a model number then the plate.
        ("Plates noted:\n- 62P•841\n- HVE-781", ["62P•841", "HVE-781"]),
        ("the car was a Ram 1500 O76 0ND", ["O76 0ND"]),
        ("the car was a Jeep Cherokee M36 5HY", ["M36 5HY"]),
        # Digits alone right after a plate word.
        ("Chevrolet Express 3500, placas 902319. Dos", ["902319"]),
        ("Vehículo: furgoneta\nMatrícula: 3139\nColor: gris", ["3139"]),
        # Right after a make and model: digits alone, a short plate in brackets;
        # a dashed model ("F-150") before the plate; digits said to be the plate.
        ("His truck is a Dodge Charger, 235565.", ["235565"]),
        ("agents followed her in a Chevy Tahoe (933Z).", ["933Z"]),
        ("the car was a Ford F-150 349 OLN", ["349 OLN"]),
        ("I wrote down the plate. It was 559666. Same car", ["559666"]),
        ("LP: 5GHT442", ["5GHT442"]),
        ("el auto con chapa AB 123 CD se fue", ["AB 123 CD"]),
        # A cue alone on its line, one plate a line under it.
        ("Plates\nKZX-4471\nJHK-1234\nthey left", ["KZX-4471", "JHK-1234"]),
    ],
)
def test_plates(text, expected):
    assert texts(plates(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Detained: George Buick — DOB 1987-09-23 — Home: Reading",
        "the tags expired in 2023",
        "a Jeep Cherokee 2019 model",
        "a Toyota Camry (2019) parked",
        "the plate number was 2019 for the fleet",
        "the plates\n2023 was a bad year",
        "my tag 2023 was a bad year",
        "Case 2015-095587 involved a Ford Transit 350",
    ],
)
def test_no_plate(text):
    assert plates(text) == []


def test_a_date_next_to_a_make_is_a_date_of_birth():
    found = find_identifying("Detained: George Buick — DOB 1987-09-23 — A# A-281707523")
    assert ("dob", "1987-09-23") in [(f.category, f.text) for f in found]


@pytest.mark.parametrize(
    "text,expected",
    [
        # A year-like house number before a street suffix is a house number.
        ("at 2015 N Buckley Loop Apt B33 the van", "2015 N Buckley Loop Apt B33"),
        ("Casa: 1931 Brown Street, Apt #10F", "1931 Brown Street, Apt #10F"),
        # Lower case with the everyday abbreviations.
        ("our neighbor at 46 stewart ave was taken", "46 stewart ave"),
        # Spanish word order for a US street, a name before "número".
        ("está en 27 de la calle Roberts depto. 10 ahorita", "27 de la calle Roberts depto. 10"),
        ("se lo llevaron de Nash número 18447, su snap", "Nash número 18447"),
        ("Calle: Henderson número 17 int. 8\n", "Henderson número 17 int. 8"),
        ("con domicilio en Moore número 1160 cuarto 2, declaro", "Moore número 1160 cuarto 2"),
        ("en calle W 5th número 4290;", "calle W 5th número 4290"),
        # Mexican inside number, Spain's "Vial", an office after the number.
        ("vivo en Circuito Morelos 814 888 pasen después", "Circuito Morelos 814 888"),
        ("en Vial de Silvia Murillo 64 Puerta 1 el lunes", "Vial de Silvia Murillo 64 Puerta 1"),
        ("She lives at Calle Los Carrera 774, Of. 8675.", "Calle Los Carrera 774, Of. 8675"),
        # Colombian grid addresses, a named avenue too.
        ("She lives at Tr. 86 # 16W-9.", "Tr. 86 # 16W-9"),
        ("vive en Avenida calle 180 # 8-4 y su", "Avenida calle 180 # 8-4"),
        ("vive en Av. Marina Flórez # 83-50 Este.", "Av. Marina Flórez # 83-50 Este"),
        # No street type after "lives at" / "vive en"; "Dto."; "e" in a name.
        ("She lives at Los Robles 1149.", "Los Robles 1149"),
        ("Mi mamá vive en Los Tilos 2 y su teléfono", "Los Tilos 2"),
        ("vive en Calle 6 N° 18, Dto. 1 y su", "Calle 6 N° 18, Dto. 1"),
        (
            "vive en Continuación Reino Unido de Gran Bretaña e Irlanda 261 268, en M",
            "Continuación Reino Unido de Gran Bretaña e Irlanda 261 268",
        ),
        ("a mi vecino de 8149 richard way se lo llevaron", "8149 richard way"),
        # A unit before the house number, or on its own line in a block.
        ("send it to Apt. 3 1234 Main St in Reading", "Apt. 3 1234 Main St"),
        ("Unit 12 - 45 Oak Ave, Reading", "Unit 12 - 45 Oak Ave"),
        ("Mailing address:\n1234 Main St\nApt 3\nReading, PA 19601", "1234 Main St\nApt 3"),
        ("Apt 3\n1234 Main St\nReading", "Apt 3\n1234 Main St"),
        # Capitals run on into the next words: the address ends before them.
        ("DE CALLE BAKER 53 SEGUNDO PISO NACIÓ EL 3 OCTUBRE", "CALLE BAKER 53 SEGUNDO PISO"),
    ],
)
def test_addresses(text, expected):
    found = [f for f in find_identifying(text) if f.category == "address"]
    assert texts(found) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "bus from Delaney Hall left at 0730 hours going up Route 422",
        "bus from Berks County Jail left at around 7 going up Route 30",
        "YO EZEQUIEL CARRERA ESCOBAR NACIDO EL 24 DE NOVIEMBRE DEL 1989",
        "I CECILIA CALZADA BORN 7/9/1994, LICENSE 55 955 695",
        "el interno POZO, TRISTÁN número VJ4793 pide ayuda",
        "lo pusieron en la celda número 14, cuarto 3",
        "el interno MOURA, ANTÓNIO número 993877 pide ayuda",
        "soy Sofía, nuevo número 1-215-255-5528. Telmo ya está",
        "2019 Berks County Detention Center",
        "she lives at Berks County Jail 3 years now",
        "vive en Texas 3 años",
        "He lives at Reading 24 hours a day",
        "I have 2 kids in the park st patrick's day",
    ],
)
def test_no_address(text):
    assert [f for f in find_identifying(text) if f.category == "address"] == []
