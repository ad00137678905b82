"""The instance's sharing key, and whether the stored shared files open with it.

Files shared with organizers (tipline.safecopy.sharing) are sealed to a key
derived from ``INSTANCE_SECRET``. This module holds only that derivation and
the check ``tipline maintenance check`` runs, so the check imports no PDF or
summary code.
"""

from __future__ import annotations

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlalchemy import select
from sqlalchemy.orm import Session

from tipline.blobs import BlobNotFoundError, BlobStore
from tipline.crypto import AgeError, X25519Identity, decrypt_stream
from tipline.models.shared_file import SharedFile

SHARING_INFO = b"tipline shared files v1"


def sharing_key(instance_secret: str) -> X25519Identity:
    """HKDF of INSTANCE_SECRET: the same key in every process of the instance."""
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=SHARING_INFO).derive(
        instance_secret.encode("utf-8")
    )
    return X25519Identity.from_bytes(key)


def unopenable_shared_files(session: Session, blobs: BlobStore, instance_secret: str) -> int:
    """How many stored shared files the sharing key of ``instance_secret`` does not open.

    Only each file's header is opened (the file key unwrapped), so this is
    cheap. Non-zero means INSTANCE_SECRET changed since they were shared
    (docs/operations.md); a missing file is not counted here (the blob
    check reports it).
    """
    identity = sharing_key(instance_secret)
    count = 0
    for blob_id in session.scalars(select(SharedFile.shared_blob)):
        try:
            handle = blobs.open(blob_id)
        except BlobNotFoundError:
            continue
        with handle:
            try:
                decrypt_stream(handle, [identity])
            except AgeError:
                count += 1
    return count
