"""The search page: POST only, unlocked reviewers only, audited without the query."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from tests.cases.factories import new_case, sealed_tip
from tipline.blobs import BlobStore
from tipline.crypto import Recipient
from tipline.models import AuditEvent, ReviewSession, Tip, User

MONTGOMERY, BUCKS = "42091", "42017"
SECRET_QUERY = "Pérez Norristown"


def page(response: object) -> str:
    return response.get_data(as_text=True)  # type: ignore[attr-defined, no-any-return]


def audit_rows(session: Session, user: User) -> list[AuditEvent]:
    query = select(AuditEvent).where(AuditEvent.actor_id == user.id).order_by(AuditEvent.seq)
    return list(session.scalars(query))


@pytest.fixture
def two_tips(db_session: Session, blobs: BlobStore, recipients: list[Recipient]) -> list[Tip]:
    return [
        sealed_tip(
            db_session,
            blobs,
            recipients,
            "El señor Pérez fue detenido en NORRISTOWN.",
            county_fips=MONTGOMERY,
            language="es",
        ),
        sealed_tip(
            db_session,
            blobs,
            recipients,
            "Perez was seen in Norristown again.",
            hour=1,
            county_fips=BUCKS,
        ),
    ]


def test_search_finds_and_audits_without_the_query(
    reviewer_client: FlaskClient,
    reviewer_user: User,
    db_session: Session,
    two_tips: list[Tip],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    response = reviewer_client.post("/search", data={"q": SECRET_QUERY})
    text = page(response)
    assert response.status_code == 200
    assert all(f'data-tip="{tip.id}"' in text for tip in two_tips)
    assert "<mark>Pérez</mark>" in text and "<mark>NORRISTOWN</mark>" in text
    rows = [row for row in audit_rows(db_session, reviewer_user) if row.action == "search"]
    assert len(rows) == 1
    for row in rows:
        fields = (row.action, row.object_type, row.object_id, row.actor_name)
        assert not any("rez" in str(value) or "orristown" in str(value) for value in fields)
    assert "orristown" not in caplog.text and "Pérez" not in caplog.text


def test_search_combines_with_inbox_filters(
    reviewer_client: FlaskClient, two_tips: list[Tip]
) -> None:
    text = page(reviewer_client.post("/search", data={"q": "norristown", "county": BUCKS}))
    assert f'data-tip="{two_tips[1].id}"' in text and f'data-tip="{two_tips[0].id}"' not in text
    # A GET from the inbox pre-fills the filters, but never searches.
    prefilled = page(reviewer_client.get(f"/search?county={BUCKS}&q=norristown"))
    assert f'value="{BUCKS}" selected' in prefilled and "data-tip=" not in prefilled


def test_search_within_a_case(
    reviewer_client: FlaskClient,
    reviewer_user: User,
    db_session: Session,
    recipients: list[Recipient],
    two_tips: list[Tip],
) -> None:
    case = new_case(db_session, reviewer_user, recipients, [two_tips[0]], title="Pérez case")
    text = page(reviewer_client.post("/search", data={"q": "perez", "case": case.id}))
    assert f'data-tip="{two_tips[0].id}"' in text and f'data-tip="{two_tips[1].id}"' not in text
    assert f'data-case="{case.id}"' in text  # the case title matched too


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "Type a word or a phrase"),
        ("   ", "Type a word or a phrase"),
        ("x" * 5000, "at most 200 characters"),
        ("!!! ...", "at least one letter or digit"),
    ],
)
def test_bad_queries_get_a_clear_message(
    reviewer_client: FlaskClient,
    reviewer_user: User,
    db_session: Session,
    query: str,
    message: str,
) -> None:
    response = reviewer_client.post("/search", data={"q": query})
    assert response.status_code == 400 and message in page(response)
    assert "search" not in [row.action for row in audit_rows(db_session, reviewer_user)]


def test_hostile_queries_are_inert(
    reviewer_client: FlaskClient,
    db_session: Session,
    blobs: BlobStore,
    recipients: list[Recipient],
) -> None:
    tip = sealed_tip(db_session, blobs, recipients, "he wrote <script>alert(1)</script> (.*)")
    text = page(reviewer_client.post("/search", data={"q": "<script>"}))
    assert f'data-tip="{tip.id}"' in text
    assert "<script>alert" not in text and "&lt;script&gt;" in text
    regex = page(reviewer_client.post("/search", data={"q": "wrote (.*)"}))
    assert f'data-tip="{tip.id}"' in regex
    nothing = page(reviewer_client.post("/search", data={"q": "[a-z]+"}))
    assert "data-tip=" not in nothing


def test_bad_filters_and_cursors_are_refused(reviewer_client: FlaskClient) -> None:
    response = reviewer_client.post("/search", data={"q": "x", "county": "99999"})
    assert response.status_code == 400 and "not known" in page(response)
    response = reviewer_client.post("/search", data={"q": "x", "before": "garbage"})
    assert response.status_code == 400 and "not valid" in page(response)


def test_organizers_cannot_search(organizer_client: FlaskClient, two_tips: list[Tip]) -> None:
    assert organizer_client.get("/search").status_code == 403
    response = organizer_client.post("/search", data={"q": "norristown"})
    assert response.status_code == 403 and "data-tip=" not in page(response)


def test_a_locked_session_cannot_search(
    reviewer_client: FlaskClient, reviewer_user: User, db_session: Session, two_tips: list[Tip]
) -> None:
    db_session.execute(
        update(ReviewSession)
        .where(ReviewSession.user_id == reviewer_user.id)
        .values(sealed_identity=None)
    )
    response = reviewer_client.post("/search", data={"q": "norristown"})
    assert response.status_code == 403 and "Key not available" in page(response)
    assert "data-tip=" not in page(response)


def test_the_query_is_never_in_a_link(reviewer_client: FlaskClient, two_tips: list[Tip]) -> None:
    text = page(reviewer_client.post("/search", data={"q": "norristown"}))
    assert 'method="get"' not in text.split('aria-label="Search"')[0][-200:]
    assert "?q=" not in text and "q=norristown" not in text
    assert 'autocomplete="off"' in text


def test_search_reads_take_no_write_lock_and_the_audit_gets_its_own_transaction(
    reviewer_client: FlaskClient,
    reviewer_user: User,
    db_session: Session,
    two_tips: list[Tip],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """On SQLite a search (seconds of decrypting) must not make submissions wait.

    Its reads run in a transaction begun with a plain BEGIN (``read_only``),
    and the one write, the audit event, in a transaction of its own after
    them: a write inside the reading transaction could fail with "database
    is locked" once a source has committed meanwhile.
    """
    from tipline.db import READ_ONLY
    from tipline.review import search as view

    seen: dict[str, object] = {}
    real_find, real_record = view.find, view.record_search

    def spying_find(ctx: Any, *args: Any, **kwargs: Any) -> Any:
        options = ctx.session.connection().get_execution_options()
        seen["reads_read_only"] = options.get(READ_ONLY, False)
        seen["reads_in"] = ctx.session.get_transaction()
        return real_find(ctx, *args, **kwargs)

    def spying_record(session: Session, actor: User) -> None:
        seen["audit_in"] = session.get_transaction()
        real_record(session, actor)

    monkeypatch.setattr(view, "find", spying_find)
    monkeypatch.setattr(view, "record_search", spying_record)
    response = reviewer_client.post("/search", data={"q": "Norristown"})
    assert response.status_code == 200
    assert "Perez was seen" in page(response)
    assert seen["reads_read_only"] is True
    assert seen["audit_in"] is not seen["reads_in"]
    assert [row.action for row in audit_rows(db_session, reviewer_user)][-1:] == ["search"]
