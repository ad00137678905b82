"""Mark a flood's tips as spam in bulk: choose, see the count, confirm.

Two steps, both POST with a CSRF token. The inbox's "Mark as spam" form
sends the current filters (as hidden fields) and a window of hours to
``/spam/confirm``, which shows how many tips that is and what they are
(the filters in words), with nothing changed yet. Confirming posts the same
fields plus that count to ``/spam``; the service (tipline.tips.spam) refuses
if the count is no longer right, moves the tips, and writes one audit
event. For reviewers and admins.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from tipline.db import get_session
from tipline.review.auth import current_user, roles_required
from tipline.review.inbox import filter_choices
from tipline.review.tip_forms import BulkSpamForm
from tipline.tips import FilterError
from tipline.tips.filters import InboxFilters, parse_filters
from tipline.tips.spam import CountChangedError, Window, count_spam_candidates, mark_spam

bp = Blueprint("spam", __name__)


def _page(
    form: BulkSpamForm,
    filters: InboxFilters,
    window: Window | None,
    count: int | None,
    error: str | None,
    status: int,
) -> ResponseReturnValue:
    return render_template(
        "review/spam_confirm.html",
        form=form,
        filters=filters,
        filter_args=filters.to_args(),
        window=window,
        count=count,
        error=error,
        **filter_choices(get_session(), filters),
    ), status


def _read(form: BulkSpamForm) -> tuple[InboxFilters, Window]:
    filters = parse_filters(get_session(), request.form)
    return filters, Window.parse(form.window_start.data or "", form.window_end.data or "")


@bp.post("/spam/confirm")
@roles_required("reviewer", "admin")
def confirm() -> ResponseReturnValue:
    form = BulkSpamForm()
    filters = InboxFilters()
    if not form.validate():
        return _page(form, filters, None, None, "The form had expired; start again.", 400)
    try:
        filters, window = _read(form)
    except FilterError as exc:
        return _page(form, filters, None, None, str(exc), 400)
    count = count_spam_candidates(get_session(), filters, window, current_user().id)
    return _page(form, filters, window, count, None, 200)


@bp.post("/spam")
@roles_required("reviewer", "admin")
def apply() -> ResponseReturnValue:
    form = BulkSpamForm()
    filters = InboxFilters()
    if not form.validate() or not (form.expected.data or "").isdigit():
        return _page(form, filters, None, None, "The form had expired; start again.", 400)
    try:
        filters, window = _read(form)
    except FilterError as exc:
        return _page(form, filters, None, None, str(exc), 400)
    session = get_session()
    try:
        moved = mark_spam(
            session, current_user(), filters, window, expected=int(form.expected.data)
        )
    except CountChangedError as exc:
        session.rollback()
        return _page(form, filters, window, exc.count, str(exc), 409)
    session.commit()
    flash(f"Marked {moved:,} tip(s) as spam; each can go back to New from its page.", "success")
    args: dict[str, Any] = filters.to_args()
    return redirect(url_for("inbox.index", **args), 303)
