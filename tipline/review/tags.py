"""Admin page for topic tags: create, rename, retire (and bring back).

Tags are never deleted: retiring one keeps it on the tips that have it and
in the inbox filter, but stops offering it when tagging. The services
(tipline.tips.tags) record every change in the audit log. Admins only.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from werkzeug.wrappers import Response

from tipline.db import get_session
from tipline.models.tag import TAG_NAME_MAX, Tag
from tipline.review.auth import current_user, roles_required
from tipline.review.common import refuse
from tipline.review.tip_forms import RetireForm, TagNameForm
from tipline.tips import TagError
from tipline.tips.tags import (
    create_tag,
    get_tag,
    list_tags,
    rename_tag,
    set_retired,
    tag_usage,
)

bp = Blueprint("tags", __name__, url_prefix="/admin/tags")
NAME_REFUSED = f"A tag needs a name of at most {TAG_NAME_MAX} characters."


def _tag_or_404(tag_id: str) -> Tag:
    try:
        return get_tag(get_session(), tag_id)
    except TagError:
        abort(404)


def _render(form: TagNameForm, error: str | None = None, status: int = 200) -> ResponseReturnValue:
    session = get_session()
    page = render_template(
        "review/tags.html",
        tags=list_tags(session),
        usage=tag_usage(session),
        form=form,
        error=error,
    )
    return page, status


def _saved(message: str) -> ResponseReturnValue:
    get_session().commit()
    flash(message, "success")
    return _to_index()


def _to_index() -> Response:
    return redirect(url_for("tags.index"))


@bp.route("/", methods=["GET"])
@roles_required("admin")
def index() -> ResponseReturnValue:
    return _render(TagNameForm(formdata=None))


@bp.route("/", methods=["POST"])
@roles_required("admin")
def create() -> ResponseReturnValue:
    form = TagNameForm()
    if not form.validate_on_submit():
        return _render(form, NAME_REFUSED, 400)
    session = get_session()
    try:
        tag = create_tag(session, form.name.data or "", actor=current_user())
    except TagError as exc:
        session.rollback()
        return _render(form, str(exc), 400)
    return _saved(f"Created the tag “{tag.name}”.")


@bp.route("/<tag_id>/rename", methods=["POST"])
@roles_required("admin")
def rename(tag_id: str) -> ResponseReturnValue:
    tag = _tag_or_404(tag_id)
    form = TagNameForm()
    if not form.validate_on_submit():
        return refuse(NAME_REFUSED, _to_index())
    try:
        rename_tag(get_session(), tag, form.name.data or "", actor=current_user())
    except TagError as exc:
        return refuse(str(exc), _to_index())
    return _saved(f"Renamed the tag to “{tag.name}”.")


@bp.route("/<tag_id>/retire", methods=["POST"])
@roles_required("admin")
def retire(tag_id: str) -> ResponseReturnValue:
    tag = _tag_or_404(tag_id)
    form = RetireForm()
    if not form.validate_on_submit():
        abort(400)
    retired = form.retired.data == "1"
    set_retired(get_session(), tag, retired, actor=current_user())
    if retired:
        return _saved(f"Retired the tag “{tag.name}”.")
    return _saved(f"The tag “{tag.name}” is offered again.")
