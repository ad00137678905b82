"""The tip page: the decrypted tip, its files, and tagging, county, status.

Views stay thin: validate a form, call one service (tipline.tips, which
writes the audit event), commit, redirect. Every view, download and change
is in the audit log, with ids only. Domain errors come back as a message on
the page. The page's other sections (cases, summary, conversation) are read
here too and passed to the template, which loads nothing itself. For
reviewers and admins; organizers get 403 everywhere here.
"""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from werkzeug.wrappers import Response

from tipline import counties
from tipline.cases.membership import correct_tip_county
from tipline.cases.reading import tip_case_panel
from tipline.db import get_session
from tipline.deletion.approval import pending_request
from tipline.models.tip import Tip
from tipline.review.auth import current_user, roles_required, unlocked_identity
from tipline.review.case_page import tip_cases_section
from tipline.review.common import REVIEW_ROLES, file_response, refuse, settle, tip_or_404
from tipline.review.replies import conversation_panel
from tipline.review.safe_copies import safe_copy_panel
from tipline.review.summary_forms import summary_panel
from tipline.review.tip_forms import CountyForm, ReadForm, StatusForm, TagsForm
from tipline.review.tip_view import document_view
from tipline.sanitize import reveal_invisible
from tipline.tips import TipError, TipNotFoundError
from tipline.tips.content import ContentError, download_attachment, view_tip
from tipline.tips.tags import list_tags, set_tip_tags, tags_for_tips
from tipline.tips.workflow import STATUS_LABELS, change_status, county_choices, set_read_mark
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
    session, user, blobs = get_session(), current_user(), get_blobs()
    opened = view_tip(session, blobs, tip, identity, user)
    conversation = conversation_panel(session, blobs, tip, identity, user)
    session.commit()
    states = current_app.config["STATES"]
    tags = tags_for_tips(session, [tip.id])[tip.id]
    return render_template(
        "review/tip.html",
        tip=tip,
        doc=document_view(opened.document, tip) if opened.document is not None else None,
        error=opened.error,
        tags=tags,
        county_name=counties.name(tip.county_fips),
        status_label=STATUS_LABELS.get(tip.status, tip.status),
        status_form=StatusForm().fill(tip),
        county_form=CountyForm().fill(tip, county_choices(states), counties.name(tip.county_fips)),
        tags_form=TagsForm().fill(list_tags(session), tags),
        read_form=ReadForm(),
        case_panel=tip_cases_section(tip_case_panel(session, tip, identity)),
        summary_panel=summary_panel(tip),
        conversation=conversation,
        safe_copies=safe_copy_panel(tip, identity),
        deletion_request=pending_request(session, tip),
    )


@bp.route("/<tip_id>/files/<attachment_id>")
@roles_required(*REVIEW_ROLES)
def download(tip_id: str, attachment_id: str) -> ResponseReturnValue:
    tip = tip_or_404(tip_id)
    identity = unlocked_identity()
    session = get_session()
    try:
        file = download_attachment(
            session, get_blobs(), tip, attachment_id, identity, current_user()
        )
    except TipNotFoundError:
        abort(404)
    except ContentError as exc:
        flash(str(exc), "error")
        return _to_tip(tip)
    session.commit()
    return file_response(file)


def _done(tip: Tip, changed: bool, success: str) -> ResponseReturnValue:
    """The service recorded the change: commit, or roll back a no-op; flash, redirect."""
    return settle(changed, success, _to_tip(tip))


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
        change_status(
            get_session(), tip, form.status.data, expected=form.expected.data, actor=current_user()
        )
    except TipError as exc:
        return _fail(tip, str(exc))
    return _done(tip, True, f"Status is now {STATUS_LABELS[tip.status]}.")


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
    return _done(tip, changed, "County saved.")


@bp.route("/<tip_id>/tags", methods=["POST"])
@roles_required(*REVIEW_ROLES)
def tags(tip_id: str) -> ResponseReturnValue:
    tip = tip_or_404(tip_id)
    session = get_session()
    form = TagsForm().fill(list_tags(session), tags_for_tips(session, [tip.id])[tip.id])
    if not form.validate_on_submit():
        return _fail(tip, "One of the chosen topics cannot be used.")
    try:
        change = set_tip_tags(session, tip, form.tags.data or [], actor=current_user())
    except TipError as exc:
        return _fail(tip, str(exc))
    return _done(tip, change.changed, "Topics saved.")


@bp.route("/<tip_id>/read", methods=["POST"])
@roles_required(*REVIEW_ROLES)
def read(tip_id: str) -> ResponseReturnValue:
    tip = tip_or_404(tip_id)
    form = ReadForm()
    if not form.validate_on_submit():
        abort(400)
    session = get_session()
    unread = form.state.data == "unread"
    set_read_mark(session, tip, current_user(), read=not unread)
    session.commit()
    if unread:
        flash("Marked as unread.", "success")
        return redirect(url_for("inbox.index"))
    flash("Marked as read.", "success")
    return _to_tip(tip)
