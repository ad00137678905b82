"""Sizes beyond 2 GiB: the clear size buckets are 64-bit on both databases.

A 3 GiB upload is allowed when an operator raises MAX_UPLOAD_BYTES, and its
bucket (4 GiB) does not fit a 32-bit INTEGER: on PostgreSQL the whole upload
was sealed and then the tip failed at the INSERT. The files here are small;
only the sizes the service is told are large.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.factories import make_tip
from tipline.blobs import BlobStore
from tipline.conversation.messages import post_source_message
from tipline.crypto import HybridIdentity, Recipient
from tipline.models import Attachment, Base, Tip
from tipline.tips.submit import SubmitSettings, TipInput, submit_tip
from tipline.tips.uploads import SealedFile, UploadBatch

BIG = 3 * 2**30


def big_file(batch: UploadBatch) -> SealedFile:
    small = batch.seal_bytes("huge.mov", "video/quicktime", b"frames")
    assert small is not None
    return SealedFile(small.blob_id, small.filename, small.content_type, BIG)


def test_every_size_column_is_64_bit() -> None:
    for table in Base.metadata.sorted_tables:
        for column in table.columns:
            if "size" in column.name:
                assert column.type.python_type is int
                assert column.type.compile().upper() == "BIGINT", (table.name, column.name)


def test_a_tip_over_2_gib_is_stored(
    db_session: Session, tmp_path: Path, org_identity: HybridIdentity
) -> None:
    recipients: list[Recipient] = [org_identity.recipient()]
    batch = UploadBatch(BlobStore(tmp_path), recipients, max_bytes=2**62, max_files=5)
    settings = SubmitSettings(pepper="pepper")
    data = TipInput(what_happened="A recording of the handoff at the back door.")
    receipt = submit_tip(db_session, batch, data, [big_file(batch)], settings)
    db_session.expire_all()
    tip = db_session.get(Tip, receipt.tip_id)
    assert tip is not None and tip.size_bucket == 4 * 2**30
    assert db_session.scalar(select(Attachment.size_bucket)) == 4 * 2**30


def test_a_message_file_over_2_gib_is_stored(
    db_session: Session, tmp_path: Path, org_identity: HybridIdentity
) -> None:
    store = BlobStore(tmp_path)
    recipients: list[Recipient] = [org_identity.recipient()]
    tip, _phrase = make_tip(db_session, store, recipients)
    batch = UploadBatch(store, recipients, max_bytes=2**62, max_files=5)
    post_source_message(db_session, batch, tip, "The rest of the video.", [big_file(batch)], "en")
    sizes = db_session.scalars(select(Attachment.size_bucket).where(Attachment.tip_id == tip.id))
    assert list(sizes) == [4 * 2**30]
