"""Header, base64, Bech32 and armor details that the vectors do not pin down."""

from __future__ import annotations

import io
import random

import pytest

from tipline.crypto import (
    ArmorError,
    HeaderError,
    HeaderMACError,
    KeyFormatError,
    Recipient,
    X25519Identity,
    bech32,
    decrypt,
    encrypt,
)
from tipline.crypto.armor import ArmorReader, ArmorWriter, looks_armored
from tipline.crypto.format import Stanza, b64decode, b64encode, encode_header, parse_header
from tipline.crypto.reader import Reader

KEY = bytes(range(16))


def _parse(data: bytes):
    return parse_header(Reader(io.BytesIO(data)))


def test_b64_is_unpadded_and_canonical() -> None:
    assert b64encode(b"\xff") == "/w"
    assert b64decode("/w") == b"\xff"
    for bad in ("/w==", "/x", "a", "ab\n", "a b", "ab=c"):
        with pytest.raises(HeaderError):
            b64decode(bad)


@pytest.mark.parametrize("size", [0, 1, 47, 48, 49, 95, 96, 97])
def test_stanza_body_wrapping_round_trips(size: int) -> None:
    stanza = Stanza("test", ("a", "b"), bytes(range(size)))
    encoded = stanza.encode()
    lines = encoded.split(b"\n")[1:-1]
    assert all(len(line) == 64 for line in lines[:-1])
    assert len(lines[-1]) < 64  # a body that fills its lines gets an empty last line
    header = _parse(encode_header([stanza], KEY) + b"payload")
    assert header.stanzas == (stanza,)
    assert header.verify_mac(KEY)
    assert not header.verify_mac(bytes(16))


def test_parser_stops_exactly_at_the_payload() -> None:
    data = encode_header([Stanza("x", (), b"")], KEY)
    src = Reader(io.BytesIO(data + b"\x00rest"))
    parse_header(src)
    assert src.read(100) == b"\x00rest"


@pytest.mark.parametrize(
    "mutate",
    [
        lambda h: h.replace(b"-> x", b"->  x"),  # empty argument
        lambda h: h.replace(b"-> x", b"->x"),
        lambda h: h.replace(b"\n", b"\r\n"),
        lambda h: h.replace(b"--- ", b"---  "),
        lambda h: h[:-1] + b" \n",
        lambda h: h.replace(b"v1", b"v2"),
        lambda h: h.replace(b"-> x", b"-> x\x7f"),
        lambda h: h.replace(b"-> x\n", b"-> x\nAA==\n"),
        lambda h: h[: h.index(b"---")],  # no MAC line
    ],
)
def test_malformed_headers_are_header_errors(mutate) -> None:
    header = encode_header([Stanza("x", (), b"")], KEY)
    with pytest.raises(HeaderError):
        _parse(mutate(header))


def test_header_line_length_is_capped() -> None:
    with pytest.raises(HeaderError, match="too long"):
        _parse(b"age-encryption.org/v1\n-> " + b"a" * 100_000 + b"\n")


def test_header_needs_a_stanza() -> None:
    with pytest.raises(HeaderError):
        _parse(b"age-encryption.org/v1\n--- " + b64encode(bytes(32)).encode() + b"\n")


def test_tampered_stanza_argument_fails_the_mac() -> None:
    identity = X25519Identity.generate()
    sealed = encrypt(b"x", [identity.recipient(), _GreaseRecipient()])
    with pytest.raises(HeaderMACError):
        decrypt(sealed.replace(b"-> grease a", b"-> grease b"), [identity])


class _GreaseRecipient(Recipient):
    def wrap(self, file_key: bytes) -> list[Stanza]:
        return [Stanza("grease", ("a",), b"unknown stanza bodies are ignored")]


def test_bech32_round_trip_and_errors() -> None:
    text = bech32.encode("age", bytes(32))
    assert bech32.decode(text) == ("age", bytes(32))
    upper = bech32.encode("AGE-SECRET-KEY-", b"\x01" * 32)
    assert upper.isupper() and bech32.decode(upper)[0] == "AGE-SECRET-KEY-"
    long = bech32.encode("age1pq", bytes(1216))  # no BIP 173 90-char limit
    assert bech32.decode(long)[1] == bytes(1216)
    for bad in (text[:-1] + ("q" if text[-1] != "q" else "p"), text[:10] + text[10:].upper(), "a1"):
        with pytest.raises(KeyFormatError):
            bech32.decode(bad)


def _reference_bech32(hrp: str, data: bytes) -> str:
    """BIP 173's reference encoder, bit by bit: what the fast one must match."""
    charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
    generator = (0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)
    accumulator = bits = 0
    values: list[int] = []
    for byte in data:
        accumulator, bits = accumulator << 8 | byte, bits + 8
        while bits >= 5:
            bits -= 5
            values.append(accumulator >> bits & 31)
    if bits:
        values.append(accumulator << (5 - bits) & 31)
    chk = 1
    expanded = [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]
    for value in [*expanded, *values, 0, 0, 0, 0, 0, 0]:
        top, chk = chk >> 25, (chk & 0x1FFFFFF) << 5 ^ value
        for i in range(5):
            chk ^= generator[i] if top >> i & 1 else 0
    polymod = chk ^ 1
    checksum = [polymod >> 5 * (5 - i) & 31 for i in range(6)]
    return hrp + "1" + "".join(charset[v] for v in [*values, *checksum])


def test_bech32_encode_matches_the_reference_encoder() -> None:
    # BIP 173's own valid strings, then every length up to a few groups of
    # five bytes and the key sizes age uses, in random, all-zero and all-one data.
    assert bech32.encode("a", b"") == "a12uel5l"
    twenty = bytes.fromhex("00443214c74254b635cf84653a56d7c675be77df")
    assert bech32.encode("abcdef", twenty) == "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw"
    rng = random.Random(1)
    for size in [*range(48), 255, 256, 257, 1216]:
        for data in (rng.randbytes(size), bytes(size), b"\xff" * size):
            for hrp in ("age", "age1pq"):
                text = bech32.encode(hrp, data)
                assert text == _reference_bech32(hrp, data)
                assert bech32.decode(text) == (hrp, data)
            upper = bech32.encode("AGE-SECRET-KEY-PQ-", data)
            assert upper == _reference_bech32("age-secret-key-pq-", data).upper()


def _armor(data: bytes) -> bytes:
    out = io.BytesIO()
    writer = ArmorWriter(out)
    writer.write(data)
    writer.close()
    return out.getvalue()


def _dearmor(text: bytes) -> bytes:
    return ArmorReader(Reader(io.BytesIO(text))).read()


@pytest.mark.parametrize("size", [0, 1, 2, 3, 47, 48, 49, 96, 48 * 1024, 48 * 1024 + 5, 200_003])
def test_armor_round_trip(size: int) -> None:
    data = bytes(i % 251 for i in range(size))
    text = _armor(data)
    lines = text.split(b"\n")
    assert lines[0] == b"-----BEGIN AGE ENCRYPTED FILE-----"
    assert lines[-2:] == [b"-----END AGE ENCRYPTED FILE-----", b""]
    assert all(len(line) == 64 for line in lines[1:-3])
    assert _dearmor(text) == data
    assert _dearmor(text.replace(b"\n", b"\r\n")) == data
    assert _dearmor(b" \n\t\r\n" + text + b"\n  \n") == data


def test_armor_rejects_mixed_line_endings_and_junk() -> None:
    text = _armor(bytes(200))
    first = text.index(b"\n", 40)
    with pytest.raises(ArmorError):
        _dearmor(text[:first] + b"\r" + text[first:])
    with pytest.raises(ArmorError):
        _dearmor(text + b"junk")
    with pytest.raises(ArmorError):
        _dearmor(b" " * 2000 + text)
    with pytest.raises(ArmorError):
        _dearmor(text[:-33])  # no END line


def test_armor_detection() -> None:
    assert looks_armored(b"\n  -----BEGIN AGE ENCRYPTED FILE-----\n")
    assert looks_armored(b"junk\n-----BEGIN AGE ENCRYPTED FILE-----\n")
    assert not looks_armored(b"age-encryption.org/v1\n")
    assert not looks_armored(b"")


@pytest.mark.parametrize("length", [1, 16, 32, 33, 64, 100])
@pytest.mark.parametrize("salt", [b"", b"salt", bytes(32), b"x" * 100])
def test_hkdf_matches_cryptography(length: int, salt: bytes) -> None:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    from tipline.crypto.format import hkdf_sha256

    ikm, info = b"input keying material", b"age-encryption.org/v1/X25519"
    want = HKDF(algorithm=hashes.SHA256(), length=length, salt=salt or None, info=info).derive(ikm)
    assert hkdf_sha256(ikm, salt, info, length) == want
