"""The conversation on the tip page: replies to the source, read marks, files.

The tip page (tipline.review.tips) calls :func:`conversation_for_page` once
to decrypt the conversation with the reviewer's unlocked key; the partial
``review/_conversation.html`` shows it. The routes here write a reply
(sealed to the source's own key and to the organization), mark the source's
messages read, and download a file a source added later. Every one of them
is in the audit log with ids only (``reply.create``, ``conversation.view``,
``conversation.read``, ``message.download``), never content.

Sources get no notification of a reply, by design: there is nobody known to
notify. They see it the next time they sign in with their phrase.
For reviewers and admins; organizers get 403 everywhere here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from flask import Blueprint, abort, flash, redirect, url_for
from flask.typing import ResponseReturnValue
from flask_wtf import FlaskForm
from sqlalchemy import select
from sqlalchemy.orm import Session
from wtforms import TextAreaField
from wtforms.validators import InputRequired, Length

from tipline import audit
from tipline.conversation import ConversationError, MessageNotFoundError, NoReplyKeyError
from tipline.conversation.messages import MAX_TEXT_CHARS, post_reply, source_recipient
from tipline.conversation.reading import (
    ConversationEntry,
    MessageFile,
    file_info,
    find_message_file,
    list_conversation,
    mark_seen_by_organization,
    open_message,
    unread_by_organization,
)
from tipline.crypto import Identity
from tipline.db import get_session
from tipline.documents import DocumentError, TipDocument
from tipline.models.tip import Tip
from tipline.models.user import User
from tipline.review.auth import current_user, roles_required, unlocked_identity
from tipline.review.common import REVIEW_ROLES, file_download, org_recipients, tip_or_404
from tipline.tips.content import ContentError, declared_size, decrypt_attachment
from tipline.tips.downloads import safe_filename
from tipline.web import get_blobs

bp = Blueprint("replies", __name__, url_prefix="/tips")


class ReplyForm(FlaskForm):  # type: ignore[misc]  # flask_wtf has no type hints
    body = TextAreaField(
        "Reply to the source",
        validators=[
            InputRequired(message="Write a reply before sending it."),
            Length(
                max=MAX_TEXT_CHARS, message=f"A reply can be at most {MAX_TEXT_CHARS:,} characters."
            ),
        ],
    )


class MarkReadForm(FlaskForm):  # type: ignore[misc]
    """Only the CSRF token."""


@dataclass
class ConversationPanel:
    """What ``review/_conversation.html`` shows under a tip."""

    entries: list[ConversationEntry]
    can_reply: bool  # the tip has a usable source recipient
    authors: dict[str, str] = field(default_factory=dict)  # user id -> username
    reply_form: ReplyForm | None = None
    read_form: MarkReadForm | None = None

    @property
    def unread(self) -> int:
        """Source messages no reviewer has marked read yet."""
        return sum(1 for entry in self.entries if entry.from_source and entry.new_for_organization)

    def author(self, entry: ConversationEntry) -> str:
        if entry.from_source:
            return "Source"
        return self.authors.get(entry.message.author_id or "", "A former account")

    @staticmethod
    def filename(file: MessageFile) -> str:
        return safe_filename(file.filename)


def conversation_for_page(
    db: Session, tip: Tip, identity: Identity, user: User
) -> ConversationPanel:
    """Decrypt ``tip``'s conversation for the tip page, and audit that it was read.

    Called by the tip page's view before it commits.
    """
    entries = list_conversation(db, get_blobs(), tip, identity)
    if entries:
        audit.record(
            db, actor=user, action="conversation.view", object_type="tip", object_id=tip.id
        )
    return ConversationPanel(
        entries=entries,
        can_reply=_can_reply(tip),
        authors=_usernames(db, [e.message.author_id for e in entries if e.message.author_id]),
        reply_form=ReplyForm(formdata=None),
        read_form=MarkReadForm(formdata=None),
    )


def _can_reply(tip: Tip) -> bool:
    try:
        source_recipient(tip)
    except NoReplyKeyError:
        return False
    return True


def _usernames(db: Session, user_ids: Sequence[str]) -> dict[str, str]:
    if not user_ids:
        return {}
    rows = db.execute(select(User.id, User.username).where(User.id.in_(set(user_ids))))
    return {user_id: username for user_id, username in rows}


def _to_conversation(tip: Tip) -> ResponseReturnValue:
    return redirect(url_for("tips.show", tip_id=tip.id, _anchor="conversation"))


@bp.route("/<tip_id>/replies", methods=["POST"])
@roles_required(*REVIEW_ROLES)
def create(tip_id: str) -> ResponseReturnValue:
    tip = tip_or_404(tip_id)
    form = ReplyForm()
    if not form.validate_on_submit():
        flash(" ".join(form.body.errors) or "The reply could not be read.", "error")
        return _to_conversation(tip)
    db, blobs, user = get_session(), get_blobs(), current_user()
    try:
        # Sealed to the organization as well as to the source.
        posted = post_reply(db, blobs, tip, user, form.body.data or "", org_recipients())
    except ConversationError as exc:
        db.rollback()
        flash(str(exc), "error")
        return _to_conversation(tip)
    try:
        # Replying is reading: the source's messages so far are no longer new.
        mark_seen_by_organization(db, tip)
        audit.record(db, actor=user, action="reply.create", object_type="tip", object_id=tip.id)
        db.commit()
    except BaseException:
        db.rollback()
        for blob_id in posted.blob_ids:
            blobs.delete(blob_id)
        raise
    flash("Reply sealed and saved. The source will see it when they next sign in.", "success")
    return _to_conversation(tip)


@bp.route("/<tip_id>/conversation/read", methods=["POST"])
@roles_required(*REVIEW_ROLES)
def mark_read(tip_id: str) -> ResponseReturnValue:
    tip = tip_or_404(tip_id)
    if not MarkReadForm().validate_on_submit():
        abort(400)
    db, user = get_session(), current_user()
    changed = mark_seen_by_organization(db, tip)
    audit.record(db, actor=user, action="conversation.read", object_type="tip", object_id=tip.id)
    db.commit()
    flash("The source's messages are marked as read." if changed else "Nothing was unread.", "info")
    return _to_conversation(tip)


@bp.route("/<tip_id>/messages/<message_id>/files/<attachment_id>")
@roles_required(*REVIEW_ROLES)
def download(tip_id: str, message_id: str, attachment_id: str) -> ResponseReturnValue:
    tip = tip_or_404(tip_id)
    identity = unlocked_identity()
    db = get_session()
    try:
        message, attachment = find_message_file(db, tip, message_id, attachment_id)
    except MessageNotFoundError:
        abort(404)
    blobs = get_blobs()
    document: TipDocument | None
    try:
        document = open_message(blobs, message, identity)
    except DocumentError:
        document = None  # the file is still the reviewer's to have, under a neutral name
    info, size = file_info(document, attachment), declared_size(document, attachment)
    try:
        chunks = decrypt_attachment(blobs, attachment, [identity], size=size)
    except ContentError as exc:
        flash(str(exc), "error")
        return _to_conversation(tip)
    return file_download(
        "message.download", attachment.id, chunks, info.content_type, info.filename, size=size
    )


@bp.app_context_processor
def _inbox_helpers() -> dict[str, object]:
    """``new_source_messages(rows)`` for the inbox: unread source messages per tip id."""

    def new_source_messages(rows: Sequence[object]) -> dict[str, int]:
        tip_ids = [getattr(getattr(row, "tip", None), "id", None) for row in rows]
        return unread_by_organization(get_session(), [i for i in tip_ids if isinstance(i, str)])

    return {"new_source_messages": new_source_messages}
