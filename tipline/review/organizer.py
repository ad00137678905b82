"""The organizer view: approved summaries, figures, and their exports.

``/organizer`` lists approved summaries (filters: county, month, topic,
case status) and shows the aggregate figures - the county map and the
monthly chart as inline SVG (no script), and the counts as tables, with
counts below ``EXPORT_SUPPRESS_BELOW`` shown as "<3". The selection
downloads as CSV, JSON or a PDF report (tipline.export.rendering.formats and .pdf).

It reads clear columns only (tipline.export.summaries.organizer and
.selection), so it works without the organization key: organizers see
approved summaries and aggregates and nothing else. Reviewers and admins may
open it too (to check what is shared), and also see which summaries still
wait for approval. The services record every view and every export in the
audit log (``export.view``, ``export.csv``, ``export.json``, ``export.pdf``;
never content).
"""

from __future__ import annotations

from flask import Blueprint, Response, current_app, render_template, request
from flask.typing import ResponseReturnValue
from markupsafe import Markup

from tipline import counties, security
from tipline.cases import CASE_STATUS_LABELS
from tipline.db import get_session
from tipline.export.aggregate import OTHER, month_of
from tipline.export.rendering.charts import county_map_svg, time_series_svg
from tipline.export.rendering.formats import to_csv, to_json
from tipline.export.rendering.pdf import build_report
from tipline.export.summaries.organizer import export_selection, view_exports
from tipline.export.summaries.selection import SummaryFilterError, SummaryFilters, parse_filters
from tipline.models.base import utcnow
from tipline.models.case import CASE_STATUSES
from tipline.review.auth import current_user, roles_required
from tipline.review.common import MAX_PAGE, int_arg
from tipline.safecopy.sharing import shared_files
from tipline.tips.tags import list_tags

bp = Blueprint("organizer", __name__)
EXPORT_ROLES = ("organizer", "reviewer", "admin")
PAGE_SIZE = 50
REPORT_TITLE = "What the tips show"
MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "pdf": "application/pdf",
}


def _filters() -> tuple[SummaryFilters, str | None]:
    states = current_app.config["STATES"]
    try:
        return parse_filters(get_session(), request.args, states), None
    except SummaryFilterError as exc:
        return SummaryFilters(), str(exc)


def _options() -> dict[str, object]:
    states = current_app.config["STATES"]
    county_options = [(c.fips, c.label) for c in counties.counties_for(states)]
    return {
        "county_options": [*county_options, (OTHER, "Other / not sure")],
        "tags": list_tags(get_session()),
        "case_statuses": [(s, CASE_STATUS_LABELS.get(s, s)) for s in CASE_STATUSES],
        "status_labels": CASE_STATUS_LABELS,
    }


@bp.route("/organizer")
@roles_required(*EXPORT_ROLES)
def index() -> ResponseReturnValue:
    session = get_session()
    config = current_app.config
    states = config["STATES"]
    filters, error = _filters()
    page = int_arg("page", 1, maximum=MAX_PAGE)
    shown = view_exports(
        session,
        filters if error is None else None,
        states,
        threshold=config["EXPORT_SUPPRESS_BELOW"],
        page=page,
        page_size=PAGE_SIZE,
        actor=current_user(),
    )
    session.commit()
    numbers = shown.figures
    return render_template(
        "review/organizer/index.html",
        filters=filters,
        filter_args=filters.to_args(),
        error=error,
        rows=shown.rows,
        total=shown.total,
        page=page,
        has_more=page * PAGE_SIZE < shown.total,
        figures=numbers,
        # Our own SVG: every text in it is escaped by tipline.export.rendering.charts.
        map_svg=Markup(county_map_svg(numbers.by_county, states=states)),  # noqa: S704
        series_svg=Markup(time_series_svg(numbers.by_month)),  # noqa: S704
        waiting=shown.waiting,
        files_by_summary=shared_files(session, [row.summary_id for row in shown.rows]),
        **_options(),
    ), 400 if error else 200


def _export(kind: str) -> ResponseReturnValue:
    session = get_session()
    config = current_app.config
    states = config["STATES"]
    filters, error = _filters()
    if error is not None:
        return render_template(
            "review/error.html", code=400, title="Export not made", message=error
        ), 400
    rows, numbers = export_selection(
        session,
        filters,
        states,
        threshold=config["EXPORT_SUPPRESS_BELOW"],
        kind=kind,
        actor=current_user(),
    )
    month = month_of(utcnow())
    if kind == "csv":
        body: bytes = to_csv(rows).encode("utf-8")
    elif kind == "json":
        body = to_json(rows, numbers).encode("utf-8")
    else:
        body = build_report(
            rows,
            numbers,
            states=states,
            generated_month=month,
            title=REPORT_TITLE,
            organization=config["ORGANIZATION_NAME"],
        )
    session.commit()
    response = Response(body, content_type=MEDIA_TYPES[kind])
    response.headers["Content-Disposition"] = (
        f'attachment; filename="tipline-summaries-{month}.{kind}"'
    )
    # A download, never a page: nothing in it may run.
    response.headers["Content-Security-Policy"] = security.DOWNLOAD_CSP
    return response


@bp.route("/organizer/export.csv")
@roles_required(*EXPORT_ROLES)
def export_csv() -> ResponseReturnValue:
    return _export("csv")


@bp.route("/organizer/export.json")
@roles_required(*EXPORT_ROLES)
def export_json() -> ResponseReturnValue:
    return _export("json")


@bp.route("/organizer/export.pdf")
@roles_required(*EXPORT_ROLES)
def export_pdf() -> ResponseReturnValue:
    return _export("pdf")
