"""Encrypting to recipients and decrypting with identities, whole or streamed."""

from __future__ import annotations

import io
import os
from collections.abc import Sequence
from typing import BinaryIO

from tipline.crypto.armor import ArmorReader, looks_armored
from tipline.crypto.base import Identity, Recipient
from tipline.crypto.errors import HeaderError, HeaderMACError, NoIdentityError, RecipientError
from tipline.crypto.format import FILE_KEY_SIZE, encode_header, parse_header
from tipline.crypto.reader import Reader
from tipline.crypto.scrypt import STANZA_TYPE as SCRYPT_TYPE
from tipline.crypto.stream import NONCE_SIZE, DecryptReader, EncryptWriter, seal_payload

__all__ = ["decrypt", "decrypt_stream", "encrypt", "encrypt_stream"]

_SNIFF_SIZE = 1024


def _seal_header(recipients: Sequence[Recipient]) -> tuple[bytes, bytes]:
    """Make a fresh file key and the header that wraps it for ``recipients``."""
    recipients = list(recipients)
    if not recipients:
        raise RecipientError("at least one recipient is required")
    if len(recipients) > 1 and any(getattr(r, "must_be_alone", False) for r in recipients):
        raise RecipientError("a passphrase (scrypt) recipient cannot be mixed with others")
    file_key = os.urandom(FILE_KEY_SIZE)
    stanzas = [stanza for r in recipients for stanza in r.wrap(file_key)]
    if len(stanzas) > 1 and any(s.type == SCRYPT_TYPE for s in stanzas):
        raise RecipientError("an scrypt stanza must be the only stanza in the header")
    return encode_header(stanzas, file_key), file_key


def encrypt_stream(
    dst: BinaryIO, recipients: Sequence[Recipient], *, armor: bool = False
) -> EncryptWriter:
    """Start an age file in ``dst``; write plaintext to the returned writer, then close it.

    The header is written immediately. ``close()`` does not close ``dst``.
    """
    header, file_key = _seal_header(recipients)
    return EncryptWriter(dst, header, file_key, armor=armor)


def encrypt(data: bytes, recipients: Sequence[Recipient], *, armor: bool = False) -> bytes:
    """Encrypt ``data`` to every recipient; armored (ASCII) if ``armor``."""
    if not armor:
        header, file_key = _seal_header(recipients)
        return header + seal_payload(file_key, data)
    out = io.BytesIO()
    with encrypt_stream(out, recipients, armor=armor) as writer:
        writer.write(data)
    return out.getvalue()


def _open_header(src: Reader, identities: Sequence[Identity]) -> tuple[bytes, bytes]:
    """Parse the header, unwrap the file key, check the MAC; return (file key, nonce)."""
    header = parse_header(src)
    if len(header.stanzas) > 1 and any(s.type == SCRYPT_TYPE for s in header.stanzas):
        raise HeaderError("an scrypt stanza must be the only stanza in the header")
    for identity in identities:
        file_key = identity.unwrap(header.stanzas)
        if file_key is not None:
            break
    else:
        raise NoIdentityError()
    if len(file_key) != FILE_KEY_SIZE:
        raise HeaderError("unwrapped file key has the wrong length")
    if not header.verify_mac(file_key):
        raise HeaderMACError()
    nonce = src.read(NONCE_SIZE)
    if len(nonce) != NONCE_SIZE:
        raise HeaderError("file truncated: missing payload nonce")
    return file_key, nonce


def decrypt_stream(src: BinaryIO, identities: Sequence[Identity]) -> DecryptReader:
    """Open the age file in ``src`` (binary or armored) and return its plaintext reader.

    The header is read and authenticated before this returns, so a wrong key
    or a malformed header raises here; payload problems raise while reading.
    """
    source = Reader(src)
    if looks_armored(source.peek(_SNIFF_SIZE)):
        source = Reader(ArmorReader(source))
    file_key, nonce = _open_header(source, identities)
    return DecryptReader(source, file_key, nonce)


def decrypt(data: bytes, identities: Sequence[Identity]) -> bytes:
    """Decrypt a whole age file (binary or armored) held in memory."""
    return decrypt_stream(io.BytesIO(data), identities).readall()
