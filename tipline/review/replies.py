"""The conversation on the tip page: replies to the source, read marks, files.

The tip page (tipline.review.tips) calls :func:`conversation_panel` once: the
conversation is opened with the reviewer's unlocked key by
tipline.conversation.reading.view_conversation, and the partial
``review/_conversation.html`` shows it. The routes here write a reply
(sealed to the source's own key and to the organization), mark the source's
messages read, and download a file a source added later. The services they
call record each in the audit log with ids only (``reply.create``,
``conversation.view``, ``conversation.read``, ``message.download``), never
content.

Sources get no notification of a reply, by design: there is nobody known to
notify. They see it the next time they sign in with their phrase.
For reviewers and admins; organizers get 403 everywhere here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import Blueprint, abort, flash, redirect, url_for
from flask.typing import ResponseReturnValue
from flask_wtf import FlaskForm
from sqlalchemy.orm import Session
from wtforms import TextAreaField
from wtforms.validators import InputRequired, Length

from tipline.accounts.service import usernames
from tipline.blobs import BlobStore
from tipline.conversation import ConversationError, MessageNotFoundError, NoReplyKeyError
from tipline.conversation.markers import read_by_organization
from tipline.conversation.messages import MAX_TEXT_CHARS, post_reply, source_recipient
from tipline.conversation.reading import (
    ConversationEntry,
    MessageFile,
    download_message_file,
    view_conversation,
)
from tipline.crypto import Identity
from tipline.db import get_session
from tipline.models.tip import Tip
from tipline.models.user import User
from tipline.review.auth import current_user, roles_required, unlocked_identity
from tipline.review.common import REVIEW_ROLES, file_response, org_recipients, tip_or_404
from tipline.tips.content import ContentError
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


def conversation_panel(
    session: Session, blobs: BlobStore, tip: Tip, identity: Identity, user: User
) -> ConversationPanel:
    """``tip``'s conversation for the tip page (the service records the view).

    Called by the tip page's view before it commits.
    """
    entries = view_conversation(session, blobs, tip, identity, user)
    return ConversationPanel(
        entries=entries,
        can_reply=_can_reply(tip),
        authors=usernames(session, (entry.message.author_id for entry in entries)),
        reply_form=ReplyForm(formdata=None),
        read_form=MarkReadForm(formdata=None),
    )


def _can_reply(tip: Tip) -> bool:
    try:
        source_recipient(tip)
    except NoReplyKeyError:
        return False
    return True


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
    session, blobs = get_session(), get_blobs()
    try:
        # Sealed to the organization as well as to the source.
        posted = post_reply(
            session, blobs, tip, current_user(), form.body.data or "", org_recipients()
        )
    except ConversationError as exc:
        session.rollback()
        flash(str(exc), "error")
        return _to_conversation(tip)
    try:
        session.commit()
    except BaseException:
        session.rollback()
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
    session = get_session()
    changed = read_by_organization(session, tip, current_user())
    session.commit()
    flash("The source's messages are marked as read." if changed else "Nothing was unread.", "info")
    return _to_conversation(tip)


@bp.route("/<tip_id>/messages/<message_id>/files/<attachment_id>")
@roles_required(*REVIEW_ROLES)
def download(tip_id: str, message_id: str, attachment_id: str) -> ResponseReturnValue:
    tip = tip_or_404(tip_id)
    identity = unlocked_identity()
    session = get_session()
    try:
        file = download_message_file(
            session, get_blobs(), tip, message_id, attachment_id, identity, current_user()
        )
    except MessageNotFoundError:
        abort(404)
    except ContentError as exc:
        flash(str(exc), "error")
        return _to_conversation(tip)
    session.commit()
    return file_response(file)
