"""The tip page: the decrypted tip, its files, and tagging, county, status.

Views stay thin: validate a form, call one service (tipline.tips), write
the audit event, commit, redirect. Every view, download and change is in the
audit log, with ids only. Domain errors come back as a message on the page.
For reviewers and admins; organizers get 403 everywhere here.
"""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from werkzeug.wrappers import Response

from tipline import audit, counties
from tipline.cases.membership import correct_tip_county
from tipline.db import get_session
from tipline.documents import TipDocument
from tipline.models.tip import Tip
from tipline.review.auth import current_user, roles_required, unlocked_identity
from tipline.review.common import REVIEW_ROLES, file_download, refuse, settle, tip_or_404
from tipline.review.replies import conversation_for_page
from tipline.review.tip_forms import CountyForm, ReadForm, StatusForm, TagsForm
from tipline.review.tip_view import document_view
from tipline.sanitize import reveal_invisible
from tipline.tips import TipError, TipNotFoundError
from tipline.tips.content import (
    ContentError,
    attachment_info,
    declared_size,
    decrypt_attachment,
    find_attachment,
    open_tip,
)
from tipline.tips.tags import list_tags, set_tip_tags, tags_for_tips
from tipline.tips.workflow import (
    STATUS_LABELS,
    change_status,
    county_choices,
    mark_read,
    mark_unread,
)
from tipline.web import get_blobs

bp = Blueprint("tips", __name__, url_prefix="/tips")


@bp.app_template_filter("reveal")
def _reveal(text: object) -> str:
    return reveal_invisible(str(text))


def _to_tip(tip: Tip) -> Response:
    return redirect(url_for("tips.show", tip_id=tip.id))


@bp.route("/<tip_id>")
@roles_required(*REVIEW_ROLES)
def show(tip_id: str) -> ResponseReturnValue:
    tip = tip_or_404(tip_id)
    identity = unlocked_identity()
    db, user = get_session(), current_user()
    document: TipDocument | None = None
    error = None
    try:
        document = open_tip(get_blobs(), tip, [identity])
    except ContentError as exc:
        error = str(exc)
    mark_read(db, tip, user.id)
    audit.record(db, actor=user, action="tip.view", object_type="tip", object_id=tip.id)
    conversation = conversation_for_page(db, tip, identity, user)
    db.commit()
    states = current_app.config["STATES"]
    tags = tags_for_tips(db, [tip.id])[tip.id]
    return render_template(
        "review/tip.html",
        tip=tip,
        doc=document_view(document, tip) if document is not None else None,
        error=error,
        tags=tags,
        county_name=counties.name(tip.county_fips),
        status_label=STATUS_LABELS.get(tip.status, tip.status),
        status_form=StatusForm().fill(tip),
        county_form=CountyForm().fill(tip, county_choices(states), counties.name(tip.county_fips)),
        tags_form=TagsForm().fill(list_tags(db), tags),
        read_form=ReadForm(),
        conversation=conversation,
    )


@bp.route("/<tip_id>/files/<attachment_id>")
@roles_required(*REVIEW_ROLES)
def download(tip_id: str, attachment_id: str) -> ResponseReturnValue:
    tip = tip_or_404(tip_id)
    identity = unlocked_identity()
    try:
        attachment = find_attachment(tip, attachment_id)
    except TipNotFoundError:
        abort(404)
    blobs = get_blobs()
    try:
        document = open_tip(blobs, tip, [identity])
        info, size = attachment_info(document, attachment), declared_size(document, attachment)
        chunks = decrypt_attachment(blobs, attachment, [identity], size=size)
    except ContentError as exc:
        flash(str(exc), "error")
        return _to_tip(tip)
    return file_download(
        "tip.download", attachment.id, chunks, info.content_type, info.filename, size=size
    )


def _apply(tip: Tip, action: str, change: bool, success: str) -> ResponseReturnValue:
    """Audit and commit a change (or roll back a no-op), flash, redirect."""
    if change:
        db = get_session()
        audit.record(db, actor=current_user(), action=action, object_type="tip", object_id=tip.id)
    return settle(change, success, _to_tip(tip))


def _fail(tip: Tip, message: str) -> ResponseReturnValue:
    return refuse(message, _to_tip(tip))


@bp.route("/<tip_id>/status", methods=["POST"])
@roles_required(*REVIEW_ROLES)
def status(tip_id: str) -> ResponseReturnValue:
    tip = tip_or_404(tip_id)
    form = StatusForm().fill(tip)
    if not form.validate_on_submit():
        return _fail(tip, "Choose a status to move the tip to.")
    try:
        change_status(get_session(), tip, form.status.data, expected=form.expected.data)
    except TipError as exc:
        return _fail(tip, str(exc))
    return _apply(tip, "tip.status", True, f"Status is now {STATUS_LABELS[tip.status]}.")


@bp.route("/<tip_id>/county", methods=["POST"])
@roles_required(*REVIEW_ROLES)
def county(tip_id: str) -> ResponseReturnValue:
    tip = tip_or_404(tip_id)
    states = current_app.config["STATES"]
    form = CountyForm().fill(tip, county_choices(states), counties.name(tip.county_fips))
    if not form.validate_on_submit():
        return _fail(tip, "That county is not one of this tip line's counties.")
    try:
        changed = correct_tip_county(
            get_session(), tip, form.county.data or None, states, actor=current_user()
        )
    except TipError as exc:
        return _fail(tip, str(exc))
    return _apply(tip, "tip.county", changed, "County saved.")


@bp.route("/<tip_id>/tags", methods=["POST"])
@roles_required(*REVIEW_ROLES)
def tags(tip_id: str) -> ResponseReturnValue:
    tip = tip_or_404(tip_id)
    db = get_session()
    form = TagsForm().fill(list_tags(db), tags_for_tips(db, [tip.id])[tip.id])
    if not form.validate_on_submit():
        return _fail(tip, "One of the chosen topics cannot be used.")
    try:
        change = set_tip_tags(db, tip, form.tags.data or [])
    except TipError as exc:
        return _fail(tip, str(exc))
    return _apply(tip, "tip.tag", change.changed, "Topics saved.")


@bp.route("/<tip_id>/read", methods=["POST"])
@roles_required(*REVIEW_ROLES)
def read(tip_id: str) -> ResponseReturnValue:
    tip = tip_or_404(tip_id)
    form = ReadForm()
    if not form.validate_on_submit():
        abort(400)
    db, user = get_session(), current_user()
    if form.state.data == "unread":
        mark_unread(db, tip, user.id)
        audit.record(db, actor=user, action="tip.unread", object_type="tip", object_id=tip.id)
        db.commit()
        flash("Marked as unread.", "success")
        return redirect(url_for("inbox.index"))
    mark_read(db, tip, user.id)
    audit.record(db, actor=user, action="tip.read", object_type="tip", object_id=tip.id)
    db.commit()
    flash("Marked as read.", "success")
    return _to_tip(tip)
