"""The organizer view and its exports: what organizers see, download and cannot reach."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.cases.factories import new_case, sealed_tip, tag
from tests.exports_web.factories import approved_summary, draft_summary
from tests.review.factories import login
from tests.review.tip_factories import plain_tip
from tipline.blobs import BlobStore
from tipline.crypto import Identity, Recipient
from tipline.export.rendering.formats import COLUMNS, read_csv, read_json
from tipline.models import AuditEvent, Case, Summary, Tip, User

TIP_TEXT = "Words only the source and the lawyers may read: Quetzal-8812."
SHARED = "A release-time handoff at the Montgomery jail; call [phone]."
DRAFT_TEXT = "Unapproved draft about Zorro-5521."
DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}:\d{2}\b")


class Data:
    def __init__(self, tip: Tip, case: Case, approved: Summary, draft: Summary) -> None:
        self.tip, self.case, self.approved, self.draft = tip, case, approved, draft


@pytest.fixture
def data(
    db_session: Session,
    blobs: BlobStore,
    recipients: list[Recipient],
    actor: User,
    org_identity: Identity,
) -> Data:
    topic = tag(db_session, "release-time handoff")
    tip = sealed_tip(
        db_session,
        blobs,
        recipients,
        TIP_TEXT,
        hour=datetime(2025, 3, 4, 15),
        county_fips="42091",
        tags=[topic],
    )
    other = sealed_tip(
        db_session,
        blobs,
        recipients,
        TIP_TEXT,
        hour=datetime(2025, 4, 2, 9),
        county_fips="42011",
    )
    case = new_case(db_session, actor, recipients, [other], people=["Rosa Diaz"])
    approved = approved_summary(
        db_session,
        tip,
        "A release-time handoff at the Montgomery jail; call 610-555-0142.",
        actor=actor,
        recipients=recipients,
        identity=org_identity,
        today=date(2025, 5, 20),
    )
    draft = draft_summary(
        db_session, case, DRAFT_TEXT, actor=actor, recipients=recipients, identity=org_identity
    )
    # More tips so that some counts are exact and some suppressed.
    for hour in range(4):
        plain_tip(db_session, hour=datetime(2025, 3, 6, hour), county_fips="42091")
    return Data(tip, case, approved, draft)


def _page(client: FlaskClient, url: str = "/organizer") -> str:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


def test_organizers_land_on_the_organizer_view(review_app: Flask, organizer_user: User) -> None:
    response = login(review_app.test_client(), organizer_user)
    assert response.headers["Location"].endswith("/organizer")


def test_the_view_shows_approved_summaries_and_figures_only(
    organizer_client: FlaskClient, data: Data
) -> None:
    page = _page(organizer_client)
    assert SHARED in page.replace("&#39;", "'")
    assert "Approved summaries (1)" in page
    assert DRAFT_TEXT not in page and "Zorro" not in page
    assert "Quetzal" not in page and "610-555-0142" not in page
    assert "Drafts waiting" not in page  # reviewers only
    # Suppression is visible: small counts show as "<3", in tables and charts.
    assert "&lt;3" in page
    assert re.search(r"<th scope=\"row\">Berks County, PA</th><td>&lt;3</td>", page)
    assert 'Tips received (not spam): <strong class="figure-total">6</strong>' in page
    # The two pictures, inline SVG: no script, no external resource.
    assert page.count("<svg") == 2 and "Tips by county" in page and "Tips by month" in page
    assert "<script" not in page and "http://" not in page.replace(
        'xmlns="http://www.w3.org/2000/svg"', ""
    )


def test_the_threshold_comes_from_the_config(
    review_app: Flask, organizer_client: FlaskClient, data: Data
) -> None:
    review_app.config["EXPORT_SUPPRESS_BELOW"] = 10
    page = _page(organizer_client)
    assert "&lt;10" in page and 'figure-total">&lt;10<' in page


def test_reviewers_also_see_drafts_waiting(reviewer_client: FlaskClient, data: Data) -> None:
    page = _page(reviewer_client)
    assert "Drafts waiting for approval" in page
    assert f"/cases/{data.case.id}/summary" in page
    assert DRAFT_TEXT not in page


def test_filters_and_bad_filters(organizer_client: FlaskClient, data: Data) -> None:
    assert "Approved summaries (1)" in _page(organizer_client, "/organizer?county=42091")
    assert "Approved summaries (0)" in _page(organizer_client, "/organizer?county=42011")
    assert "Approved summaries (1)" in _page(organizer_client, "/organizer?month=2025-03")
    assert "Approved summaries (0)" in _page(organizer_client, "/organizer?case_status=open")
    response = organizer_client.get("/organizer?month=yesterday")
    assert response.status_code == 400
    assert "Months look like 2025-03" in response.get_data(as_text=True)
    assert organizer_client.get("/organizer/export.csv?county=99999").status_code == 400


def test_csv_export(organizer_client: FlaskClient, data: Data, db_session: Session) -> None:
    response = organizer_client.get("/organizer/export.csv")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert response.headers["Content-Disposition"].startswith("attachment; filename=")
    body = response.get_data(as_text=True)
    assert body.splitlines()[0] == ",".join(COLUMNS)
    [row] = read_csv(body)
    assert row.summary_id == data.approved.id and row.summary_text == SHARED
    assert (row.month, row.approved_month, row.county_fips) == ("2025-03", "2025-05", "42091")
    assert row.tags == ("release-time handoff",)
    assert data.tip.id not in body and not DATE.search(body)
    assert "Zorro" not in body and "Quetzal" not in body


def test_json_export(organizer_client: FlaskClient, data: Data) -> None:
    response = organizer_client.get("/organizer/export.json?tag=")
    assert response.headers["Content-Type"] == "application/json"
    body = response.get_data(as_text=True)
    document = json.loads(body)
    assert document["format"] == "tipline-export" and document["columns"] == list(COLUMNS)
    assert [row["summary_id"] for row in document["summaries"]] == [data.approved.id]
    assert list(document["summaries"][0]) == list(COLUMNS)
    assert document["aggregates"]["suppress_below"] == 3
    assert document["aggregates"]["total"]["display"] == "6"
    county = {c["key"]: c["display"] for c in document["aggregates"]["by_county"]["cells"]}
    assert county["42011"] == "<3"
    assert read_json(body)[0].summary_text == SHARED
    assert not DATE.search(body) and data.tip.id not in body and "Zorro" not in body


def test_exports_follow_the_filters(organizer_client: FlaskClient, data: Data) -> None:
    body = organizer_client.get("/organizer/export.csv?county=42011").get_data(as_text=True)
    assert read_csv(body) == []
    document = json.loads(organizer_client.get("/organizer/export.json?month=2025-04").data)
    assert document["summaries"] == []
    # The figures never follow the filters (subtracting two selections would
    # reveal small counts).
    assert document["aggregates"]["total"]["display"] == "6"


def test_pdf_export(organizer_client: FlaskClient, data: Data, tmp_path: Path) -> None:
    response = organizer_client.get("/organizer/export.pdf")
    assert response.headers["Content-Type"] == "application/pdf"
    assert response.data.startswith(b"%PDF")
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    path = tmp_path / "report.pdf"
    path.write_bytes(response.data)
    result = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    )
    words = " ".join(result.stdout.split())
    assert "What the tips show" in words and "Montgomery County, PA" in words
    assert "release-time handoff at the Montgomery jail; call [phone]." in words
    assert "610-555-0142" not in words and "Zorro" not in words and "Quetzal" not in words


def test_every_view_and_export_is_audited(
    organizer_client: FlaskClient, organizer_user: User, data: Data, db_session: Session
) -> None:
    _page(organizer_client)
    for kind in ("csv", "json", "pdf"):
        assert organizer_client.get(f"/organizer/export.{kind}").status_code == 200
    actions = db_session.scalars(
        select(AuditEvent.action)
        .where(AuditEvent.actor_id == organizer_user.id, AuditEvent.action.like("export.%"))
        .order_by(AuditEvent.seq)
    ).all()
    assert actions == ["export.view", "export.csv", "export.json", "export.pdf"]
    approvals = db_session.scalars(
        select(AuditEvent).where(AuditEvent.action == "summary.approve")
    ).all()
    assert [(e.object_type, e.object_id) for e in approvals] == [("summary", data.approved.id)]


def test_organizers_reach_nothing_else(organizer_client: FlaskClient, data: Data) -> None:
    for url in (
        "/",
        f"/tips/{data.tip.id}",
        f"/cases/{data.case.id}",
        "/cases/",
        "/search",
        "/admin/",
        "/admin/audit",
        f"/tips/{data.tip.id}/summary",
        f"/cases/{data.case.id}/summary",
    ):
        response = organizer_client.get(url)
        assert response.status_code == 403, url
        assert "Quetzal" not in response.get_data(as_text=True)
    page = _page(organizer_client)
    nav = re.search(r'<nav class="review-nav".*?</nav>', page, re.S)
    assert nav is not None
    links = re.findall(r'<a href="([^"]+)"', nav.group(0))
    assert links == ["/organizer", "/account"]
