"""Rows for the route fuzzer to aim at, and signed-in cookies for every kind of visitor.

A route whose address names a tip, a case or a user reaches its real code
only with a real id, so the fuzzer mixes real ids into what it sends. The
world holds one of each thing a route can name: a tip with files, a
conversation, a tag, a case, an approved summary sharing a safe copy of a
photo (so safe-copy pages, previews and shared files are reached), and a
deletion another reviewer asked for (so approval and withdrawal are). Each
URL argument name must have real ids here (:data:`ID_ARGUMENTS`); a route
with an argument nobody listed fails ``test_every_route_can_be_fuzzed``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.cases.factories import new_case
from tests.exports_web.factories import approved_summary
from tests.factories import make_tip
from tests.review.factories import make_user
from tests.safecopy.factories import gps_photo
from tipline.accounts import review_sessions
from tipline.accounts.settings import AccountSettings
from tipline.blobs import BlobStore
from tipline.conversation import source_sessions
from tipline.conversation.messages import post_reply, post_source_message
from tipline.crypto import HybridIdentity
from tipline.deletion.approval import request_deletion
from tipline.export.summaries.service import approve, people_for
from tipline.models import Attachment, Message, SharedFile
from tipline.safecopy.service import make_safe_copy
from tipline.safecopy.settings import Settings
from tipline.safecopy.sharing import choose_files
from tipline.tips.tags import create_tag, set_tip_tags
from tipline.tips.uploads import UploadBatch

# URL argument name -> the kind of row whose ids it takes.
ID_ARGUMENTS = {
    "tip_id": "tip",
    "case_id": "case",
    "tag_id": "tag",
    "user_id": "user",
    "attachment_id": "attachment",
    "message_id": "message",
    "filename": "static",
    "shared_file_id": "shared_file",
}
REVIEW_ROLES = ("anon", "organizer", "reviewer", "admin", "totp", "enrol", "password")
INTAKE_ROLES = ("anon", "source")


@dataclass
class World:
    """Ids by kind, and session cookie contents by role."""

    ids: dict[str, list[str]] = field(default_factory=dict)
    review_cookies: dict[str, dict[str, str]] = field(default_factory=dict)
    intake_cookies: dict[str, dict[str, str]] = field(default_factory=dict)

    def ids_for_arguments(self, arguments: Mapping[str, str]) -> dict[str, list[str]]:
        return {name: self.ids.get(ID_ARGUMENTS.get(name, ""), []) for name in arguments}

    @property
    def all_ids(self) -> list[str]:
        return [value for values in self.ids.values() for value in values]


def build_world(
    session: Session, config: Mapping[str, Any], blobs: BlobStore, identity: HybridIdentity
) -> World:
    """Accounts, a tip with files, a conversation, a tag, a case and a summary."""
    recipients = [identity.recipient()]
    admin = make_user(session, config, identity, role="admin", username="fuzz-admin")
    reviewer = make_user(session, config, identity, role="reviewer", username="fuzz-reviewer")
    organizer = make_user(session, config, identity, role="organizer", username="fuzz-org")
    newcomer = make_user(session, config, identity, role="reviewer", username="fuzz-new")
    newcomer.totp_confirmed, newcomer.totp_secret_sealed = False, None
    newcomer.must_change_password = True
    files = [("letter.pdf", "application/pdf", b"%PDF-1.4 x"), ("IMG_1.jpg", gps_photo())]
    tip, phrase = make_tip(session, blobs, recipients, files=files)
    other, _ = make_tip(session, blobs, recipients, county_fips=None)
    topic = create_tag(session, "fuzzed topic", actor=admin)
    set_tip_tags(session, tip, [topic.id], actor=reviewer)
    batch = UploadBatch(blobs, recipients, max_bytes=10**6, max_files=3)
    photo = batch.seal_bytes("photo.jpg", "image/jpeg", b"\xff\xd8 photo")
    post_source_message(session, batch, tip, "More details.", [photo] if photo else [], "en")
    batch.keep(batch.blob_ids)
    post_reply(session, blobs, tip, reviewer, "Thank you.", recipients)
    case = new_case(session, reviewer, recipients, [tip, other], people=["Maria Lopez"])
    summary = approved_summary(
        session, tip, "A handoff.", actor=reviewer, recipients=recipients, identity=identity
    )
    # A safe copy of the photo, shared with the summary. Unsandboxed: the
    # fuzzer is about the routes, tests/safecopy about the sandbox.
    unsandboxed = replace(Settings(), sandbox="none", timeout_seconds=60)
    photo_file = tip.attachments[1]
    safe_copy = make_safe_copy(session, blobs, photo_file, [gps_photo()], recipients, unsandboxed)
    choose_files(
        session, blobs, summary, [safe_copy.id], identity=identity, config=config, actor=reviewer
    )
    people = people_for(session, tip, identity)
    approve(session, summary, people=people, actor=reviewer, identity=identity)
    request_deletion(session, other, actor=reviewer)
    session.flush()
    world = World(
        ids={
            "tip": [tip.id, other.id],
            "case": [case.id],
            "tag": [topic.id],
            "user": [reviewer.id, organizer.id],
            "attachment": list(session.scalars(select(Attachment.id))),
            "message": list(session.scalars(select(Message.id))),
            "static": ["tipline.css", "missing.css"],
            "shared_file": list(session.scalars(select(SharedFile.id))),
        }
    )
    stages = {"totp": admin, "enrol": newcomer, "password": newcomer}
    users = {"organizer": organizer, "reviewer": reviewer, "admin": admin}
    account_settings = AccountSettings.from_config(config)
    for role in REVIEW_ROLES[1:]:
        stage = role if role in stages else "active"
        user = stages.get(role) or users[role]
        token = review_sessions.create(session, account_settings, user, identity, stage)
        world.review_cookies[role] = token.to_cookie(review_sessions.COOKIE)
    settings = source_sessions.SourceSettings.from_config(config)
    source_token, _tip = source_sessions.sign_in(session, settings, phrase)
    world.intake_cookies["source"] = source_token.to_cookie()
    session.flush()
    return world
