"""Issue 11, seventh round: names of any origin found by where they stand
(pii/name_positions.py, with pii/common_words.py telling a rare word from an
everyday one) and widened to the whole name (pii/name_extent.py); headings,
notices and table heads stay readable. English and Spanish."""

from __future__ import annotations

import pytest

from tipline.export.pii.common_words import ordinary, rare_word
from tipline.export.pii.redaction import find_identifying


def names(text: str) -> list[str]:
    return [f.text for f in find_identifying(text, people=[]) if f.category == "name"]


def covered(text: str, name: str) -> bool:
    """Every letter of ``name`` (in ``text``) is inside a name finding."""
    start = text.index(name)
    spans = [(f.start, f.end) for f in find_identifying(text, people=[]) if f.category == "name"]
    return all(
        any(s <= i < e for s, e in spans)
        for i in range(start, start + len(name))
        if text[i].isalnum()
    )


def test_everyday_words_and_rare_ones() -> None:
    assert ordinary("yesterday") and ordinary("Shelter") and ordinary("ayer")
    # A Spanish feminine or plural of an everyday word is everyday.
    assert ordinary("usuaria") and ordinary("detenidas")
    for name in ("Olabode", "Durdu", "Wafula", "Nguyen", "al-Mahbub"):
        assert rare_word(name), name
    for word in ("calling", "Grievance", "ICE", "xkcd", "al"):
        assert not rare_word(word), word


@pytest.mark.parametrize(
    "text,name",
    [
        # A chat or call-log speaker after a time stamp.
        ("[10:42] Changaz: they moved everyone to the gym", "Changaz"),
        ("Kaombwe (9:02 PM): otra vez sin agua", "Kaombwe"),
        # A form's value after a person's label, in any case.
        ("Name: adeolu adeleke\nHousing: B-pod", "adeolu adeleke"),
        ("Caller: ngamia mohamed\nCallback: ask for her sister", "ngamia mohamed"),
        ("Nombre: Liam van der Pol\nUnidad: 4", "Liam van der Pol"),
        # A roster row, "LAST, First", then the next column.
        ("MADHUBUTI, KIMBILIO  INGRESO 12/03/2024  CELDA 14", "MADHUBUTI, KIMBILIO"),
        ("IWU, KELECHI    BOOKED 04/11/2024", "IWU, KELECHI"),
        ("Yahaya, Safiya - medical request denied 3 times", "Yahaya, Safiya"),
        ("van Olst, Duuk - medical request denied", "van Olst, Duuk"),
        # Capitals inside a sentence of mixed case.
        ("Inmate FOLASHADE SOBOWALE said the interpreter never came.", "FOLASHADE SOBOWALE"),
        ("El interno MAHAZ AARIF lleva tres días sin medicina.", "MAHAZ AARIF"),
        ("ICE called: BEYZADE TEVETOĞLU, RAHAT AARIZ.", "RAHAT AARIZ"),
        # A name broken across a line in the middle of a sentence.
        ("I was with Nasiru\nYahaya when they came.", "Nasiru\nYahaya"),
        # Lower case: after a naming phrase, before a person's verb.
        ("voicemail: hi this is radeke olabode calling about my brother", "radeke olabode"),
        ("Hola, soy omolara kolade, llamo por mi hermano", "omolara kolade"),
        ("hoang huu duc said the interpreter never came", "hoang huu duc"),
        ("I am writing about my cellmate oluwasanmi owoyemi.", "oluwasanmi owoyemi"),
        # A title, particles and a surname.
        ("Mr. de Marduras-Fortuyn says the guards laugh.", "de Marduras-Fortuyn"),
        ("El Sr. dos Machado no ha visto a un médico.", "dos Machado"),
        # Vietnamese middle names that are English words.
        ("Detainee Nguyen The Duc told the nurse.", "Nguyen The Duc"),
    ],
)
def test_names_by_position(text: str, name: str) -> None:
    assert covered(text, name), names(text)


@pytest.mark.parametrize(
    "text,name",
    [
        # Particles between and before.
        ("Please contact his wife Muhammed van der Cornelissen.", "Muhammed van der Cornelissen"),
        ("Liam van der Lede said the interpreter never came.", "Liam van der Lede"),
        ("My name is José Pizarro de la Fuente and I am here.", "José Pizarro de la Fuente"),
        # A generational suffix.
        ("Signed,\nBasir Talhah III\nUnit 4", "Basir Talhah III"),
        # The other half of "Last, First".
        ("Inmate Jameel, Aamir was put in the hole.", "Jameel, Aamir"),
        ("Hoang, Phu - medical request denied 3 times", "Hoang, Phu"),
        ("bin Umaarah, Naim - medical request denied", "bin Umaarah, Naim"),
        # A first name before a middle initial, even a place's name.
        ("El interno Virginia L. Riojas lleva tres días.", "Virginia L. Riojas"),
        # A name broken by a line after a name found.
        ("I was with Abayomi\nAderibigbe when they came.", "Abayomi\nAderibigbe"),
    ],
)
def test_whole_names(text: str, name: str) -> None:
    assert covered(text, name), names(text)


@pytest.mark.parametrize(
    "text",
    [
        "INCIDENT REPORT\nHOUSING UNIT B\nNO VISITS ON SUNDAY",
        "THE DETAINEE HUNGER STRIKE",
        "Detainee DOB: 1/5/1971",
        "LOCKDOWN ALL DAY. NO RECREATION. WATER SHUT OFF.",
        "AVISO IMPORTANTE\nSIN VISITAS EL DOMINGO",
        "[10:12] usuaria: se llevaron a mi papá\n[10:13] voluntaria: ¿fecha?",
        "Bed | Pod | Status\n14 | C | Medical",
        "The guard said the phones are off.",
        "porfa llameme mañana",
        "Tacoma, WA  98421",
        "Inmate: see attached",
    ],
)
def test_no_name_in_headings_roles_and_everyday_words(text: str) -> None:
    assert names(text) == []


@pytest.mark.parametrize(
    "text,expected",
    [
        # A list of surnames stays three names, not "Last, First".
        ("Officers Lopez, Vega and Ruiz held him.", ["Lopez", "Vega", "Ruiz"]),
        # A name and a town after it: the town is left alone.
        ("Walter Trace, Burnettchester is far.", None),
        # After "abogada", "de" is a preposition, not a particle.
        ("Abogada de Itzel\nEspinal: tiene los papeles", ["Itzel\nEspinal"]),
    ],
)
def test_extent_stops_where_the_name_does(text: str, expected: list[str] | None) -> None:
    found = names(text)
    if expected is None:
        assert not any("Burnettchester" in n for n in found), found
    else:
        assert found == expected
