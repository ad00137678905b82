"""The admin upkeep page: the worker's jobs, mail, retention, tips waiting to be deleted.

It shows when each of ``tipline worker``'s jobs last ran and how it went
(tipline.worker.leases), and how notification mail is doing (counts and the
kind of the last error, never addresses). Retention is set per policy: follow the
configuration, keep forever, or a number of days (tipline.retention.policy).
The page also lists the manual deletions waiting for a second person.
Admins only; every change audited.
"""

from __future__ import annotations

from flask import Blueprint, current_app, redirect, render_template, url_for
from flask.typing import ResponseReturnValue

from tipline.db import get_session
from tipline.deletion.approval import pending_requests
from tipline.models.base import utcnow
from tipline.notify.delivery import queue_status
from tipline.notify.settings import MailSettings
from tipline.retention import RetentionError, policy
from tipline.review.auth import current_user, roles_required
from tipline.review.common import refuse, settle
from tipline.review.upkeep_forms import RetentionForm
from tipline.worker import jobs, leases

bp = Blueprint("upkeep", __name__, url_prefix="/admin/upkeep")


@bp.route("/")
@roles_required("admin")
def index() -> ResponseReturnValue:
    return _render({})


def _render(errors: dict[str, RetentionForm], status: int = 200) -> ResponseReturnValue:
    session = get_session()
    values = policy.effective(session, current_app.config)
    forms = {}
    for name, value in values.items():
        form = errors.get(name) or RetentionForm(formdata=None)
        if name not in errors:
            form.policy.data = name
            form.choice.data = _choice(value)
            form.days.data = value.days
        forms[name] = form
    schedule = jobs.schedule(current_app.config)
    page = render_template(
        "review/admin/upkeep.html",
        jobs=[(name, jobs.describe_interval(seconds)) for name, seconds in schedule.items()],
        job_states=leases.states(session),
        descriptions=jobs.DESCRIPTIONS,
        now=utcnow(),
        mail=queue_status(session),
        mail_configured=MailSettings.from_config(current_app.config).configured,
        policies=values,
        forms=forms,
        requests=pending_requests(session),
    )
    return page, status


def _choice(value: policy.PolicyValue) -> str:
    if value.source == "configuration":
        return "configuration"
    return "forever" if value.days is None else "days"


@bp.route("/retention", methods=["POST"])
@roles_required("admin")
def retention() -> ResponseReturnValue:
    form = RetentionForm()
    back = redirect(url_for("upkeep.index"))
    if not form.validate_on_submit():
        name = form.policy.data if form.policy.data in policy.CONFIG_NAMES else ""
        if not name:
            return refuse("There is no such retention policy.", back)
        return _render({name: form}, 400)
    session, actor = get_session(), current_user()
    try:
        if form.choice.data == "configuration":
            changed = policy.follow_configuration(session, form.policy.data, actor=actor)
        else:
            days = form.days.data if form.choice.data == "days" else None
            changed = policy.set_days(session, form.policy.data, days, actor=actor)
    except RetentionError as exc:
        return refuse(str(exc), back)
    label = policy.LABELS[form.policy.data]
    return settle(changed, f"Saved: {label}.", back)
