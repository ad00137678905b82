"""The re-seal pass: every object not yet sealed to the new key is sealed to it again.

Whether an object is done is read from the object itself: if the new
identity alone opens its header, it is done. So the pass keeps no list and
needs none after a crash: run it again and it skips what is finished and
does the rest. It also catches objects sealed to the old key *after* the
switch (an upload that began before it), which is why rotation runs it again
before retiring the old key.

Blobs are replaced in place under the same id (BlobStore.writer with an id:
temporary file, fsync, atomic rename), streaming, so a crash leaves the old
file or the new one, never half of either, and the rows do not change. A
sealed column is updated only where it still holds the value that was read
(``WHERE sealed = old``), so a reviewer's edit made meanwhile, which is
sealed to the new key already, is never overwritten. Work is committed in
small batches, so a killed pass loses at most one batch of (redoable) work.
"""

from __future__ import annotations

import io
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from tipline.blobs import BlobNotFoundError, BlobStore
from tipline.crypto import (
    AgeError,
    Identity,
    NoIdentityError,
    Recipient,
    decrypt,
    decrypt_stream,
    encrypt,
    encrypt_stream,
)
from tipline.progress import Progress
from tipline.rotation.sealed import RESEALED, SealedKind

BATCH = 50
COPY_BLOCK = 1 << 20


@dataclass
class PassResult:
    """Counts of one pass: looked at, re-sealed, gone meanwhile, opening with no key."""

    checked: int = 0
    resealed: int = 0
    vanished: int = 0
    unreadable: list[str] = field(default_factory=list)


def count(session: Session) -> int:
    """How many sealed objects there are (the progress bar's length)."""
    return sum(
        int(session.scalar(select(func.count()).select_from(kind.column.class_)) or 0)
        for kind in RESEALED
    )


def _opens_with(src: BinaryIO, identity: Identity) -> bool:
    try:
        decrypt_stream(src, [identity])
    except NoIdentityError:
        return False
    return True


@dataclass
class Resealer:
    """Re-seals objects from ``old_or_new`` (a key ring) to ``recipients`` (+ extras)."""

    store: BlobStore
    new: Identity
    old_or_new: Identity
    recipients: Sequence[Recipient]
    result: PassResult = field(default_factory=PassResult)

    def blob(self, session: Session, kind: SealedKind, row: Any) -> None:
        blob_id = str(getattr(row, kind.column.key))
        try:
            with self.store.open(blob_id) as handle:
                if _opens_with(handle, self.new):
                    return
            with self.store.open(blob_id) as handle:
                plaintext = decrypt_stream(handle, [self.old_or_new])
                with self.store.writer(blob_id) as (_, out):
                    writer = encrypt_stream(out, [*self.recipients, *kind.also_to(session, row)])
                    shutil.copyfileobj(plaintext, writer, COPY_BLOCK)
                    writer.close()
        except BlobNotFoundError:
            self.result.vanished += 1
            return
        except NoIdentityError:
            self.result.unreadable.append(f"{kind.name} {_key(row)}")
            return
        self.result.resealed += 1

    def column(self, session: Session, kind: SealedKind, row: Any) -> None:
        sealed: bytes = getattr(row, kind.column.key)
        if _opens_with(io.BytesIO(sealed), self.new):
            return
        try:
            plaintext = decrypt(sealed, [self.old_or_new])
        except NoIdentityError:
            self.result.unreadable.append(f"{kind.name} {_key(row)}")
            return
        entity = kind.column.class_
        (pk,) = entity.__mapper__.primary_key
        changed = session.execute(
            update(entity)
            .where(pk == getattr(row, pk.key), kind.column == sealed)
            .values(
                {
                    kind.column.key: encrypt(
                        plaintext, [*self.recipients, *kind.also_to(session, row)]
                    )
                }
            )
            .execution_options(synchronize_session=False)
        )
        if getattr(changed, "rowcount", 0):
            self.result.resealed += 1


def _key(row: Any) -> str:
    return str(getattr(row, "id", "?"))


def reseal_pass(
    sessions: Callable[[], Session], resealer: Resealer, progress: Progress
) -> PassResult:
    """One pass over every kind; commits every :data:`BATCH` objects."""
    with sessions() as session:
        progress.start("re-sealing", count(session))
    for kind in RESEALED:
        entity = kind.column.class_
        (pk,) = entity.__mapper__.primary_key
        last: Any = None
        while True:
            with sessions() as session:
                query = kind.rows().limit(BATCH)
                if last is not None:
                    query = query.where(pk > last)
                rows = list(session.scalars(query))
                if not rows:
                    break
                for row in rows:
                    try:
                        if kind.blob:
                            resealer.blob(session, kind, row)
                        else:
                            resealer.column(session, kind, row)
                    except AgeError:
                        resealer.result.unreadable.append(f"{kind.name} {_key(row)}")
                    resealer.result.checked += 1
                session.commit()
                last = getattr(rows[-1], pk.key)
                progress.advance(len(rows))
    progress.finish()
    return resealer.result
