"""A populated instance: one of every sealed thing, made through the real services.

:func:`populate` commits a reviewer (password and TOTP), a tip with two
attachments, a source's message with a file, a reply, a case with a note and
a summary draft. :func:`read_everything` opens every one of them with a given
identity and returns the plaintexts, so a test can compare an instance
before and after a backup, a restore or a key rotation.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.backup.conftest import LiveInstance
from tests.cases.factories import new_case
from tests.conftest import TEST_PASSPHRASE
from tests.exports_web.factories import draft_summary
from tests.factories import make_tip
from tests.review.factories import DEFAULT_PASSWORD, make_user
from tipline.accounts import custody, totp
from tipline.accounts.passwords import KdfParams, derive
from tipline.blobs import BlobStore
from tipline.cases.details import open_details, open_note
from tipline.cases.service import add_note
from tipline.conversation.messages import post_reply, post_source_message
from tipline.crypto import Identity, decrypt
from tipline.export.summaries.drafts import open_draft
from tipline.key_folder import load_identity
from tipline.models import Attachment, Case, CaseNote, Message, Summary, Tip, User
from tipline.tips.uploads import UploadBatch


@dataclass(frozen=True)
class Populated:
    reviewer: str
    tip_id: str
    phrase: str


def populate(live: LiveInstance, tips: int = 1) -> Populated:
    """Fill ``live`` with one of each sealed object and commit."""
    config = live.config()
    identity = load_identity(live.keys, TEST_PASSPHRASE)
    recipients = live.recipients()
    store = live.blobs
    database = live.database()
    with database.session() as session:
        user = make_user(session, config, identity, username="lawyer")
        first: tuple[Tip, str] | None = None
        for number in range(tips):
            tip, phrase = make_tip(
                session,
                store,
                recipients,
                what_happened=f"Release-time handoff number {number} at the county jail.",
                files=[("letter.txt", b"a letter " * 100), ("photo.jpg", bytes(range(256)) * 8)],
            )
            first = first or (tip, phrase)
        assert first is not None
        tip, phrase = first
        batch = UploadBatch(store, recipients, max_bytes=2**30, max_files=10)
        extra = batch.seal_bytes("more.txt", "text/plain", b"more evidence")
        assert extra is not None
        posted = post_source_message(session, batch, tip, "One more thing.", [extra], "en")
        batch.keep(posted.blob_ids)
        post_reply(session, store, tip, user, "Thank you; can you say which door?", recipients)
        case = new_case(session, user, recipients, [tip], people=["Jane Roe"])
        add_note(session, case, "Called the **clinic**.", actor=user, recipients=recipients)
        draft_summary(
            session,
            tip,
            "Jane Roe saw a handoff.",
            actor=user,
            recipients=recipients,
            identity=identity,
        )
        session.commit()
        result = Populated(reviewer=user.username, tip_id=tip.id, phrase=phrase)
    database.engine.dispose()
    return result


def read_everything(session: Session, store: BlobStore, identity: Identity) -> dict[str, Any]:
    """Every sealed object's plaintext, keyed by kind and id."""
    opened: dict[str, Any] = {}
    for tip in session.scalars(select(Tip)):
        opened[f"tip:{tip.id}"] = decrypt(store.read(tip.body_blob), [identity])
    for attachment in session.scalars(select(Attachment)):
        opened[f"file:{attachment.id}"] = decrypt(store.read(attachment.blob_id), [identity])
    for message in session.scalars(select(Message)):
        opened[f"message:{message.id}"] = decrypt(store.read(message.body_blob), [identity])
    for case in session.scalars(select(Case)):
        opened[f"case:{case.id}"] = open_details(case, [identity])
    for note in session.scalars(select(CaseNote)):
        opened[f"note:{note.id}"] = open_note(note, [identity])
    for summary in session.scalars(select(Summary)):
        opened[f"summary:{summary.id}"] = open_draft(summary.sealed, [identity])
    return opened


def sign_in(session: Session, config: Any, username: str) -> Identity:
    """What signing in does with the key: the password opens the user's own copy."""
    user = session.scalars(select(User).where(User.username == username)).one()
    keys = derive(
        DEFAULT_PASSWORD,
        user.password_salt,
        KdfParams(user.kdf_memory_kib, user.kdf_iterations, user.kdf_lanes),
        config["INSTANCE_SECRET"],
        user.id,
    )
    assert keys.matches(user.password_verifier)
    assert user.totp_secret_sealed is not None
    assert totp.open_secret(user.totp_secret_sealed, config["INSTANCE_SECRET"], user.id)
    return custody.open_copy(session, user, keys)
