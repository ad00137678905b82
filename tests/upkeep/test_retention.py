"""Retention: each policy, its exceptions, batches, the audit chain, the settings.

Every test runs on SQLite and PostgreSQL. Cheap rows (tests/review/
tip_factories.plain_tip) stand in for tips where only clear columns matter.
"""

from __future__ import annotations

import ast
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

import tipline
from tests.cases.factories import new_case
from tests.review.tip_factories import plain_tip
from tipline import audit
from tipline.blobs import BlobStore
from tipline.cases.service import change_status as change_case_status
from tipline.models import AuditEvent, Message, Tip, User
from tipline.models.base import new_id
from tipline.retention import RetentionError, policy, sweep
from tipline.tips.workflow import change_status

NOW = datetime(2025, 6, 1, 12)
POLICY = {"spam": 30, "closed": 90, "silent": 60}


def _tip(
    session: Session, status: str, days_ago: float | None, *, received_days_ago: int = 400
) -> Tip:
    tip = plain_tip(session, hour=NOW - timedelta(days=received_days_ago), status=status)
    if days_ago is not None:
        tip.status_changed_at = NOW - timedelta(days=days_ago)
    session.flush()
    return tip


def _message(session: Session, tip: Tip, days_ago: float, seq: int = 1) -> Message:
    message = Message(
        tip_id=tip.id,
        seq=seq,
        author="source",
        sent_at=NOW - timedelta(days=days_ago),
        body_blob=new_id(),
        size_bucket=1024,
    )
    session.add(message)
    session.flush()
    return message


def _due(session: Session, days: dict[str, int | None] | None = None) -> dict[str, str]:
    return {c.tip_id: c.policy for c in sweep.find(session, days or POLICY, NOW)}


def test_spam_counts_from_when_it_was_marked(db_session: Session) -> None:
    old = _tip(db_session, "spam", 31)
    fresh = _tip(db_session, "spam", 29)
    never_changed = _tip(db_session, "spam", None)  # falls back to the hour it arrived
    young = _tip(db_session, "spam", None, received_days_ago=3)
    due = _due(db_session)
    assert due.get(old.id) == "spam" and due.get(never_changed.id) == "spam"
    assert fresh.id not in due and young.id not in due


def test_closed_tips_in_an_open_case_are_kept(
    db_session: Session, reviewer_user: User, recipients: list[Any]
) -> None:
    alone = _tip(db_session, "closed", 91)
    recent = _tip(db_session, "closed", 80)
    in_open = _tip(db_session, "closed", 91)
    in_closed = _tip(db_session, "closed", 91)
    triaged = _tip(db_session, "triaged", 200)
    new_case(db_session, reviewer_user, recipients, [in_open])
    done = new_case(db_session, reviewer_user, recipients, [in_closed])
    change_case_status(db_session, done, "closed", expected="open", actor=reviewer_user)
    due = _due(db_session)
    assert due.get(alone.id) == "closed" and due.get(in_closed.id) == "closed"
    assert not {recent.id, in_open.id, triaged.id} & due.keys()


def test_silent_conversations_go_and_their_tips_stay(db_session: Session) -> None:
    quiet = _tip(db_session, "triaged", None)
    _message(db_session, quiet, 100)
    _message(db_session, quiet, 61, seq=2)
    talking = _tip(db_session, "triaged", None)
    _message(db_session, talking, 100)
    _message(db_session, talking, 5, seq=2)
    no_messages = _tip(db_session, "triaged", None)
    due = _due(db_session)
    assert due.get(quiet.id) == "silent"
    assert not {talking.id, no_messages.id} & due.keys()
    report = sweep.run(db_session, BlobStore("/nonexistent"), POLICY, NOW)
    assert report.tips == {"silent": 1} and report.rows["messages"] == 2
    assert db_session.get(Tip, quiet.id) is not None
    assert not db_session.scalars(select(Message).where(Message.tip_id == quiet.id)).all()
    assert _due(db_session) == {}


def test_keep_forever_deletes_nothing(db_session: Session) -> None:
    _tip(db_session, "spam", 3000)
    _tip(db_session, "closed", 3000)
    assert _due(db_session, {"spam": None, "closed": None, "silent": None}) == {}


def test_a_tip_reopened_after_it_was_found_is_not_deleted(
    db_session: Session, reviewer_user: User
) -> None:
    tip = _tip(db_session, "closed", 100)
    (candidate,) = sweep.find(db_session, POLICY, NOW)
    change_status(db_session, tip, "corroborating", expected="closed", actor=reviewer_user)
    assert sweep.delete_due(db_session, candidate, POLICY, NOW) is None
    assert db_session.get(Tip, tip.id) is not None


def test_run_deletes_in_batches_and_audits_each_tip_with_counts(
    db_session: Session, full: Any, blobs: BlobStore
) -> None:
    made = full(status="closed")
    made.tip.status_changed_at = NOW - timedelta(days=200)
    spam = [_tip(db_session, "spam", 40) for _ in range(4)]
    first = db_session.scalar(select(func.max(AuditEvent.seq))) or 0

    report = sweep.run(db_session, blobs, POLICY, NOW, batch_size=2)

    assert report.tips == {"spam": 4, "closed": 1} and not report.stopped
    assert report.blobs == len(made.blob_ids)
    assert not any(blobs.exists(blob_id) for blob_id in made.blob_ids)
    for tip in [made.tip, *spam]:
        assert db_session.get(Tip, tip.id) is None
    events = db_session.scalars(
        select(AuditEvent).where(AuditEvent.seq > first, AuditEvent.action.like("retention.%"))
    ).all()
    assert sorted(e.action for e in events) == ["retention.closed"] + ["retention.spam"] * 4
    closed = next(e for e in events if e.action == "retention.closed")
    assert closed.object_id == made.tip.id and closed.actor_id is None
    assert audit.event_counts(closed)["attachments"] == 3
    assert audit.verify(db_session).ok


def test_run_stops_between_batches_when_asked(db_session: Session) -> None:
    for _ in range(3):
        _tip(db_session, "spam", 40)
    calls = iter([False, True])
    report = sweep.run(
        db_session,
        BlobStore("/nonexistent"),
        POLICY,
        NOW,
        batch_size=2,
        should_stop=lambda: next(calls),
    )
    assert report.stopped and report.tips == {"spam": 2}


def test_settings_follow_the_configuration_until_an_admin_sets_them(
    db_session: Session, admin_user: User
) -> None:
    config = {"RETENTION_SPAM_DAYS": 14, "RETENTION_CLOSED_DAYS": None}
    values = policy.effective(db_session, config)
    assert (values["spam"].days, values["spam"].source) == (14, "configuration")
    assert values["closed"].days is None and values["silent"].days is None

    assert policy.set_days(db_session, "spam", None, actor=admin_user)  # keep forever
    assert policy.set_days(db_session, "closed", 365, actor=admin_user)
    assert not policy.set_days(db_session, "closed", 365, actor=admin_user)
    values = policy.effective(db_session, config)
    assert (values["spam"].days, values["spam"].source) == (None, "admin")
    assert values["closed"].days == 365

    assert policy.follow_configuration(db_session, "spam", actor=admin_user)
    assert policy.days_by_policy(db_session, config)["spam"] == 14
    actions = db_session.scalars(
        select(AuditEvent.action).where(AuditEvent.object_type == "retention")
    ).all()
    assert actions == ["retention.set", "retention.set", "retention.reset"]
    for bad in (0, -1, 10**6):
        with pytest.raises(RetentionError):
            policy.set_days(db_session, "spam", bad, actor=admin_user)
    with pytest.raises(RetentionError):
        policy.set_days(db_session, "everything", 1, actor=admin_user)


def test_every_change_of_a_tips_status_stamps_when() -> None:
    """Retention counts from ``status_changed_at``: code that sets a tip's status
    without stamping it would let a tip marked spam today be deleted today."""
    offenders = []
    for path in sorted(Path(tipline.__file__).parent.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "values":
                keywords = {keyword.arg for keyword in node.keywords}
                stamped = "status_changed_at" in keywords
                if "status" in keywords and "update(Tip)" in ast.unparse(node) and not stamped:
                    offenders.append(f"{path}:{node.lineno}")
            if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Attribute) and t.attr == "status" and "tip" in ast.unparse(t)
                for t in node.targets
            ):
                offenders.append(f"{path}:{node.lineno} (assigns tip.status)")
    assert not offenders, f"set status_changed_at=utcnow() with the status: {offenders}"
