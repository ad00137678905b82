"""M-of-N recovery shares of the organization identity, as words.

The identity's 32-byte secret and a one-byte type tag (hybrid or X25519) are
split with Shamir's scheme (tipline.crypto.shamir); each share is written as
words from a checksummed word list that a person can copy onto paper. Any M
shares rebuild the identity; fewer reveal nothing. A recovered identity can be
written as a new passphrase-protected (age scrypt) identity file.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from tipline.crypto import (
    AgeError,
    Identity,
    ScryptRecipient,
    bech32,
    encrypt,
    parse_identity,
    shamir,
)

# Type tags: which bech32 prefix the secret is encoded under.
_TAGS = {1: "AGE-SECRET-KEY-PQ-", 2: "AGE-SECRET-KEY-"}
_PREFIX_TAG = {prefix: tag for tag, prefix in _TAGS.items()}
MIN_THRESHOLD = 2
MAX_SHARES = 255


class RecoveryError(ValueError):
    """Shares could not be read or do not rebuild an identity; the message says why."""


def identity_secret(identity: Identity) -> bytes:
    """The type tag and raw secret of ``identity`` (what gets split)."""
    try:
        prefix, data = bech32.decode(str(identity))
    except (AgeError, ValueError) as exc:
        raise RecoveryError("this identity cannot be split") from exc
    tag = _PREFIX_TAG.get(prefix.upper())
    if tag is None:
        raise RecoveryError("only hybrid and X25519 identities can be split")
    return bytes([tag]) + data


def identity_from_secret(secret: bytes) -> Identity:
    prefix = _TAGS.get(secret[0]) if secret else None
    if prefix is None:
        raise RecoveryError("the shares combine, but not to a known kind of identity")
    try:
        return parse_identity(bech32.encode(prefix, secret[1:]))
    except (AgeError, ValueError) as exc:
        raise RecoveryError("the shares combine, but not to a valid identity") from exc


def split(identity: Identity, threshold: int, shares: int) -> list[str]:
    """``shares`` word shares of ``identity``, any ``threshold`` of which rebuild it."""
    if not MIN_THRESHOLD <= threshold <= shares <= MAX_SHARES:
        raise RecoveryError(
            f"need {MIN_THRESHOLD} <= threshold <= shares <= {MAX_SHARES} "
            f"(got threshold {threshold}, shares {shares})"
        )
    parts = shamir.split_secret(identity_secret(identity), threshold, shares)
    return [shamir.share_to_words(part) for part in parts]


def parse_share(words: str, number: int) -> bytes:
    """One share from its words; the error names the share and the bad word."""
    try:
        return shamir.words_to_share(words)
    except ValueError as exc:
        raise RecoveryError(f"share {number}: {exc}") from exc


def recover(word_shares: Sequence[str]) -> Identity:
    """Rebuild the identity from word shares (any order, at least the threshold)."""
    parts = [parse_share(words, number) for number, words in enumerate(word_shares, 1)]
    if not parts:
        raise RecoveryError("no shares given")
    try:
        secret = shamir.combine_shares(parts)
    except ValueError as exc:
        raise RecoveryError(str(exc)) from exc
    return identity_from_secret(secret)


def write_identity_file(
    path: str | os.PathLike[str], identity: Identity, passphrase: str, work_factor: int = 18
) -> None:
    """Write ``identity`` sealed with ``passphrase`` (age scrypt, armored); never overwrite."""
    sealed = encrypt(
        f"# tipline organization identity (recovered from shares)\n{identity}\n".encode(),
        [ScryptRecipient(passphrase, work_factor=work_factor)],
        armor=True,
    )
    target = Path(path)
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError as exc:
        raise RecoveryError(f"{target} already exists; refusing to overwrite it") from exc
    except OSError as exc:
        raise RecoveryError(f"cannot write {target}: {exc.strerror}") from exc
    with os.fdopen(fd, "wb") as handle:
        handle.write(sealed)
        handle.flush()
        os.fsync(handle.fileno())
