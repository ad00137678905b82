"""Everything stored sealed to the organization key, and how to re-seal each kind.

Two shapes: blobs (a column holds the blob id; the file is replaced in place
through the blob store, so the row does not change) and sealed columns (the
age file is the column's value; it is updated only if nobody changed it
meanwhile). Each kind also says who else its objects are sealed to: a
source's messages and the replies to them are sealed to the source's own
reply key too, which the tip row keeps in the clear.

:data:`RESEALED` and :data:`NOT_ORGANIZATION_SEALED` together must name every
binary column and every blob column of the models; tests/backup/
test_rotation_guard.py fails when a new one is in neither, so a new sealed
column cannot be forgotten by rotation.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from tipline.conversation.messages import source_recipient
from tipline.crypto import Recipient
from tipline.models import (
    Attachment,
    Case,
    CaseNote,
    Message,
    NotificationSubscription,
    ReviewSession,
    SafeCopy,
    SharedFile,
    SourceSession,
    Summary,
    Tip,
    User,
    WrappedKey,
)

ExtraRecipients = Callable[[Session, Any], Sequence[Recipient]]


def _none(_session: Session, _row: Any) -> Sequence[Recipient]:
    return ()


def _message_source(session: Session, row: Any) -> Sequence[Recipient]:
    tip = session.get(Tip, row.tip_id)
    return () if tip is None else (source_recipient(tip),)


@dataclass(frozen=True)
class SealedKind:
    """One kind of sealed object: where it lives and whom it is sealed to."""

    name: str
    column: InstrumentedAttribute[Any]
    # True: the column holds a blob id; False: it holds the age file itself.
    blob: bool
    also_to: ExtraRecipients = _none

    def rows(self) -> Select[Any]:
        entity = self.column.class_
        return select(entity).order_by(*entity.__mapper__.primary_key)


RESEALED: tuple[SealedKind, ...] = (
    SealedKind("tip", Tip.body_blob, blob=True),
    SealedKind("attachment", Attachment.blob_id, blob=True),
    SealedKind("message", Message.body_blob, blob=True, also_to=_message_source),
    SealedKind("case", Case.sealed, blob=False),
    SealedKind("case-note", CaseNote.sealed, blob=False),
    SealedKind("summary", Summary.sealed, blob=False),
    SealedKind("safe-copy", SafeCopy.pdf_blob, blob=True),
    SealedKind("safe-copy-manifest", SafeCopy.manifest_blob, blob=True),
)

# Binary columns that hold nothing sealed to the organization key, and why.
NOT_ORGANIZATION_SEALED: dict[InstrumentedAttribute[Any], str] = {
    WrappedKey.sealed_identity: "re-sealed to each holder's own recipient (rotation.copies)",
    WrappedKey.wrap_mac: "an HMAC under the instance secret",
    User.password_salt: "a random salt",
    User.password_verifier: "an HMAC of the password hash under the instance secret",
    User.totp_secret_sealed: "sealed under a key derived from the instance secret",
    ReviewSession.sealed_identity: "sealed to a key in the reviewer's cookie; ended at rotation",
    SourceSession.sealed_identity: "the source's own key, sealed to their cookie",
    SharedFile.shared_blob: "sealed to the sharing key derived from the instance secret",
    NotificationSubscription.email_sealed: "sealed under a key derived from the instance secret",
}
