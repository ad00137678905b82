"""``tipline maintenance retention``: a dry run by default, ``--apply`` deletes.

The command runs on the test's rolled-back session (``database_session`` in
the CLI module is swapped for one that yields it), so it runs on SQLite and
PostgreSQL alike, as tests/core/test_maintenance.py does.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.orm import Session

from tests.helpers import run_on_session, use_instance_config
from tests.review.tip_factories import plain_tip
from tipline.cli import cli
from tipline.models import Tip
from tipline.models.base import utcnow


@pytest.fixture
def run(
    cli_runner: Any,
    base_config: dict[str, Any],
    instance_dir: Path,
    db_session: Session,
    monkeypatch: pytest.MonkeyPatch,
) -> Any:
    use_instance_config(instance_dir, {**base_config, "RETENTION_SPAM_DAYS": 30})
    run_on_session(monkeypatch, "tipline.cli.retention", db_session)
    return lambda *args: cli_runner.invoke(cli, ["maintenance", "retention", *args])


def _spam(session: Session, days_ago: int) -> Tip:
    tip = plain_tip(session, hour=utcnow() - timedelta(days=400), status="spam")
    tip.status_changed_at = utcnow() - timedelta(days=days_ago)
    session.flush()
    return tip


def test_dry_run_prints_what_would_go_and_deletes_nothing(run: Any, db_session: Session) -> None:
    old, fresh = _spam(db_session, 45), _spam(db_session, 5)
    result = run()
    assert result.exit_code == 0, result.output
    assert "Policy spam: 30 day(s) (from the configuration)." in result.output
    assert "Policy closed: keep forever" in result.output
    assert f"would delete spam    {old.id}" in result.output
    assert fresh.id not in result.output
    assert "spam: 1 tip(s), 0 file(s), 0 message(s)" in result.output
    assert "Dry run: 1 to delete; add --apply" in result.output
    assert db_session.get(Tip, old.id) is not None


def test_apply_deletes_what_is_due(run: Any, db_session: Session) -> None:
    old, fresh = _spam(db_session, 45), _spam(db_session, 5)
    result = run("--apply")
    assert result.exit_code == 0, result.output
    assert "Retention: deleted 1 spam; 0 file(s) unlinked." in result.output
    assert db_session.get(Tip, old.id) is None
    assert db_session.get(Tip, fresh.id) is not None


def test_a_bad_setting_is_one_line(
    cli_runner: Any, instance_dir: Path, base_config: dict[str, Any]
) -> None:
    use_instance_config(instance_dir, {**base_config, "RETENTION_SPAM_DAYS": "soon"})
    result = cli_runner.invoke(cli, ["maintenance", "retention"])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        "Error: configuration: RETENTION_SPAM_DAYS must be empty (keep forever) or 1 to 36500 days"
    ]
