"""Issue 11, third round: one test per rule added (English and Spanish)."""

from __future__ import annotations

import pytest

from tipline.export.pii.addresses import addresses
from tipline.export.pii.dates import dates_of_birth
from tipline.export.pii.detectors import emails, handles, id_numbers
from tipline.export.pii.name_context import context_names
from tipline.export.pii.names import people_names
from tipline.export.pii.national_ids import national_ids
from tipline.export.pii.plates import plates
from tipline.export.pii.redaction import find_identifying


def texts(findings):
    return [f.text for f in findings]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Mi cédula es 1.044.552.310 y la de mi hijo", "1.044.552.310"),
        ("DNI de la abuela: 31.204.776. Ella vive", "31.204.776"),
        ("el RUT del primo: 17.333.021-K, por si acaso", "17.333.021-K"),
        ("su DUI es 05123456-7 y", "05123456-7"),
        ("tiene DNI 0501-1992-01234 de Honduras", "0501-1992-01234"),
        ("Tiene DPI 2871 33410 0101 y", "2871 33410 0101"),
        ("NIE X7654321L, pasaporte", "X7654321L"),
        ("clave de elector: GMRZLS85031209H400 vigente", "GMRZLS85031209H400"),
        ("her matrícula consular 8812345 is expired", "8812345"),
        ("the form shows GOMR850312HDFNRS09 at the top", "GOMR850312HDFNRS09"),
    ],
)
def test_national_identity_numbers_after_their_cue(text, expected):
    assert texts(national_ids(text)) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "we run 1 200 beds in two wings",
        "Case 2023-004512 was heard in Reading",
        "INE staff were at the consulate on 3 May",
    ],
)
def test_national_id_lookalikes(text):
    assert national_ids(text) == []


def test_a_number_after_an_id_cue_is_no_phone():
    found = find_identifying("Mi cédula es 1012345678 y mi tel no lo tengo")
    assert [(f.category, f.text) for f in found] == [("id_number", "1012345678")]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("ID #: KL4471 at intake", "KL4471"),
        ("Núm. de reo: 55123-101 / cama 4", "55123-101"),
        ("my drivers license 31 204 776 was taken", "31 204 776"),
        ("tiene pasaporte número G41234567 vigente", "G41234567"),
    ],
)
def test_booking_inmate_licence_and_passport_cues(text, expected):
    assert texts(id_numbers(text)) == [expected]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("voluntaria: ¿fecha de nacimiento?\n[10:13] usuaria: 4-ago-1979", "4-ago-1979"),
        ("volunteer: DOB?\nmom: 11/02/1990", "11/02/1990"),
        ("nació el 9 de mayo, 1984 en Tegucigalpa", "9 de mayo, 1984"),
        ("he was born 1991 in Zacatecas", "1991"),
    ],
)
def test_dates_of_birth_round3(text, expected):
    assert texts(dates_of_birth(text)) == [expected]


def test_a_question_without_an_answer_line_takes_no_later_date():
    text = "¿fecha de nacimiento?\nno sé\nla audiencia es el 3/4/2025"
    assert dates_of_birth(text) == []


@pytest.mark.parametrize(
    "text,expected",
    [
        ("they stay at 12 n maple walk trlr 7 now", "12 n maple walk trlr 7"),
        ("lives at 44 e king ct, apt 3r with", "44 e king ct, apt 3r"),
        ("at 501 Ferris Rapids Unit D they", "501 Ferris Rapids Unit D"),
        ("vive en calle Oak 912, segundo piso, con", "calle Oak 912, segundo piso"),
        ("Domicilio: Pine número 1204 apto. 3\n", "Pine número 1204 apto. 3"),
        ("en la Hudson número 77 int. 2 con su tía", "Hudson número 77 int. 2"),
        ("vivía en calle de Prado 15, 2º B, en Madrid", "calle de Prado 15, 2º B"),
        ("en colonia Kennedy, bloque 3, casa 1411 de", "colonia Kennedy, bloque 3, casa 1411"),
        ("en 6a. avenida 12-41, zona 1 de Guatemala", "6a. avenida 12-41, zona 1"),
        ("vive en Carrera 15 # 93-47 Sur en Bogotá", "Carrera 15 # 93-47 Sur"),
        ("en calle bennett 1182 segundo piso", "calle bennett 1182 segundo piso"),
        ("en 210 de la calle cedar, apto 4 está", "210 de la calle cedar, apto 4"),
        ("pasaje Lemus casa #12, San Salvador", "pasaje Lemus casa #12"),
        ("en Las Acacias 845 Dpto. 12, Santiago", "Las Acacias 845 Dpto. 12"),
    ],
)
def test_addresses_round3(text, expected):
    assert expected in texts(addresses(text))


@pytest.mark.parametrize(
    "text",
    [
        "la celda número 14 tiene goteras",
        "lo pasaron a la Unidad número 4 ayer",
        "the 3 people in the car",
    ],
)
def test_rooms_and_cells_with_a_number_are_no_address(text):
    assert addresses(text) == []


@pytest.mark.parametrize(
    "text,expected",
    [
        ("write to pedro dot salas at gmail dot com", "pedro dot salas at gmail dot com"),
        (
            "correo: ana guion bajo ruiz4 arroba hotmail punto es",
            "ana guion bajo ruiz4 arroba hotmail punto es",
        ),
    ],
)
def test_spoken_local_parts(text, expected):
    assert texts(emails(text)) == [expected]


def test_a_web_address_after_at_is_no_email():
    assert emails("the fundraiser is at gofundme.com/f/bring-him-home") == []


@pytest.mark.parametrize(
    "text,expected",
    [
        ("[8:02 PM] rosa_m.84: they are here\n[8:03 PM] visitor: where", ["rosa_m.84"]),
        ("[21:14] kevinruiz: ya llegaron", ["kevinruiz"]),
        ("my @ is danasmith91 if u need me", ["danasmith91"]),
        ("snap me juli.perez22 or text", ["juli.perez22"]),
        ("búscame en tiktok como mari_lu07", ["mari_lu07"]),
        ("solo por Signal (bertagomez) por favor", ["bertagomez"]),
    ],
)
def test_handles_round3(text, expected):
    assert texts(handles(text)) == expected


def test_a_chat_speaker_who_is_a_role_is_no_handle():
    assert handles("[8:02 PM] visitor: hi\n[8:03 PM] volunteer: hello") == []


@pytest.mark.parametrize(
    "text,expected",
    [
        ("I got the plate. It was KJD-4402. Same car", ["KJD-4402"]),
        ("Anoté la patente. Era AD 812 QX. Volvió", ["AD 812 QX"]),
        ("a white Ram 1500 GEF 0286 by the gate", ["GEF 0286"]),
    ],
)
def test_plates_round3(text, expected):
    assert texts(plates(text)) == expected


@pytest.mark.parametrize(
    "text,person",
    [
        ("Vigilia en San José el domingo", "José Pérez"),
        ("Nos llevaron a Ciudad Hidalgo", "Marta Hidalgo"),
        ("Lo vieron en la calle Benito Juárez ayer", "Ana Juárez"),
        ("They took her to Lancaster General Hospital on Friday", "Ray Lancaster"),
        ("Mass at St. Patrick's Church on Sunday", "Patrick Ward"),
        ("the people at port isabel said", "Isabel Ramos"),
        ("they held him at stewart detention center for days", "Ana Stewart"),
        ("La misa en la colonia Morelos es el domingo", "Consuelo Morelos"),
    ],
)
def test_listed_names_inside_place_names_round3(text, person):
    assert people_names(text, [person]) == []


def test_a_listed_name_standing_alone_stays_high_in_lower_case():
    found = people_names("hoy vi a isabel en la tienda", ["Isabel Ramos"])
    assert [(f.text, f.confidence) for f in found] == [("isabel", "high")]


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "Marta Quiroga Lemus and Ivy Denton were held. Quiroga was released; Denton was not.",
            ["Marta Quiroga Lemus", "Ivy Denton", "Quiroga", "Denton"],
        ),
        ("Agents named Boyle and Keane came in", ["Boyle", "Keane"]),
        ("hi my name is karen lopez and my son", ["karen lopez"]),
        ("soy custodia herrera, mi vecino", ["custodia herrera"]),
        ("Residents: tomas perez, KIRA DOLAN.", ["tomas perez", "KIRA DOLAN"]),
        ("nobody tells us anything. please write me. Rosalind", ["Rosalind"]),
    ],
)
def test_names_from_their_context(text, expected):
    names = [f for f in find_identifying(text) if f.category == "name"]
    assert texts(names) == expected


@pytest.mark.parametrize(
    "text",
    [
        "SCI Camp Hill holds 600 people; its beds are rented to ICE.",
        "Pueden llamar a mi esposa al 215-555-0166, ella habla",
        "Dirección:\n12 Oak St\nTracyland",
        "Hearing: Apr. 14, 2024\nLanguage: Spanish",
        "they drove a Toyota 4Runner past the Turnpike exit",
        "Judge's chambers, room 6A. Filing due Friday.",
        "agentes de PSP Troop J me detuvieron bajo Title 42",
        "She works at Suarez, Vega and Ibarra downtown.",
        "El contrato de Herrera, Dominguez y Gonzalez vence en 2026.",
    ],
)
def test_context_and_label_lookalikes_are_no_names(text):
    assert [f.text for f in find_identifying(text) if f.category == "name"] == []


def test_context_names_never_repeat_a_found_span():
    found = find_identifying("Officer Rivas held him; Rivas drives.")
    assert [f.text for f in found] == ["Rivas", "Rivas"]
    assert context_names("Rivas", []) == []
