"""Test factories: plain functions that build rows through the real services.

``make_tip`` goes through the intake's own submission service
(``tipline.tips.submit.submit_tip``), so a tip made here is sealed, stored
and counted exactly as one sent through the form: the document and every
attachment are age files in the blob store, sealed to ``recipients``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy.orm import Session

from tipline.blobs import BlobStore
from tipline.crypto import Recipient
from tipline.models import Tip
from tipline.tips.submit import SubmitSettings, TipInput, submit_tip
from tipline.tips.uploads import SealedFile, UploadBatch

# The same pepper as tests/conftest.py's base_config, so the apps under test
# can find a factory-made tip from its receipt phrase.
TEST_PEPPER = "phrase-pepper-for-tests-0123456789abcdef"
DEFAULT_TEXT = (
    "Officers from the county jail handed a man over to ICE at the back door "
    "at 2 a.m., right after his release."
)
# Field names that TipInput knows; any other key in ``fields`` is sealed as is.
_INPUT_FIELDS = ("place", "when", "agencies", "knowledge")

FileSpec = tuple[str, bytes] | tuple[str, str, bytes]


def make_tip(
    session: Session,
    blobs: BlobStore,
    recipients: Sequence[Recipient],
    *,
    what_happened: str = DEFAULT_TEXT,
    county_fips: str | None = "42091",
    files: Sequence[FileSpec] = (),
    language: str = "en",
    status: str = "new",
    fields: Mapping[str, Any] | None = None,
    pepper: str = TEST_PEPPER,
    states: Sequence[str] = ("PA",),
) -> tuple[Tip, str]:
    """Submit a tip through the real service; return ``(tip, receipt phrase)``.

    ``files`` holds ``(filename, data)`` or ``(filename, content_type, data)``
    tuples. ``fields`` may set ``place``, ``when``, ``agencies`` and
    ``knowledge``; other keys are added to the sealed document as they are.
    The session is flushed, not committed (the caller's transaction decides).
    """
    extra = dict(fields or {})
    known = {name: extra.pop(name) for name in _INPUT_FIELDS if name in extra}
    data = TipInput(
        what_happened=what_happened,
        language=language,
        county_fips=county_fips,
        place=str(known.get("place", "")),
        when=str(known.get("when", "")),
        agencies=tuple(known.get("agencies", ())),
        knowledge=tuple(known.get("knowledge", ())),
        extra=extra,
    )
    batch = UploadBatch(blobs, recipients, max_bytes=2**62, max_files=1000)
    try:
        sealed: list[SealedFile] = []
        for spec in files:
            name, content_type, payload = spec if len(spec) == 3 else (spec[0], "", spec[1])
            item = batch.seal_bytes(name, content_type, payload)
            if item is not None:
                sealed.append(item)
        settings = SubmitSettings(
            pepper=pepper, states=tuple(states), languages=(language, "en", "es")
        )
        receipt = submit_tip(session, batch, data, sealed, settings)
        tip = session.get_one(Tip, receipt.tip_id)
        tip.status = status
        session.flush()
    except BaseException:
        batch.discard()
        raise
    batch.keep(receipt.blob_ids)
    return tip, receipt.phrase
