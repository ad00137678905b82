"""The inbox: tips newest first, with filters, status counts and pages.

A thin view over tipline.tips.inbox. Only clear columns are queried; the
first line of each tip is decrypted for the rows of the current page only,
and only when the session holds the unlocked organization identity. For
reviewers and admins; organizers never see tips (403).
"""

from __future__ import annotations

from flask import Blueprint, current_app, render_template, request
from flask.typing import ResponseReturnValue
from sqlalchemy.orm import Session

from tipline import audit, counties
from tipline.accounts.errors import NotUnlockedError
from tipline.db import get_session
from tipline.models.tip import TIP_STATUSES
from tipline.review.auth import current_user, roles_required, unlocked_identity
from tipline.tips import FilterError
from tipline.tips.content import previews
from tipline.tips.filters import InboxFilters, county_options, parse_cursors, parse_filters
from tipline.tips.inbox import InboxPage, load_page, status_counts
from tipline.tips.tags import list_tags
from tipline.tips.workflow import STATUS_LABELS
from tipline.web import get_blobs

bp = Blueprint("inbox", __name__)


@bp.route("/")
@roles_required("reviewer", "admin")
def index() -> ResponseReturnValue:
    db = get_session()
    user = current_user()
    error = None
    try:
        filters = parse_filters(db, request.args)
        before, after = parse_cursors(request.args)
        page = load_page(db, filters, user.id, before=before, after=after)
    except FilterError as exc:
        error, filters = str(exc), InboxFilters()
        page = InboxPage(rows=[], newer=None, older=None, counts=status_counts(db))
    try:
        identity = unlocked_identity()
    except NotUnlockedError:
        texts: dict[str, str | None] = {}
        unlocked = False
    else:
        texts = previews(get_blobs(), [row.tip for row in page.rows], [identity])
        unlocked = True
    # One event per listing: previews show the first line of every tip on it.
    audit.record(db, actor=user, action="inbox.view", object_type=None, object_id=None)
    db.commit()
    response = render_template(
        "review/inbox.html",
        page=page,
        filters=filters,
        filter_args=filters.to_args(),
        # The status tabs keep every other filter.
        tab_args={k: v for k, v in filters.to_args().items() if k != "status"},
        previews=texts,
        unlocked=unlocked,
        error=error,
        **filter_choices(db, filters.county),
    )
    return response, 400 if error else 200


def filter_choices(db: Session, selected_county: str | None = None) -> dict[str, object]:
    """What the tip filter fields offer, here and on the search page."""
    return {
        "statuses": TIP_STATUSES,
        "status_labels": STATUS_LABELS,
        "county_options": county_options(current_app.config["STATES"], selected_county),
        "tags": list_tags(db),
        "county_name": counties.name,
    }
