"""Property tests: round trips, and every kind of damage fails cleanly.

"Cleanly" means an :class:`AgeError` subclass - never another exception - and
never plaintext that differs from what was sealed: whatever the streaming
reader released before the error is a prefix of the original.
"""

from __future__ import annotations

import contextlib
import io
import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tipline.crypto import (
    AgeError,
    HybridIdentity,
    Identity,
    ScryptIdentity,
    ScryptRecipient,
    X25519Identity,
    decrypt,
    decrypt_stream,
    encrypt,
)
from tipline.crypto.stream import CHUNK_SIZE

X1, X2 = X25519Identity.from_bytes(b"\x01" * 32), X25519Identity.from_bytes(b"\x02" * 32)
H1, H2 = HybridIdentity.from_seed(b"\x03" * 32), HybridIdentity.from_seed(b"\x04" * 32)
ALL = [X1, X2, H1, H2]

SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
EDGE_SIZES = [
    0,
    1,
    2,
    CHUNK_SIZE - 1,
    CHUNK_SIZE,
    CHUNK_SIZE + 1,
    2 * CHUNK_SIZE,
    3 * CHUNK_SIZE + 7,
]


def _payload(size: int, seed: int) -> bytes:
    return random.Random(seed).randbytes(size)


sizes = st.one_of(st.sampled_from(EDGE_SIZES), st.integers(0, 3 * CHUNK_SIZE + 100))
recipient_sets = st.lists(st.sampled_from(ALL), min_size=1, max_size=4, unique=True)


@SETTINGS
@given(size=sizes, seed=st.integers(0, 2**32), who=recipient_sets, armor=st.booleans())
def test_round_trip(size: int, seed: int, who: list[Identity], armor: bool) -> None:
    data = _payload(size, seed)
    sealed = encrypt(data, [i.recipient() for i in who], armor=armor)  # type: ignore[attr-defined]
    for identity in who:
        assert decrypt(sealed, [identity]) == data
    others = [i for i in ALL if i not in who]
    if others:
        try:
            decrypt(sealed, others)
        except AgeError:
            pass
        else:
            raise AssertionError("decrypted without a matching identity")


@SETTINGS
@given(data=st.binary(max_size=300), armor=st.booleans())
def test_scrypt_round_trip(data: bytes, armor: bool) -> None:
    sealed = encrypt(data, [ScryptRecipient("pass phrase", work_factor=4)], armor=armor)
    assert decrypt(sealed, [ScryptIdentity("pass phrase")]) == data


def _fails_cleanly(damaged: bytes, original: bytes, identities: list[Identity]) -> None:
    released = bytearray()
    try:
        for chunk in decrypt_stream(io.BytesIO(damaged), identities).chunks():
            released += chunk
    except AgeError:
        assert original.startswith(bytes(released)), "released plaintext that was not sealed"
        assert len(released) % CHUNK_SIZE == 0
    else:
        raise AssertionError("damaged file decrypted without error")
    try:
        decrypt(damaged, identities)
    except AgeError:
        pass
    else:
        raise AssertionError("damaged file decrypted without error (one-shot API)")


_sealed_cache: dict[tuple[int, bool], tuple[bytes, bytes]] = {}


def _sealed(size: int, armor: bool) -> tuple[bytes, bytes]:
    # Sealing once per (size, armor) keeps the damage tests fast.
    if (size, armor) not in _sealed_cache:
        data = _payload(size, size)
        _sealed_cache[size, armor] = (
            data,
            encrypt(data, [X1.recipient(), H1.recipient()], armor=armor),
        )
    return _sealed_cache[size, armor]


damage_sizes = st.sampled_from([0, 1, 100, CHUNK_SIZE, CHUNK_SIZE + 1, 2 * CHUNK_SIZE + 3])


@SETTINGS
@given(
    size=damage_sizes,
    armor=st.booleans(),
    where=st.floats(0, 1, exclude_max=True),
    mask=st.integers(1, 255),
    who=st.sampled_from([X1, H1]),
)
def test_any_flipped_byte_fails(
    size: int, armor: bool, where: float, mask: int, who: Identity
) -> None:
    data, sealed = _sealed(size, armor)
    pos = int(where * len(sealed))
    damaged = bytearray(sealed)
    damaged[pos] ^= mask
    _fails_cleanly(bytes(damaged), data, [who])


@SETTINGS
@given(size=damage_sizes, armor=st.booleans(), where=st.floats(0, 1, exclude_max=True))
def test_any_truncation_fails(size: int, armor: bool, where: float) -> None:
    data, sealed = _sealed(size, armor)
    cut = int(where * len(sealed))
    if armor and not sealed[cut:].strip():
        # Dropping only the final newline leaves valid armor (CCTV armor_no_eol).
        assert decrypt(sealed[:cut], [X1]) == data
        return
    _fails_cleanly(sealed[:cut], data, [X1])


@SETTINGS
@given(size=damage_sizes, armor=st.booleans(), garbage=st.binary(min_size=1, max_size=70_000))
def test_appended_garbage_fails(size: int, armor: bool, garbage: bytes) -> None:
    data, sealed = _sealed(size, armor)
    if armor and not garbage.strip(b" \t\r\n"):
        garbage += b"x"  # trailing whitespace after armor is allowed by the spec
    _fails_cleanly(sealed + garbage, data, [H1])


@SETTINGS
@given(junk=st.binary(max_size=2000))
def test_arbitrary_input_never_crashes(junk: bytes) -> None:
    # The assertion is that nothing but an AgeError escapes: any other
    # exception (IndexError, ValueError, ...) fails the test.
    for prefix in (b"", b"age-encryption.org/v1\n", b"-----BEGIN AGE ENCRYPTED FILE-----\n"):
        with contextlib.suppress(AgeError):
            decrypt(prefix + junk, [X1, H1, ScryptIdentity("x", max_work_factor=4)])
