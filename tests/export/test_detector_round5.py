"""Issue 11, fifth round: social handles, A-numbers and dates of birth as
people write them on generic forms and in chat, English and Spanish.

Each positive must be covered in full (every letter and digit) by findings of
its category; each hard negative must raise no finding of these categories.
The sentences are new, written for this round, not drawn from any bench set.
"""

from __future__ import annotations

import pytest

from tests.export.helpers import covered
from tipline.export.pii.redaction import find_identifying

DOB = [
    # English: cues.
    ("Name: Tom Reyes\nDOB: 06/03/1991\nPhone:", "06/03/1991"),
    ("D.O.B. 6-3-91", "6-3-91"),
    ("dob 6/3/91 i think", "6/3/91"),
    ("DoB - 1991.06.03", "1991.06.03"),
    ("Birthdate: 3 June 1991", "3 June 1991"),
    ("Birth date = June 3rd 1991", "June 3rd 1991"),
    ("Date-of-birth 03 JUN 1991", "03 JUN 1991"),
    ("DOB (mm/dd/yyyy): 06/03/1991", "06/03/1991"),
    ("Date of Birth (MM/DD/YYYY)\n06/03/1991", "06/03/1991"),
    ("DOB: 06031991", "06031991"),
    ("DOB: 06 03 1991", "06 03 1991"),
    ("DOB: 06 / 03 / 1991", "06 / 03 / 1991"),
    ("DOB 03JUN1991", "03JUN1991"),
    ("DOB: 1991-Jun-03", "1991-Jun-03"),
    ("born on the 3rd of June, 1991 in Tulsa", "3rd of June, 1991"),
    ("he was born June 3, '91", "June 3, '91"),
    ("born on Monday, June 3, 1991", "Monday, June 3, 1991"),
    ("she was born on june third 1991", "june third 1991"),
    ("born on the twenty-first of March, 1988", "twenty-first of March, 1988"),
    ("b. 3/6/1991", "3/6/1991"),
    ("my birthday is june 3rd", "june 3rd"),
    ("my birthday's on the 3rd of june", "3rd of june"),
    ("bday 6/3", "6/3"),
    ("her b-day: 06/03/1991", "06/03/1991"),
    ("birthday - Sept 14, 1979", "Sept 14, 1979"),
    ("he is 34 (DOB 6/3/1991)", "6/3/1991"),
    ("age 34, birthday June 3", "June 3"),
    ("turned 34 on June 3rd", "June 3rd"),
    ("she'll be 35 on June 3rd", "June 3rd"),
    ("he turns 40 next month, on June 3", "June 3"),
    ("34 yrs old, born 06/03/1991", "06/03/1991"),
    ("born in 1991", "1991"),
    ("Birth year: 1991", "1991"),
    ("birthday:\nJune 3, 1991", "June 3, 1991"),
    ("06/03/1991 (DOB)", "06/03/1991"),
    ("June 3, 1991 is his birthday", "June 3, 1991"),
    ("3/6/91 - date of birth", "3/6/91"),
    ("DOB 6.3.1991; arrested 2/2/2024", "6.3.1991"),
    ("Born: 1991/06/03", "1991/06/03"),
    ("Date of birth: the 3rd of June 1991", "3rd of June 1991"),
    ("DOB: Jun. 3rd, 1991", "Jun. 3rd, 1991"),
    ("DOB: 3-Jun-91", "3-Jun-91"),
    # Spanish.
    ("Fecha de nacimiento: 03/06/1991", "03/06/1991"),
    ("Fecha de nacimiento (dd/mm/aaaa): 03/06/1991", "03/06/1991"),
    ("F. nac. 3-6-91", "3-6-91"),
    ("fecha nac: 3 jun 1991", "3 jun 1991"),
    ("nació el 3 de junio de 1991", "3 de junio de 1991"),
    ("nacida el día 3 de junio del 91", "3 de junio del 91"),
    ("nacido el martes 3 de junio de 1991", "martes 3 de junio de 1991"),
    ("mi cumpleaños es el 3 de junio", "3 de junio"),
    ("su cumple es el 3 de junio", "3 de junio"),
    ("cumple años el 3 de junio", "3 de junio"),
    ("tiene 34 años, nació el 03/06/1991", "03/06/1991"),
    ("cumplió 34 años el 3 de junio", "3 de junio"),
    ("va a cumplir 35 el 3 de junio", "3 de junio"),
    ("nació un 3 de junio de 1991", "3 de junio de 1991"),
    ("nací el tres de junio de 1991", "tres de junio de 1991"),
    ("nació el primero de mayo de 1980", "primero de mayo de 1980"),
    ("Fecha de nacimiento:\n3 de junio de 1991", "3 de junio de 1991"),
    ("nacimiento 1991-06-03", "1991-06-03"),
    ("nació en 1991", "1991"),
    ("nacido en junio de 1991", "junio de 1991"),
    ("F.N.: 03.06.1991", "03.06.1991"),
    ("03/06/1991 (fecha de nacimiento)", "03/06/1991"),
    ("Fecha de nac.: 3/junio/1991", "3/junio/1991"),
    ("nació el 3 junio, 1991", "3 junio, 1991"),
    # Second wave: chat and generic forms.
    ("my bday's march 4", "march 4"),
    ("b day: 3/4", "3/4"),
    ("dob:3/4/90", "3/4/90"),
    ("DOB/Age: 3/4/1990 (34)", "3/4/1990"),
    ("DOB: April 1990", "April 1990"),
    ("DOB 04/1990", "04/1990"),
    ("Age: 34 (04/03/1990)", "04/03/1990"),
    ("he's 34 yrs old, 4/3/1990", "4/3/1990"),
    ("34 y/o, 3 April 1990", "3 April 1990"),
    ("Birthday = 1990-04-03T00:00:00", "1990-04-03"),
    ("bdate 4/3/90", "4/3/90"),
    ("born 3rd april '90 in Juarez", "3rd april '90"),
    ("nació el día 3 del mes de abril de 1990", "3 del mes de abril de 1990"),
    ("nació el 3 de abril del año 1990", "3 de abril del año 1990"),
    ("Edad: 34 años (3/4/1990)", "3/4/1990"),
    ("tiene 34 años, 3 de abril de 1990", "3 de abril de 1990"),
    ("F. de nacimiento: abril de 1990", "abril de 1990"),
    # Third wave.
    ("born June 3rd of 1991", "June 3rd of 1991"),
    ("born the 3rd day of June, 1991", "3rd day of June, 1991"),
    ("born on 3rd June", "3rd June"),
    ("nació el 3-VI-1991", "3-VI-1991"),
    ("Fecha de nacimiento: 3/VI/91", "3/VI/91"),
    ("DOB: 1991", "1991"),
    ("fecha de nacimiento: 1991", "1991"),
    ("born on June third, nineteen ninety-one", "June third, nineteen ninety-one"),
    (
        "nací el tres de junio de mil novecientos noventa y uno",
        "tres de junio de mil novecientos noventa y uno",
    ),
    ("nació el 5 de mayo de dos mil cinco", "5 de mayo de dos mil cinco"),
]

DOB_NEGATIVE = [
    "arrested on 06/03/2024 at the Walmart",
    "hearing set for June 3, 2024 at 9:00",
    "transferred on the 3rd of June to Otero",
    "the birthday party was raided on 06/03/2024",
    "detenido el 3 de junio de 2024 en la parada",
    "la audiencia es el 3 de junio",
    "fue trasladado el 03/06/2024",
    "Booking date: 06/03/2024",
    "Fecha de arresto: 03/06/2024",
    "case 2024-CR-0603 filed 06/03/2024",
    "born in Honduras and detained on 3/4/2020",
    "nació en Honduras y fue detenido el 3/4/2020",
    "she turns herself in on June 3",
    "Released: 06/03/2024. Date of birth unknown.",
    "her birthday was the day ICE came, 3/4/2024",
    "the birthday cake was left on June 3, 2024",
    "he is 34 years old and on 4/12/2024 ICE took him",
    "Age: 34. Detained 04/03/2024",
    "tiene 34 años y el 3 de abril de 2024 lo agarraron",
    "34 y/o, 3 April 2024",
    "born in Honduras, he lived in Texas for years before 06/03/2024",
    "DOB unknown; hearing on 06/03/2024",
    "Nació en Honduras y vivió muchos años en Texas antes del 03/06/2024",
    "his birthday came and went; on June 3 they moved him",
    "fecha de nacimiento desconocida, en 2019 lo detuvieron",
    "DOB unknown, 2019 arrival",
]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Booking date 3/4/2020, DOB 1/2/1990", ["1/2/1990"]),
        ("Arrested: 03/04/2020 - Fecha de nacimiento: 01/02/1990", ["01/02/1990"]),
        ("Detenido 3/4/2020 (fecha de nacimiento 1/2/1990)", ["1/2/1990"]),
    ],
)
def test_a_cue_after_a_date_with_its_own_date(text, expected):
    assert [f.text for f in find_identifying(text) if f.category == "dob"] == expected


HANDLE = [
    ("IG: maria.lopez", "maria.lopez"),
    ("ig maria_lopez91", "maria_lopez91"),
    ("insta - marialopez", "marialopez"),
    ("my insta's marialopez", "marialopez"),
    ("Instagram:\nmaria.lopez", "maria.lopez"),
    ("Instagram\n@maria.lopez", "@maria.lopez"),
    ("IG handle: MariaLopez91", "MariaLopez91"),
    ("IG: MariaLopez", "MariaLopez"),
    ("snap: jdoe_22", "jdoe_22"),
    ("sc: jdoe22", "jdoe22"),
    ("add me on snap jdoe22", "jdoe22"),
    ("tt: dancer.lupe", "dancer.lupe"),
    ("TikTok -> dancer.lupe", "dancer.lupe"),
    ("on X as jdoe_22", "jdoe_22"),
    ("twitter/x: jdoe_22", "jdoe_22"),
    ("telegram: @jdoe22", "@jdoe22"),
    ("tg jdoe_22", "jdoe_22"),
    ("discord: jdoe#1234", "jdoe#1234"),
    ("discord username is jdoe.22", "jdoe.22"),
    ("signal username: jdoe.22", "jdoe.22"),
    ("his whatsapp username is jdoe22", "jdoe22"),
    ("fb: maria.lopez.3", "maria.lopez.3"),
    ("facebook is maria.lopez.3", "maria.lopez.3"),
    ("venmo @Maria-Lopez-22", "@Maria-Lopez-22"),
    ("cash app $marial22", "$marial22"),
    ("follow me on insta marialopez", "marialopez"),
    ("hmu on ig jdoe22", "jdoe22"),
    ("dm me on insta (jdoe22)", "jdoe22"),
    ("reddit u/jdoe22", "u/jdoe22"),
    ("IG | jdoe22", "jdoe22"),
    # Spanish.
    ("añádeme en insta: lupita.ruiz", "lupita.ruiz"),
    ("agrégame al face lupita.ruiz", "lupita.ruiz"),
    ("búscame como lupita_ruiz en tiktok", "lupita_ruiz"),
    ("sígueme en ig lupita.ruiz", "lupita.ruiz"),
    ("sígueme en instagram: lupitaruiz", "lupitaruiz"),
    ("mi insta es lupitaruiz", "lupitaruiz"),
    ("mi usuario de telegram es lupita_88", "lupita_88"),
    ("su cuenta de instagram: lupita.ruiz", "lupita.ruiz"),
    ("Instagram:\nlupita.ruiz", "lupita.ruiz"),
    ("en tiktok sale como lupita.ruiz", "lupita.ruiz"),
    ("me encuentras en fb como lupita.ruiz.5", "lupita.ruiz.5"),
    # Second wave.
    ("Twitter: MLopez", "MLopez"),
    ("she goes by lupe_r on IG", "lupe_r"),
    ("jdoe22 on snap", "jdoe22"),
    ("lupita.ruiz en instagram", "lupita.ruiz"),
    ("on snap its jdoe", "jdoe"),
    ("my ig was jdoe22", "jdoe22"),
    ("IG acct: jdoe", "jdoe"),
    ("find her on Instagram under the name lupita_r", "lupita_r"),
    ("en Facebook aparece con el nombre de lupita.r", "lupita.r"),
    ("IG: maria-lopez", "maria-lopez"),
    # Third wave.
    ("jdoe22 (IG)", "jdoe22"),
    ('IG "jdoe22"', "jdoe22"),
    ("my gamertag is jdoe22", "jdoe22"),
    ("PSN: xXjdoeXx", "xXjdoeXx"),
    ("en insta lo encuentras como lupita_r", "lupita_r"),
    ("Name: Ana\nig jdoe\nphone: none", "jdoe"),
    ("Social media:\njdoe22", "jdoe22"),
    ("redes sociales: lupita.ruiz", "lupita.ruiz"),
    ("his X username is brianduran", "brianduran"),
    ("mi X es leonelmadera", "leonelmadera"),
    ("lauramitchell on FB", "lauramitchell"),
    ("garciajessica en Instagram", "garciajessica"),
    ("le escriben al ig martinfernandez", "martinfernandez"),
    ("his insta is sgutierrez he posted the video there", "sgutierrez"),
    ("su snap es abatlle por si necesitas", "abatlle"),
]

HANDLE_NEGATIVE = [
    "my insta is private now",
    "he posted it on tiktok yesterday",
    "IG: none",
    "sígueme en instagram para más info",
    "search ICE on twitter",
    "the snap was loud",
    "room 2, unit 4",
    "I saw it on X last week",
    "discord server got shut down",
    "mi insta está cerrada",
    "I saw it on Instagram as well",
    "it is on Facebook under investigation",
    "Facebook: none",
    "the video on IG was deleted",
    "ICE posted on X about the raid",
    "lo subieron a tiktok anoche",
    "en instagram pusieron la foto",
    "tt: nope",
    "posted on IG at 10:30",
    "social media posts about the raid",
    "las redes sociales dicen otra cosa",
    "in SC state prison",
    "X is the worst",
    "tt is down",
    "sc county jail",
    "Instagram grow back-end networks",
    "I saw it on insta user-friendly stuff",
    "my discord is aplicación nueva",
    "my IG is deliver end-to-end partnerships",
    "mi insta es entrega plataformas extensibles",
]

A_NUMBER = [
    ("A# 212-555-123", "212-555-123"),
    ("A#: 212555123", "212555123"),
    ("A-number: 212 555 123", "212 555 123"),
    ("A Number\n212-555-123", "212-555-123"),
    ("A-Number:\nA212555123", "A212555123"),
    ("alien number 212555123", "212555123"),
    ("Alien #: 21255512", "21255512"),
    ("USCIS #: 212-555-123", "212-555-123"),
    ("A 212 555 123", "A 212 555 123"),
    ("A-212-555-123", "A-212-555-123"),
    ("A212555123", "A212555123"),
    ("A\u2011212\u2011555\u2011123", "A\u2011212\u2011555\u2011123"),
    ("my A is 212-555-123", "212-555-123"),
    ("his a# is 21255512", "21255512"),
    # Spanish.
    ("número A: 212-555-123", "212-555-123"),
    ("mi A es 267-884-561", "267-884-561"),
    ("su número de A es 212555123", "212555123"),
    ("número de extranjero 212 555 123", "212 555 123"),
    ("Nº de extranjero: 212555123", "212555123"),
    ("número de registro de extranjero: A212555123", "A212555123"),
    ("núm. A 212-555-123", "212-555-123"),
    ("número A\n212-555-123", "212-555-123"),
    ("el A-number de mi hijo es 212-555-123", "212-555-123"),
    ("número de alien: 212555123", "212555123"),
    # Second wave.
    ("A-Number (9 digits): 212555123", "212555123"),
    ("Alien Registration Number (A-Number) (if any): A212555123", "A212555123"),
    ("immigration number 212-555-123", "212-555-123"),
    ("número de inmigración: 212 555 123", "212 555 123"),
    ("número de extranjera 212555123", "212555123"),
    ("A #212-555-123", "A #212-555-123"),
    # Phone-shaped, but the cue says A-number (a phone finding would hide it).
    ("A-Number: 59717606", "59717606"),
    ("alien number 737-409-441", "737-409-441"),
    ("USCIS #: 788 468 641", "788 468 641"),
    ("número de extranjero 612 345 678", "612 345 678"),
]

A_NUMBER_NEGATIVE = [
    "booking #2015-095587",
    "flight AA 1234 landed",
    "Pod A, bed 12",
    "room A-101",
    "case 2023-09558712",
    "a number of 40 detainees",
    "$212,555,123 contract",
    "incident 212-555-1234",
    "Docket A-2023-0095",
]


POSITIVES = [
    (category, text, gold)
    for category, rows in (("dob", DOB), ("handle", HANDLE), ("a_number", A_NUMBER))
    for text, gold in rows
]
NEGATIVES = [
    (category, text)
    for category, rows in (
        ("dob", DOB_NEGATIVE),
        ("handle", HANDLE_NEGATIVE),
        ("a_number", A_NUMBER_NEGATIVE),
    )
    for text in rows
]


@pytest.mark.parametrize("category,text,gold", POSITIVES)
def test_found_in_full(category, text, gold):
    assert covered(text, gold, category)


@pytest.mark.parametrize("category,text", NEGATIVES)
def test_hard_negatives_stay_readable(category, text):
    assert [f.text for f in find_identifying(text) if f.category == category] == []
