"""Every route of the review app, walked as every role, against an explicit table.

HOW TO ADD YOUR ROUTE (everyone who adds a review endpoint must): add a row to
``EXPECTED`` below, keyed by endpoint name, giving for each of ``anon``,
``organizer``, ``reviewer`` and ``admin`` either an HTTP status (int) or the
path a redirect must point to (str, e.g. LOGIN). A route missing from the
table fails ``test_every_route_is_in_the_table``. URL arguments come from
``URL_ARGS`` (by argument name; add yours). Routes that accept GET are walked
with GET, POST-only routes with an empty POST (CSRF is off in tests). Each
request gets a freshly signed-in client, so routes that sign out or change
the account do not disturb the others.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest
from flask import Flask
from sqlalchemy.orm import Session
from werkzeug.routing import Rule

from tests.review.factories import login, make_user
from tipline.crypto import Identity

LOGIN = "/login"
HOME = "/"  # the inbox: where reviewers and admins land
ORG_HOME = "/organizer"  # where organizers land (the organizer view)
MISSING_ID = "0" * 32

# endpoint -> expected outcome per role (status code, or redirect target path).
EXPECTED: dict[str, dict[str, int | str]] = {
    # -- static files ------------------------------------------------------
    "static": {"anon": 200, "organizer": 200, "reviewer": 200, "admin": 200},
    # -- auth ------------------------------------------
    "auth.login": {"anon": 200, "organizer": ORG_HOME, "reviewer": HOME, "admin": HOME},
    "auth.code": {"anon": LOGIN, "organizer": ORG_HOME, "reviewer": HOME, "admin": HOME},
    "auth.enrol": {"anon": LOGIN, "organizer": ORG_HOME, "reviewer": HOME, "admin": HOME},
    "auth.new_password": {"anon": LOGIN, "organizer": ORG_HOME, "reviewer": HOME, "admin": HOME},
    "auth.account": {"anon": LOGIN, "organizer": 200, "reviewer": 200, "admin": 200},
    # An empty form is refused (400) rather than changing anything.
    "auth.change_password": {"anon": LOGIN, "organizer": 400, "reviewer": 400, "admin": 400},
    "auth.notifications": {"anon": LOGIN, "organizer": 400, "reviewer": 400, "admin": 400},
    "auth.logout": {"anon": LOGIN, "organizer": LOGIN, "reviewer": LOGIN, "admin": LOGIN},
    "auth.logout_everywhere": {
        "anon": LOGIN,
        "organizer": LOGIN,
        "reviewer": LOGIN,
        "admin": LOGIN,
    },
    # -- admin -----------------------------------------
    "admin.users": {"anon": LOGIN, "organizer": 403, "reviewer": 403, "admin": 200},
    "admin.new_user": {"anon": LOGIN, "organizer": 403, "reviewer": 403, "admin": 200},
    "admin.disable_user": {"anon": LOGIN, "organizer": 403, "reviewer": 403, "admin": "/admin/"},
    "admin.reset_password": {"anon": LOGIN, "organizer": 403, "reviewer": 403, "admin": 200},
    "admin.reset_totp": {"anon": LOGIN, "organizer": 403, "reviewer": 403, "admin": "/admin/"},
    "admin.audit_log": {"anon": LOGIN, "organizer": 403, "reviewer": 403, "admin": 200},
    # -- inbox and tips --------------------------
    "inbox.index": {"anon": LOGIN, "organizer": 403, "reviewer": 200, "admin": 200},
    # Bulk "mark as spam": an empty form is refused (400) before anything is counted.
    "spam.confirm": {"anon": LOGIN, "organizer": 403, "reviewer": 400, "admin": 400},
    "spam.apply": {"anon": LOGIN, "organizer": 403, "reviewer": 400, "admin": 400},
    "tips.show": {"anon": LOGIN, "organizer": 403, "reviewer": 404, "admin": 404},
    "tips.download": {"anon": LOGIN, "organizer": 403, "reviewer": 404, "admin": 404},
    "tips.status": {"anon": LOGIN, "organizer": 403, "reviewer": 404, "admin": 404},
    "tips.county": {"anon": LOGIN, "organizer": 403, "reviewer": 404, "admin": 404},
    "tips.tags": {"anon": LOGIN, "organizer": 403, "reviewer": 404, "admin": 404},
    "tips.read": {"anon": LOGIN, "organizer": 403, "reviewer": 404, "admin": 404},
    # -- safe copies of files (organizers never see originals or their copies) --
    "safe_copies.create": {"anon": LOGIN, "organizer": 403, "reviewer": 404, "admin": 404},
    "safe_copies.download": {"anon": LOGIN, "organizer": 403, "reviewer": 404, "admin": 404},
    "safe_copies.preview": {"anon": LOGIN, "organizer": 403, "reviewer": 404, "admin": 404},
    # Files that go with summaries: reviewers choose them; organizers download them.
    "shared_files.choose": {"anon": LOGIN, "organizer": 403, "reviewer": 404, "admin": 404},
    "shared_files.download": {"anon": LOGIN, "organizer": 404, "reviewer": 404, "admin": 404},
    # -- tags -------------------------------------
    "tags.index": {"anon": LOGIN, "organizer": 403, "reviewer": 403, "admin": 200},
    "tags.create": {"anon": LOGIN, "organizer": 403, "reviewer": 403, "admin": 400},
    "tags.rename": {"anon": LOGIN, "organizer": 403, "reviewer": 403, "admin": 404},
    "tags.retire": {"anon": LOGIN, "organizer": 403, "reviewer": 403, "admin": 404},
    # -- cases and search ----------------------------
    "cases.index": {"anon": LOGIN, "organizer": 403, "reviewer": 200, "admin": 200},
    "cases.new": {"anon": LOGIN, "organizer": 403, "reviewer": 200, "admin": 200},
    "cases.show": {"anon": LOGIN, "organizer": 403, "reviewer": 404, "admin": 404},
    "cases.edit": {"anon": LOGIN, "organizer": 403, "reviewer": 404, "admin": 404},
    "cases.status": {"anon": LOGIN, "organizer": 403, "reviewer": 404, "admin": 404},
    "cases.link": {"anon": LOGIN, "organizer": 403, "reviewer": 404, "admin": 404},
    "cases.unlink": {"anon": LOGIN, "organizer": 403, "reviewer": 404, "admin": 404},
    # An empty form names no tip and no case: refused before anything is read.
    "cases.add_tip": {"anon": LOGIN, "organizer": 403, "reviewer": 400, "admin": 400},
    "cases.assignees": {"anon": LOGIN, "organizer": 403, "reviewer": 404, "admin": 404},
    "cases.tags": {"anon": LOGIN, "organizer": 403, "reviewer": 404, "admin": 404},
    "cases.counties": {"anon": LOGIN, "organizer": 403, "reviewer": 404, "admin": 404},
    "cases.note": {"anon": LOGIN, "organizer": 403, "reviewer": 404, "admin": 404},
    "search.index": {"anon": LOGIN, "organizer": 403, "reviewer": 200, "admin": 200},
    # -- summaries for sharing and the organizer view ------
    "summaries.tip_summary": {"anon": LOGIN, "organizer": 403, "reviewer": 404, "admin": 404},
    "summaries.tip_findings": {"anon": LOGIN, "organizer": 403, "reviewer": 404, "admin": 404},
    "summaries.tip_approve": {"anon": LOGIN, "organizer": 403, "reviewer": 404, "admin": 404},
    "summaries.case_summary": {"anon": LOGIN, "organizer": 403, "reviewer": 404, "admin": 404},
    "summaries.case_findings": {"anon": LOGIN, "organizer": 403, "reviewer": 404, "admin": 404},
    "summaries.case_approve": {"anon": LOGIN, "organizer": 403, "reviewer": 404, "admin": 404},
    "organizer.index": {"anon": LOGIN, "organizer": 200, "reviewer": 200, "admin": 200},
    "organizer.export_csv": {"anon": LOGIN, "organizer": 200, "reviewer": 200, "admin": 200},
    "organizer.export_json": {"anon": LOGIN, "organizer": 200, "reviewer": 200, "admin": 200},
    "organizer.export_pdf": {"anon": LOGIN, "organizer": 200, "reviewer": 200, "admin": 200},
    # -- conversation with sources ------------------
    "replies.create": {"anon": LOGIN, "organizer": 403, "reviewer": 404, "admin": 404},
    "replies.mark_read": {"anon": LOGIN, "organizer": 403, "reviewer": 404, "admin": 404},
    "replies.download": {"anon": LOGIN, "organizer": 403, "reviewer": 404, "admin": 404},
    # -- deleting a tip by hand, and the admin upkeep page -----------------
    "deletion.confirm": {"anon": LOGIN, "organizer": 403, "reviewer": 404, "admin": 404},
    "deletion.ask": {"anon": LOGIN, "organizer": 403, "reviewer": 404, "admin": 404},
    "deletion.approve": {"anon": LOGIN, "organizer": 403, "reviewer": 404, "admin": 404},
    "deletion.withdraw": {"anon": LOGIN, "organizer": 403, "reviewer": 404, "admin": 404},
    "upkeep.index": {"anon": LOGIN, "organizer": 403, "reviewer": 403, "admin": 200},
    # An empty form names no policy: refused, back to the page.
    "upkeep.retention": {
        "anon": LOGIN,
        "organizer": 403,
        "reviewer": 403,
        "admin": "/admin/upkeep/",
    },
    # -- add rows for new routes above this line ---------------------------
}

# URL arguments by name. ``target_user_id`` is replaced by a real account
# that is not one of the walking users (admin actions act on it).
URL_ARGS: dict[str, str] = {
    "filename": "tipline.css",
    "tip_id": MISSING_ID,
    "attachment_id": MISSING_ID,
    "tag_id": MISSING_ID,
    "user_id": "target_user_id",
    "case_id": MISSING_ID,
    "message_id": MISSING_ID,
    "number": "1",
    "shared_file_id": MISSING_ID,
}

ROLES = ("anon", "organizer", "reviewer", "admin")


def _rules(app: Flask) -> list[Rule]:
    return sorted(app.url_map.iter_rules(), key=lambda rule: rule.endpoint)


def test_every_route_is_in_the_table(review_app: Flask) -> None:
    endpoints = {rule.endpoint for rule in _rules(review_app)}
    missing = sorted(endpoints - EXPECTED.keys())
    assert not missing, f"add these endpoints to EXPECTED in {__file__}: {missing}"
    stale = sorted(EXPECTED.keys() - endpoints)
    assert not stale, f"these EXPECTED rows name no registered endpoint: {stale}"


def _request(client: Any, rule: Rule, args: dict[str, str]) -> Any:
    path = rule.build(args, append_unknown=False)
    assert path is not None
    url = path[1]
    if "GET" in (rule.methods or ()):
        return client.get(url)
    return client.post(url, data={})


def _outcome(response: Any) -> int | str:
    if response.status_code in (301, 302, 303, 307, 308):
        return urlsplit(response.headers["Location"]).path
    return int(response.status_code)


@pytest.mark.parametrize("role", ROLES)
def test_every_route_as_every_role(
    role: str, review_app: Flask, db_session: Session, org_identity: Identity
) -> None:
    config = review_app.config
    target = make_user(db_session, config, org_identity, role="organizer", username="target")
    # A second admin, so disabling never trips the last-admin rule.
    make_user(db_session, config, org_identity, role="admin", username="spare-admin")
    user = None
    if role != "anon":
        user = make_user(db_session, config, org_identity, role=role, username=f"walker-{role}")
    args = {
        name: (target.id if value == "target_user_id" else value)
        for name, value in URL_ARGS.items()
    }
    failures = []
    for rule in _rules(review_app):
        expected = EXPECTED.get(rule.endpoint)
        if expected is None:
            continue  # reported by test_every_route_is_in_the_table
        client = review_app.test_client()
        if user is not None:
            login(client, user)
        response = _request(client, rule, args)
        got = _outcome(response)
        if got != expected[role]:
            failures.append(
                f"{rule.endpoint} ({rule.rule}) as {role}: expected {expected[role]!r}, got {got!r}"
            )
    assert not failures, "\n".join(failures)


def test_forbidden_pages_render_the_error_page(review_app: Flask, organizer_client: Any) -> None:
    response = organizer_client.get("/admin/")
    assert response.status_code == 403
    assert "Not allowed" in response.get_data(as_text=True)
