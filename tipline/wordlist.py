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
    """Fold what a person might type (case, dashes, extra spaces) to one form."""
    return " ".join(re.split(r"[\s\-_.,]+", phrase.strip().lower())).strip()


def is_well_formed(phrase: str, count: int = PHRASE_WORDS) -> bool:
    """True if the normalized phrase is ``count`` words from the list."""
    parts = normalize(phrase).split(" ")
    vocabulary = set(words())
    return len(parts) == count and all(part in vocabulary for part in parts)
