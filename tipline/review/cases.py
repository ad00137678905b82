"""The case pages: the case list, a new case, one case, editing its details.

Views stay thin (docs/development.md): validate a form, call one service in
tipline.cases (which writes the timeline and the audit event), commit,
redirect. Reading a case decrypts its title, summary, people and notes, so
every case page needs the unlocked organization key; tipline.cases.reading
opens them and records the view (``case.list``, ``case.view``). For reviewers
and admins; organizers get 403 everywhere here. The actions that change a
case are in :mod:`tipline.review.case_actions`, on the same blueprint.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from tipline import counties
from tipline.cases import CASE_STATUS_LABELS, CaseError, CaseNotFoundError
from tipline.cases.details import SealedContentError, open_details
from tipline.cases.queries import CaseFilters, assignable_users, parse_case_filters
from tipline.cases.reading import view_case, view_case_list
from tipline.cases.service import create_case, edit_details, get_case
from tipline.db import get_session
from tipline.models.case import CASE_STATUSES, Case
from tipline.review.auth import current_user, roles_required, unlocked_identity
from tipline.review.case_forms import CaseDetailsForm, NewCaseForm, tip_ids_in
from tipline.review.case_page import case_page_context
from tipline.review.common import MAX_PAGE, REVIEW_ROLES, int_arg, org_recipients
from tipline.review.summary_forms import summary_panel
from tipline.tips.tags import list_tags
from tipline.web import get_blobs

bp = Blueprint("cases", __name__, url_prefix="/cases")
P = ParamSpec("P")


def case_work(view: Callable[P, ResponseReturnValue]) -> Callable[P, ResponseReturnValue]:
    """Reviewers and admins whose session holds the organization key.

    The key check comes first in the view, so a session without it gets the
    "key not available" page (403) before anything is read or changed.
    """

    @roles_required(*REVIEW_ROLES)
    @functools.wraps(view)
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> ResponseReturnValue:
        unlocked_identity()
        return view(*args, **kwargs)

    return wrapped


def case_or_404(case_id: str) -> Case:
    try:
        return get_case(get_session(), case_id)
    except CaseNotFoundError:
        abort(404)


def _filter_options() -> dict[str, object]:
    session = get_session()
    states = current_app.config["STATES"]
    return {
        "statuses": CASE_STATUSES,
        "status_labels": CASE_STATUS_LABELS,
        "county_options": [(c.fips, c.label) for c in counties.counties_for(states)],
        "tags": list_tags(session),
        "users": assignable_users(session),
    }


@bp.route("/")
@case_work
def index() -> ResponseReturnValue:
    session, user = get_session(), current_user()
    error = None
    filters: CaseFilters | None
    try:
        filters = parse_case_filters(session, request.args, user.id)
    except CaseError as exc:
        error, filters = str(exc), None
    page_number = int_arg("page", 1, maximum=MAX_PAGE)
    listing = view_case_list(session, filters, page_number, unlocked_identity(), user)
    session.commit()
    shown = filters or CaseFilters()
    return render_template(
        "review/cases/index.html",
        page=listing.page,
        filters=shown,
        filter_args=shown.to_args(user.id),
        titles=listing.titles,
        county_name=counties.name,
        error=error,
        **_filter_options(),
    ), 400 if error else 200


@bp.route("/new", methods=["GET", "POST"])
@case_work
def new() -> ResponseReturnValue:
    form = NewCaseForm()
    if not form.is_submitted():
        form.tips.data = "\n".join(tip_ids_in(" ".join(request.args.getlist("tip"))))
    error = None
    if form.validate_on_submit():
        session = get_session()
        try:
            case = create_case(
                session,
                form.details(),
                tip_ids_in(form.tips.data or ""),
                actor=current_user(),
                recipients=org_recipients(),
            )
        except CaseError as exc:
            session.rollback()
            error = str(exc)
        else:
            session.commit()
            flash("Case created.", "success")
            return redirect(url_for("cases.show", case_id=case.id))
    return render_template("review/cases/new.html", form=form, error=error)


@bp.route("/<case_id>")
@case_work
def show(case_id: str) -> ResponseReturnValue:
    case = case_or_404(case_id)
    session = get_session()
    page = view_case(session, get_blobs(), case, unlocked_identity(), current_user())
    session.commit()
    return render_template(
        "review/cases/show.html",
        case=case,
        summary_panel=summary_panel(case),
        **case_page_context(session, case, page, current_app.config["STATES"]),
    )


@bp.route("/<case_id>/edit", methods=["GET", "POST"])
@case_work
def edit(case_id: str) -> ResponseReturnValue:
    case = case_or_404(case_id)
    try:
        current = open_details(case, [unlocked_identity()])
    except SealedContentError as exc:
        flash(str(exc), "error")
        return redirect(url_for("cases.show", case_id=case.id))
    form = CaseDetailsForm()
    if not form.is_submitted():
        form.title.data, form.summary.data = current.title, current.summary
        form.people.data = "\n".join(current.people)
    error = None
    if form.validate_on_submit():
        session = get_session()
        try:
            changed = edit_details(
                session,
                case,
                form.details(),
                actor=current_user(),
                recipients=org_recipients(),
                previous=current,
            )
        except CaseError as exc:
            session.rollback()
            error = str(exc)
        else:
            session.commit()
            flash(
                "Case saved." if changed else "Nothing to change.", "success" if changed else "info"
            )
            return redirect(url_for("cases.show", case_id=case.id))
    return render_template("review/cases/edit.html", case=case, form=form, error=error)
