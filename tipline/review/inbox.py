"""The inbox: tips newest first, with filters, status counts and pages.

A thin view over tipline.tips.inbox.view_inbox, which queries clear columns
only, decrypts the first line of each tip on the current page (only when
the session holds the unlocked organization identity) and records the
listing. The view adds what the page's filters offer and the unread source
messages per tip, so the template loads nothing. For reviewers and admins;
organizers never see tips (403).
"""

from __future__ import annotations

from datetime import timedelta

from flask import Blueprint, current_app, render_template, request
from flask.typing import ResponseReturnValue
from sqlalchemy.orm import Session

from tipline import counties
from tipline.cases.reading import case_filter_options
from tipline.conversation.markers import unread_by_organization
from tipline.db import get_session
from tipline.models.base import coarse_now
from tipline.models.tip import TIP_STATUSES
from tipline.review.auth import current_user, identity_or_none, roles_required
from tipline.tips import FilterError
from tipline.tips.filters import InboxFilters, county_options, parse_cursors, parse_filters
from tipline.tips.inbox import view_inbox
from tipline.tips.spam import Window
from tipline.tips.tags import list_tags
from tipline.tips.workflow import STATUS_LABELS
from tipline.web import get_blobs

bp = Blueprint("inbox", __name__)


@bp.route("/")
@roles_required("reviewer", "admin")
def index() -> ResponseReturnValue:
    session, user, blobs, identity = get_session(), current_user(), get_blobs(), identity_or_none()
    error = None
    filters = InboxFilters()
    try:
        filters = parse_filters(session, request.args)
        before, after = parse_cursors(request.args)
        listing = view_inbox(session, blobs, filters, user, identity, before=before, after=after)
    except FilterError as exc:
        error, filters = str(exc), InboxFilters()
        listing = view_inbox(session, blobs, None, user, identity)
    session.commit()
    page = listing.page
    response = render_template(
        "review/inbox.html",
        page=page,
        filters=filters,
        filter_args=filters.to_args(),
        # The status tabs keep every other filter.
        tab_args={k: v for k, v in filters.to_args().items() if k != "status"},
        previews=listing.previews,
        unlocked=listing.unlocked,
        error=error,
        new_messages=unread_by_organization(session, [row.tip.id for row in page.rows]),
        spam_window=default_window(),
        **filter_choices(session, filters),
    )
    return response, 400 if error else 200


def default_window() -> Window:
    """The bulk "mark as spam" form's window: the last 24 hours."""
    end = coarse_now()
    return Window(end - timedelta(hours=23), end)


def filter_choices(session: Session, filters: InboxFilters) -> dict[str, object]:
    """What the tip filter fields offer, here and on the search page."""
    return {
        "statuses": TIP_STATUSES,
        "status_labels": STATUS_LABELS,
        "county_options": county_options(current_app.config["STATES"], filters.county),
        "tags": list_tags(session),
        "county_name": counties.name,
        "case_options": case_filter_options(session, identity_or_none(), filters.case_id),
    }
