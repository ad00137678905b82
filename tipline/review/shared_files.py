"""Files that go with a summary to organizers: safe copies only.

- ``POST /tips/<tip>/summary/files`` (reviewers): the summary editor's
  "Files to share" form; tipline.safecopy.sharing.choose_files re-seals the
  chosen safe copies to the sharing key and takes the summary back to draft
  (audit ``summary.files``).
- ``GET /organizer/files/<id>.pdf`` (organizers, reviewers, admins): a shared
  safe copy of an *approved* summary, decrypted with the sharing key (no
  organization key needed), as a download under a neutral name (the service
  audits ``export.file``). A file of a summary that is not approved is a 404.

:func:`summary_files_panel` is the view helper the summary editor's view
passes to review/summaries/_files.html; the organizer view passes
``shared_files(...)`` to review/organizer/_files.html.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, abort, current_app, flash, redirect, request, url_for
from flask.typing import ResponseReturnValue
from flask_wtf import FlaskForm

from tipline.db import get_session
from tipline.export.summaries.service import Target, summary_for
from tipline.models.summary import Summary
from tipline.models.tip import Tip
from tipline.review.auth import current_user, roles_required, unlocked_identity
from tipline.review.common import REVIEW_ROLES, file_response, tip_or_404
from tipline.review.organizer import EXPORT_ROLES
from tipline.safecopy.errors import SafeCopyError
from tipline.safecopy.sharing import Choice, choose_files, download_shared_file, offered_copies
from tipline.tips.content import ContentError, attachment_info, open_tip
from tipline.tips.downloads import safe_filename
from tipline.web import get_blobs

bp = Blueprint("shared_files", __name__)


class FilesForm(FlaskForm):  # type: ignore[misc]
    """The chosen safe copies come as repeated ``safe_copy`` values; CSRF is the form."""


@dataclass
class FilesPanel:
    scope: str
    summary: Summary | None
    choices: list[tuple[Choice, str]]  # (choice, the file's cleaned name)
    form: FilesForm
    action: str


def summary_files_panel(target: Target, summary: Summary | None) -> FilesPanel:
    """What the summary editor's "Files to share" box shows."""
    scope = "tip" if isinstance(target, Tip) else "case"
    form = FilesForm(formdata=None)
    if not isinstance(target, Tip):
        return FilesPanel(scope, summary, [], form, "")
    identity, blobs = unlocked_identity(), get_blobs()
    offered = offered_copies(get_session(), blobs, summary, identity, target)
    try:
        document = open_tip(blobs, target, [identity])
    except ContentError:
        document = None
    choices = []
    for choice in offered:
        name = f"File {choice.attachment.position + 1}"
        if document is not None:
            name = safe_filename(attachment_info(document, choice.attachment).filename)
        choices.append((choice, name))
    action = url_for("shared_files.choose", tip_id=target.id)
    return FilesPanel(scope, summary, choices, form, action)


@bp.route("/tips/<tip_id>/summary/files", methods=["POST"])
@roles_required(*REVIEW_ROLES)
def choose(tip_id: str) -> ResponseReturnValue:
    identity = unlocked_identity()
    tip = tip_or_404(tip_id)
    if not FilesForm().validate_on_submit():
        abort(400)
    db = get_session()
    back = redirect(url_for("summaries.tip_summary", tip_id=tip.id, _anchor="files"))
    summary = summary_for(db, tip)
    if summary is None:
        flash("Write and save the summary first; then choose files to go with it.", "error")
        return back
    try:
        changed = choose_files(
            db,
            get_blobs(),
            summary,
            request.form.getlist("safe_copy"),
            identity=identity,
            config=current_app.config,
            actor=current_user(),
        )
    except SafeCopyError as exc:
        db.rollback()
        flash(str(exc), "error")
        return back
    if not changed:
        db.rollback()
        flash("Nothing to change.", "info")
        return back
    db.commit()
    flash("Files saved. The summary is a draft again: approve it to share them.", "success")
    return back


@bp.route("/organizer/files/<shared_file_id>.pdf")
@roles_required(*EXPORT_ROLES)
def download(shared_file_id: str) -> ResponseReturnValue:
    session = get_session()
    try:
        file = download_shared_file(
            session, get_blobs(), shared_file_id, current_app.config, current_user()
        )
    except SafeCopyError:
        abort(404)
    session.commit()
    return file_response(file)
