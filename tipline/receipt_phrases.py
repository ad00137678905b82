"""Receipt phrases: from the words a source keeps to a lookup id and a reply key.

A source gets seven diceware words (about 90 bits) once, at submission. The
phrase itself is never stored, logged or put in a cookie; what the server
keeps is derived from it:

* ``lookup_id`` finds the source's tip when they come back with the phrase;
* ``identity`` is the source's own hybrid age identity. Only its public
  recipient is stored (``Tip.source_recipient``), so replies can be sealed to
  the source, and opened only by someone who holds the phrase.

Derivation (DESIGN.md, "Sources")::

    keyed  = HMAC-SHA256(pepper, normalize(phrase))
    master = scrypt(keyed, salt=SALT, N=2**log_n, r=8, p=8, 32 bytes)
    lookup = HKDF-SHA256(master, info="...lookup id")      -> 32 bytes, hex
    seed   = HKDF-SHA256(master, info="...reply identity") -> 32 bytes

The pepper lives in the instance config, outside the database, so a stolen
database alone does not let anyone test guesses; scrypt makes each guess
costly even for someone who has both. The salt is fixed and only separates
this use from any other scrypt use: the lookup id must be found again from the
phrase alone, so it cannot be random per source (the phrase's own 90 bits of
entropy do the salt's job against precomputation, together with the pepper).

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

SALT = b"tipline/v1 receipt phrase scrypt salt"
LOOKUP_INFO = b"tipline/v1 receipt phrase -> source lookup id"
SEED_INFO = b"tipline/v1 receipt phrase -> source reply identity seed"
SCRYPT_R = 8
# p=8 at N=2**14 costs as much time as p=1 at N=2**17 but needs 16 MiB, not
# 128 MiB, per derivation: concurrent submissions must not exhaust memory, and
# the intake's peak stays under 100 MiB during a 1 GiB upload.
SCRYPT_P = 8
MIN_LOG_N = 1
MAX_LOG_N = 22


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


def derive_source_keys(phrase: str, pepper: str, log_n: int) -> SourceKeys:
    """Derive the lookup id and reply identity for ``phrase``.

    The phrase is normalized first (case, dashes, extra spaces), so a source
    who types it back slightly differently still finds their tip.
    """
    if not MIN_LOG_N <= log_n <= MAX_LOG_N:
        raise ValueError(f"log_n must be between {MIN_LOG_N} and {MAX_LOG_N}, got {log_n}")
    if not pepper:
        raise ValueError("a pepper is required")
    normalized = wordlist.normalize(phrase)
    if not normalized:
        raise ValueError("the phrase is empty")
    keyed = hmac.new(pepper.encode("utf-8"), normalized.encode("utf-8"), hashlib.sha256).digest()
    n = 2**log_n
    master = hashlib.scrypt(
        keyed,
        salt=SALT,
        n=n,
        r=SCRYPT_R,
        p=SCRYPT_P,
        # scrypt needs 128 * r * N bytes; OpenSSL's default ceiling is 32 MiB.
        maxmem=128 * SCRYPT_R * n + 1024 * 1024,
        dklen=32,
    )
    lookup = _expand(master, LOOKUP_INFO).hex()
    seed = _expand(master, SEED_INFO)
    return SourceKeys(lookup_id=lookup, identity=HybridIdentity.from_seed(seed))


def _expand(master: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(master)
