"""Issue 11, audit 7: A-numbers after a numbered list and after court-caption
cues, dates of birth that answer the sentence before, and ages after "turn"
that are no house numbers (text written for these tests)."""

from __future__ import annotations

import pytest

from tests.export.helpers import covered
from tipline.export.pii.redaction import find_identifying


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("A#: 123456789\n1. He was moved twice.", "123456789"),
        ("A-number: 201-555-789\n2) Transferred to Otero", "201-555-789"),
        ("Número A: 087 654 321\n1. lo trasladaron", "087 654 321"),
        ("A 204 123 987\n3. hearing set", "A 204 123 987"),
        ("In the Matter of: JUAN PEREZ, File No.: A 123 456 789", "A 123 456 789"),
        ("In the Matter of: JUAN PEREZ\nFile No.: 123 456 789\nIN REMOVAL", "123 456 789"),
        ("Immigration Court, Houston. File Number: 213-456-789", "213-456-789"),
        ("En el asunto de: ANA RUIZ, Nº de extranjero: 213456789 (deportación)", "213456789"),
        ("ALIEN#: 123-456-789", "123-456-789"),
        ("ALIEN # 123 456 789", "123 456 789"),
        ("alien#213456789 on the detainer", "213456789"),
    ],
)
def test_a_numbers_found(text: str, value: str) -> None:
    assert covered(text, value, "a_number")


def test_a_court_file_number_elsewhere_is_no_a_number() -> None:
    text = "County civil court, File No. 123456789, small claims."
    assert not any(f.category == "a_number" for f in find_identifying(text))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("What is your date of birth? It's March 3, 1990.", "March 3, 1990"),
        ("¿Su fecha de nacimiento? Es el 3 de marzo de 1990.", "3 de marzo de 1990"),
        ("They asked for his DOB. He said 04/12/1988.", "04/12/1988"),
        ("DOB?\nMe: 03/04/1990", "03/04/1990"),
        (
            "Me preguntaron su fecha de nacimiento. Le dije que 5 de mayo de 1985.",
            "5 de mayo de 1985",
        ),
        ("When were you born? March 3, 1990.", "March 3, 1990"),
        ("¿Cuándo naciste? El 3 de marzo de 1990.", "3 de marzo de 1990"),
        ("Q. What is your date of birth?\nA. March 3, 1990.", "March 3, 1990"),
        ("What's his birthday? I think it's June 3.", "June 3"),
        ("¿Su fecha de nacimiento? Creo que es el 3 de marzo de 1990.", "3 de marzo de 1990"),
        ("Necesitan su fecha de nacimiento. Es 03/04/1990.", "03/04/1990"),
    ],
)
def test_date_answering_a_birth_question(text: str, value: str) -> None:
    assert covered(text, value, "dob")


@pytest.mark.parametrize(
    "text",
    [
        "He was born in Honduras. On 3/4/2020 ICE came.",
        "Do you know his date of birth? No, but on March 3, 2020 ICE came.",
        "They asked for my date of birth. Then on 3/4/2020 they deported me.",
        "His birthday party? It was on 3/4/2020.",
    ],
)
def test_other_dates_after_a_birth_sentence_stay(text: str) -> None:
    assert not any(f.category == "dob" for f in find_identifying(text))


@pytest.mark.parametrize(
    "text",
    [
        "I'll turn 45 next month.",
        "He turns 30 Park Ave style, he says.",
        "My daughter turns 16 Friday Street party or not.",
        "he turns 30 West Point grads",
    ],
)
def test_an_age_after_turn_is_no_address(text: str) -> None:
    assert not any(f.category == "address" for f in find_identifying(text))


def test_a_house_number_still_is() -> None:
    assert covered("She lives at 30 Park Ave.", "30 Park Ave", "address")
