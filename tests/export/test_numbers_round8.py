"""Round 8 of issue 11: ID numbers as documents print them and rosters list
them, SSNs and A-numbers on the line after their cue, spoken e-mails, phones
with a slash or in Spain's dashed threes, and web addresses kept whole."""

from __future__ import annotations

import pytest

from tests.export.helpers import covered
from tipline.export.pii.redaction import find_identifying


def found(text: str, category: str) -> list[str]:
    return [f.text for f in find_identifying(text) if f.category == category]


@pytest.mark.parametrize(
    "text,value",
    [
        # Licence and passport numbers printed in hyphenated groups after a letter.
        ("Renewal notice: driver license H412-880-51-207-9 expires soon.", "H412-880-51-207-9"),
        ("pasaporte número K203-117-45-690-2, expedido en Tegucigalpa", "K203-117-45-690-2"),
        # Digits spaced in three or four groups, as on a card.
        ("She showed her consular ID: 5512 80214 3390 at the gate.", "5512 80214 3390"),
        ("el notario anotó pasaporte no. 2240 11873 0561 y firmó", "2240 11873 0561"),
        ("licencia 7781 20934 1188, vencida", "7781 20934 1188"),
        ("licencia P4471902 del estado de Texas", "P4471902"),
        # Two letters and six digits after a national cue.
        ("Su NIE es TK884120 según la tarjeta.", "TK884120"),
        ("INE ZR5530127 del remitente", "ZR5530127"),
        ("nos pidieron el DUI (MX402288) de la señora", "MX402288"),
        ("DPI: B771-204-55-318-6", "B771-204-55-318-6"),
        # A police report's operator licence number.
        ("Driver: OCHOA, RENE, OLN 55120873-4, released", "55120873-4"),
        ("Stopped: 10-4, OLN QT440912 checked", "QT440912"),
        # An inmate's number after his roster name, wherever the line stands.
        ("SENDER: ZAMBRANO LUNA, HÉCTOR #A88123\nbody of the message", "A88123"),
        ("De parte de OJEDA, MARIBEL #23-55017:", "23-55017"),
        # After the person's name, the label of the number.
        ("JPay message  Inmate: FELIX ORTEGA  ID: 77120 \nhi mom", "77120"),
        ("Interno: RAMOS PEÑA, ISIDRO  Registro Q5512093", "Q5512093"),
        ("Recluso: TERESA GALVÁN  Número: 2024-771203", "2024-771203"),
        ("Resident: PARK, JOON ID 8812045", "8812045"),
        ("Beneficiary: Lin Wu, ID 4471-8820-19", "4471-8820-19"),
        # The Spanish words for an inmate right before the number.
        ("llamada de LÓPEZ, RUTH (reo 55109) a las 3", "55109"),
        ("la presa 2231-0087 pidió visita", "2231-0087"),
        ("Expediente clínico. Registro: 33-10542. Alergias: ninguna.", "33-10542"),
        ("patient MRN 00482271 seen at the infirmary", "00482271"),
        # A county's person number, an I-94 record, a register number written short.
        ("Harris County SPN 02918834, bond set", "02918834"),
        ("I-94 # 55120873401 from the port of entry", "55120873401"),
        ("Reg # 41233-279 at FCI Aliceville", "41233-279"),
        ("permanent resident card SRC8812045511", "SRC8812045511"),
        ("ficha de ingreso 2025-11873 en la cárcel", "2025-11873"),
        # Two small words between the cue and the number.
        ("su pasaporte es el T551203477", "T551203477"),
        ("mi licencia de manejo es la 88120473", "88120473"),
        # A form's value on the line under its label.
        ("Booking Number\n24-10872\nCharges: none", "24-10872"),
        ("Número de reo:\n 55120-201", "55120-201"),
        # National numbers: a hyphenated NIE, Panama's and Costa Rica's cédula.
        ("NIE: Y-4471203-K", "Y-4471203-K"),
        ("cédula de identidad No. 8-812-1203", "8-812-1203"),
    ],
)
def test_id_numbers_in_new_shapes_and_places(text, value):
    assert covered(text, value, "id_number"), find_identifying(text)


def test_an_id_column_of_a_pasted_table():
    text = (
        "Name | Booking # | DOB\nRUIZ, ANA | 24-00871 | 1/2/1990\nLEE, BO | BK7730171 | 3/4/1988\n"
    )
    assert found(text, "id_number") == ["24-00871", "BK7730171"]
    spanish = "Nombre;DNI;Ciudad\nAna Gil;45678123Z;Vigo\nLuis Paz;Y4471203K;Lugo\n"
    assert found(spanish, "id_number") == ["45678123Z", "Y4471203K"]


@pytest.mark.parametrize(
    "text",
    [
        "Case ID | Name\n2024-0012 | Ana\n",
        "Booking # | Date\n2 | 03/04/2024\n",
        "Flight | Booking\nAA1234 | pending\n",
        "Booking | Flight\npending | AA1234\n",
    ],
)
def test_no_id_number_in_other_columns(text):
    assert found(text, "id_number") == []


@pytest.mark.parametrize(
    "text",
    [
        # References, counts, dates and times near the new cues stay readable.
        "Caller ID 2024-5512 was blocked",
        "Zoom meeting ID 812 3456 7890",
        "reunión ID 55120873",
        "the detainee 12-03-2024 hearing was moved",
        "MTCN: 8841203317",
        "Guía de rastreo 5512093381 entregada",
        "Order ID 2231-4412 shipped",
        "registro de incidentes 2024-0071",
        "Form I-247A, ID policy 2019",
        "SMITH, JOHN #4 in line",
        "Austin, Texas 78701",
        "ID card office hours 9:30 to 4:00",
        "I SAID SO 12345 TIMES",
        "his passport was in the office 2019",
        "the inmate\n2 weeks later",
    ],
)
def test_no_id_number_on_references_and_counts(text):
    assert found(text, "id_number") == []


def test_a_money_transfer_control_number_is_no_phone():
    assert found("MTCN: 8009822734, amount $200", "phone") == []


@pytest.mark.parametrize(
    "text,value",
    [
        ("his social security number is\n412889031\nthank you", "412889031"),
        ("su seguro social es\n 603117722\nse llama Ana", "603117722"),
        ("SSN: 412 - 88 - 9031 (copy attached)", "412 - 88 - 9031"),
    ],
)
def test_ssn_on_the_line_after_its_cue(text, value):
    assert found(text, "ssn") == [value]


@pytest.mark.parametrize(
    "text,value",
    [
        ("Q: A-number (if known)\nA: 208114937\nQ: phone", "208114937"),
        ("P: Número A\nR: 092331045\nP: teléfono", "092331045"),
        ("Número A (si lo sabe)\nRespuesta: 201558302", "201558302"),
    ],
)
def test_a_number_answered_on_the_next_line(text, value):
    assert covered(text, value, "a_number")


@pytest.mark.parametrize(
    "text,value",
    [
        ("write to mendez.rosa at sign gmail dot com please", "mendez.rosa at sign gmail dot com"),
        (
            "escríbele a rulo44 arrobaoutlook punto com punto mx ya",
            "rulo44 arrobaoutlook punto com punto mx",
        ),
        ("mi correo luzdary arrobayahoo punto es gracias", "luzdary arrobayahoo punto es"),
    ],
)
def test_spoken_e_mails_are_one_e_mail_and_no_url(text, value):
    assert found(text, "email") == [value]
    assert found(text, "url") == []


@pytest.mark.parametrize(
    "text,value",
    [
        ("her number is 412/555-0199 call after 6", "412/555-0199"),
        ("el teléfono de su cliente es 305/882-1140.", "305/882-1140"),
        ("Para cualquier cosa llame usted al 985-051-655.", "985-051-655"),
        ("su móvil de siempre, el 612-345-678; o escríbale", "612-345-678"),
    ],
)
def test_phones_with_a_slash_or_in_dashed_threes(text, value):
    assert found(text, "phone") == [value]


@pytest.mark.parametrize(
    "text",
    [
        "Pay 589/502 and the rest later",
        "A-206-123-456 is his number",
        "between 12/25/2024 and 1/2/2025",
        "sale 3/4 off 912-34",
    ],
)
def test_no_phone_in_fractions_dates_or_a_numbers(text):
    assert found(text, "phone") == []


@pytest.mark.parametrize(
    "text,value",
    [
        ("su face: www.garcia-fotos.biz. la placa", "www.garcia-fotos.biz"),
        ("IG: https://instagram.com/lupe.rz", "https://instagram.com/lupe.rz"),
    ],
)
def test_a_web_address_after_a_platform_stays_a_url(text, value):
    assert found(text, "url") == [value]


def test_a_bare_name_after_a_platform_stays_a_handle():
    assert found("IG: rulo.mx nomás", "handle") == ["rulo.mx"]
    assert found("IG: rulo.mx nomás", "url") == []
