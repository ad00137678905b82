"""The summary editor pages: write, see findings highlighted, decide, approve."""

from __future__ import annotations

import re
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from tests.cases.factories import new_case, sealed_tip
from tests.exports_web.conftest import EMAIL, NAME, PHONE, REDACTED, SECRETS, SUMMARY
from tipline.blobs import BlobStore
from tipline.crypto import Recipient
from tipline.models import AuditEvent, Case, Summary, Tip, User

DECISION = re.compile(r'name="(decision-[^"]+)" value="redact"')


@pytest.fixture
def page_tip(db_session: Session, blobs: BlobStore, recipients: list[Recipient]) -> Tip:
    return sealed_tip(db_session, blobs, recipients, "The source's own words, sealed.")


@pytest.fixture
def page_case(
    db_session: Session, reviewer_user: User, recipients: list[Recipient], page_tip: Tip
) -> Case:
    return new_case(db_session, reviewer_user, recipients, [page_tip], people=[NAME])


def _summary(session: Session) -> Summary:
    session.expire_all()
    return session.scalars(select(Summary)).one()


def _v(session: Session) -> str:
    """The summary's current version, as the forms carry it."""
    return str(_summary(session).version)


def _decisions(page: str, value: str = "redact") -> dict[str, str]:
    return {name: value for name in DECISION.findall(page)}


def _save(client: FlaskClient, url: str, body: str, version: str = "", **extra: str) -> Any:
    return client.post(url, data={"text": body, "style": "label", "version": version, **extra})


def test_a_new_summary_page(reviewer_client: FlaskClient, page_tip: Tip) -> None:
    page = reviewer_client.get(f"/tips/{page_tip.id}/summary").get_data(as_text=True)
    assert "Write the summary" in page and "Not written yet" in page
    assert "Identifying details" not in page  # nothing to check yet
    assert "The source's own words" not in page  # the tip itself is not shown here


def test_findings_are_highlighted_in_place(
    reviewer_client: FlaskClient, page_case: Case, db_session: Session
) -> None:
    url = f"/cases/{page_case.id}/summary"
    response = _save(reviewer_client, url, SUMMARY)
    assert response.status_code == 302 and response.headers["Location"].endswith(url)
    page = reviewer_client.get(url).get_data(as_text=True)
    for secret in (NAME, PHONE, EMAIL):
        assert re.search(
            rf'<mark class="finding finding--undecided"[^>]*>{re.escape(secret)}</mark>', page
        ), secret
    assert len(_decisions(page)) == 4
    assert "4 not decided yet" in page and "still need a decision" in page
    assert "Approve for sharing" not in page
    summary = _summary(db_session)
    actions = db_session.scalars(
        select(AuditEvent.action).where(AuditEvent.object_id == summary.id)
    ).all()
    assert "summary.edit" in actions and "summary.view" in actions


def test_the_draft_is_not_in_the_database_in_the_clear(
    reviewer_client: FlaskClient, page_case: Case, db_session: Session
) -> None:
    _save(reviewer_client, f"/cases/{page_case.id}/summary", SUMMARY)
    rows = db_session.execute(text("SELECT * FROM summaries")).all()
    blob = repr(rows).encode() + b"".join(v for row in rows for v in row if isinstance(v, bytes))
    assert rows and not any(secret.encode() in blob for secret in SECRETS)


def test_accept_or_reject_each_finding_then_approve(
    reviewer_client: FlaskClient, page_case: Case, db_session: Session
) -> None:
    url = f"/cases/{page_case.id}/summary"
    _save(reviewer_client, url, SUMMARY)
    choices = _decisions(reviewer_client.get(url).get_data(as_text=True))
    phone = next(name for name in choices if name.startswith("decision-phone-"))
    # Decide all but the phone number: approval is refused.
    partial = {name: "redact" for name in choices if name != phone}
    reviewer_client.post(f"{url}/findings", data={"version": _v(db_session), **partial})
    response = reviewer_client.post(
        f"{url}/approve", data={"version": _v(db_session)}, follow_redirects=True
    )
    assert "Decide on every flagged detail first (1 left)" in response.get_data(as_text=True)
    assert _summary(db_session).status == "draft"
    page = reviewer_client.get(url).get_data(as_text=True)
    assert re.search(rf'<mark class="finding finding--redact"[^>]*>{NAME}</mark>', page)
    assert re.search(rf'<mark class="finding finding--undecided"[^>]*>{PHONE}</mark>', page)
    # Keep the phone number (say, a public hotline), then approve.
    reviewer_client.post(f"{url}/findings", data={"version": _v(db_session), phone: "keep"})
    page = reviewer_client.get(url).get_data(as_text=True)
    assert re.search(rf'<mark class="finding finding--keep"[^>]*>{PHONE}</mark>', page)
    response = reviewer_client.post(
        f"{url}/approve", data={"version": _v(db_session)}, follow_redirects=True
    )
    assert "Approved: organizers can now see" in response.get_data(as_text=True)
    summary = _summary(db_session)
    assert summary.status == "approved" and summary.approved_text is not None
    assert PHONE in summary.approved_text and NAME not in summary.approved_text
    assert EMAIL not in summary.approved_text


def summary_text(client: FlaskClient, url: str) -> str:
    """The "what organizers will see" box of the editor."""
    page = client.get(url).get_data(as_text=True)
    match = re.search(r'<div class="summary-preview" dir="auto">(.*?)</div>', page, re.S)
    assert match, page
    return match.group(1)


def test_approved_text_has_the_replacements(
    reviewer_client: FlaskClient, page_case: Case, db_session: Session
) -> None:
    url = f"/cases/{page_case.id}/summary"
    _save(reviewer_client, url, SUMMARY)
    choices = _decisions(reviewer_client.get(url).get_data(as_text=True))
    reviewer_client.post(f"{url}/findings", data={"version": _v(db_session), **choices})
    assert summary_text(reviewer_client, url) == REDACTED.replace("'", "&#39;")
    reviewer_client.post(f"{url}/approve", data={"version": _v(db_session)})
    assert _summary(db_session).approved_text == REDACTED


def test_editing_after_approval_needs_approval_again(
    reviewer_client: FlaskClient, page_case: Case, db_session: Session
) -> None:
    url = f"/cases/{page_case.id}/summary"
    _save(reviewer_client, url, SUMMARY)
    reviewer_client.post(
        f"{url}/findings",
        data={
            "version": _v(db_session),
            **_decisions(reviewer_client.get(url).get_data(as_text=True)),
        },
    )
    reviewer_client.post(f"{url}/approve", data={"version": _v(db_session)})
    assert _summary(db_session).status == "approved"
    page = reviewer_client.get(url).get_data(as_text=True)
    assert "takes the summary out of exports" in page
    response = _save(reviewer_client, url, SUMMARY + " More later.", version=_v(db_session))
    assert response.status_code == 302
    summary = _summary(db_session)
    assert summary.status == "draft" and summary.approved_text is None
    page = reviewer_client.get(url).get_data(as_text=True)
    assert "Approve for sharing" in page  # decisions carried over: ready again


def test_a_stale_form_is_refused(
    reviewer_client: FlaskClient, page_case: Case, db_session: Session
) -> None:
    url = f"/cases/{page_case.id}/summary"
    _save(reviewer_client, url, SUMMARY)
    response = _save(reviewer_client, url, "Someone else's older text.", version="0")
    assert response.status_code == 400
    assert "changed since the page was loaded" in response.get_data(as_text=True)
    response = reviewer_client.post(f"{url}/approve", data={"version": "x"}, follow_redirects=True)
    assert "changed since the page was loaded" in response.get_data(as_text=True)


def test_empty_text_and_unsaved_summaries(
    reviewer_client: FlaskClient, page_tip: Tip, db_session: Session
) -> None:
    url = f"/tips/{page_tip.id}/summary"
    response = _save(reviewer_client, url, "   ")
    assert response.status_code == 400 and "it is empty" in response.get_data(as_text=True)
    response = reviewer_client.post(f"{url}/approve", data={"version": "1"}, follow_redirects=True)
    assert "Write and save the summary first" in response.get_data(as_text=True)
    assert db_session.scalars(select(Summary)).all() == []


def test_tip_summary_redacts_names_of_its_cases(
    admin_client: FlaskClient, page_tip: Tip, page_case: Case, db_session: Session
) -> None:
    url = f"/tips/{page_tip.id}/summary"
    _save(admin_client, url, "maria lopez was moved at night.")
    page = admin_client.get(url).get_data(as_text=True)
    assert '<mark class="finding finding--undecided" title="name">maria lopez</mark>' in page
    assert "Back to the tip" in page


def test_the_draft_is_shown_escaped(reviewer_client: FlaskClient, page_tip: Tip) -> None:
    url = f"/tips/{page_tip.id}/summary"
    _save(reviewer_client, url, "<script>alert(1)</script> at 610-555-0142")
    page = reviewer_client.get(url).get_data(as_text=True)
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page


def test_tip_and_case_pages_link_to_the_editor(
    reviewer_client: FlaskClient, page_tip: Tip, page_case: Case
) -> None:
    tip_page = reviewer_client.get(f"/tips/{page_tip.id}").get_data(as_text=True)
    assert f'href="/tips/{page_tip.id}/summary"' in tip_page
    assert "Write a summary for sharing" in tip_page
    _save(reviewer_client, f"/cases/{page_case.id}/summary", "Short.")
    case_page = reviewer_client.get(f"/cases/{page_case.id}").get_data(as_text=True)
    assert f'href="/cases/{page_case.id}/summary"' in case_page
    assert "Continue the summary" in case_page


def test_organizers_cannot_open_the_editor(
    organizer_client: FlaskClient, page_tip: Tip, page_case: Case
) -> None:
    for url in (f"/tips/{page_tip.id}/summary", f"/cases/{page_case.id}/summary"):
        assert organizer_client.get(url).status_code == 403
        assert organizer_client.post(url, data={"text": "x"}).status_code == 403
        assert organizer_client.post(f"{url}/approve", data={}).status_code == 403
        assert organizer_client.post(f"{url}/findings", data={}).status_code == 403
