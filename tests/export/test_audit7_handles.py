"""Issue 11, audit 7: chat speakers' user names with no time stamp, and a
form's bracketed hint after a platform label (text written for these tests)."""

from __future__ import annotations

import pytest

from tipline.export.pii.redaction import find_identifying


def _handles(text: str) -> list[str]:
    return [f.text for f in find_identifying(text) if f.category == "handle"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "mariagarcia: ya llegué\nj.rivera_88: ok\nmariagarcia: están afuera",
            ["mariagarcia", "j.rivera_88", "mariagarcia"],
        ),
        ("Chat con mi prima:\nmariagarcia: ya llegué, hay dos patrullas", ["mariagarcia"]),
        ("Texts from that night\njoselopez: they took him\nme: where to?", ["joselopez"]),
        (
            "jrivera: ok\nmariagarcia: si, mañana\njrivera: voy",
            ["jrivera", "mariagarcia", "jrivera"],
        ),
        ("danny-lopez: vi la troca\nyo: donde", ["danny-lopez"]),
        ("JRivera88: yes he's at Otero\nMe: ok", ["JRivera88"]),
        ("3/12/24, 9:14 PM - mariagarcia: hola\n3/12/24, 9:15 PM - Me: ok", ["mariagarcia"]),
        ("- luisramos: they moved him\n- me: when", ["luisramos"]),
    ],
)
def test_chat_speakers_without_time_stamps(text: str, expected: list[str]) -> None:
    assert _handles(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Nota: lo trasladaron\nVisitor: hola\nAbogada: sí",
        "Q: where was he held?\nA: Otero",
        "Re: hearing\nFrom: the clinic",
        "first_name: Ana\nlast_name: Ruiz",
        "visitor2: hi\nuser_1: ok",
        "IMG_2034: photo of the van\nIMG_2035: the other side",
        "Summary: they came at six\nUpdate: he was released",
        "Charges: illegal entry\nBond: none\nReason: transfer",
        "Name: Ana Ruiz\nD.O.B: 03/04/1990\nS.S.N.: none",
        "charges: illegal entry\nreason: transfer",
        # One label, no conversation: could be anything.
        "joselopez: see below",
    ],
)
def test_labels_that_are_no_speakers(text: str) -> None:
    assert _handles(text) == []


def test_a_speaker_with_a_space_is_a_name() -> None:
    text = "Chat:\nMaria Garcia: hola\nJose Lopez: ya vienen"
    found = find_identifying(text)
    assert not [f for f in found if f.category == "handle"]
    names = {f.text for f in found if f.category == "name"}
    assert {"Maria Garcia", "Jose Lopez"} <= names


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Instagram (usuario): lupita.ruiz", ["lupita.ruiz"]),
        ("IG (handle, no @): mariag_88", ["mariag_88"]),
        ("TikTok (optional): jrivera", ["jrivera"]),
        ("Instagram (usuario): marialopez", ["marialopez"]),
        ("Snapchat (user name):  danny.r", ["danny.r"]),
        ("Telegram (si tiene): rosita", ["rosita"]),
        ("TikTok (optional):\njrivera99", ["jrivera99"]),
        ("Twitter/X (username): JRivera88", ["JRivera88"]),
        ("Instagram (usuario): none", []),
        ("Instagram (if any): n/a", []),
        ("IG (opcional): -", []),
    ],
)
def test_form_hint_is_skipped(text: str, expected: list[str]) -> None:
    assert _handles(text) == expected
