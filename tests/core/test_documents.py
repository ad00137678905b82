"""The sealed tip document's JSON: every field, written as asdict would."""

from __future__ import annotations

import json
from dataclasses import asdict, fields

from tipline.documents import AttachmentInfo, TipDocument


def test_tip_document_json_is_asdict_of_every_field() -> None:
    # to_bytes builds the dict itself (asdict deep-copies every value first):
    # a field added to TipDocument must still reach the sealed JSON.
    document = TipDocument(
        language="es",
        fields={"what_happened": "Vi a la migra en la cárcel.", "agencies": ["ice"]},
        attachments=[AttachmentInfo("a" * 32, "carta.pdf", "application/pdf", 12)],
    )
    written = json.loads(document.to_bytes())
    assert set(written) == {item.name for item in fields(TipDocument)}
    assert written == json.loads(json.dumps(asdict(document)))
    assert TipDocument.from_bytes(document.to_bytes()) == document
