"""Small sealed JSON documents, and the sealed tip document among them.

A tip is stored as one age file (the document) plus one age file per
attachment. The document names the attachments (file name, type, size) so
that none of that is in the clear. Before sealing, the JSON is padded with
trailing spaces to a Padmé length, so the ciphertext size says little about
how much was written; trailing whitespace is still valid JSON, so a file opened
offline with ``age -d`` reads as plain JSON.

Other small documents are sealed the same way (:func:`seal_json`) and opened
by :func:`open_json`, which checks their ``kind`` and ``version``: a case's
details and notes (tipline.cases.details), a summary draft
(tipline.export.summaries.drafts).

Both apps use this module; it has no Flask imports.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from dataclasses import fields as dataclass_fields
from typing import Any, Literal

from tipline.crypto import AgeError, Identity, Recipient, decrypt, encrypt
from tipline.crypto.padding import padme_length

DOCUMENT_VERSION = 1


class DocumentError(ValueError):
    """A sealed document could not be opened or is not a tipline document."""


class SealedJsonError(DocumentError):
    """A small sealed JSON document could not be opened, or is not the one expected.

    ``problem`` says which, so that each caller can word its own message:
    ``"unreadable"`` (``detail`` is the exception's class name only, since an
    age error message may quote the header), ``"kind"``, or ``"version"``
    (``detail`` is the repr of the version found).
    """

    def __init__(self, problem: Literal["unreadable", "kind", "version"], detail: str = "") -> None:
        super().__init__(f"{problem}: {detail}" if detail else problem)
        self.problem = problem
        self.detail = detail


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
        # What asdict(self) gives, without its deep copy of every value: the
        # JSON encoder only reads them (the intake seals one document per tip).
        data = {item.name: getattr(self, item.name) for item in dataclass_fields(self)}
        data["attachments"] = [asdict(item) for item in self.attachments]
        return _json_bytes(data)

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


def _json_bytes(document: Mapping[str, Any]) -> bytes:
    return json.dumps(document, ensure_ascii=False, sort_keys=True).encode("utf-8")


def _seal_padded(data: bytes, recipients: Sequence[Recipient]) -> bytes:
    """Seal one JSON text padded with trailing spaces to a Padmé length."""
    line = data + b"\n"
    return encrypt(line.ljust(padme_length(len(line)), b" "), recipients)


def seal_document(document: TipDocument, recipients: Sequence[Recipient]) -> bytes:
    """Pad and seal ``document`` to every recipient."""
    return _seal_padded(document.to_bytes(), recipients)


def seal_json(document: Mapping[str, Any], recipients: Sequence[Recipient]) -> bytes:
    """Pad and seal a small JSON document (with its ``kind`` and ``version``)."""
    return _seal_padded(_json_bytes(document), recipients)


def open_json(
    sealed: bytes, identities: Sequence[Identity], *, kind: str, version: int
) -> dict[str, Any]:
    """Open a document sealed by :func:`seal_json`.

    :class:`SealedJsonError` if it cannot be opened, or is not a JSON object
    of this ``kind`` and ``version``.
    """
    try:
        document = json.loads(decrypt(sealed, identities).decode("utf-8"))
    except (AgeError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SealedJsonError("unreadable", type(exc).__name__) from exc
    if not isinstance(document, dict) or document.get("kind") != kind:
        raise SealedJsonError("kind")
    if document.get("version") != version:
        raise SealedJsonError("version", repr(document.get("version")))
    return document


def open_document(sealed: bytes, identities: Sequence[Identity]) -> TipDocument:
    """Open a sealed document; :class:`DocumentError` if it is not one."""
    try:
        plaintext = decrypt(sealed, identities)
    except AgeError as exc:
        raise DocumentError(f"cannot open document: {exc}") from exc
    return TipDocument.from_bytes(plaintext)
