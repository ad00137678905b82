"""The sealed tip document: what a source wrote, as a small versioned JSON.

A tip is stored as one age file (the document) plus one age file per
attachment. The document names the attachments (file name, type, size) so
that none of that is in the clear. Before sealing, the JSON is padded with
trailing spaces to a Padmé length, so the ciphertext size says little about
how much was written; trailing whitespace is still valid JSON, so a file opened
offline with ``age -d`` reads as plain JSON.

Both apps use this module; it has no Flask imports.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from tipline.crypto import AgeError, Identity, Recipient, decrypt, encrypt
from tipline.crypto.padding import padme_length

DOCUMENT_VERSION = 1


class DocumentError(ValueError):
    """A sealed document could not be opened or is not a tipline document."""


@dataclass
class AttachmentInfo:
    attachment_id: str
    filename: str
    content_type: str
    size: int


@dataclass
class TipDocument:
    """The fields of a tip as the source typed them, in the source's language."""

    language: str
    fields: dict[str, Any]
    attachments: list[AttachmentInfo] = field(default_factory=list)
    kind: str = "tip"
    version: int = DOCUMENT_VERSION

    def to_bytes(self) -> bytes:
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True).encode("utf-8")

    @classmethod
    def from_bytes(cls, data: bytes) -> TipDocument:
        try:
            raw = json.loads(data.decode("utf-8"))
        except ValueError as exc:  # bad UTF-8 or bad JSON
            raise DocumentError("not a tipline document") from exc
        if not isinstance(raw, dict) or raw.get("version") != DOCUMENT_VERSION:
            raise DocumentError("not a tipline document of a supported version")
        try:
            return cls(
                language=str(raw["language"]),
                fields=dict(raw["fields"]),
                attachments=[AttachmentInfo(**item) for item in raw.get("attachments", [])],
                kind=str(raw.get("kind", "tip")),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise DocumentError("not a tipline document") from exc


def seal_document(document: TipDocument, recipients: Sequence[Recipient]) -> bytes:
    """Pad and seal ``document`` to every recipient."""
    data = document.to_bytes() + b"\n"
    return encrypt(data.ljust(padme_length(len(data)), b" "), recipients)


def open_document(sealed: bytes, identities: Sequence[Identity]) -> TipDocument:
    """Open a sealed document; :class:`DocumentError` if it is not one."""
    try:
        plaintext = decrypt(sealed, identities)
    except AgeError as exc:
        raise DocumentError(f"cannot open document: {exc}") from exc
    return TipDocument.from_bytes(plaintext)
