"""TEMPORARY (clean-up check, deleted afterwards): render pages to /tmp/snap/$SNAP."""

from __future__ import annotations

import os
import re
from pathlib import Path

from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from tests.cases.factories import new_case, sealed_tip
from tests.review.factories import make_user
from tests.review.tip_factories import plain_tip
from tipline.keys import load_recipients
from tipline.tips.tags import set_retired

OUT = Path("/tmp/snap") / os.environ.get("SNAP", "x")


def norm(html: str) -> str:
    html = re.sub(r"[0-9a-f]{32}", "ID", html)
    html = re.sub(r"<svg.*?</svg>", "SVG", html, flags=re.S)
    html = re.sub(r'class="totp-secret">[^<]*<', 'class="totp-secret">S<', html)
    html = re.sub(r"\d{4}-\d\d-\d\d \d\d:\d\d", "TIME", html)
    return "\n".join(line.strip() for line in html.splitlines() if line.strip())


def save(name: str, client: FlaskClient, path: str, method: str = "get", **kw) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    response = getattr(client, method)(path, **kw)
    (OUT / f"{name}.html").write_text(f"{response.status_code}\n" + norm(response.get_data(as_text=True)))


def test_snapshot_review(
    reviewer_client: FlaskClient, review_app, db_session: Session, default_tags, keys_dir,
    review_blobs, reviewer_user, org_identity,
) -> None:
    handoff = default_tags["release-time handoff"]
    raid = default_tags["home raid"]
    set_retired(db_session, raid, True)
    plain_tip(db_session, hour=1, county_fips="42091", tags=[handoff])
    plain_tip(db_session, hour=2, county_fips="42017", tags=[raid])
    recipients = load_recipients(keys_dir)
    tip = sealed_tip(db_session, review_blobs, recipients, "A sealed one.")
    case = new_case(db_session, reviewer_user, recipients, [tip])
    make_user(db_session, review_app.config, org_identity, role="reviewer", username="zz-other")
    c = reviewer_client
    save("inbox", c, "/")
    save("inbox_f1", c, f"/?county=42091&tag={handoff.id}")
    save("inbox_f2", c, f"/?status=new&files=yes&unread=1&from=2025-01-01&to=2025-12-31&case={case.id}")
    save("inbox_f3", c, "/?files=no&county=none")
    save("inbox_bad", c, "/?county=1234")
    save("search", c, "/search")
    save("search_f", c, f"/search?status=new&county=42091&tag={raid.id}&files=yes&unread=1&from=2025-01-01")
    save("search_post", c, "/search", method="post", data={"q": "sealed", "county": "42017"})
    save("search_bad", c, "/search?status=zzz")
    save("cases", c, "/cases/")
    save("cases_f", c, f"/cases/?status=open&county=42091&tag={raid.id}&assignee=me")
    save("cases_bad", c, "/cases/?status=zzz")
    save("tip", c, f"/tips/{tip.id}")
    save("case", c, f"/cases/{case.id}")


def test_snapshot_login(review_app, db_session: Session, org_identity, reviewer_user) -> None:
    from tests.review.factories import DEFAULT_PASSWORD

    client = review_app.test_client()
    client.post("/login", data={"username": reviewer_user.username, "password": DEFAULT_PASSWORD})
    save("code", client, "/login/code")
    save("code_bad", client, "/login/code", method="post", data={"code": "000000"})
    save("code_to_enrol", client, "/login/enrol")
    fresh = make_user(db_session, review_app.config, org_identity, role="reviewer", username="zz-new")
    fresh.totp_confirmed = False
    db_session.flush()
    c2 = review_app.test_client()
    c2.post("/login", data={"username": "zz-new", "password": DEFAULT_PASSWORD})
    save("enrol", c2, "/login/enrol")
    save("enrol_bad", c2, "/login/enrol", method="post", data={"code": "000000"})
    save("enrol_to_code", c2, "/login/code")
    save("password_elsewhere", c2, "/login/password")
