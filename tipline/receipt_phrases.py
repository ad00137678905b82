"""Receipt phrases: from the words a source keeps to a lookup id and a reply key.

A source gets seven diceware words (about 90 bits) once, at submission. The
phrase itself is never stored, logged or put in a cookie; what the server
keeps is derived from it:

* ``lookup_id`` finds the source's tip when they come back with the phrase;
* ``identity`` is the source's own hybrid age identity. Only its public
  recipient is stored (``Tip.source_recipient``), so replies can be sealed to
  the source, and opened only by someone who holds the phrase.

Derivation (DESIGN.md, "Receipt phrases")::

    master = HMAC-SHA256(pepper, normalize(phrase))
    lookup = HKDF-SHA256(master, info="...lookup id")      -> 32 bytes, hex
    seed   = HKDF-SHA256(master, info="...reply identity") -> 32 bytes

No slow KDF, on purpose. The phrase is seven server-chosen words, about 90.5
bits: guessing it is hopeless at any per-guess cost, so a slow KDF would add
nothing against guessing, while it made every submission and every sign-in,
right or wrong, cost half a second of CPU, which a flood of junk turned into
an outage. The pepper lives in the instance config, outside the database, so
a stolen database alone does not even let anyone test guesses. Sign-in
derives only the lookup id (:func:`lookup_id`, microseconds) until a tip
matches; the reply identity is derived after that, for the right phrase only.

No Flask here: the intake app, the review app and the CLI all use it.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from tipline import wordlist
from tipline.crypto import HybridIdentity

LOOKUP_INFO = b"tipline/v2 receipt phrase -> source lookup id"
SEED_INFO = b"tipline/v2 receipt phrase -> source reply identity seed"


@dataclass(frozen=True)
class SourceKeys:
    """What the server may derive from a receipt phrase (never the phrase)."""

    lookup_id: str  # 64 hex characters, stored in Tip.source_lookup
    identity: HybridIdentity  # the source's reply key; only its recipient is stored

    def __repr__(self) -> str:
        # Keep the private identity out of tracebacks and debug output.
        return f"SourceKeys(lookup_id={self.lookup_id[:8]}...)"


def new_phrase() -> str:
    """A fresh receipt phrase: seven words from the EFF list (≈ 90.5 bits)."""
    return wordlist.generate(wordlist.PHRASE_WORDS)


def lookup_id(phrase: str, pepper: str) -> str:
    """The lookup id for ``phrase``: all a sign-in computes before a tip matches.

    The phrase is normalized first (case, dashes, extra spaces), so a source
    who types it back slightly differently still finds their tip. Raises
    ``ValueError`` for an empty phrase or pepper.
    """
    return _expand(_master(phrase, pepper), LOOKUP_INFO).hex()


def derive_source_keys(phrase: str, pepper: str) -> SourceKeys:
    """Derive the lookup id and the reply identity for ``phrase``."""
    master = _master(phrase, pepper)
    return SourceKeys(
        lookup_id=_expand(master, LOOKUP_INFO).hex(),
        identity=HybridIdentity.from_seed(_expand(master, SEED_INFO)),
    )


def _master(phrase: str, pepper: str) -> bytes:
    if not pepper:
        raise ValueError("a pepper is required")
    normalized = wordlist.normalize(phrase)
    if not normalized:
        raise ValueError("the phrase is empty")
    return hmac.new(pepper.encode("utf-8"), normalized.encode("utf-8"), hashlib.sha256).digest()


def _expand(master: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(master)
