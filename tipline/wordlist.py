"""Diceware words for receipt phrases and suggested passwords.

The word list is the EFF large list (7,776 words, CC BY 3.0) as shipped inside
the ``diceware`` package, read from its installed files: nothing is fetched at
run time. Seven words give log2(7776**7) ≈ 90.5 bits.
"""

from __future__ import annotations

import re
import secrets
from functools import cache
from importlib import resources

PHRASE_WORDS = 7


@cache
def words() -> tuple[str, ...]:
    """The 7,776 EFF words, in list order."""
    text = (
        resources.files("diceware")
        .joinpath("wordlists/wordlist_en_eff.txt")
        .read_text(encoding="utf-8")
    )
    result = tuple(line.split()[-1] for line in text.splitlines() if line.strip())
    if len(result) != 7776 or len(set(result)) != 7776:
        raise RuntimeError("the EFF word list shipped with 'diceware' is not the expected one")
    return result


def generate(count: int = PHRASE_WORDS) -> str:
    """``count`` words chosen uniformly with the system's CSPRNG."""
    vocabulary = words()
    return " ".join(secrets.choice(vocabulary) for _ in range(count))


def normalize(phrase: str) -> str:
    """Fold what a person might type (case, dashes, extra spaces) to one form.

    Dashes may separate words ("word-word"), but four list words contain one
    themselves ("t-shirt", "yo-yo", ...): two dashed pieces that form a list
    word are kept together.
    """
    vocabulary = _vocabulary()
    parts: list[str] = []
    for token in re.split(r"[\s_.,]+", phrase.strip().lower()):
        pieces = [piece for piece in token.split("-") if piece]
        i = 0
        while i < len(pieces):
            joined = "-".join(pieces[i : i + 2])
            if i + 1 < len(pieces) and joined in vocabulary:
                parts.append(joined)
                i += 2
            else:
                parts.append(pieces[i])
                i += 1
    return " ".join(parts)


@cache
def _vocabulary() -> frozenset[str]:
    return frozenset(words())


def is_well_formed(phrase: str, count: int = PHRASE_WORDS) -> bool:
    """True if the normalized phrase is ``count`` words from the list."""
    parts = normalize(phrase).split(" ")
    return len(parts) == count and all(part in _vocabulary() for part in parts)
