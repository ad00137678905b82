"""Page numbers and cursors in query strings: any value gets a page, never a 500.

A number too large for a 64-bit database integer used to reach the database
(``OFFSET`` on /organizer and /cases/, ``seq <`` on /admin/audit) and fail
there. Out-of-range values are clamped, words are ignored.
"""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

HUGE = ("99999999999999999999", "9223372036854775808", "-9223372036854775809", "1e9", "-1", "0")


@pytest.mark.parametrize("value", HUGE)
def test_organizer_page_number(organizer_client: FlaskClient, value: str) -> None:
    response = organizer_client.get(f"/organizer?page={value}")
    assert response.status_code == 200


@pytest.mark.parametrize("value", HUGE)
def test_case_list_page_number(reviewer_client: FlaskClient, value: str) -> None:
    response = reviewer_client.get(f"/cases/?page={value}")
    assert response.status_code == 200


@pytest.mark.parametrize("value", HUGE)
def test_audit_log_cursor(admin_client: FlaskClient, value: str) -> None:
    response = admin_client.get(f"/admin/audit?before={value}")
    assert response.status_code == 200


def test_a_page_past_the_end_is_empty_but_links_back(admin_client: FlaskClient) -> None:
    page = admin_client.get("/admin/audit?before=1").get_data(as_text=True)
    assert "/admin/audit" in page
