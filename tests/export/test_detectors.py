"""Each detector: what it must find, and look-alikes it must leave alone."""

from __future__ import annotations

import pytest

from tipline.export.pii.addresses import addresses
from tipline.export.pii.dates import dates_of_birth
from tipline.export.pii.detectors import (
    a_numbers,
    emails,
    handles,
    id_numbers,
    phones,
    plates,
    ssns,
    urls,
)
from tipline.export.pii.likely_names import likely_names
from tipline.export.pii.lookalikes import protected_spans
from tipline.export.pii.names import people_names
from tipline.export.pii.redaction import find_identifying


def texts(findings):
    return [f.text for f in findings]


def categories(text, **kwargs):
    return {(f.text, f.category) for f in find_identifying(text, **kwargs)}


# Look-alikes no number-shaped detector may report, through find_identifying.
LOOKALIKES = [
    "Case No. 2024-CR-001234 is still open.",
    "docket 21-cv-1234 was settled",
    "El caso número 2023-CR-004512 sigue abierto.",
    "It started in 2023 and got worse in 2024.",
    "They came at 11:15 pm and again at 4:30.",
    "Bail was $5,000, then $12,500.00; pagamos 3,000 dólares.",
    "About 12 people, then 40 more, were moved.",
    "Mail goes to Reading, PA 19601 or 19104-1234.",
    "Under 8 U.S.C. § 1357(g) and the 287(g) agreement, see 8 CFR 287.7.",
    "They gave him the I-247A and the I-213.",
    "He is in bed 14, cell 4B, unit C, pod 2.",
]


@pytest.mark.parametrize("text", LOOKALIKES)
def test_lookalikes_are_left_alone(text):
    assert find_identifying(text) == []


def test_protected_spans_cover_case_numbers_and_statutes():
    text = "Case No. 2024-CR-001234 under 8 U.S.C. § 1357(g)"
    covered = [text[s:e] for s, e in protected_spans(text)]
    assert any("2024-CR-001234" in c for c in covered)
    assert any("1357(g)" in c for c in covered)


class TestEmail:
    def test_plain_and_spoken(self):
        assert texts(emails("write to rosa.v77@gmail.com today")) == ["rosa.v77@gmail.com"]
        found = texts(emails("su correo: maria.castillo arroba gmail punto com, gracias"))
        assert found == ["maria.castillo arroba gmail punto com"]
        assert texts(emails("call juan at gmail dot com")) == ["juan at gmail dot com"]

    def test_not_an_email(self):
        assert emails("we met at noon at the jail") == []
        assert emails("@handle only") == []


class TestUrlAndHandle:
    def test_urls(self):
        assert texts(urls("see https://youtu.be/x8Kd2 now")) == ["https://youtu.be/x8Kd2"]
        found = texts(urls("facebook.com/marisol.reyes.5209."))
        assert found == ["facebook.com/marisol.reyes.5209"]
        assert texts(urls("www.example.org/page")) == ["www.example.org/page"]

    def test_bare_domain_without_path_is_left_alone(self):
        assert urls("the locator at ice.gov") == []

    def test_handles(self):
        assert texts(handles("Signal is @papi_ruiz83, ok")) == ["@papi_ruiz83"]
        assert texts(handles("my insta is maria_lopez88")) == ["maria_lopez88"]

    def test_handle_lookalikes(self):
        assert handles("mail a@b.com") == []
        assert handles("my insta is private") == []
        assert handles("tiktok.com/@justicia") == []


class TestSsn:
    def test_dashed_spaced_and_cued(self):
        assert texts(ssns("SSN 187-52-9034.")) == ["187-52-9034"]
        assert texts(ssns("gave 512 33 9078 to")) == ["512 33 9078"]
        assert texts(ssns("social security number: 123456789")) == ["123456789"]

    def test_lookalikes(self):
        assert ssns("call 215-555-0143") == []
        assert ssns("case 2024-12-0001") == []
        assert ssns("bare 123456789 without a cue") == []


class TestANumber:
    @pytest.mark.parametrize(
        "text,expected",
        [
            ("My A-number is A123456789.", "A123456789"),
            ("A-123-456-789 on file", "A-123-456-789"),
            ("his A 12345678 was", "A 12345678"),
            ("Mi número A es 098765432", "098765432"),
            ("número A: A 098765432", "A 098765432"),
            ("gave the A number as 209331457 today", "209331457"),
            ("alien registration number 087442190", "087442190"),
        ],
    )
    def test_found(self, text, expected):
        assert expected in texts(a_numbers(text))

    @pytest.mark.parametrize(
        "text",
        ["A1234567 is seven digits", "A12345678901 is too long", "Plan A 2023 was", "A-2023"],
    )
    def test_lookalikes(self, text):
        assert a_numbers(text) == []


class TestIdNumber:
    def test_found(self):
        assert texts(id_numbers("inmate #2023-04418, Chester")) == ["2023-04418"]
        assert texts(id_numbers("booking number B-77841;")) == ["B-77841"]
        assert texts(id_numbers("Mi número de reo es 448127 y")) == ["448127"]
        assert texts(id_numbers("Número de pasaporte mencionado: G21458873")) == ["G21458873"]

    def test_lookalikes(self):
        assert id_numbers("bed 14, cell 12, inmate housing") == []
        assert id_numbers("the inmate was 34 years old") == []


class TestPhone:
    @pytest.mark.parametrize(
        "number",
        [
            "(215) 555-0143",
            "267-555-0198",
            "484.555.0121",
            "610 555 0177",
            "+1 717 555 0164",
            "4845550182",
            "+52 55 1234 5678",
            "555-0143",
        ],
    )
    def test_found(self, number):
        assert number in texts(phones(f"call {number} tonight"))

    def test_lookalikes_through_the_pipeline(self):
        for text in ("Case No. 2024-CR-001234", "paid $1,234,567", "in 2023", "at 10:30"):
            assert not [f for f in find_identifying(text) if f.category == "phone"]
        assert phones("dates 10/02/2023 and 3/12") == []


class TestPlate:
    @pytest.mark.parametrize(
        "text,expected",
        [
            ("the tag was KZX-4471.", "KZX-4471"),
            ("plate number ABC 1234 on it", "ABC 1234"),
            ("reads the plate from a photo: 7ABC123, California plates", "7ABC123"),
            ("con placas LKP-3382.", "LKP-3382"),
            ("la matrícula PAW 4482 y", "PAW 4482"),
            ("placa abc1234", "abc1234"),
        ],
    )
    def test_found(self, text, expected):
        assert expected in texts(plates(text))

    def test_needs_plate_context(self):
        assert plates("the form ABC-1234 was signed") == []

    def test_lookalikes(self):
        assert plates("Pennsylvania plates, a white van with 12 people") == []
        assert plates("plates seen in 2023") == []


class TestDateOfBirth:
    @pytest.mark.parametrize(
        "text,expected",
        [
            ("DOB 11/23/1986.", "11/23/1986"),
            ("D.O.B.: 07-30-1979.", "07-30-1979"),
            ("born on June 3, 1991 in", "June 3, 1991"),
            ("date of birth Aug. 21, 1993", "Aug. 21, 1993"),
            ("born 12 January 1990", "12 January 1990"),
            ("fecha de nacimiento es 15 de marzo de 1988", "15 de marzo de 1988"),
            ("nació el 23/08/1990 en", "23/08/1990"),
            ("nacido el 5 de enero del 2004", "5 de enero del 2004"),
            ("Nací el 2 de noviembre de 1975", "2 de noviembre de 1975"),
            ("nació en 1969 y", "1969"),
            ("his dob: 09/14/88", "09/14/88"),
        ],
    )
    def test_found(self, text, expected):
        assert expected in texts(dates_of_birth(text))

    @pytest.mark.parametrize(
        "text",
        [
            "On March 14, 2023 deputies walked six men out.",
            "arrested 10/02/2023 at night",
            "el 3 de mayo lo entregaron a ICE",
            "in 2023 they were born again as a program",
            "DOB was on file. The hearing is 3/12/2024.",
        ],
    )
    def test_dates_without_birth_context(self, text):
        assert dates_of_birth(text) == []


class TestAddress:
    @pytest.mark.parametrize(
        "text,expected",
        [
            ("lives at 123 Main St in", "123 Main St"),
            ("at 45 W. Elm Avenue, Apt 4, upstairs", "45 W. Elm Avenue, Apt 4, upstairs"),
            ("1417 N. Marshall Street, Apt 2, Philadelphia", "1417 N. Marshall Street, Apt 2"),
            ("my moms address is 19 linden court ok", "19 linden court"),
            ("return address PO Box 2217, Allentown", "PO Box 2217"),
            ("vive en calle Juárez 45, colonia", "calle Juárez 45"),
            ("en Av. Reforma 100, CDMX", "Av. Reforma 100"),
            ("Calle 5 de Mayo 218, Reading", "Calle 5 de Mayo 218"),
            ("Calle Allende 1520, int. 4, Reading", "Calle Allende 1520, int. 4"),
            ("job at 220 Industrial Hwy in", "220 Industrial Hwy"),
        ],
    )
    def test_found(self, text, expected):
        assert expected in texts(addresses(text))

    @pytest.mark.parametrize(
        "text",
        [
            "I have 3 Court dates and 2 hearings.",
            "la calle Juárez es larga",
            "Reading, PA 19601",
            "12 people were moved to York County",
        ],
    )
    def test_lookalikes(self, text):
        assert addresses(text) == []


class TestPeopleList:
    def test_accent_case_and_whitespace_insensitive(self):
        text = "MARIA  PEREZ called; later maria-perez and María Pérez"
        assert len(people_names(text, ["María Pérez"])) == 3

    def test_name_parts_and_particles(self):
        found = texts(people_names("Cruz y Juan Carlos vinieron", ["Juan Carlos de la Cruz"]))
        assert found == ["Cruz", "Juan Carlos"]
        assert people_names("de la mañana", ["Juan Carlos de la Cruz"]) == []

    def test_common_word_parts_need_a_capital(self):
        assert people_names("una camisa rosa", ["Rosa Elena Guzmán"]) == []
        assert texts(people_names("Rosa vino", ["Rosa Elena Guzmán"])) == ["Rosa"]

    def test_nicknames(self):
        assert texts(people_names("Doña Chayo cuida", ["Rosario Luna"])) == ["Chayo"]

    def test_initials_alone_are_not_matched(self):
        assert people_names("unit R. block", ["R. Hollis"]) == []

    def test_high_confidence(self):
        assert people_names("Tomás", ["Tomás Villanueva"])[0].confidence == "high"


class TestLikelyNames:
    @pytest.mark.parametrize(
        "text,expected",
        [
            ("the deputy is named Kevin Marsh, tall", "Kevin Marsh"),
            ("Sergeant Whitfield told us", "Whitfield"),
            ("my brother Rafael was born", "Rafael"),
            ("mi hermano Rafael salió", "Rafael"),
            ("mi hijo óscar está", "óscar"),
            ("La Sra. Beatriz Solano trabaja", "Beatriz Solano"),
            ("su compañero, don Aurelio Paredes, vio", "Aurelio Paredes"),
            ("talk to Father Miguel at St. Agnes", "Miguel"),
            ("el oficial se llamaba Johnson y", "Johnson"),
            ("deputy R. Hollis called", "R. Hollis"),
            ("Juan Carlos de la Cruz was taken", "Juan Carlos de la Cruz"),
        ],
    )
    def test_found_with_low_confidence(self, text, expected):
        found = likely_names(text)
        assert expected in texts(found)
        assert all(f.confidence == "low" for f in found)

    @pytest.mark.parametrize(
        "text",
        [
            "They took him from Montgomery County Correctional Facility.",
            "Two ICE agents from the Sheriff's Office on Friday in August.",
            "Transferred from Berks County to Moshannon Valley, then to New Jersey.",
            "En el condado de Lehigh, en Filadelfia, y en Oaxaca.",
            "Caller says the van left. Yesterday it came back.",
            "We speak English and Spanish with the Immigration Court.",
            "He was moved to Lancaster in March.",
            "A MESSAGE IN CAPITALS FROM ICE",
            "Under 8 U.S.C. 1357 in block C.",
        ],
    )
    def test_places_agencies_months_are_not_names(self, text):
        assert likely_names(text) == []


def test_both_languages_whatever_the_hint():
    text = "my brother Rafael; mi número A es A-201-774-389"
    for language in (None, "en", "es"):
        assert categories(text, language=language) >= {
            ("Rafael", "name"),
            ("A-201-774-389", "a_number"),
        }


def test_unknown_language_is_refused():
    with pytest.raises(ValueError):
        find_identifying("text", language="fr")
