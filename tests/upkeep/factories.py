"""A tip with everything that can hang off it, built through the real services.

``full_tip`` makes a sealed tip with two files, a source follow-up with a
file of its own, a reviewer's reply, safe copies of two of the files shared
with organizers through the summary draft, a topic tag, a read mark, a live
source session and (optionally) a case link, so a deletion test can check
that every one of them goes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import insert
from sqlalchemy.orm import Session

from tests.cases.factories import new_case
from tests.exports_web.factories import draft_summary
from tests.factories import TEST_PEPPER, make_tip
from tipline.blobs import BlobStore
from tipline.conversation.messages import post_reply, post_source_message
from tipline.conversation.source_sessions import SourceSettings, sign_in
from tipline.crypto import Identity, Recipient
from tipline.models import Case, SafeCopy, SharedFile, Tip, User, tip_tags
from tipline.tips.tags import create_tag
from tipline.tips.uploads import UploadBatch
from tipline.tips.workflow import mark_read


@dataclass
class FullTip:
    tip: Tip
    phrase: str
    blob_ids: list[str]
    case: Case | None


def full_tip(
    session: Session,
    blobs: BlobStore,
    recipients: Sequence[Recipient],
    identity: Identity,
    reviewer: User,
    *,
    status: str = "new",
    in_case: bool = False,
) -> FullTip:
    tip, phrase = make_tip(
        session,
        blobs,
        recipients,
        files=[("letter.txt", b"first page"), ("photo.jpg", "image/jpeg", b"\xff\xd8jpeg")],
        status=status,
    )
    blob_ids = [tip.body_blob, *(a.blob_id for a in tip.attachments)]
    batch = UploadBatch(blobs, recipients, max_bytes=2**30, max_files=10)
    item = batch.seal_bytes("later.txt", "text/plain", b"a later file")
    assert item is not None
    posted = post_source_message(session, batch, tip, "One more thing.", [item], "en")
    batch.keep(posted.blob_ids)
    reply = post_reply(session, blobs, tip, reviewer, "Thank you.", recipients)
    blob_ids += [*posted.blob_ids, *reply.blob_ids]
    topic = create_tag(session, f"topic {tip.id[:6]}", actor=reviewer)
    session.execute(
        insert(tip_tags).values(tip_id=tip.id, tag_id=topic.id, received_hour=tip.received_hour)
    )
    # A safe copy of one of the tip's files and of the later file (rows and
    # blobs only: making real ones needs the sandbox, tests/safecopy/ does).
    later = next(a for a in tip.attachments if a.message_id is not None)
    copies = []
    for attachment in (tip.attachments[0], later):
        pdf, manifest = blobs.put(b"sealed pdf"), blobs.put(b"sealed manifest")
        copy = SafeCopy(attachment_id=attachment.id, pdf_blob=pdf, manifest_blob=manifest)
        session.add(copy)
        copies.append(copy)
        blob_ids += [pdf, manifest]
    mark_read(session, tip, reviewer.id)
    summary = draft_summary(
        session,
        tip,
        "A handoff at the back door.",
        actor=reviewer,
        recipients=recipients,
        identity=identity,
    )
    session.flush()
    # Both safe copies shared with organizers through the tip's summary.
    for position, copy in enumerate(copies):
        shared = blobs.put(b"sealed to the sharing key")
        session.add(
            SharedFile(
                summary_id=summary.id, safe_copy_id=copy.id, position=position, shared_blob=shared
            )
        )
        blob_ids.append(shared)
    sign_in(session, SourceSettings(TEST_PEPPER, 20), phrase)
    case = new_case(session, reviewer, recipients, [tip]) if in_case else None
    session.flush()
    return FullTip(tip, phrase, blob_ids, case)
