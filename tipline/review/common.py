"""What several review views share: lookups that 404, keys that 503, replies.

- :data:`REVIEW_ROLES`: who may see tips and cases (organizers never do);
- :func:`tip_or_404`: the tip a view's address names;
- :func:`org_recipients`: the organization recipients that text written in
  the review app (case details, notes, replies, summary drafts) is sealed
  to; without them nothing can be sealed, so the answer is 503;
- :func:`settle` and :func:`refuse`: how a small change ends (docs/development.md:
  commit and say so, or roll back and say why, then redirect);
- :func:`file_response`: a file a source sent (a download service already
  recorded it), as a download that nothing can render or run in the review
  site's origin (tipline.tips.downloads).
- :func:`int_arg`: a number from the query string (a page, a cursor), clamped
  to what the database can compare, so a huge or negative value gets a page.
"""

from __future__ import annotations

from collections.abc import Sequence

from flask import Response, abort, current_app, flash, request
from werkzeug.wrappers import Response as BaseResponse

from tipline import security
from tipline.crypto import Recipient
from tipline.db import get_session
from tipline.key_folder import KeysError, load_recipients
from tipline.models.tip import Tip
from tipline.tips import TipNotFoundError
from tipline.tips.downloads import FileDownload, content_disposition, download_content_type
from tipline.tips.workflow import get_tip

REVIEW_ROLES = ("reviewer", "admin")
# The largest value a 64-bit database integer holds (OFFSET, BIGINT keys).
MAX_DB_INT = 2**63 - 1
# No list has a million pages; a page number above this is a typo or a probe,
# and (page - 1) * page size must still fit MAX_DB_INT.
MAX_PAGE = 1_000_000


def tip_or_404(tip_id: str) -> Tip:
    """The tip with this id, or a 404 page."""
    try:
        return get_tip(get_session(), tip_id)
    except TipNotFoundError:
        abort(404)


def org_recipients() -> Sequence[Recipient]:
    """The organization recipients from the keys folder, or a 503 page."""
    try:
        return load_recipients(current_app.config["KEYS_DIR"])
    except KeysError:
        abort(503)


def settle(changed: bool, success: str, back: BaseResponse) -> BaseResponse:
    """Commit a change and flash ``success``, or roll back a no-op; then ``back``."""
    session = get_session()
    if changed:
        session.commit()
        flash(success, "success")
    else:
        session.rollback()
        flash("Nothing to change.", "info")
    return back


def refuse(message: str, back: BaseResponse) -> BaseResponse:
    """Roll back, flash ``message`` as an error, then ``back``."""
    get_session().rollback()
    flash(message, "error")
    return back


def file_response(file: FileDownload) -> Response:
    """Send a decrypted file as an attachment; call after committing the audit event.

    An allowlisted type, a cleaned name, sniffing off and a sandboxing CSP.
    ``file.size`` is the declared plaintext size, sent as ``Content-Length``
    so that a browser can tell a cut-off download from a whole one; the
    chunks come from ``decrypt_attachment(..., size=size)``, which raises
    rather than deliver any other length. ``None`` (a file the sealed
    document does not list) sends no length.
    """
    response = Response(file.chunks, mimetype=download_content_type(file.content_type))
    if file.size is not None:
        response.content_length = file.size
    response.headers["Content-Disposition"] = content_disposition(file.filename)
    response.headers["Content-Security-Policy"] = security.DOWNLOAD_CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def int_arg(name: str, default: int, *, minimum: int = 1, maximum: int = MAX_DB_INT) -> int:
    """The query-string integer ``name``, clamped to ``[minimum, maximum]``.

    Absent or not a number: ``default``. Out of range (negative, or beyond a
    64-bit integer): the nearest bound, so the page shown is the first or an
    empty one past the end, never a database error.
    """
    value = request.args.get(name, type=int)
    if value is None:
        return default
    return min(max(value, minimum), maximum)
