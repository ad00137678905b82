"""Every C2SP CCTV age vector, as one parametrized test.

Per the CCTV README, ``payload`` is the SHA-256 of *all* plaintext the API
released, including for ``payload failure`` vectors (the prefix before the
error), so we collect what the streaming reader yields chunk by chunk and
compare it exactly; a failure that is not a payload failure must release
nothing at all.
"""

from __future__ import annotations

import hashlib
import io

import pytest

from tipline.crypto import (
    AgeError,
    ArmorError,
    HeaderError,
    HeaderMACError,
    Identity,
    NoIdentityError,
    PayloadError,
    ScryptIdentity,
    decrypt,
    decrypt_stream,
    parse_identity,
)
from tipline.crypto.stream import CHUNK_SIZE

from .vectors import load_vector, vector_names

KINDS: dict[str, type[AgeError] | None] = {
    "success": None,
    "no match": NoIdentityError,
    "HMAC failure": HeaderMACError,
    "header failure": HeaderError,
    "payload failure": PayloadError,
    "armor failure": ArmorError,
}


def test_all_vectors_present() -> None:
    assert len(vector_names()) == 143


def _identities(names: list[str], passphrases: list[str]) -> list[Identity]:
    ids: list[Identity] = [parse_identity(s) for s in names]
    return ids + [ScryptIdentity(p) for p in passphrases]


@pytest.mark.parametrize("name", vector_names())
def test_vector(name: str) -> None:
    vector = load_vector(name)
    assert vector.expect in KINDS, vector.expect
    identities = _identities(vector.identities, vector.passphrases)

    released = bytearray()
    error: AgeError | None = None
    try:
        reader = decrypt_stream(io.BytesIO(vector.body), identities)
        for chunk in reader.chunks():
            released += chunk
    except AgeError as exc:
        error = exc

    expected = KINDS[vector.expect]
    if expected is None:
        assert error is None, f"{name}: unexpected {type(error).__name__}: {error}"
    else:
        assert type(error) is expected, f"{name}: want {expected.__name__}, got {error!r}"
    if vector.expect in ("success", "payload failure"):
        assert vector.payload is not None
        assert hashlib.sha256(released).hexdigest() == vector.payload
    else:
        assert not released
    if vector.expect == "payload failure":
        # Only whole, authenticated chunks are ever released before an error.
        assert len(released) % CHUNK_SIZE == 0

    # The one-shot API agrees with the streaming one.
    if expected is None:
        assert hashlib.sha256(decrypt(vector.body, identities)).hexdigest() == vector.payload
    else:
        with pytest.raises(expected):
            decrypt(vector.body, identities)
