"""The browser's proof of work during a flood: issued and checked without stored state.

While the intake is under a flood (tipline.tips.flood) the tip form carries a
challenge, and a self-hosted script (``static/pow.js``, Web Crypto, no
third-party code) finds a counter such that::

    SHA-256(challenge + ":" + counter) starts with ``bits`` zero bits

before the form is posted. A few seconds of a browser's time for a source; a
flooder pays it on every submission, or goes without and their tips are
marked as such in the inbox.

Challenges are stateless: ``v1.<issued>.<bits>.<nonce>.<mac>``, the MAC an
HMAC-SHA256 under a key derived from the intake's secret key, so the server
checks one without having stored it. The only state is the set of spent
challenges (:class:`~tipline.models.spent_proof.SpentProof`, a SHA-256 each,
until they are stale anyway), so one solution carries one tip.

What a form may send, and what :func:`check_proof` makes of it:

- no ``pow_solution`` field: JavaScript was off (or the page had no
  challenge). Accepted, and the tip is not marked as proven. The form must
  work without JavaScript, so this can never be refused;
- a ``pow_solution`` field: the script ran. It must answer a challenge this
  server issued, less than :data:`MAX_AGE_SECONDS` ago, with enough zero
  bits, never used before; otherwise :class:`ProofError` (a subclass per
  reason), which the view turns into a page that keeps what the source typed.

No Flask here: the plaintext form and the browser-sealed path both call
:func:`check_proof`.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.orm import Session

from tipline.dialects import insert_for
from tipline.models.base import ceil_hour, utcnow
from tipline.models.spent_proof import SpentProof

VERSION = "v1"
# As long as the form's CSRF token lives (WTF_CSRF_TIME_LIMIT): a source who
# spends an hour writing is asked again, with their text kept.
MAX_AGE_SECONDS = 3600
# A challenge from a few seconds "in the future" is clock skew between workers.
SKEW_SECONDS = 60
_KEY_LABEL = b"tipline/v1 proof-of-work challenge key"
_CHALLENGE = re.compile(r"^v1\.(\d{1,12})\.(\d{1,2})\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{22})$")
_SOLUTION = re.compile(r"^\d{1,12}$")


class ProofError(Exception):
    """The proof of work cannot be accepted; the subclass says why."""


class ProofMissingError(ProofError):
    """The script ran but sent no usable answer, or answered no challenge."""


class ProofInvalidError(ProofError):
    """Not a challenge from this server, or not enough zero bits."""


class ProofStaleError(ProofError):
    """The challenge is older than :data:`MAX_AGE_SECONDS`."""


class ProofReplayedError(ProofError):
    """This solved challenge already carried a tip."""


@dataclass(frozen=True)
class ProofKey:
    """The MAC key for challenges, derived from the intake's secret key."""

    key: bytes

    @classmethod
    def from_secret(cls, secret: str) -> ProofKey:
        return cls(hmac.new(secret.encode("utf-8"), _KEY_LABEL, hashlib.sha256).digest())

    def __repr__(self) -> str:
        return "ProofKey(...)"

    def mac(self, issued: int, bits: int, nonce: str) -> str:
        message = f"{VERSION}.{issued}.{bits}.{nonce}".encode("ascii")
        return _b64(hmac.new(self.key, message, hashlib.sha256).digest()[:16])


def issue(key: ProofKey, bits: int, now: datetime | None = None) -> str:
    """A fresh challenge asking for ``bits`` leading zero bits."""
    issued = int(_timestamp(now or utcnow()))
    nonce = _b64(secrets.token_bytes(16))
    return f"{VERSION}.{issued}.{bits}.{nonce}.{key.mac(issued, bits, nonce)}"


def leading_zero_bits(digest: bytes) -> int:
    """How many zero bits ``digest`` starts with."""
    value = int.from_bytes(digest, "big")
    return len(digest) * 8 - value.bit_length()


def solves(challenge: str, solution: str, bits: int) -> bool:
    """Whether ``solution`` gives ``bits`` leading zero bits for ``challenge``."""
    digest = hashlib.sha256(f"{challenge}:{solution}".encode("ascii")).digest()
    return leading_zero_bits(digest) >= bits


def verify(key: ProofKey, challenge: str, solution: str, now: datetime | None = None) -> datetime:
    """Check a proof without touching the database; return when it goes stale.

    Raises a :class:`ProofError` subclass. Cheap: one HMAC and one SHA-256.
    """
    match = _CHALLENGE.match(challenge)
    if not _SOLUTION.match(solution):
        raise ProofMissingError("no usable answer to the challenge")
    if match is None:
        raise ProofMissingError("no challenge, or not one of ours")
    issued, bits, nonce, mac = int(match[1]), int(match[2]), match[3], match[4]
    if not hmac.compare_digest(mac, key.mac(issued, bits, nonce)):
        raise ProofInvalidError("the challenge was not issued by this server")
    age = _timestamp(now or utcnow()) - issued
    if age > MAX_AGE_SECONDS or age < -SKEW_SECONDS:
        raise ProofStaleError("the challenge is too old")
    if not solves(challenge, solution, bits):
        raise ProofInvalidError("the answer does not solve the challenge")
    return _datetime(issued + MAX_AGE_SECONDS + SKEW_SECONDS)


def spend(session: Session, challenge: str, expires_at: datetime) -> None:
    """Record ``challenge`` as used; :class:`ProofReplayedError` if it already was.

    One ``INSERT ... ON CONFLICT DO NOTHING``: no failed statement to roll
    back on PostgreSQL, and two workers racing with the same proof cannot
    both win (the primary key decides). Stale rows are dropped as we go.
    """
    digest = hashlib.sha256(challenge.encode("ascii")).hexdigest()
    statement = (
        insert_for(session, SpentProof)
        # Kept to the hour (rounded up: the row outlives the challenge, never
        # the reverse): the exact deadline would date the source's visit.
        .values(digest=digest, expires_at=ceil_hour(expires_at))
        .on_conflict_do_nothing(index_elements=[SpentProof.digest])
        .returning(SpentProof.digest)
    )
    if session.execute(statement).scalar_one_or_none() is None:
        raise ProofReplayedError("this proof of work was already used")
    session.execute(delete(SpentProof).where(SpentProof.expires_at < utcnow()))


def check_proof(
    session: Session,
    key: ProofKey,
    challenge: str | None,
    solution: str | None,
    now: datetime | None = None,
) -> bool:
    """The one call the submission paths make: True for a valid, fresh, unspent proof.

    ``solution`` is ``None`` when the form had no such field (JavaScript
    off): False, never an error. Anything sent but not right raises
    :class:`ProofError`. Spending writes a row in the caller's transaction,
    which the caller commits together with the tip (or rolls back).
    """
    if solution is None:
        return False
    expires_at = verify(key, challenge or "", solution.strip(), now)
    spend(session, challenge or "", expires_at)
    return True


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def _timestamp(moment: datetime) -> float:
    return (moment - datetime(1970, 1, 1)).total_seconds()


def _datetime(timestamp: int) -> datetime:
    return datetime(1970, 1, 1) + timedelta(seconds=timestamp)


__all__ = [
    "ProofError",
    "ProofInvalidError",
    "ProofKey",
    "ProofMissingError",
    "ProofReplayedError",
    "ProofStaleError",
    "check_proof",
    "issue",
    "verify",
]
