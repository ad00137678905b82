"""The summary editor: write a shareable summary, decide on its findings, approve it.

One page per tip or case (``/tips/<id>/summary``, ``/cases/<id>/summary``)
with three forms: the text, the findings (each highlighted in place, each
"redact" or "keep"), and approval. Views stay thin (docs/development.md): validate
a form, call one service in tipline.export.summaries.service (which writes the audit
event), commit, redirect. Opening a draft needs the organization key and is
recorded by the service too (``summary.view``). For reviewers and admins;
organizers get 403.
"""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request
from flask.typing import ResponseReturnValue

from tipline.cases.details import SealedContentError, open_details
from tipline.db import get_session
from tipline.export.summaries.drafts import clean_text
from tipline.export.summaries.service import (
    AlreadyApprovedError,
    SummaryError,
    SummaryReview,
    Target,
    approve,
    decide,
    people_for,
    summary_for,
    view_summary,
    write_draft,
)
from tipline.models.case import Case
from tipline.review.auth import current_user, roles_required, unlocked_identity
from tipline.review.common import REVIEW_ROLES, org_recipients
from tipline.review.shared_files import summary_files_panel
from tipline.review.summary_forms import (
    ApproveForm,
    SummaryTextForm,
    VersionForm,
    form_version,
    marks,
    posted_decisions,
    target_facts,
    target_or_404,
)

bp = Blueprint("summaries", __name__)


def _target(scope: str, object_id: str) -> Target:
    # The key first: a session without it gets the "key not available" page.
    unlocked_identity()
    return target_or_404(scope, object_id)


def _title(target: Target) -> str:
    if isinstance(target, Case):
        try:
            return f"case “{open_details(target, [unlocked_identity()]).title}”"
        except SealedContentError:
            return f"case {target.id[:8]}"
    return f"the tip received {target.received_hour:%Y-%m-%d}"


def _back(target: Target) -> ResponseReturnValue:
    return redirect(target_facts(target).editor_url)


def _editor(target: Target) -> ResponseReturnValue:
    session, user, identity = get_session(), current_user(), unlocked_identity()
    summary = summary_for(session, target)
    form = SummaryTextForm()
    error, status = None, 200
    if form.validate_on_submit():
        try:
            people = people_for(session, target, identity)
            summary, changed = write_draft(
                session,
                target,
                form.text.data or "",
                style=form.style.data or "label",
                people=people,
                actor=user,
                recipients=org_recipients(),
                identity=identity,
                expected_version=form_version(form.version.data) if summary else None,
            )
            _, removed = clean_text(form.text.data or "")
        except SummaryError as exc:
            session.rollback()
            error, status = str(exc), 400
        else:
            session.commit()
            if removed:
                flash("Invisible characters (such as zero-width spaces) were removed.", "info")
            flash(
                "Draft saved: check the flagged details below."
                if changed
                else "Nothing to change.",
                "success" if changed else "info",
            )
            return _back(target)
    result: SummaryReview | None = None
    if summary is not None:
        try:
            draft, result = view_summary(session, summary, target, identity=identity, actor=user)
        except SummaryError as exc:
            error = str(exc)
        else:
            if not form.is_submitted():
                form.text.data, form.style.data = draft.text, draft.style
        session.commit()
    if summary is not None and not form.is_submitted():
        form.version.data = str(summary.version)
    return render_template(
        "review/summaries/editor.html",
        target=target,
        facts=target_facts(target),
        title=_title(target),
        summary=summary,
        result=result,
        marks=marks(result) if result else [],
        form=form,
        findings_form=VersionForm(formdata=None, version=str(summary.version) if summary else ""),
        approve_form=ApproveForm(formdata=None, version=str(summary.version) if summary else ""),
        files=summary_files_panel(target, summary),
        error=error,
    ), status


def _decide(target: Target) -> ResponseReturnValue:
    session, user, identity = get_session(), current_user(), unlocked_identity()
    summary = summary_for(session, target)
    form = VersionForm()
    if summary is None or not form.validate_on_submit():
        flash("Write and save the summary first.", "error")
        return _back(target)
    was_approved = summary.status == "approved"
    try:
        changed = decide(
            session,
            summary,
            posted_decisions(request.form),
            people=people_for(session, target, identity),
            actor=user,
            recipients=org_recipients(),
            identity=identity,
            expected_version=form_version(form.version.data),
        )
    except SummaryError as exc:
        session.rollback()
        flash(str(exc), "error")
        return _back(target)
    session.commit()
    if changed and was_approved:
        flash("Decisions saved. The summary changed, so it needs approval again.", "info")
    else:
        flash(
            f"{changed} decision(s) saved." if changed else "Nothing to change.",
            "success" if changed else "info",
        )
    return _back(target)


def _approve(target: Target) -> ResponseReturnValue:
    session, user, identity = get_session(), current_user(), unlocked_identity()
    summary = summary_for(session, target)
    form = ApproveForm()
    if summary is None or not form.validate_on_submit():
        flash("Write and save the summary first.", "error")
        return _back(target)
    try:
        approve(
            session,
            summary,
            people=people_for(session, target, identity),
            actor=user,
            identity=identity,
            expected_version=form_version(form.version.data),
            confirm_leftovers=form.confirm.data,
            confirm_numbers=form.confirm_numbers.data,
        )
    except AlreadyApprovedError as exc:
        session.rollback()
        flash(str(exc), "info")
        return _back(target)
    except SummaryError as exc:
        session.rollback()
        flash(str(exc), "error")
        return _back(target)
    session.commit()
    flash("Approved: organizers can now see and export this summary.", "success")
    return _back(target)


@bp.route("/tips/<tip_id>/summary", methods=["GET", "POST"])
@roles_required(*REVIEW_ROLES)
def tip_summary(tip_id: str) -> ResponseReturnValue:
    return _editor(_target("tip", tip_id))


@bp.route("/tips/<tip_id>/summary/findings", methods=["POST"])
@roles_required(*REVIEW_ROLES)
def tip_findings(tip_id: str) -> ResponseReturnValue:
    return _decide(_target("tip", tip_id))


@bp.route("/tips/<tip_id>/summary/approve", methods=["POST"])
@roles_required(*REVIEW_ROLES)
def tip_approve(tip_id: str) -> ResponseReturnValue:
    return _approve(_target("tip", tip_id))


@bp.route("/cases/<case_id>/summary", methods=["GET", "POST"])
@roles_required(*REVIEW_ROLES)
def case_summary(case_id: str) -> ResponseReturnValue:
    return _editor(_target("case", case_id))


@bp.route("/cases/<case_id>/summary/findings", methods=["POST"])
@roles_required(*REVIEW_ROLES)
def case_findings(case_id: str) -> ResponseReturnValue:
    return _decide(_target("case", case_id))


@bp.route("/cases/<case_id>/summary/approve", methods=["POST"])
@roles_required(*REVIEW_ROLES)
def case_approve(case_id: str) -> ResponseReturnValue:
    return _approve(_target("case", case_id))
