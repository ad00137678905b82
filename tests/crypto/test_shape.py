"""The key-less shape check for files sealed elsewhere (tipline.crypto.shape)."""

from __future__ import annotations

import io

import pytest

from tipline.crypto import (
    AgeError,
    HybridIdentity,
    Recipient,
    ScryptRecipient,
    X25519Identity,
    encrypt,
)
from tipline.crypto.format import FILE_KEY_SIZE, Stanza, encode_header
from tipline.crypto.shape import (
    MAX_SEALED_HEADER,
    ShapeChecker,
    ShapeError,
    expected_shapes,
    plaintext_size,
)
from tipline.crypto.stream import CHUNK_SIZE, SEALED_CHUNK_SIZE
from tipline.crypto.x25519 import X25519Recipient

HYBRID = HybridIdentity.generate()
BACKUP = X25519Identity.generate()
ORG: list[Recipient] = [HYBRID.recipient(), BACKUP.recipient()]


def check(data: bytes, recipients: list[Recipient] = ORG, piece: int = 1000) -> tuple[bytes, int]:
    """Feed ``data`` in pieces; return what was passed on and the plaintext size."""
    out = io.BytesIO()
    checker = ShapeChecker(out, expected_shapes(recipients))
    counted = 0
    for start in range(0, len(data), piece):
        counted += checker.write(data[start : start + piece])
    size = checker.close()
    assert counted == size  # the running count ends at the exact size
    return out.getvalue(), size


@pytest.mark.parametrize("size", [0, 1, CHUNK_SIZE - 1, CHUNK_SIZE, CHUNK_SIZE + 1, 3 * CHUNK_SIZE])
def test_well_formed_files_pass_through_unchanged(size: int) -> None:
    sealed = encrypt(b"x" * size, ORG)
    passed, plaintext = check(sealed, piece=7777)
    assert passed == sealed
    assert plaintext == size


def test_stanza_order_does_not_matter() -> None:
    sealed = encrypt(b"tip", [ORG[1], ORG[0]])
    assert check(sealed)[1] == 3


@pytest.mark.parametrize(
    "recipients",
    [
        [HYBRID.recipient()],  # one too few
        [*ORG, X25519Identity.generate().recipient()],  # one too many
        [X25519Identity.generate().recipient(), BACKUP.recipient()],  # wrong type
        [HybridIdentity.generate().recipient()] * 2,  # wrong type, right count
    ],
    ids=["fewer", "more", "wrong-type", "two-hybrid"],
)
def test_misaddressed_files_are_refused(recipients: list[Recipient]) -> None:
    with pytest.raises(ShapeError, match="recipients"):
        check(encrypt(b"tip", recipients))


def test_scrypt_and_unknown_stanzas_are_refused() -> None:
    with pytest.raises(ShapeError):
        check(encrypt(b"tip", [ScryptRecipient("pass", work_factor=2)]), [HYBRID.recipient()])
    key = bytes(FILE_KEY_SIZE)
    odd = encode_header([Stanza("X25519", ("AAAA", "extra"), bytes(32))], key)
    with pytest.raises(AgeError):
        check(odd + bytes(32), [BACKUP.recipient()])


def test_what_the_checker_cannot_check_it_refuses_up_front() -> None:
    with pytest.raises(AgeError):
        expected_shapes([ScryptRecipient("pass")])
    with pytest.raises(AgeError):
        expected_shapes([])


@pytest.mark.parametrize(
    "damage",
    [
        lambda s: s.replace(b"age-encryption.org/v1", b"age-encryption.org/v2"),
        lambda s: s.replace(b"-> X25519 ", b"-> X25519  "),  # non-canonical spacing
        lambda s: b"-----BEGIN AGE ENCRYPTED FILE-----\n" + s,  # armor: not accepted here
        lambda s: s[: s.index(b"\n---")],  # ends inside the header
        lambda s: s[: s.index(b"\n---") + 60],  # MAC line cut short
        lambda s: s[:-25],  # the last chunk (20 bytes and a tag) cut to 11: no room for a tag
        lambda s: s + bytes(SEALED_CHUNK_SIZE - 36 + 5),  # garbage: a 5-byte last chunk
    ],
    ids=["version", "spacing", "armored", "no-mac", "short-mac", "truncated", "garbage"],
)
def test_malformed_files_are_refused(damage: object) -> None:
    sealed = encrypt(b"x" * (CHUNK_SIZE + 20), ORG)  # a full chunk, then 20 bytes
    with pytest.raises(AgeError):
        check(damage(sealed))  # type: ignore[operator]


def test_an_empty_last_chunk_after_data_is_refused() -> None:
    sealed = encrypt(b"x" * CHUNK_SIZE, ORG)
    with pytest.raises(ShapeError, match="empty"):
        check(sealed + bytes(16))


def test_header_size_is_bounded() -> None:
    out = io.BytesIO()
    checker = ShapeChecker(out, expected_shapes(ORG))
    checker.write(b"age-encryption.org/v1\n-> X25519 ")
    with pytest.raises(ShapeError, match="too large"):
        for _ in range(MAX_SEALED_HEADER // 1000 + 1):
            checker.write(b"A" * 1000)
    assert out.getvalue() == b""  # nothing reached the destination


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        (16 + 16, 0),
        (16 + 17, 1),
        (16 + SEALED_CHUNK_SIZE, CHUNK_SIZE),
        (16 + SEALED_CHUNK_SIZE + 17, CHUNK_SIZE + 1),
    ],
)
def test_plaintext_size_from_the_framing(payload: int, expected: int) -> None:
    assert plaintext_size(payload) == expected


@pytest.mark.parametrize(
    "payload", [0, 16, 16 + 15, 16 + SEALED_CHUNK_SIZE + 16, 16 + SEALED_CHUNK_SIZE + 3]
)
def test_impossible_payload_sizes(payload: int) -> None:
    with pytest.raises(ShapeError):
        plaintext_size(payload)


def test_x25519_only_recipient_sets_work_too() -> None:
    only = [X25519Recipient(BACKUP.recipient().public_bytes())]
    assert check(encrypt(b"tip", only), only)[1] == 3
