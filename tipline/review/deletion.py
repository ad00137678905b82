"""Deleting one tip by hand: the confirmation page, asking, approving, withdrawing.

``/tips/<id>/delete`` shows what would go (counts of files, messages,
summaries, case links; never their content) and who asked. A reviewer or
admin asks; a *different* reviewer or admin approves, ticking a box, which
deletes the tip (tipline.deletion.approval). The view commits, then
unlinks the sealed files. Every step is audited by the service.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from flask import Blueprint, abort, flash, make_response, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from sqlalchemy.orm import Session
from werkzeug.wrappers import Response

from tipline.db import get_session
from tipline.deletion import DeletionError
from tipline.deletion.approval import (
    approve_deletion,
    pending_request,
    request_deletion,
    withdraw_request,
)
from tipline.deletion.service import preview, unlink_blobs
from tipline.models.tip import Tip
from tipline.models.user import User
from tipline.review.auth import current_user, roles_required
from tipline.review.common import REVIEW_ROLES, refuse, tip_or_404
from tipline.review.tip_forms import ConfirmDeletionForm
from tipline.tips.workflow import STATUS_LABELS
from tipline.web import get_blobs

bp = Blueprint("deletion", __name__, url_prefix="/tips")
T = TypeVar("T")

COUNT_LABELS = {
    "attachments": "file(s)",
    "safe_copies": "safe copies of files",
    "shared_files": "file(s) shared with organizers",
    "messages": "message(s) in the conversation",
    "summaries": "summary for organizers",
    "tags": "topic tag(s)",
    "reads": "read mark(s)",
    "source_sessions": "open source session(s)",
    "case_links": "link(s) to cases",
}


def _to_confirm(tip_id: str) -> Response:
    return redirect(url_for("deletion.confirm", tip_id=tip_id))


@bp.route("/<tip_id>/delete")
@roles_required(*REVIEW_ROLES)
def confirm(tip_id: str) -> ResponseReturnValue:
    return _render(tip_id, ConfirmDeletionForm())


def _render(tip_id: str, form: ConfirmDeletionForm, status: int = 200) -> ResponseReturnValue:
    tip = tip_or_404(tip_id)
    session = get_session()
    counts = preview(session, tip)
    rows = [(COUNT_LABELS[name], n) for name, n in counts.items() if n and name in COUNT_LABELS]
    request = pending_request(session, tip)
    page = render_template(
        "review/delete_tip.html",
        tip=tip,
        status_label=STATUS_LABELS.get(tip.status, tip.status),
        rows=rows,
        request=request,
        mine=request is not None and request.requested_by_id == current_user().id,
        form=form,
    )
    return page, status


def _settled(tip_id: str, change: Callable[[Session, Tip, User], T], *, confirm: bool) -> T:
    """Check the tick box (if ``confirm``), call ``change``, commit; else answer and stop.

    A form without the tick box gets the page again (400); a refused change
    rolls back and goes back to the page with the reason. Both end the view
    through ``abort`` with that response.
    """
    tip = tip_or_404(tip_id)
    if confirm:
        form = ConfirmDeletionForm()
        if not form.validate_on_submit():
            abort(make_response(_render(tip_id, form, 400)))
    session = get_session()
    try:
        result = change(session, tip, current_user())
    except DeletionError as exc:
        abort(refuse(str(exc), _to_confirm(tip_id)))
    session.commit()
    return result


@bp.route("/<tip_id>/delete/request", methods=["POST"])
@roles_required(*REVIEW_ROLES)
def ask(tip_id: str) -> ResponseReturnValue:
    _settled(
        tip_id, lambda session, tip, user: request_deletion(session, tip, actor=user), confirm=True
    )
    flash("Deletion asked for. An admin or another reviewer has to approve it.", "success")
    return _to_confirm(tip_id)


@bp.route("/<tip_id>/delete/approve", methods=["POST"])
@roles_required(*REVIEW_ROLES)
def approve(tip_id: str) -> ResponseReturnValue:
    deletion = _settled(
        tip_id, lambda session, tip, user: approve_deletion(session, tip, actor=user), confirm=True
    )
    # Only now that the rows are gone for good do the sealed files go.
    unlink_blobs(get_blobs(), deletion.blob_ids)
    files = deletion.counts.get("attachments", 0)
    messages = deletion.counts.get("messages", 0)
    flash(f"Tip deleted, with {files} file(s) and {messages} message(s).", "success")
    return redirect(url_for("inbox.index"))


@bp.route("/<tip_id>/delete/withdraw", methods=["POST"])
@roles_required(*REVIEW_ROLES)
def withdraw(tip_id: str) -> ResponseReturnValue:
    _settled(
        tip_id, lambda session, tip, user: withdraw_request(session, tip, actor=user), confirm=False
    )
    flash("The request to delete this tip is withdrawn.", "success")
    return redirect(url_for("tips.show", tip_id=tip_id))
