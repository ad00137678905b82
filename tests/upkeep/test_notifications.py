"""Notification mail: opting in, noticing activity, and delivery to a real SMTP server.

The server is aiosmtpd started in the test (tests/upkeep/mailserver.py),
with STARTTLS (or implicit TLS), a certificate the client must verify and a
login; nothing is mocked. Delivery runs as the worker runs it, inside the
test's rolled-back transaction, on SQLite and PostgreSQL.
"""

from __future__ import annotations

import logging
import smtplib
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tests.review.factories import make_user
from tests.review.tip_factories import plain_tip
from tests.upkeep.mailserver import PASSWORD, free_port, mail_server
from tipline import audit
from tipline.blobs import BlobStore
from tipline.crypto import HybridIdentity
from tipline.db import Database
from tipline.models import (
    AuditEvent,
    Message,
    NotificationSubscription,
    OutgoingMail,
    Tip,
    User,
)
from tipline.models.base import new_id
from tipline.notify import NotifyError, activity, mail, subscriptions
from tipline.worker.jobs import JobResult
from tipline.worker.runner import Worker

ADDRESS = "lawyer@example.org"
T0 = datetime(2025, 6, 2, 9)


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


def _notify(bound: Database, config: dict[str, Any], clock: Clock) -> JobResult:
    worker = Worker(config, bound, BlobStore("/nonexistent"), clock=clock)
    worker.prepare()
    return worker.run_due(["notifications"], force=True)["notifications"]


@pytest.fixture
def subscribed(db_session: Session, review_app: Flask, reviewer_user: User) -> User:
    subscriptions.choose(db_session, review_app.config, reviewer_user, "immediate", ADDRESS)
    db_session.commit()
    return reviewer_user


@pytest.fixture
def password(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("TIPLINE_SMTP_PASSWORD", PASSWORD)
    return PASSWORD


# -- choosing ----------------------------------------------------------------------


def test_the_address_is_sealed_and_opting_out_forgets_it(
    db_session: Session, review_app: Flask, reviewer_user: User, organizer_user: User
) -> None:
    config = review_app.config
    assert subscriptions.choose(db_session, config, reviewer_user, "daily", " Lawyer@Example.ORG ")
    row = db_session.get(NotificationSubscription, reviewer_user.id)
    assert row is not None and b"xample" not in row.email_sealed
    assert subscriptions.current(db_session, config, reviewer_user) == subscriptions.Choice(
        "daily", "Lawyer@example.org"
    )
    assert not subscriptions.choose(
        db_session, config, reviewer_user, "daily", "Lawyer@example.org"
    )
    db_session.add(OutgoingMail(user_id=reviewer_user.id))
    assert subscriptions.choose(db_session, config, reviewer_user, "off", None)
    assert db_session.get(NotificationSubscription, reviewer_user.id) is None
    assert not db_session.scalars(select(OutgoingMail)).all()
    actions = db_session.scalars(
        select(AuditEvent.action)
        .where(AuditEvent.action.like("notify.%"))
        .order_by(AuditEvent.seq)  # without it PostgreSQL may answer in any order
    ).all()
    assert actions == ["notify.subscribe", "notify.unsubscribe"]
    for bad in ("not an address", "", "a@b@c"):
        with pytest.raises(NotifyError):
            subscriptions.choose(db_session, config, reviewer_user, "immediate", bad)
    with pytest.raises(NotifyError):
        subscriptions.choose(db_session, config, organizer_user, "immediate", ADDRESS)


def test_the_account_page_saves_the_choice(
    reviewer_client: FlaskClient, db_session: Session, reviewer_user: User
) -> None:
    page = reviewer_client.get("/account").get_data(as_text=True)
    assert "Email notifications" in page and "does not send email yet" in page
    response = reviewer_client.post(
        "/account/notifications", data={"mode": "immediate", "email": "nope"}
    )
    assert response.status_code == 400
    assert "does not look right" in response.get_data(as_text=True)
    response = reviewer_client.post(
        "/account/notifications", data={"mode": "daily", "email": ADDRESS}
    )
    assert response.status_code == 302
    row = db_session.get(NotificationSubscription, reviewer_user.id)
    assert row is not None and row.mode == "daily"
    assert ADDRESS in reviewer_client.get("/account").get_data(as_text=True)


# -- noticing ----------------------------------------------------------------------


def test_tips_and_source_messages_are_news_replies_are_not(
    db_session: Session, subscribed: User
) -> None:
    tip = plain_tip(db_session)
    assert activity.collect(db_session)
    assert db_session.get(NotificationSubscription, subscribed.id).pending  # type: ignore[union-attr]
    assert not activity.collect(db_session)
    for seq, author, news in ((1, "organization", False), (2, "source", True)):
        author_id = subscribed.id if author == "organization" else None
        db_session.add(
            Message(
                id=new_id(),
                tip_id=tip.id,
                seq=seq,
                author=author,
                author_id=author_id,
                sent_at=T0,
                body_blob=new_id(),
                size_bucket=1024,
            )
        )
        db_session.flush()
        assert activity.collect(db_session) is news


def test_immediate_mail_is_spaced_out_and_digests_are_daily(
    db_session: Session, review_app: Flask, subscribed: User, org_identity: HybridIdentity
) -> None:
    daily = make_user(db_session, review_app.config, org_identity, role="admin")
    subscriptions.choose(db_session, review_app.config, daily, "daily", "admin@example.org")
    timing = activity.Timing(min_minutes=15, digest_hour=8)
    plain_tip(db_session)
    activity.collect(db_session)
    early = T0.replace(hour=7)
    assert activity.enqueue(db_session, timing, early) == 1  # immediate only; digest waits
    plain_tip(db_session)
    activity.collect(db_session)
    assert activity.enqueue(db_session, timing, early + timedelta(minutes=5)) == 0
    assert activity.enqueue(db_session, timing, early + timedelta(minutes=15)) == 1
    assert activity.enqueue(db_session, timing, T0) == 1  # 09:00: the digest
    plain_tip(db_session)
    activity.collect(db_session)
    assert activity.enqueue(db_session, timing, T0 + timedelta(hours=3)) == 1  # immediate
    assert db_session.get(NotificationSubscription, daily.id).pending  # type: ignore[union-attr]
    assert activity.enqueue(db_session, timing, T0 + timedelta(days=1)) == 1  # next day
    daily.disabled = True
    plain_tip(db_session)
    activity.collect(db_session)
    assert activity.enqueue(db_session, timing, T0 + timedelta(days=2)) == 1  # not the disabled


# -- sending -----------------------------------------------------------------------


def test_a_mail_over_starttls_says_only_that_there_is_activity(
    bound: Database,
    review_app: Flask,
    db_session: Session,
    subscribed: User,
    password: str,
    tmp_path: Path,
) -> None:
    tip = plain_tip(db_session, county_fips="42091")
    db_session.commit()
    with mail_server(tmp_path) as server:
        result = _notify(bound, {**review_app.config, **server.config()}, Clock())
        assert result == JobResult(True, "queued 1, sent 1")
        assert len(server.messages) == 1
    message = server.messages[0]
    assert server.recipients == [[ADDRESS]]
    assert message["Subject"] == "New activity"
    assert message["From"] == "notifications@tipline.example"
    body = message.get_payload(decode=True).decode().replace("\r\n", "\n")  # type: ignore[union-attr]
    assert body == mail.BODY.format(url="https://review.tipline.example/")
    text = message.as_string()
    for leak in (tip.id, "42091", "Montgomery", "1 new", subscribed.username):
        assert leak not in text
    assert message["Message-ID"].endswith("@tipline.example>")
    assert not db_session.scalars(select(OutgoingMail)).all()
    assert db_session.get(Tip, tip.id).notified  # type: ignore[union-attr]


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_implicit_tls_works_too(
    bound: Database,
    review_app: Flask,
    db_session: Session,
    subscribed: User,
    password: str,
    tmp_path: Path,
) -> None:
    plain_tip(db_session)
    db_session.commit()
    with mail_server(tmp_path, implicit_tls=True) as server:
        config = {**review_app.config, **server.config(SMTP_SECURITY="tls")}
        assert _notify(bound, config, Clock()).ok
        assert server.recipients == [[ADDRESS]]


def test_a_dead_server_is_retried_with_back_off_and_logged_without_addresses(
    bound: Database,
    review_app: Flask,
    admin_client: FlaskClient,
    db_session: Session,
    subscribed: User,
    password: str,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    plain_tip(db_session)
    db_session.commit()
    port, clock = free_port(), Clock()
    settings = {
        "SMTP_HOST": "127.0.0.1",
        "SMTP_PORT": port,
        "SMTP_USERNAME": "tipline-notifier",
        "MAIL_FROM": "notifications@tipline.example",
        "REVIEW_URL": "https://review.example/",
    }
    with caplog.at_level(logging.DEBUG):
        result = _notify(bound, {**review_app.config, **settings}, clock)
    assert result == JobResult(False, "queued 1, sent 0, 1 failed (connection); will retry")
    row = db_session.scalars(select(OutgoingMail)).one()
    assert (row.attempts, row.last_error, row.gave_up) == (1, "connection", False)
    assert row.next_attempt_at == T0 + timedelta(minutes=1)
    assert "notification delivery: 1 failed (connection: 1)" in caplog.text
    assert ADDRESS not in caplog.text and "lawyer" not in caplog.text.lower()
    page = admin_client.get("/admin/upkeep/").get_data(as_text=True)
    assert "Sending is failing" in page and "Last error: connection" in page

    # Not due yet: nothing is tried. Then the server comes up, and it goes out.
    clock.now = T0 + timedelta(seconds=30)
    assert _notify(bound, {**review_app.config, **settings}, clock).summary == "queued 0, sent 0"
    with mail_server(tmp_path) as server:
        server_settings = server.config()
        clock.now = T0 + timedelta(minutes=1)
        settings.update(SMTP_PORT=server.port, SMTP_CA_FILE=server_settings["SMTP_CA_FILE"])
        assert _notify(bound, {**review_app.config, **settings}, clock).summary == (
            "queued 0, sent 1"
        )
        assert server.recipients == [[ADDRESS]]


def test_a_wrong_password_is_an_authentication_failure_and_is_given_up(
    bound: Database,
    review_app: Flask,
    db_session: Session,
    subscribed: User,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    monkeypatch.setenv("TIPLINE_SMTP_PASSWORD", "wrong")
    plain_tip(db_session)
    db_session.commit()
    clock = Clock()
    with mail_server(tmp_path) as server:
        config = {**review_app.config, **server.config(NOTIFY_MAX_ATTEMPTS=2)}
        assert "1 failed (authentication)" in _notify(bound, config, clock).summary
        clock.now += timedelta(minutes=1)
        _notify(bound, config, clock)
        assert server.messages == []
    row = db_session.scalars(select(OutgoingMail)).one()
    assert row.gave_up and row.attempts == 2 and row.last_error == "authentication"


def test_without_mail_settings_the_job_says_who_is_missing_out(
    bound: Database, review_app: Flask, subscribed: User
) -> None:
    result = _notify(bound, dict(review_app.config), Clock())
    assert result == JobResult(
        False, "1 reviewer(s) asked for email, but SMTP_HOST, MAIL_FROM or REVIEW_URL is not set"
    )


def test_a_submission_never_touches_the_mail_server(
    make_intake_app: Any, db_session: Session, subscribed: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_args: Any, **_kwargs: Any) -> None:
        raise AssertionError("the intake opened an SMTP connection")

    monkeypatch.setattr(smtplib.SMTP, "__init__", refuse)
    app = make_intake_app(
        SMTP_HOST="192.0.2.1", MAIL_FROM="n@example.org", REVIEW_URL="https://r.example/"
    )
    before = db_session.scalar(select(func.count()).select_from(Tip))
    form = {"what_happened": "A guard told ICE when a man would be released.", "county": "42091"}
    response = app.test_client().post("/tip", data=form)
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    assert db_session.scalar(select(func.count()).select_from(Tip)) == before + 1
    assert not db_session.scalars(select(OutgoingMail)).all()
    assert audit.verify(db_session).ok


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"SMTP_SECURITY": "ssl"}, "SMTP_SECURITY must be one of starttls, tls, none"),
        (
            {"SMTP_HOST": "mail.example.org", "SMTP_SECURITY": "none"},
            "SMTP_SECURITY 'none' is only allowed for a mail server on localhost",
        ),
        ({"SMTP_HOST": "mail.example.org"}, "MAIL_FROM must be the address"),
        (
            {"SMTP_HOST": "mail.example.org", "MAIL_FROM": "n@example.org"},
            "REVIEW_URL must be the review site's address",
        ),
        ({"NOTIFY_DIGEST_HOUR": 24}, "NOTIFY_DIGEST_HOUR must be an hour from 0 to 23"),
        ({"WORKER_SCHEDULE": {"backups": 60}}, "WORKER_SCHEDULE names unknown job(s) backups"),
    ],
)
def test_bad_mail_and_worker_settings_name_themselves(
    settings: dict[str, Any], message: str, base_config: dict[str, Any], instance_dir: Path
) -> None:
    from tipline.config import ConfigError, load_config

    with pytest.raises(ConfigError, match=message.replace("(", r"\(").replace(")", r"\)")):
        load_config(instance_dir, {**base_config, **settings})
