"""The submission service and the factory built on it."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from tests.factories import TEST_PEPPER, make_tip
from tipline.blobs import BlobStore
from tipline.crypto import HybridIdentity, Recipient, decrypt
from tipline.documents import open_document
from tipline.models import Attachment, Tip
from tipline.receipt_phrases import derive_source_keys
from tipline.tips.flood import Arrival
from tipline.tips.submit import (
    InvalidSubmissionError,
    SubmitSettings,
    TipInput,
    submit_tip,
)
from tipline.tips.uploads import UploadBatch

# What the intake may store in the clear (DESIGN.md, threat model 2).
CLEAR_TIP_COLUMNS = {
    "id",
    "received_hour",
    "county_fips",
    "status",
    "size_bucket",
    "has_files",
    "body_blob",
    "source_lookup",
    "source_recipient",
    "during_flood",
    "proof_of_work",
    # False until the worker's notification job has counted the tip as news.
    "notified",
}
CLEAR_ATTACHMENT_COLUMNS = {"id", "tip_id", "position", "blob_id", "size_bucket", "received_hour"}


@pytest.fixture
def store(tmp_path: Path) -> BlobStore:
    return BlobStore(tmp_path / "blobs")


def settings(**overrides: object) -> SubmitSettings:
    values: dict[str, object] = {"pepper": TEST_PEPPER}
    values.update(overrides)
    return SubmitSettings(**values)  # type: ignore[arg-type]


def test_factory_tip_is_sealed_and_readable(
    db_session: Session, store: BlobStore, recipients: list[Recipient], org_identity: HybridIdentity
) -> None:
    tip, phrase = make_tip(
        db_session,
        store,
        recipients,
        what_happened="La cárcel llamó a ICE antes de soltarlo.",
        language="es",
        files=[("carta.txt", "text/plain", b"Querida familia"), ("foto.jpg", b"\xff\xd8jpeg")],
        fields={"place": "Norristown", "agencies": ["ice"], "case_hint": "extra"},
        status="triaged",
    )
    assert tip.status == "triaged"
    document = open_document(store.read(tip.body_blob), [org_identity])
    assert document.language == "es"
    assert document.fields["what_happened"] == "La cárcel llamó a ICE antes de soltarlo."
    assert document.fields["place"] == "Norristown"
    assert document.fields["agencies"] == ["ice"]
    assert document.fields["case_hint"] == "extra"
    assert [(a.filename, a.content_type, a.size) for a in document.attachments] == [
        ("carta.txt", "text/plain", 15),
        ("foto.jpg", "application/octet-stream", 6),
    ]
    rows = {row.id: row for row in tip.attachments}
    contents = [
        decrypt(store.read(rows[a.attachment_id].blob_id), [org_identity])
        for a in document.attachments
    ]
    assert contents == [b"Querida familia", b"\xff\xd8jpeg"]
    assert tip.source_lookup == derive_source_keys(phrase, TEST_PEPPER).lookup_id


def test_only_clear_fields_are_stored(
    db_session: Session, store: BlobStore, recipients: list[Recipient]
) -> None:
    secret = "Deputy Smith phoned ICE at 2am"
    tip, phrase = make_tip(
        db_session, store, recipients, what_happened=secret, files=[("x.pdf", b"%PDF")]
    )
    db_session.expire_all()
    stored = db_session.get(Tip, tip.id)
    assert stored is not None
    for column in inspect(Tip).columns:
        value = getattr(stored, column.key)
        if column.key not in CLEAR_TIP_COLUMNS:
            assert value is None, f"intake filled unexpected column {column.key}"
        assert secret not in str(value) and phrase not in str(value)
    assert stored.received_hour == stored.received_hour.replace(minute=0, second=0, microsecond=0)
    assert stored.size_bucket & (stored.size_bucket - 1) == 0  # a power of two
    assert stored.county_fips == "42091"
    assert stored.has_files is True
    assert stored.source_recipient.startswith("age1pq1")
    for attachment in stored.attachments:
        for column in inspect(Attachment).columns:
            if column.key not in CLEAR_ATTACHMENT_COLUMNS:
                assert getattr(attachment, column.key) is None
        assert "x.pdf" not in str([getattr(attachment, c.key) for c in inspect(Attachment).columns])


def test_each_tip_gets_its_own_phrase_and_ids(
    db_session: Session, store: BlobStore, recipients: list[Recipient]
) -> None:
    first, phrase1 = make_tip(db_session, store, recipients)
    second, phrase2 = make_tip(db_session, store, recipients)
    assert phrase1 != phrase2
    assert first.id != second.id and first.source_lookup != second.source_lookup
    assert len(first.id) == 32


@pytest.mark.parametrize(
    "data",
    [
        TipInput(what_happened="   "),
        TipInput(what_happened="enough text here", language="fr"),
        TipInput(what_happened="enough text here", county_fips="06037"),  # Los Angeles, not PA
        TipInput(what_happened="enough text here", agencies=("fbi",)),
        TipInput(what_happened="enough text here", knowledge=("dreamt",)),
    ],
)
def test_service_rejects_bad_input(
    db_session: Session, store: BlobStore, recipients: list[Recipient], data: TipInput
) -> None:
    batch = UploadBatch(store, recipients, max_bytes=100, max_files=1)
    with pytest.raises(InvalidSubmissionError):
        submit_tip(db_session, batch, data, [], settings())
    batch.discard()
    assert list(store.ids()) == []
    assert db_session.scalars(select(Tip)).all() == []


def test_service_has_no_quota_and_marks_how_a_tip_arrived(
    db_session: Session, store: BlobStore, recipients: list[Recipient]
) -> None:
    data = TipInput(what_happened="A long enough tip about the jail.")
    for _ in range(150):  # more than the old hourly quota of 120
        batch = UploadBatch(store, recipients, max_bytes=100, max_files=1)
        submit_tip(db_session, batch, data, [], settings())
    batch = UploadBatch(store, recipients, max_bytes=100, max_files=1)
    arrival = Arrival(during_flood=True, proof_of_work=True)
    tip_id = submit_tip(db_session, batch, data, [], settings(), arrival).tip_id
    tip = db_session.get_one(Tip, tip_id)
    assert tip.during_flood and tip.proof_of_work
    assert len(db_session.scalars(select(Tip)).all()) == 151
    assert db_session.scalars(select(Tip).where(Tip.during_flood)).all() == [tip]
