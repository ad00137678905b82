"""Safe copies on the tip page: make one, download it, see its first pages.

- ``POST /tips/<tip>/files/<attachment>/safe-copy`` decrypts the attachment
  into the sandboxed converter (tipline.safecopy.service.create_safe_copy,
  which seals the result and audits ``safe_copy.create``) and commits. The conversion runs in a
  subprocess under its own time limit; the web process only waits, feeds
  the pipe and re-encodes the pixels that come back.
- ``GET .../safe-copy.pdf`` downloads the safe copy (the service audits
  ``safe_copy.download``) as an attachment, like every file from a source.
- ``GET .../safe-copy/pages/<n>.jpg`` serves a preview image the tip page
  shows inline. Previews are our own JPEGs, re-encoded from pixels, served
  with a sandboxing CSP and ``nosniff``; they are part of viewing the tip,
  which is audited already, so they are not audited one by one.

:func:`safe_copy_panel` is the view helper the tip page's view calls and
passes to its template; the markup is in review/_safe_copy.html, included for
every file on the page.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import Blueprint, Response, abort, current_app, flash, redirect, url_for
from flask.typing import ResponseReturnValue
from flask_wtf import FlaskForm

from tipline import security
from tipline.crypto import Identity
from tipline.db import get_session
from tipline.models.safe_copy import SafeCopy
from tipline.models.tip import Tip
from tipline.review.auth import current_user, roles_required, unlocked_identity
from tipline.review.common import REVIEW_ROLES, file_response, org_recipients, tip_or_404
from tipline.safecopy.errors import SafeCopyError
from tipline.safecopy.service import (
    Manifest,
    create_safe_copy,
    download_safe_copy,
    find_safe_copy,
    open_manifest,
    safe_copies_for,
)
from tipline.safecopy.settings import settings_from_config
from tipline.tips import TipNotFoundError
from tipline.tips.content import ContentError
from tipline.web import get_blobs

bp = Blueprint("safe_copies", __name__, url_prefix="/tips")


class SafeCopyForm(FlaskForm):  # type: ignore[misc]
    """No fields: the CSRF token is the whole form."""


@dataclass
class SafeCopyView:
    safe_copy: SafeCopy
    manifest: Manifest | None
    error: str | None = None


@dataclass
class SafeCopyPanel:
    """What review/_safe_copy.html needs for every file on the tip page."""

    views: dict[str, SafeCopyView] = field(default_factory=dict)
    form: SafeCopyForm | None = None

    def get(self, attachment_id: str) -> SafeCopyView | None:
        return self.views.get(attachment_id)


def safe_copy_panel(tip: Tip, identity: Identity) -> SafeCopyPanel:
    """The safe copies of ``tip``'s files, their manifests opened for display."""
    blobs = get_blobs()
    copies = safe_copies_for(get_session(), [a.id for a in tip.attachments])
    views = {}
    for attachment_id, safe_copy in copies.items():
        try:
            views[attachment_id] = SafeCopyView(
                safe_copy, open_manifest(blobs, safe_copy, [identity])
            )
        except SafeCopyError as exc:
            views[attachment_id] = SafeCopyView(safe_copy, None, str(exc))
    return SafeCopyPanel(views=views, form=SafeCopyForm(formdata=None))


def _back(tip: Tip, attachment_id: str) -> Response:
    target = url_for("tips.show", tip_id=tip.id, _anchor=f"safe-copy-{attachment_id}")
    return redirect(target)  # type: ignore[return-value]


@bp.route("/<tip_id>/files/<attachment_id>/safe-copy", methods=["POST"])
@roles_required(*REVIEW_ROLES)
def create(tip_id: str, attachment_id: str) -> ResponseReturnValue:
    tip = tip_or_404(tip_id)
    if not SafeCopyForm().validate_on_submit():
        abort(400)
    identity, recipients = unlocked_identity(), org_recipients()
    session = get_session()
    try:
        create_safe_copy(
            session,
            get_blobs(),
            tip,
            attachment_id,
            identity=identity,
            recipients=recipients,
            settings=settings_from_config(current_app.config),
            actor=current_user(),
        )
    except TipNotFoundError:
        abort(404)
    except (ContentError, SafeCopyError) as exc:
        session.rollback()
        flash(f"No safe copy was made. {exc}", "error")
        return _back(tip, attachment_id)
    session.commit()
    flash("The safe copy is ready.", "success")
    return _back(tip, attachment_id)


@bp.route("/<tip_id>/files/<attachment_id>/safe-copy.pdf")
@roles_required(*REVIEW_ROLES)
def download(tip_id: str, attachment_id: str) -> ResponseReturnValue:
    tip = tip_or_404(tip_id)
    session = get_session()
    try:
        file = download_safe_copy(
            session, get_blobs(), tip, attachment_id, unlocked_identity(), current_user()
        )
    except TipNotFoundError:
        abort(404)
    except SafeCopyError as exc:
        session.rollback()
        flash(str(exc), "error")
        return _back(tip, attachment_id)
    session.commit()
    return file_response(file)


@bp.route("/<tip_id>/files/<attachment_id>/safe-copy/pages/<int:number>.jpg")
@roles_required(*REVIEW_ROLES)
def preview(tip_id: str, attachment_id: str, number: int) -> ResponseReturnValue:
    tip = tip_or_404(tip_id)
    try:
        safe_copy = find_safe_copy(get_session(), tip, attachment_id)
        manifest = open_manifest(get_blobs(), safe_copy, [unlocked_identity()])
    except (TipNotFoundError, SafeCopyError):
        abort(404)
    if not 1 <= number <= len(manifest.previews):
        abort(404)
    response = Response(manifest.previews[number - 1], mimetype="image/jpeg")
    response.headers["Content-Security-Policy"] = security.DOWNLOAD_CSP
    response.headers["Content-Disposition"] = "inline"
    return response
