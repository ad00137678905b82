"""The actions on a case page (all POST): status, tips, people, topics, counties, notes.

Each validates its form, calls one service in tipline.cases (which writes
the timeline line and the audit event), commits, and redirects back with a
message; a domain error rolls back and comes back as the message instead.
"""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, url_for
from flask.typing import ResponseReturnValue
from werkzeug.wrappers import Response

from tipline.cases import CaseError
from tipline.cases.membership import set_assignees, set_counties, set_tags
from tipline.cases.service import add_note, change_status, link_tips, unlink_tip
from tipline.db import get_session
from tipline.models.case import Case
from tipline.review.auth import current_user
from tipline.review.case_forms import (
    AddToCaseForm,
    CaseStatusForm,
    LinkTipsForm,
    NoteForm,
    tip_ids_in,
)
from tipline.review.case_page import assignees_form, counties_form, tags_form
from tipline.review.cases import bp, case_or_404, case_work
from tipline.review.common import org_recipients, refuse, settle


def _back(case: Case) -> Response:
    return redirect(url_for("cases.show", case_id=case.id))


def _fail(case: Case, message: str) -> Response:
    return refuse(message, _back(case))


def _done(case: Case, changed: bool, success: str) -> Response:
    """The service wrote the timeline and the audit event: commit, or roll back a no-op."""
    return settle(changed, success, _back(case))


@bp.route("/<case_id>/status", methods=["POST"])
@case_work
def status(case_id: str) -> ResponseReturnValue:
    case = case_or_404(case_id)
    form = CaseStatusForm().fill(case)
    if not form.validate_on_submit():
        return _fail(case, "Choose a status to move the case to.")
    try:
        change_status(
            get_session(), case, form.status.data, expected=form.expected.data, actor=current_user()
        )
    except CaseError as exc:
        return _fail(case, str(exc))
    return _done(case, True, "Status changed.")


@bp.route("/<case_id>/tips", methods=["POST"])
@case_work
def link(case_id: str) -> ResponseReturnValue:
    case = case_or_404(case_id)
    form = LinkTipsForm()
    ids = tip_ids_in(form.tips.data or "") if form.validate_on_submit() else []
    if not ids:
        return _fail(case, "Paste one or more tip ids or tip page addresses.")
    try:
        added = link_tips(get_session(), case, ids, actor=current_user())
    except CaseError as exc:
        return _fail(case, str(exc))
    return _done(case, bool(added), f"Linked {len(added)} tip{'s' if len(added) != 1 else ''}.")


@bp.route("/<case_id>/tips/<tip_id>/remove", methods=["POST"])
@case_work
def unlink(case_id: str, tip_id: str) -> ResponseReturnValue:
    case = case_or_404(case_id)
    # No form fields: CSRFProtect (app-wide) has already checked the token.
    removed = unlink_tip(get_session(), case, tip_id, actor=current_user())
    return _done(case, removed, "Tip removed from the case (the tip itself is unchanged).")


@bp.route("/add-tip", methods=["POST"])
@case_work
def add_tip() -> ResponseReturnValue:
    """From a tip's page: put that tip into the chosen case, then go back to the tip."""
    form = AddToCaseForm()
    case_id, tip_id = form.case_id.data or "", form.tip_id.data or ""
    if not form.validate_on_submit() or not tip_ids_in(tip_id):
        abort(400)
    case = case_or_404(case_id)
    try:
        added = link_tips(get_session(), case, [tip_id], actor=current_user())
    except CaseError as exc:
        return refuse(str(exc), redirect(url_for("tips.show", tip_id=tip_id)))
    get_session().commit()
    flash("Added to the case." if added else "The tip is already in that case.", "success")
    return redirect(url_for("tips.show", tip_id=tip_id))


@bp.route("/<case_id>/assignees", methods=["POST"])
@case_work
def assignees(case_id: str) -> ResponseReturnValue:
    case = case_or_404(case_id)
    form = assignees_form(get_session(), case)
    if not form.validate_on_submit():
        return _fail(case, "Choose who is on this case.")
    try:
        change = set_assignees(get_session(), case, form.assignees.data or [], actor=current_user())
    except CaseError as exc:
        return _fail(case, str(exc))
    return _done(case, change.changed, "Assignees saved.")


@bp.route("/<case_id>/tags", methods=["POST"])
@case_work
def tags(case_id: str) -> ResponseReturnValue:
    case = case_or_404(case_id)
    form = tags_form(get_session(), case)
    if not form.validate_on_submit():
        return _fail(case, "One of the chosen topics cannot be used.")
    try:
        change = set_tags(get_session(), case, form.tags.data or [], actor=current_user())
    except CaseError as exc:
        return _fail(case, str(exc))
    return _done(case, change.changed, "Topics saved.")


@bp.route("/<case_id>/counties", methods=["POST"])
@case_work
def counties(case_id: str) -> ResponseReturnValue:
    case = case_or_404(case_id)
    form = counties_form(get_session(), case, current_app.config["STATES"])
    if not form.validate_on_submit():
        return _fail(case, "Choose the case's counties.")
    try:
        change = set_counties(
            get_session(),
            case,
            form.counties.data or [],
            actor=current_user(),
            states=current_app.config["STATES"],
        )
    except CaseError as exc:
        return _fail(case, str(exc))
    return _done(case, change.changed, "Counties saved.")


@bp.route("/<case_id>/notes", methods=["POST"])
@case_work
def note(case_id: str) -> ResponseReturnValue:
    case = case_or_404(case_id)
    form = NoteForm()
    if not form.validate_on_submit():
        return _fail(case, "A note cannot be empty or longer than 20,000 characters.")
    try:
        add_note(
            get_session(),
            case,
            form.body.data or "",
            actor=current_user(),
            recipients=org_recipients(),
        )
    except CaseError as exc:
        return _fail(case, str(exc))
    return _done(case, True, "Note added.")
