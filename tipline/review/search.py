"""The search page: decrypted text of tips, case details and notes, with the inbox filters.

Only for reviewers and admins whose session holds the organization key
(anyone else gets 403). The query travels in a POST body, never in the
address: addresses end up in browser history, proxy logs and the
``Referer`` of the next request, and a lawyer's search for a name must not.
The form sets ``autocomplete=off`` for the same reason, and responses are
``no-store`` (tipline.security). The search service records *that* a search
ran (``search``), never what was searched for; nothing here logs the query
either.

The filter fields have the inbox's names (status, county, tag, from, to,
files, unread, case), so a link from the inbox or a case page can pre-fill
them with a GET, and tipline.tips.filters parses them the same strict way.
"""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request
from flask.typing import ResponseReturnValue

from tipline.db import get_session, read_only
from tipline.review.auth import current_user, roles_required, unlocked_identity
from tipline.review.case_forms import SearchForm
from tipline.review.inbox import filter_choices
from tipline.search import SearchError
from tipline.search.engine import SearchResults, find, record_search, tip_only_filters
from tipline.search.registry import SearchContext
from tipline.search.text import parse_query
from tipline.tips import FilterError
from tipline.tips.filters import Cursor, InboxFilters, parse_filters
from tipline.web import get_blobs

bp = Blueprint("search", __name__)


@bp.route("/search", methods=["GET", "POST"])
@roles_required("reviewer", "admin")
def index() -> ResponseReturnValue:
    session, user = get_session(), current_user()
    # Everything here reads, for up to about five seconds of decrypting; on
    # SQLite a writing transaction would make every source's submission wait
    # that long. The one write, the audit event, gets a short transaction of
    # its own after the reads.
    read_only(session)
    identity = unlocked_identity()  # 403 "key not available" without it
    form = SearchForm()
    fields = request.form if request.method == "POST" else request.args
    error: str | None = None
    results: SearchResults | None = None
    try:
        filters = parse_filters(session, fields)
    except FilterError as exc:
        error, filters = str(exc), InboxFilters()
    if request.method == "POST" and error is None:
        if not form.validate_on_submit():
            abort(400)
        try:
            query = parse_query(form.q.data or "")
            before = Cursor.decode(form.before.data) if form.before.data else None
            context = SearchContext(session=session, blobs=get_blobs(), identities=[identity])
            results = find(context, query, filters, user, before=before)
        except (SearchError, FilterError) as exc:
            error = str(exc)
        else:
            session.commit()  # ends the reading transaction: nothing was written
            record_search(session, user)
            session.commit()
            read_only(session)  # the page's own reads (the filter choices)
    return render_template(
        "review/search.html",
        form=form,
        filters=filters,
        results=results,
        error=error,
        tip_only=tip_only_filters(filters),
        **filter_choices(session, filters),
    ), 400 if error else 200
